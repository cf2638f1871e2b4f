"""``lambdatui events list|show|save|delete``: the saved test events, from the shell.

The local library is the one the TUI uses (``store/events.py``: one JSON file per event under
the user data dir, per function plus a shared group); ``--shared`` picks the shared group.
``--remote`` works on the function's shareable events in the account instead (the console's
EventBridge Schemas registry ``lambda-testevent-schemas``).

``show`` prints just the payload, so it pipes into ``lambdatui invoke --file -``. Exit status:
0 done, 1 refused (no such event, the name is taken by a file that is not an event, read-only),
2 a usage or AWS error, as one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from . import EXIT_FAILED, EXIT_OK
from ._common import add_target_flags, fail

#: typing's own constant without importing typing (~5 ms): ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..aws.gateway import Gateway
    from ..aws.target import Target
    from ..store.events import EventLibrary, SavedEvent

HELP = "list, show, save or delete saved test events (--remote: the console's shareable ones)"


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, *, needs_name: bool = True) -> argparse.ArgumentParser:
        sub = actions.add_parser(
            name, help=help_text, description=help_text, formatter_class=parser.formatter_class
        )
        add_target_flags(sub, suppress=True)  # also after the action
        sub.add_argument("function", metavar="FUNCTION", help="function name or ARN")
        if needs_name:
            sub.add_argument("name", metavar="NAME", help="event name")
        scope = sub.add_mutually_exclusive_group()
        scope.add_argument(
            "--shared", action="store_true", help="the local events shared by every function"
        )
        scope.add_argument(
            "--remote",
            action="store_true",
            help="the function's shareable events in the account (as the console saves them)",
        )
        return sub

    action("list", "list the function's events, then the shared ones", needs_name=False)
    action("show", "print an event's payload")
    save = action("save", "save (or replace) an event")
    source = save.add_mutually_exclusive_group(required=True)
    source.add_argument("--payload", metavar="JSON", help="the payload itself")
    source.add_argument("--file", metavar="PATH", help="read the payload from PATH (- = stdin)")
    source.add_argument(
        "--template", metavar="ID", help="start from a template (an unknown ID lists them)"
    )
    save.add_argument("--description", metavar="TEXT", default="", help="a note on the event")
    action("delete", "delete an event")


def function_name(text: str) -> str:
    """Events belong to a function, not a version: 'orders-api:live' or an ARN → 'orders-api'."""
    if text.startswith("arn:"):
        parts = text.split(":")
        return parts[6] if len(parts) >= 7 else text
    return text.partition(":")[0]


def _line(text: str) -> str:
    from ..sanitize import one_line

    return one_line(text)


#: The local library needs no AWS target; only --remote does (cli passes None without one).
TARGET_OPTIONAL = True


def run(args: argparse.Namespace, target: Target | None) -> int:
    function = function_name(args.function)
    if not function:
        return fail("a function name is required")
    if args.action == "save":
        try:
            payload = _read_payload(args)
        except ValueError as exc:
            return fail(str(exc))
    else:
        payload = ""
    if args.remote:
        if target is None:
            return fail("no AWS region for --remote: pass --region or set AWS_REGION")
        return _remote(args, target, function, payload)
    return _local(args, function, payload)


def _read_payload(args: argparse.Namespace) -> str:
    """The payload to save; ValueError (the message) when unreadable or not JSON."""
    if getattr(args, "template", None) is not None:
        from ..store.templates import TEMPLATES

        for template in TEMPLATES:
            if template.id == args.template:
                return template.payload
        ids = ", ".join(t.id for t in TEMPLATES)
        raise ValueError(f"no template {args.template!r}; the templates are: {ids}")
    if args.payload is not None:
        text, source = args.payload, "--payload"
    else:
        source = "stdin" if args.file == "-" else args.file
        try:
            if args.file == "-":
                text = sys.stdin.read()
            else:
                with open(args.file, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read {args.file}: {exc}") from None
    from ..aws.payload import json_error

    problem = json_error(text)
    if problem:
        raise ValueError(f"{source} is not valid JSON: {problem}")
    return str(text)  # the bytes given are the bytes sent: never re-indented, nor trimmed


# -- the local library --------------------------------------------------------------------


def _local(args: argparse.Namespace, function: str, payload: str) -> int:
    from ..store.events import SHARED, EventLibrary, EventStoreError, SavedEvent

    library = EventLibrary()
    group = SHARED if args.shared else function
    try:
        if args.action == "list":
            if args.shared:
                events, corrupt = library.list_group(SHARED)
            else:
                events, corrupt = library.list(function)
            for bad in corrupt:
                print(f"lambdatui: skipped {bad.path}: {_line(bad.reason)}", file=sys.stderr)
            _print_table(events)
        elif args.action == "show":
            event = _find(library, function, args.name, shared_only=args.shared)
            sys.stdout.write(event.payload.rstrip("\n") + "\n")
        elif args.action == "save":
            old = None
            with contextlib.suppress(EventStoreError):
                old = library.load(group, args.name)
            description = args.description or (old.description if old else "")
            last_used = old.last_used if old else None
            path = library.save(SavedEvent(args.name, payload, group, description, last_used))
            verb = "replaced" if old else "saved"
            print(f"{verb} {_line(args.name)} in {path}", file=sys.stderr)
            _warn_fit(payload)
        elif args.action == "delete":
            event = _find(library, function, args.name, shared_only=args.shared)
            library.delete(event.group, event.name)
            where = "shared events" if event.group == SHARED else f"events of {function}"
            print(f"deleted {_line(event.name)} from the {where}", file=sys.stderr)
    except EventStoreError as exc:
        fail(str(exc))
        return EXIT_FAILED
    return EXIT_OK


def _warn_fit(payload: str) -> None:
    """Say so when the saved payload cannot be sent with every invocation type."""
    from ..aws.payload import fit_warning

    warning = fit_warning(len(payload.encode()))
    if warning:
        print(f"lambdatui: warning: {warning}", file=sys.stderr)


def _find(library: EventLibrary, function: str, name: str, *, shared_only: bool) -> SavedEvent:
    """The function's own event ``name``, else the shared one (only shared with --shared)."""
    from ..store.events import SHARED, EventStoreError

    if not shared_only:
        try:
            return library.load(function, name)
        except EventStoreError:
            pass
    return library.load(SHARED, name)


