"""``lambdatui ls``: every function of the chosen profiles × regions, one row each.

The fleet view's list on the command line. Pairs: ``--profiles a,b`` or ``--all-profiles``
(every profile of the AWS config) — else the usual profile; ``--regions a,b`` or
``--all-regions`` (the account's enabled regions where account:ListRegions is allowed, else
botocore's Lambda regions) — else the usual region. Every pair is listed concurrently (at most
``[fleet] concurrency`` at a time). ``--filter`` matches as the UI's ``/`` does (substring,
``re:``, ``!``). Rows: profile, account, region, name, runtime, memory, last modified; with
``--json`` one object per line with those keys.

A pair that fails (denied, region not enabled, credentials, unreachable) is one line on
stderr; the others are listed. Exit 0 when every pair listed, 4 when some failed and others
listed, 2 on bad arguments or when none could be listed.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_OK
from ._common import fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..aws.fleet import FleetResult, FleetRow
    from ..aws.target import Target

HELP = "list the functions of several profiles and regions at once (the fleet)"
TARGET_OPTIONAL = True
#: Some pairs failed, the others were listed.
EXIT_PARTIAL = 4
KEYS = ("profile", "account", "region", "name", "runtime", "memory", "last_modified")


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def configure(parser: argparse.ArgumentParser) -> None:
    regions = parser.add_mutually_exclusive_group()
    regions.add_argument("--all-regions", action="store_true", help="every enabled region")
    regions.add_argument("--regions", type=_names, metavar="A,B", help="these regions")
    profiles = parser.add_mutually_exclusive_group()
    profiles.add_argument(
        "--all-profiles", action="store_true", help="every profile of the AWS config"
    )
    profiles.add_argument("--profiles", type=_names, metavar="A,B", help="these profiles")
    parser.add_argument("--filter", metavar="TEXT", default="", help="as / in the UI: re:, !")
    parser.add_argument("--json", action="store_true", help="one JSON object per function")


def row_values(row: FleetRow) -> dict[str, object]:
    from ..sanitize import one_line

    fn = row.function
    return {
        "profile": row.profile,
        "account": row.account,
        "region": row.region,
        "name": one_line(fn.name),
        "runtime": fn.runtime_label,
        "memory": fn.memory_mb,
        "last_modified": one_line(fn.last_modified),
    }


def run(args: argparse.Namespace, target: Target | None) -> int:
    import asyncio

    from ..filtering import FilterError, parse_filter

    try:
        matcher = parse_filter(args.filter or "").match
    except FilterError as exc:
        return fail(f"--filter: {exc}")
    config = getattr(args, "config", None)
    profiles = args.profiles or list(getattr(config, "fleet_profiles", ()) or ())
    regions = args.regions or []
    if not regions and not args.all_regions:
        if target is None:
            return fail("no region: use --regions, --all-regions, --region or AWS_REGION")
        regions = [target.region]
    if not profiles and not args.all_profiles:
        profiles = [target.profile_label if target else (args.profile or "default")]
    concurrency = int(getattr(config, "fleet_concurrency", 8))
    try:
        result = asyncio.run(_list(args, profiles, regions, concurrency))
    except KeyboardInterrupt:
        return 130
    rows = [row for row in result.rows if matcher is None or matcher(row.haystack())]
    rows.sort(key=lambda r: (r.profile, r.region, r.function.name))
    _print(rows, as_json=args.json)
    for status in result.failures:
        print(f"lambdatui: {status.profile} {status.region}: {status.text}", file=sys.stderr)
    if not result.failures:
        return EXIT_OK
    listed = len(result.failures) < len(result.statuses)
    return EXIT_PARTIAL if listed else EXIT_ERROR


async def _list(
    args: argparse.Namespace, profiles: list[str], regions: list[str], concurrency: int
) -> FleetResult:
    from ..aws.fleet import list_fleet
    from ..aws.fleet_targets import choose_regions, chosen_profiles, targets_for

    chosen = chosen_profiles(profiles)
    if not regions:  # --all-regions: asked of the first profile's account
        regions = await choose_regions(chosen[0], None, endpoint_url=args.endpoint_url)
    targets = targets_for(
        chosen, regions, endpoint_url=args.endpoint_url, read_only=bool(args.read_only)
    )
    return await list_fleet(targets, concurrency=concurrency)


def _print(rows: list[FleetRow], *, as_json: bool) -> None:
    if as_json:
        import json

        for row in rows:
            print(json.dumps(row_values(row), ensure_ascii=False))
        return
    table = [[str(value) for value in row_values(row).values()] for row in rows]
    header = [key.upper().replace("_", " ") for key in KEYS]
    widths = [max(len(cell) for cell in column) for column in zip(header, *table, strict=False)]
    for line in (header, *table):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
