"""``lambdatui invoke FUNCTION[:QUALIFIER]``: invoke once, the payload on stdout.

The payload comes from ``--payload JSON``, ``--file PATH`` (``-`` for stdin) or a saved event
(``--event NAME``: the function's own events first, then the shared ones); ``{}`` by default.
With ``--log``, the log tail and the REPORT figures go to stderr. Exit status: 0 success,
1 a function error (its error document is still printed), 2 a usage or AWS error (one line).

Like the TUI, the call is made once and never retried, with a read timeout longer than any
function's timeout (900 s) plus a margin; a response that does not come is reported, not
re-sent. This twin is a whole process per call, so it uses botocore's synchronous client
(aiobotocore and aiohttp would double its start-up time) and imports only what it needs.
"""

from __future__ import annotations

import argparse
import sys
import time

from . import EXIT_FAILED, EXIT_OK
from ._common import fail

#: typing's own constant without importing typing (~5 ms): ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..aws.invoke_gateway import InvokeResult
    from ..aws.target import Target

HELP = "invoke a function once; its response on stdout (--log: log tail and REPORT on stderr)"
TYPES = ("RequestResponse", "Event", "DryRun")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", metavar="FUNCTION[:QUALIFIER]", help="name or ARN")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--event", metavar="NAME", help="a saved test event")
    source.add_argument("--payload", metavar="JSON", help="the payload itself")
    source.add_argument("--file", metavar="PATH", help="read the payload from PATH (- = stdin)")
    parser.add_argument("--type", choices=TYPES, default="RequestResponse", dest="invocation_type")
    parser.add_argument(
        "--log", action="store_true", help="print the log tail and REPORT figures on stderr"
    )
    parser.add_argument(
        "--tenant-id",
        metavar="ID",
        help="the tenant to invoke a tenant-isolated function for (sent as TenantId)",
    )


def split_function(text: str) -> tuple[str, str | None]:
    """'name:live' → ('name', 'live'); a function ARN keeps its name (and qualifier)."""
    if text.startswith("arn:"):
        parts = text.split(":")
        if len(parts) >= 7 and parts[5] == "function":
            return ":".join(parts[:7]), (parts[7] if len(parts) > 7 and parts[7] else None)
        return text, None
    name, _, qualifier = text.partition(":")
    return name, qualifier or None


def _short_name(function: str) -> str:
    return function.split(":")[6] if function.startswith("arn:") else function


def _payload(args: argparse.Namespace, function: str) -> tuple[str, str]:
    """(payload text, event name); ValueError with the message for the user."""
    if args.payload is not None:
        return args.payload, ""
    if args.file is not None:
        try:
            if args.file == "-":
                return sys.stdin.read(), ""
            with open(args.file, encoding="utf-8") as handle:
                return handle.read(), ""
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read {args.file}: {exc}") from None
    if args.event is not None:
        from ..store.events import SHARED, EventLibrary, EventStoreError

        library = EventLibrary()
        for group in (_short_name(function), SHARED):
            try:
                event = library.load(group, args.event)
            except (EventStoreError, KeyError, FileNotFoundError):
                continue
            _touch(library, group, args.event)
            return event.payload, args.event
        raise ValueError(f"no saved event {args.event!r} for {_short_name(function)} or shared")
    return "{}", ""


def _touch(library: Any, group: str, name: str) -> None:
    """Mark the saved event as used now (best effort: the invocation matters more)."""
    from datetime import UTC, datetime

    try:
        library.touch(group, name, datetime.now(UTC))
    except Exception as exc:
        print(f"lambdatui: could not mark the event as used: {exc}", file=sys.stderr)


def _client(target: Target, read_timeout: float) -> Any:
    import botocore.session
    from botocore.config import Config

    session = botocore.session.Session(profile=target.profile)
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=5,
        read_timeout=read_timeout,
        user_agent_extra="lambdatui",
    )
    return session.create_client(
        "lambda",
        region_name=target.region,
        endpoint_url=target.endpoint_for("lambda"),
        verify=target.ca_bundle or None,
        config=config,
    )


