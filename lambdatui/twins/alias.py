"""``lambdatui alias``: create, update or delete a function's alias.

    lambdatui alias FUNCTION NAME [--version V] [--weight V2=0.1] [--description TEXT]
                                  [--delete] [--yes]

Without the alias, it is created (``--version`` needed); with it, what is given changes and
the rest stays (``--weight none`` removes the weighted routing); ``--delete`` deletes it. It
says on stderr what the alias is now and what it would become, asks on a terminal (the
function's name typed on production accounts) or goes on with ``--yes``, and sends the change
with the alias's RevisionId (someone else's change in between: nothing is overwritten, exit 2).
Weights Lambda would refuse are refused before anything is sent. The change is journaled.
stdout gets the alias as it now is (or that it was deleted); with nothing to change, the alias
as it is.

Exit status: 0 done (or nothing to change), 1 refused or aborted (no confirmation,
read-only), 2 a usage or AWS error.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_FAILED, EXIT_OK
from ._common import fail, run_with_gateway

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..aws.gateway import Gateway
    from ..aws.qualifier_records import AliasRecord
    from ..aws.target import Target

HELP = "create, update or delete an alias (current → new shown, confirmed, journaled)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", metavar="FUNCTION", help="name or ARN")
    parser.add_argument("name", metavar="NAME", help="the alias")
    parser.add_argument(
        "--version", dest="target_version", metavar="V", help="the version it points at"
    )
    parser.add_argument(
        "--weight",
        metavar="V2=W",
        help="route the share W (0 < W < 1) to version V2; 'none' removes the routing",
    )
    parser.add_argument("--description", help="the alias's description")
    parser.add_argument("--delete", action="store_true", help="delete the alias")
    parser.add_argument("--yes", action="store_true", help="change without asking")


def parse_weight(text: str | None) -> dict[str, float] | None:
    """'5=0.1' → {'5': 0.1}; 'none' → {}; None → None. ValueError when it is neither."""
    if text is None:
        return None
    if text.strip().lower() == "none":
        return {}
    version, sep, weight = text.partition("=")
    if not sep or not version.strip():
        raise ValueError(f"--weight {text!r}: give VERSION=WEIGHT, e.g. 5=0.1, or none")
    try:
        return {version.strip(): float(weight)}
    except ValueError:
        raise ValueError(f"--weight {text!r}: {weight!r} is not a number") from None


def run(args: argparse.Namespace, target: Target) -> int:
    try:
        routing = parse_weight(args.weight)
    except ValueError as exc:
        return fail(f"alias: {exc}")
    changes = (args.target_version, args.description, routing)
    if args.delete and any(value is not None for value in changes):
        return fail("alias: --delete takes no --version, --weight or --description")
    return run_with_gateway(target, lambda gateway: _alias(args, target, gateway, routing))


async def _alias(
    args: argparse.Namespace, target: Target, gateway: Gateway, routing: dict[str, float] | None
) -> int:
    from ..aws.errors import NotFound, ReadOnlyRefused
    from ..store import release_journal as rj
    from ._release import print_alias

    function, name = args.function, args.name
    try:
        current: AliasRecord | None = await gateway.read_alias(function, name)
    except NotFound:
        current = None
    if current is None and (args.delete or args.target_version is None):
        what = "to delete" if args.delete else "; give --version to create it"
        return fail(f"alias: {function} has no alias {name} {what}")
    wanted = _wanted(args, current, routing)
    if not args.delete:
        from ..aws.release import check_routing

        check_routing(name, wanted.function_version, routing)  # before anything is shown
    if current is not None and not args.delete and _same(current, wanted):
        print(f"lambdatui: alias: nothing to change in {name}", file=sys.stderr)
        print_alias(current)
        return EXIT_OK
    _show(function, name, current, None if args.delete else wanted)
    from ._release import ask, journal

    if not await ask(args, target, gateway, function, "alias"):
        return EXIT_FAILED
    try:
        if args.delete:
            await gateway.delete_alias(function, name)
            journal("alias", target, function, rj.DELETE_ALIAS, name, current, None)
            print(f"alias        {name}: deleted")
            return EXIT_OK
        if current is None:
            after = await gateway.create_alias(
                function, name, wanted.function_version, wanted.description, routing
            )
            action = rj.CREATE_ALIAS
        else:
            after = await gateway.update_alias(
                function,
                name,
                version=args.target_version,
                description=args.description,
                routing=routing,
                revision_id=current.revision_id,
            )
            action = rj.UPDATE_ALIAS
    except ReadOnlyRefused as exc:
        print(f"lambdatui: alias: not changed: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_FAILED
    journal("alias", target, function, action, name, current, after)
    print_alias(after)
    return EXIT_OK


def _wanted(
    args: argparse.Namespace, current: AliasRecord | None, routing: dict[str, float] | None
) -> AliasRecord:
    """The alias as it would be after the change (what is not given stays)."""
    from ..aws.qualifier_records import AliasRecord

    weights = tuple(sorted(routing.items())) if routing is not None else None
    return AliasRecord(
        name=args.name,
        function_version=args.target_version or (current.function_version if current else ""),
        description=(
            args.description
            if args.description is not None
            else (current.description if current else "")
        ),
        arn="",
        additional_weights=(
            weights if weights is not None else (current.additional_weights if current else ())
        ),
    )


def _same(a: AliasRecord, b: AliasRecord) -> bool:
    return (a.function_version, a.description, a.additional_weights) == (
        b.function_version,
        b.description,
        b.additional_weights,
    )


def _show(
    function: str, name: str, current: AliasRecord | None, wanted: AliasRecord | None
) -> None:
    from ..sanitize import one_line
    from ._release import routing_text

    say = sys.stderr
    print(one_line(f"{function}: alias {name}"), file=say)
    print(one_line(f"  routing      {routing_text(current)} → {routing_text(wanted)}"), file=say)
    if current is not None and wanted is not None and current.description != wanted.description:
        print(
            one_line(f"  description  {current.description or '-'} → {wanted.description or '-'}"),
            file=say,
        )
    elif wanted is not None and current is None and wanted.description:
        print(one_line(f"  description  {wanted.description}"), file=say)
