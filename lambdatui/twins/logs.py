"""``lambdatui logs FUNCTION[:QUALIFIER]``: print a function's log lines, or follow them.

The same log group and stream narrowing as the logs pane (LoggingConfig's group; a shared
custom group narrowed to the function's streams; a version or alias to its versions'
streams). Lines are sanitised: no terminal control sequence in a log line reaches the
terminal. ``--json`` prints one JSON object per line (ASCII only, so nothing in it is
interpreted either). Without ``--follow`` it prints the lines since ``--since`` (default
10m) and exits; with it, it keeps following until Ctrl-C (exit 130, no traceback).
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from . import EXIT_ERROR, EXIT_OK
from ._common import fail, run_with_gateway

#: typing's own constant without importing typing (~5 ms): ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..aws.gateway import Gateway
    from ..aws.log_records import LogLine
    from ..aws.target import Target

#: A line's first word, bare or in brackets (``REPORT``, ``[ERROR]``), and what separates it.
_LEADING_WORD = re.compile(r"^\[?(?P<word>[A-Za-z_]+)\]?(?:[ \t:]+|$)")

HELP = "print or follow a function's log lines (Live Tail, or polling when unavailable)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "function", metavar="FUNCTION[:QUALIFIER]", help="name or ARN[:version|alias]"
    )
    parser.add_argument(
        "--since",
        default=None,
        help="start at: 10m, 1h, 1d (ago), a time (2026-11-24 06:00) or 'live' (default: 10m; "
        "with --follow: live)",
    )
    parser.add_argument("--follow", "-f", action="store_true", help="keep printing new lines")
    parser.add_argument(
        "--filter",
        default="",
        metavar="PATTERN",
        help="a CloudWatch Logs filter pattern, applied by the service (e.g. ERROR)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--mode",
        choices=("auto", "live", "polling"),
        default="auto",
        help="follow with Live Tail (live), FilterLogEvents polling, or Live Tail if permitted",
    )


def split_function(value: str) -> tuple[str, str | None]:
    """'name:alias' → ('name', 'alias'); an ARN keeps its own colons."""
    if value.startswith("arn:"):
        parts = value.split(":")
        if len(parts) == 8:
            return ":".join(parts[:7]), parts[7]
        return value, None
    name, _, qualifier = value.partition(":")
    return name, qualifier or None


def _format(line: LogLine, as_json: bool) -> str:
    from datetime import UTC, datetime

    from ..aws.log_lines import parse
    from ..aws.log_records import short_stream
    from ..cells import pad
    from ..sanitize import clean

    moment = datetime.fromtimestamp(line.timestamp / 1000, UTC)
    when = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{line.timestamp % 1000:03d}Z"
    parsed = parse(line.message)
    if as_json:
        record: dict[str, Any] = {
            "timestamp": when,
            "stream": line.stream,
            "message": line.message,
        }
        if parsed.level:
            record["level"] = parsed.level
        if parsed.request_id:
            record["requestId"] = parsed.request_id
        if line.event_id:
            record["eventId"] = line.event_id
        import json

        return json.dumps(record, ensure_ascii=True)  # every control character escaped
    label = parsed.level or {"start": "START", "end": "END", "report": "REPORT"}.get(
        parsed.kind, ""
    )
    text = clean(_without_label(line.message, label)).expandtabs(4)
    return f"{when} {pad(clean(short_stream(line.stream)), 14)} {label:<6} {text}"


def _without_label(message: str, label: str) -> str:
    """The message without its first word when the label column already says it: the kind
    or level once (``REPORT RequestId: …``, the Python runtime's ``[ERROR]``), not twice."""
    from ..aws.log_lines import normalise_level

    match = _LEADING_WORD.match(message)
    if match is None or not label:
        return message
    word = match["word"]
    if word == label or normalise_level(word) == label:
        return message[match.end() :]
    return message


def run(args: argparse.Namespace, target: Target) -> int:
    from ..aws.log_records import parse_since

    name, qualifier = split_function(args.function)
    default = "live" if args.follow else "10m"
    try:
        since = parse_since(args.since or default, int(time.time() * 1000))
    except ValueError as exc:
        return fail(str(exc))

    async def work(gateway: Gateway) -> int:
        scope = await gateway.log_scope(name, qualifier)
        out = sys.stdout
        if not args.follow:
            if scope.group_arn is None:
                return fail(f"no log group yet: {scope.group} (the function has not logged)")
            start = since if since is not None else int(time.time() * 1000) - 600_000
            for line in await gateway.filter_lines(scope, start, None, args.filter):
                out.write(_format(line, args.json) + "\n")
            out.flush()
            return EXIT_OK
        said = ""
        async for batch in gateway.follow(
            scope, since_ms=since, pattern=args.filter, mode=args.mode
        ):
            # The mode when it is not the one asked for (and why), and what is going on.
            note = "; ".join(
                part for part in (batch.reason and batch.mode_text(), batch.status) if part
            )
            if note != said:
                said = note
                if note:
                    print(f"lambdatui: {' '.join(note.split())}", file=sys.stderr)
            for line in batch.lines:
                out.write(_format(line, args.json) + "\n")
            out.flush()
        return EXIT_OK

    try:
        return run_with_gateway(target, work)
    except BrokenPipeError:  # `| head`: the reader has all it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return EXIT_OK
    except OSError as exc:
        return fail(str(exc)) or EXIT_ERROR