def run(args: argparse.Namespace, target: Target) -> int:
    from ..aws import errors
    from ..aws.invoke_gateway import (
        MAX_FUNCTION_TIMEOUT_S,
        invoke_params,
        not_received,
        read_timeout_for,
        reply_lost,
        result_from_reply,
    )

    function, qualifier = split_function(args.function)
    try:
        text, event_name = _payload(args, function)
    except ValueError as exc:
        return fail(str(exc))
    from ..aws.payload import json_error

    where = json_error(text)
    if where:
        return fail(f"the payload is not JSON ({where}); nothing was sent")
    if target.read_only and args.invocation_type != "DryRun":
        print(
            "lambdatui: --read-only: invoking runs the function's code; only --type DryRun "
            "(a permission check) is allowed",
            file=sys.stderr,
        )
        return EXIT_FAILED
    read_timeout = read_timeout_for(MAX_FUNCTION_TIMEOUT_S)
    try:
        params = invoke_params(
            function,
            qualifier,
            text.encode(),
            args.invocation_type,
            None,
            args.log,
            args.tenant_id,
        )
        client = _client(target, read_timeout)
        started = time.perf_counter()
        try:
            reply = client.invoke(**params)
        except Exception as exc:
            if qualifier is not None or not _refused_unqualified_durable(exc):
                raise
            # refused before it ran, so sending it again runs it once: as the TUI does,
            # a durable function is invoked as $LATEST when no qualifier is given
            print(
                f"lambdatui: {_short_name(function)} is a durable function, which Lambda "
                "invokes only qualified: invoking $LATEST",
                file=sys.stderr,
            )
            params["Qualifier"] = "$LATEST"
            started = time.perf_counter()
            reply = client.invoke(**params)
        data = reply["Payload"].read() if "Payload" in reply else b""
        result = result_from_reply(params, reply, data, (time.perf_counter() - started) * 1000)
    except errors.GatewayError as exc:
        return fail(str(exc))
    except Exception as exc:
        error = errors.translate(exc, service="lambda", operation="Invoke", profile=target.profile)
        error.__cause__ = exc
        if isinstance(error, errors.TimedOut):
            error = not_received(function, read_timeout)
        return fail(str(reply_lost(function, error) or error))
    _remember(target, result, event_name, text, args.tenant_id or "")
    return _print(result, args, client)


def _refused_unqualified_durable(exc: Exception) -> bool:
    """Lambda's refusal of an unqualified durable function (400, before anything ran)."""
    error = (getattr(exc, "response", None) or {}).get("Error", {})  # None: no reply came
    return error.get(
        "Code"
    ) == "InvalidParameterValueException" and "durable function using an unqualified" in str(
        error.get("Message", "")
    )


def _print(result: InvokeResult, args: argparse.Namespace, client: Any) -> int:
    out = sys.stdout.buffer
    if result.payload:
        payload = result.payload
        if sys.stdout.isatty():  # shown, not piped: no escape sequence reaches the terminal
            from ..sanitize import clean

            payload = clean(payload.decode("utf-8", "replace")).encode()
        out.write(payload)
        if not payload.endswith(b"\n"):
            out.write(b"\n")
        out.flush()
    if result.invocation_type == "Event":
        print(f"accepted ({result.status_code}), request id {result.request_id}", file=sys.stderr)
    elif result.invocation_type == "DryRun":
        print(f"DryRun: permitted ({result.status_code}); nothing ran", file=sys.stderr)
    if args.log:
        _print_log(result, client)
    if result.function_error:
        error = result.error
        kind = f"{result.function_error} error"
        from ..sanitize import one_line

        detail = f": {' '.join(error.headline.split())}" if error and error.headline else ""
        print(f"lambdatui: {kind}{one_line(detail, 500)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _print_log(result: InvokeResult, client: Any) -> None:
    from ..aws.report import format_cost
    from ..sanitize import clean

    if result.log_tail:
        sys.stderr.write(clean(result.log_tail))
        if not result.log_tail.endswith("\n"):
            sys.stderr.write("\n")
        if result.tail_cut:
            print("(the log tail is cut to its last 4 KB)", file=sys.stderr)
    report = result.report
    if report is None:
        return
    architecture = _architecture(client, result)
    parts = [
        f"duration {report.duration_ms:.2f} ms",
        f"billed {report.billed_ms} ms",
        f"memory {report.max_memory_mb}/{report.memory_mb} MB",
    ]
    if report.init_ms is not None:
        parts.append(f"init {report.init_ms:.2f} ms (cold start)")
    parts.append(f"cost {format_cost(report.cost(architecture))} ({architecture})")
    print("REPORT " + " · ".join(parts), file=sys.stderr)


def _architecture(client: Any, result: InvokeResult) -> str:
    """The executed version's architecture (for the price); x86_64 if it cannot be read."""
    try:
        config = client.get_function_configuration(
            FunctionName=result.function, Qualifier=result.executed_version or "$LATEST"
        )
        return str((config.get("Architectures") or ["x86_64"])[0])
    except Exception:
        return "x86_64"


def _remember(
    target: Target, result: InvokeResult, event_name: str, payload: str, tenant_id: str
) -> None:
    """Add this invocation to the function's history (shared with the TUI); best effort."""
    try:
        from datetime import UTC, datetime

        from ..store.history import HistoryEntry, InvocationHistory

        report = result.report
        status = result.function_error or str(result.status_code)
        InvocationHistory(scope=target.cache_key).record(
            HistoryEntry(
                when=datetime.now(UTC),
                function=_short_name(result.function),
                qualifier=result.qualifier or "$LATEST",
                invocation_type=result.invocation_type,
                status=status,
                duration_ms=report.duration_ms if report else None,
                request_id=result.request_id,
                event_name=event_name,
                payload=payload,
                tenant_id=tenant_id,
            )
        )
    except Exception as exc:  # the history is a convenience: never fail the invocation
        print(f"lambdatui: could not record the history: {exc}", file=sys.stderr)
