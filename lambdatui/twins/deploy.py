"""``lambdatui deploy``: deploy a folder or a .zip as a function's code, from the command line.

    lambdatui deploy FUNCTION PATH [--publish] [--yes]
    lambdatui deploy FUNCTION --undo [--yes]

A folder is zipped deterministically (``.git/``, ``__pycache__/``, ``*.pyc`` and ``.DS_Store``
left out, plus the config's ``[code] exclude``), so the same folder gives the same SHA-256; a
``.zip`` is sent as it is. A package over Lambda's 50 MB direct-upload limit is refused before
anything is read from AWS, naming the S3 route. Then it prints the package's size and SHA-256
and the files added, removed and changed against what is deployed (downloaded into the package
cache), and asks on a terminal, or deploys at once with ``--yes``; without ``--yes`` and
without a terminal on stdin it refuses. UpdateFunctionCode goes with the RevisionId read before
the question (someone else's change meanwhile: nothing is deployed), is followed until Lambda
reports it Successful (or Failed, with its reason), and ``--publish`` then publishes a version
of exactly that code. The deploy is journaled; both packages stay in the cache.

``--undo`` redeploys the package that was deployed before the function's last journaled deploy,
from the package cache, after the same question; it says so when that package is not in the
cache, or when someone deployed since.

Exit status: 0 deployed (or already deployed), 1 refused or aborted (no confirmation,
read-only), 2 a usage or AWS error: unknown function, missing path, a package too large or
not matching its hash, a function changed by someone else meanwhile.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_FAILED, EXIT_OK
from ._common import confirmed, fail, run_with_gateway

#: typing's own constant without importing typing: ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..aws.code import CodeInfo, Deployed
    from ..aws.gateway import Gateway
    from ..aws.target import Target
    from ..code.source import Source
    from ..store.code_cache import CodeCache

HELP = "deploy a folder or .zip as a function's code (diff shown, confirmed, journaled)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", metavar="FUNCTION", help="name or ARN ($LATEST is deployed)")
    parser.add_argument("path", metavar="PATH", nargs="?", help="a folder or a .zip package")
    parser.add_argument(
        "--publish", action="store_true", help="publish a version of the deployed code"
    )
    parser.add_argument(
        "--undo",
        action="store_true",
        help="redeploy the package from before the last journaled deploy (from the cache)",
    )
    parser.add_argument("--yes", action="store_true", help="deploy without asking")


def _source(args: argparse.Namespace) -> Source:
    """The package named by PATH, checked against the direct-upload limit (ArchiveError)."""
    from ..code.source import load_source

    config = getattr(args, "config", None)
    return load_source(str(args.path), getattr(config, "code_exclude", ()))


def run(args: argparse.Namespace, target: Target) -> int:
    from ._code import cache_for
    from .logs import split_function

    if split_function(args.function)[1]:
        return fail("deploy: code is deployed to $LATEST: give the function without a qualifier")
    if args.undo == bool(args.path):
        return fail("deploy: give either PATH or --undo")
    cache = cache_for(args)
    if args.undo:
        return run_with_gateway(target, lambda gateway: _undo(args, target, gateway, cache))
    from ..code.archive import ArchiveError

    try:
        source = _source(args)
    except (ArchiveError, OSError) as exc:
        return fail(f"deploy: {exc}")
    for shown, why in source.packed.skipped if source.packed else ():
        print(f"lambdatui: deploy: left out {shown!r}: {why}", file=sys.stderr)
    return run_with_gateway(target, lambda gateway: _deploy(args, target, gateway, cache, source))


async def _deploy(
    args: argparse.Namespace, target: Target, gateway: Gateway, cache: CodeCache, source: Source
) -> int:
    from ..code.archive import ArchiveError
    from ..sanitize import one_line
    from ._code import Refused, deployed_code

    name = args.function
    try:
        info = await deployed_code(gateway, name, None)
    except Refused as exc:
        return fail(f"deploy: {exc}")
    print(one_line(f"{info.function}: deploy {source.origin}"))
    print(f"  package   {len(source.data):>12,} bytes  SHA-256 {source.sha256}")
    print(f"  deployed  {info.size:>12,} bytes  SHA-256 {info.sha256}")
    try:
        await _print_changes(gateway, cache, info, source)
    except ArchiveError as exc:
        return fail(f"deploy: {exc}")
    if source.sha256 == info.sha256:
        print(one_line(f"{info.function}: this package is deployed already; nothing to do"))
        return EXIT_OK
    if not await _confirmed(args, target, gateway, info.function, "Deploy"):
        return EXIT_FAILED
    deployed = await _send(
        gateway, info.function, source.data, info.revision_id, info.sha256, args.publish
    )
    if deployed is None:
        return EXIT_FAILED
    from ..store.code_deploy import remember_deploy

    for problem in remember_deploy(cache, target, deployed, source.data):
        print(f"lambdatui: deploy: {problem}", file=sys.stderr)
    _done(deployed)
    return EXIT_OK


async def _print_changes(
    gateway: Gateway, cache: CodeCache, info: CodeInfo, source: Source
) -> None:
    """The files added, removed and changed against the deployed package; when that package
    cannot be read (an endpoint that does not serve its code links, a full disk), says why
    and goes on without them: the deploy itself does not need them. ArchiveError for a new
    package that is not a zip."""
    from ..aws.errors import GatewayError
    from ..code.archive import Package
    from ..code.diff import compare_packages
    from ..sanitize import one_line
    from ._code import package_of, print_summary

    try:
        current = await package_of(gateway, cache, info)
    except (GatewayError, OSError) as exc:
        print(one_line(f"  files not compared: the deployed package could not be read: {exc}"))
        with Package(source.data) as new:
            print(f"  {len(new.files):,} files in the package")
        return
    with Package(current) as old, Package(source.data) as new:
        print_summary(compare_packages(old, new))


async def _undo(
    args: argparse.Namespace, target: Target, gateway: Gateway, cache: CodeCache
) -> int:
    from ..sanitize import one_line
    from ..store.code_undo import apply_undo, plan_undo

    try:
        plan = await plan_undo(gateway, target, args.function, cache)
    except OSError as exc:
        return fail(f"deploy: could not read the change journal: {exc}")
    if not plan.possible or plan.deploy is None or plan.current is None:
        return fail(f"deploy: not undone: {plan.problem}")
    print(one_line(f"{plan.function}: undo the deploy of {plan.deploy.time}"))
    print(f"  redeploy  SHA-256 {plan.deploy.before_sha256} (from the package cache)")
    print(f"  over      SHA-256 {plan.current.sha256}")
    if not await _confirmed(args, target, gateway, plan.function, "Redeploy"):
        return EXIT_FAILED
    from ..aws.errors import ReadOnlyRefused

    try:
        deployed, note = await apply_undo(gateway, target, plan, _progress)
    except ReadOnlyRefused as exc:
        print(f"lambdatui: deploy: not deployed: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_FAILED
    if note:
        print(f"lambdatui: deploy: {note}", file=sys.stderr)
    _done(deployed)
    return EXIT_OK


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr)


async def _send(
    gateway: Gateway, name: str, data: bytes, revision_id: str, previous: str, publish: bool
) -> Deployed | None:
    """The deploy; None (said on stderr) when read-only refused it."""
    from ..aws.errors import ReadOnlyRefused

    try:
        return await gateway.deploy_code(
            name, data, revision_id, publish, previous_sha256=previous, on_status=_progress
        )
    except ReadOnlyRefused as exc:
        print(f"lambdatui: deploy: not deployed: {' '.join(str(exc).split())}", file=sys.stderr)
        return None


def _done(deployed: Deployed) -> None:
    from ..sanitize import one_line

    published = f", version {deployed.version} published" if deployed.version else ""
    print(
        one_line(
            f"{deployed.function}: deployed SHA-256 {deployed.sha256} "
            f"({deployed.size:,} bytes){published}"
        )
    )


async def _confirmed(
    args: argparse.Namespace, target: Target, gateway: Gateway, function: str, verb: str
) -> bool:
    return await confirmed(
        args,
        target,
        gateway,
        function,
        command="deploy",
        verb=verb,
        action="deploy",
        refused="not deployed",
        aborted="aborted, nothing deployed",
    )
