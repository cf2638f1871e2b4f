"""``lambdatui publish``: publish what is on $LATEST as a new version.

    lambdatui publish FUNCTION [--description TEXT] [--yes]

It reads $LATEST's CodeSha256 and RevisionId, says on stderr what would be published, asks on
a terminal (the function's name typed on production accounts) or goes on with ``--yes``, and
publishes with both: if the function changed in between, nothing is published (exit 2, saying
what changed). The version is followed until Active and journaled (undone by deleting it while
no alias routes to it). stdout gets the new version's number and nothing else, for scripts:
``v=$(lambdatui publish orders --yes)``.

Exit status: 0 published, 1 refused or aborted (no confirmation, read-only), 2 a usage or AWS
error (unknown function, a change meanwhile).
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_FAILED, EXIT_OK
from ._common import fail, run_with_gateway

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..aws.gateway import Gateway
    from ..aws.target import Target

HELP = "publish $LATEST as a new version (guarded by the code seen, confirmed, journaled)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", metavar="FUNCTION", help="name or ARN ($LATEST is published)")
    parser.add_argument("--description", default="", help="the version's description")
    parser.add_argument("--yes", action="store_true", help="publish without asking")


def run(args: argparse.Namespace, target: Target) -> int:
    from .logs import split_function

    if split_function(args.function)[1]:
        return fail("publish: $LATEST is published: give the function without a qualifier")
    return run_with_gateway(target, lambda gateway: _publish(args, target, gateway))


async def _publish(args: argparse.Namespace, target: Target, gateway: Gateway) -> int:
    from ..aws.errors import ReadOnlyRefused
    from ..sanitize import one_line
    from ..store.release_journal import PUBLISH
    from ._release import ask, journal

    info = await gateway.function_code(args.function)
    name = info.function or args.function
    say = sys.stderr
    print(one_line(f"{name}: publish $LATEST as a new version"), file=say)
    print(f"  code      SHA-256 {info.sha256}", file=say)
    print(one_line(f"  revision  {info.revision_id or '-'}"), file=say)
    if args.description:
        print(one_line(f"  description  {args.description}"), file=say)
    if not await ask(args, target, gateway, name, "publish"):
        return EXIT_FAILED
    try:
        published = await gateway.publish_version(
            name,
            args.description,
            info.sha256,
            info.revision_id,
            lambda line: print(f"  {line}", file=say),
        )
    except ReadOnlyRefused as exc:
        print(f"lambdatui: publish: not published: {' '.join(str(exc).split())}", file=say)
        return EXIT_FAILED
    if published.new:
        journal("publish", target, name, PUBLISH, published.version)
    else:
        print(f"  $LATEST is unchanged since version {published.version}: none published", file=say)
    if published.recovered:
        print("  (the reply was lost; the version was found by reading back)", file=say)
    print(published.version)
    return EXIT_OK