def _print_table(events: list[SavedEvent]) -> None:
    from ..store.events import SHARED

    rows = [
        (
            _line(event.name),
            "shared" if event.group == SHARED else "function",
            event.last_used.strftime("%Y-%m-%d %H:%M UTC") if event.last_used else "-",
            _line(event.description),
        )
        for event in events
    ]
    _emit(("NAME", "SCOPE", "LAST USED", "DESCRIPTION"), rows)


def _emit(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    if not rows:
        return
    from ..cells import cell_len, pad

    table = [header, *rows]
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


# -- the shareable events in the account --------------------------------------------------


def _remote(args: argparse.Namespace, target: Target, function: str, payload: str) -> int:
    from ..aws import errors
    from ._common import run_with_gateway

    async def work(gateway: Gateway) -> int:
        try:
            if args.action == "list":
                events = await gateway.list_shared_events(function)
                _emit(("NAME", "SCOPE"), [(_line(e.name), "shareable") for e in events])
            elif args.action == "show":
                found = [
                    e for e in await gateway.list_shared_events(function) if e.name == args.name
                ]
                if not found:
                    fail(f"{function} has no shareable event named {args.name!r}.")
                    return EXIT_FAILED
                sys.stdout.write(found[0].payload + "\n")
            elif args.action == "save":
                await gateway.put_shared_event(function, args.name, payload)
                print(
                    f"saved {_line(args.name)} as a shareable event of {function}", file=sys.stderr
                )
                _warn_fit(payload)
            elif args.action == "delete":
                await gateway.delete_shared_event(function, args.name)
                print(f"deleted the shareable event {_line(args.name)}", file=sys.stderr)
        except (errors.ReadOnlyRefused, errors.NotFound) as exc:
            fail(str(exc))
            return EXIT_FAILED
        except errors.EndpointPage as exc:  # an endpoint without the Schemas API
            return fail(f"shareable events not available: {exc.message}")
        return EXIT_OK

    return run_with_gateway(target, work)
