"""``lambdatui tune``: measure a function's speed and cost at several memory sizes, on itself.

    lambdatui tune FUNCTION --memory 128,256,512,1024 [--runs N] (--event NAME | --payload JSON)
                   [--strategy cost|speed|balanced] [--weight W] [--parallel] [--json] [--yes]
    lambdatui tune FUNCTION --clean-up

For each size: MemorySize set on $LATEST, a version published, a temporary alias
(``lambdatui-tune-512``) pointed at it and invoked N times with LogType=Tail; each REPORT line
measured. Then the memory is put back and the temporary aliases and versions deleted, also
on Ctrl-C or a failure. One line per size (``--json``: one object per size, then one with the
recommendation), then the recommendation. A run whose process was killed is finished with
``--clean-up``.

Exit status: 0 done, 1 refused or aborted (no confirmation, read-only, interrupted), 2 a usage
or AWS error (the run's changes are still put back).
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_FAILED, EXIT_OK
from ._common import confirmed, fail, run_with_gateway

#: typing's own constant without importing typing: ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..aws.gateway import Gateway
    from ..aws.target import Target
    from ..tune.runner import Event, Outcome

HELP = "measure a function's speed and cost at several memory sizes, then put it back"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", metavar="FUNCTION", help="the function to tune")
    parser.add_argument("--memory", metavar="SIZES", help="memory sizes in MB: 128,256,512,1024")
    parser.add_argument(
        "--runs", metavar="N", default="10", help="invocations per size (default 10)"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--event", metavar="NAME", help="a saved test event as the payload")
    source.add_argument("--payload", metavar="JSON", help="the payload itself")
    parser.add_argument(
        "--strategy",
        choices=("cost", "speed", "balanced"),
        default="cost",
        help="what to recommend: the cheapest, the fastest, or a balance (default cost)",
    )
    parser.add_argument(
        "--weight",
        metavar="W",
        type=float,
        default=0.5,
        help="balanced: 1 weighs cost only, 0 speed only (default 0.5)",
    )
    parser.add_argument(
        "--parallel", action="store_true", help="invoke 4 at a time instead of one by one"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per size")
    parser.add_argument("--yes", action="store_true", help="run without asking")
    parser.add_argument(
        "--clean-up",
        action="store_true",
        help="finish the clean-up of a run whose process died (memory, aliases, versions)",
    )
    parser.epilog = (
        "The function really runs N × sizes times, side effects included. Exit status: 0 done, "
        "1 refused, aborted or interrupted, 2 a usage or AWS error."
    )


def run(args: argparse.Namespace, target: Target) -> int:
    from ..tune.inputs import parse_runs, parse_sizes

    if target.read_only:
        print("lambdatui: tune: refused: read-only mode; nothing was changed", file=sys.stderr)
        return EXIT_FAILED
    if args.clean_up:
        return run_with_gateway(target, lambda gateway: _clean_up(args, target, gateway))
    if not args.memory:
        return fail("tune: give --memory SIZES, e.g. --memory 128,256,512,1024")
    if args.event is None and args.payload is None:
        return fail("tune: give the payload: --event NAME or --payload JSON")
    try:
        sizes = parse_sizes(args.memory)
        runs = parse_runs(args.runs)
        payload = _payload(args)
    except ValueError as exc:
        return fail(f"tune: {exc}")
    if not 0 <= args.weight <= 1:
        return fail("tune: --weight is from 0 (speed only) to 1 (cost only)")
    status = run_with_gateway(
        target, lambda gateway: _tune(args, target, gateway, sizes, runs, payload)
    )
    if status == 130:
        print(
            "lambdatui: tune: interrupted; the memory was restored and the temporary aliases "
            f"and versions deleted (if anything is left: 'lambdatui tune {args.function} "
            "--clean-up')",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return status


def _payload(args: argparse.Namespace) -> bytes:
    import json

    from .invoke import _payload as invoke_payload

    text, _name = invoke_payload(
        argparse.Namespace(payload=args.payload, file=None, event=args.event), args.function
    )
    try:
        json.loads(text)
    except ValueError as exc:
        raise ValueError(f"the payload is not JSON: {exc}") from None
    return text.encode()


async def _tune(
    args: argparse.Namespace,
    target: Target,
    gateway: Gateway,
    sizes: list[int],
    runs: int,
    payload: bytes,
) -> int:
    from ..sanitize import one_line
    from ..tune.inputs import notice
    from ..tune.prices import current_prices
    from ..tune.runner import Request, TuneRefused, TuneRunner

    function = args.function
    detail = await gateway.get_function_detail(function)
    arch = (detail.architectures or ("x86_64",))[0]
    prices = await current_prices(gateway, target.region, arch)
    print(
        one_line(notice(one_line(function), sizes, runs, detail.timeout_s, prices)), file=sys.stderr
    )
    if not await confirmed(
        args,
        target,
        gateway,
        function,
        command="tune",
        verb="Tune",
        action="tune",
        refused="not run",
        aborted="aborted, nothing changed",
    ):
        return EXIT_FAILED
    request = Request(
        function, tuple(sizes), runs, payload, args.parallel, args.strategy, args.weight
    )
    try:
        outcome = await TuneRunner(gateway, request, _progress).run()
    except TuneRefused as exc:
        print(f"lambdatui: tune: refused: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    _print(args, outcome)
    if outcome.clean_up_error:
        return fail(
            f"tune: clean-up incomplete: {outcome.clean_up_error}; finish it with "
            f"'lambdatui tune {function} --clean-up'"
        )
    if outcome.status != "done":
        return fail(f"tune: {outcome.message}; the memory was restored and nothing is left")
    return EXIT_OK


def _progress(event: Event) -> None:
    from ..sanitize import one_line

    if event.kind in ("size", "restoring", "cleaned"):
        print(one_line(f"· {event.message}"), file=sys.stderr, flush=True)


def _print(args: argparse.Namespace, outcome: Outcome) -> None:
    import json
    from datetime import date

    from ..aws.report import format_cost
    from ..sanitize import one_line

    for result in outcome.results:
        if args.json:
            print(json.dumps(result.as_json()), flush=True)
            continue
        init = "" if result.init_p50_ms is None else f"  init {result.init_p50_ms:.0f} ms"
        print(
            f"{result.memory_mb:>5} MB  {result.runs} runs  {result.cold_starts} cold"
            f"  p50 {result.duration_p50_ms:.1f} ms  billed p50 {result.billed_p50_ms:.0f} ms"
            f" p90 {result.billed_p90_ms:.0f} ms{init}  max {result.max_memory_used_mb} MB"
            f"  {format_cost(result.cost_per_invocation_usd)} per invocation"
        )
    chosen = outcome.recommendation
    prices = outcome.prices.describe(date.today())
    if args.json:
        print(
            json.dumps(
                {
                    "recommendation": None if chosen is None else chosen.memory_mb,
                    "strategy": args.strategy,
                    "reason": "" if chosen is None else chosen.reason,
                    "run_cost_usd": float(sum(r.total_cost_usd for r in outcome.results)),
                    "prices": prices,
                }
            )
        )
    elif chosen is not None:
        print(one_line(f"recommended ({chosen.strategy}): {chosen.reason}"))
        print(f"prices: {prices}")


async def _clean_up(args: argparse.Namespace, target: Target, gateway: Gateway) -> int:
    from ..store import tune_plans
    from ..tune.runner import CleanUpIncomplete, clean_up

    place = (target.profile, target.region, target.custom_endpoint)
    plan = tune_plans.load(place, args.function)
    if plan.get("status") != tune_plans.RUNNING:
        print(f"lambdatui: tune: {args.function} has no run to clean up here", file=sys.stderr)
        return EXIT_OK
    if plan not in tune_plans.unfinished(place):
        print("lambdatui: tune: that run is still going in another process", file=sys.stderr)
        return EXIT_FAILED
    try:
        await clean_up(gateway, plan, _progress)
    except CleanUpIncomplete as exc:
        return fail(f"tune: clean-up incomplete: {exc}")
    return EXIT_OK if plan.get("status") == "cleaned" else EXIT_ERROR
