"""``lambdatui shift``: move an alias's traffic to a new version gradually, rolling back on errors.

    lambdatui shift FUNCTION:ALIAS --to VERSION (--plan PLAN | --steps STEPS)
                    [--max-error-rate 1%] [--min-invocations N] [--alarm NAME] [--yes] [--json]
    lambdatui shift FUNCTION:ALIAS --resume keep|rollback|finish [--yes] [--json]
    lambdatui shift --unfinished

PLAN is ``all``, ``canaryP-D`` (``canary10-5m``: 10% for 5 minutes, then 100%) or
``linearP-D`` (``linear10-1m``: +10% every minute); STEPS is explicit, ``10:30s,50:2m,100``
(durations in s, m or h; the last step is 100 with no hold). Before each step and every
``--check-every`` seconds during it, the new version's errors through the alias since the
shift started are read (``AWS/Lambda`` with ``ExecutedVersion``): over ``--max-error-rate`` of
at least ``--min-invocations`` invocations, or ``--alarm`` in ALARM, rolls the alias back to
its old version at once; and no step is left before the new version has had
``--min-invocations`` invocations to judge on (it waits past the hold, saying so: a version
failing every call of a quiet alias must not reach 100% unjudged; ``0`` goes on without
them). Each step is printed as it happens (``--json``: one object per step,
``{"weight", "version", "invocations", "errors", "action"}``, action ``step``, ``rollback``,
``done``, ``kept`` or ``stopped``).

The shift is saved as it goes. Interrupted (Ctrl-C, a closed terminal, a kill), it is left
unfinished: ``--unfinished`` lists such shifts, and ``--resume`` ends one by keeping the
weights it had, rolling back, or finishing at 100%. Every alias update carries the alias's
RevisionId: a change by someone else stops the shift, overwriting nothing.

Exit status: 0 done (or kept), 3 rolled back, 1 refused or aborted (no confirmation,
read-only, the alias changed by someone else, interrupted), 2 a usage or AWS error.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_FAILED, EXIT_OK
from ._common import confirmed, fail, run_with_gateway

#: typing's own constant without importing typing: ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ..aws.gateway import Gateway
    from ..aws.target import Target
    from ..release.shift import Event, ShiftEngine
    from ..release.state import ShiftState

HELP = "shift an alias's traffic to a new version step by step, rolling back on errors"
EXIT_ROLLED_BACK = 3


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("alias", metavar="FUNCTION:ALIAS", nargs="?", help="the alias to shift")
    parser.add_argument("--to", metavar="VERSION", help="the published version to shift to")
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--plan", metavar="PLAN", help="all, canaryP-D (canary10-5m) or linearP-D (linear10-1m)"
    )
    how.add_argument("--steps", metavar="STEPS", help="explicit steps: 10:30s,50:2m,100")
    parser.add_argument(
        "--max-error-rate", metavar="RATE", default="1%", help="roll back above it (default 1%%)"
    )
    parser.add_argument(
        "--min-invocations",
        metavar="N",
        type=int,
        default=20,
        help="the error rate counts from N invocations of the new version, and no step is "
        "left before it has them (default 20; 0: go on unjudged, e.g. on plain moto, which "
        "has no Lambda metrics)",
    )
    parser.add_argument("--alarm", metavar="NAME", default="", help="roll back when in ALARM")
    parser.add_argument(
        "--check-every",
        metavar="SECONDS",
        type=float,
        default=5.0,
        help="seconds between checks of the guards during a step (default 5)",
    )
    parser.add_argument(
        "--resume",
        choices=("keep", "rollback", "finish"),
        help="end an unfinished shift: keep its weights, roll back, or finish at 100%%",
    )
    parser.add_argument("--unfinished", action="store_true", help="list the shifts left unfinished")
    parser.add_argument("--yes", action="store_true", help="shift without asking")
    parser.add_argument("--json", action="store_true", help="one JSON object per step")
    parser.epilog = (
        "Exit status: 0 done (or kept), 3 rolled back, 1 refused, aborted, stopped by someone "
        "else's change or interrupted (an interrupted shift stays saved: --unfinished lists it, "
        "--resume ends it), 2 a usage or AWS error."
    )


def run(args: argparse.Namespace, target: Target) -> int:
    from ..release.plan import PlanError, parse_plan, parse_rate, parse_steps
    from ..release.state import Guards
    from .logs import split_function

    if args.unfinished:
        return _list()
    function, alias = split_function(args.alias or "")
    if not function or not alias:
        return fail("shift: give FUNCTION:ALIAS (or --unfinished)")
    if args.resume:
        return _run(target, lambda gateway: _resume(args, target, gateway, function, alias))
    if not args.to or not (args.plan or args.steps):
        return fail("shift: give --to VERSION and --plan PLAN or --steps STEPS")
    if args.min_invocations < 0 or args.check_every <= 0:
        return fail("shift: --min-invocations must be 0 or more and --check-every positive")
    try:
        plan = parse_plan(args.plan) if args.plan else parse_steps(args.steps)
        guards = Guards(parse_rate(args.max_error_rate), args.min_invocations, args.alarm)
    except PlanError as exc:
        return fail(f"shift: {exc}")
    return _run(
        target, lambda gateway: _start(args, target, gateway, function, alias, plan, guards)
    )


def _run(target: Target, work: Callable[[Gateway], Awaitable[int]]) -> int:
    """``run_with_gateway``; interrupted (Ctrl-C), the shift stays saved as unfinished."""
    status = run_with_gateway(target, work)
    if status == 130:
        print(
            "lambdatui: shift: interrupted; the shift is saved as unfinished: end it with "
            "'lambdatui shift FUNCTION:ALIAS --resume keep|rollback|finish'",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return status


async def _start(
    args: argparse.Namespace,
    target: Target,
    gateway: Gateway,
    function: str,
    alias: str,
    plan: object,
    guards: object,
) -> int:
    from ..release.plan import Plan, percent
    from ..release.shift import ShiftEngine, ShiftRefused, prepare
    from ..release.state import Guards
    from ..sanitize import one_line

    assert isinstance(plan, Plan) and isinstance(guards, Guards)
    try:
        state = await prepare(gateway, function, alias, str(args.to), plan, guards)
    except ShiftRefused as exc:
        print(f"lambdatui: shift: not shifted: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    alarm = f", or alarm {guards.alarm} is in ALARM" if guards.alarm else ""
    said = sys.stderr if args.json else sys.stdout  # --json: stdout is the steps alone
    print(one_line(f"{state.name}: {state.old} → {state.new}: {plan.describe()}"), file=said)
    print(
        one_line(
            f"  roll back when version {state.new} fails over {percent(guards.max_error_rate)} "
            f"of at least {guards.min_invocations} invocations{alarm}"
        ),
        file=said,
    )
    if not await _confirmed(args, target, gateway, function, "Shift"):
        return EXIT_FAILED
    engine = ShiftEngine(gateway, state, listener=_printer(args), check_every=args.check_every)
    return await _ran(engine, engine.run())


async def _resume(
    args: argparse.Namespace, target: Target, gateway: Gateway, function: str, alias: str
) -> int:
    from ..release.shift import resumed
    from ..release.state import ShiftState
    from ..store import shifts

    place = (target.profile, target.region, target.custom_endpoint)
    data = shifts.load(place, function, alias)
    if data.get("status") != shifts.RUNNING:
        print(f"lambdatui: shift: {function}:{alias} has no unfinished shift here", file=sys.stderr)
        return EXIT_FAILED
    state = ShiftState.from_json(data)
    print(_described(state), file=sys.stderr if args.json else sys.stdout)
    if args.resume != "keep" and not await _confirmed(
        args, target, gateway, function, "Roll back" if args.resume == "rollback" else "Finish"
    ):
        return EXIT_FAILED
    engine: ShiftEngine = await resumed(gateway, state, listener=_printer(args))
    if engine.state.status != shifts.RUNNING:
        return _status(engine.state)
    return await _ran(engine, getattr(engine, args.resume)())


async def _ran(engine: ShiftEngine, ending: Awaitable[ShiftState]) -> int:
    from ..aws.errors import GatewayError

    try:
        state = await ending
    except GatewayError as exc:
        print(f"lambdatui: shift: {' '.join(str(exc).split())}", file=sys.stderr)
        if engine.state.status == "running" and engine.state.step >= 0:
            print(_how_to_resume(engine.state), file=sys.stderr)
        return EXIT_ERROR
    return _status(state)


def _status(state: ShiftState) -> int:
    from ..release.state import DONE, KEPT, ROLLED_BACK

    if state.status == ROLLED_BACK:
        return EXIT_ROLLED_BACK
    return EXIT_OK if state.status in (DONE, KEPT) else EXIT_FAILED


def _how_to_resume(state: ShiftState) -> str:
    return (
        f"lambdatui: shift: {state.name} is left unfinished at {state.weight:.0%}: end it with "
        f"'lambdatui shift {state.name} --resume keep|rollback|finish'"
    )


def _described(state: ShiftState) -> str:
    from datetime import datetime

    from ..release.plan import percent
    from ..sanitize import one_line

    started = datetime.fromtimestamp(state.started).strftime("%Y-%m-%d %H:%M:%S")
    return one_line(
        f"{state.name}: unfinished shift {state.old} → {state.new} at {percent(state.weight)} "
        f"(step {state.step + 1} of {len(state.plan.steps)}: {state.plan.describe()}; "
        f"started {started})"
    )


def _list() -> int:
    from ..release.shift import unfinished

    found = unfinished()
    for state in found:
        profile, region, endpoint = state.place
        where = " ".join(x for x in (profile or "", region, endpoint or "") if x)
        print(f"{_described(state)}  [{where}]")
    if not found:
        print("no unfinished shifts", file=sys.stderr)
    return EXIT_OK


def _printer(args: argparse.Namespace) -> Callable[[Event], None]:
    import json

    from ..release.plan import format_duration, percent
    from ..sanitize import one_line

    def show(event: Event) -> None:
        if args.json:
            if event.kind != "check":
                print(json.dumps(event.to_json()), flush=True)
            return
        state, reading = event.state, event.reading
        counts = ""
        if reading is not None:
            counts = (
                f"  {state.new}: {reading.new.invocations} invocations, {reading.new.errors} "
                f"errors; {state.old}: {reading.old.invocations}, {reading.old.errors}"
            )
            counts += f"; alarm {reading.alarm}" if reading.alarm else ""
        left = f"  next step in {format_duration(event.remaining_s)}" if event.remaining_s else ""
        if event.kind in ("step", "check"):
            line = f"{event.kind:<6} {percent(state.weight)} to {state.new}{counts}{left}"
            line += f"  {event.message}" if event.kind == "check" and event.message else ""
        elif event.kind == "stopped":  # a failure: said where failures are said
            print(one_line(f"lambdatui: shift: stopped: {event.message}"), file=sys.stderr)
            return
        else:
            line = f"{event.kind}: {event.message}{counts}"
        print(one_line(line), flush=True)

    return show


async def _confirmed(
    args: argparse.Namespace, target: Target, gateway: Gateway, function: str, verb: str
) -> bool:
    return await confirmed(
        args,
        target,
        gateway,
        function,
        command="shift",
        verb=verb,
        action="shift",
        refused="not shifted",
        aborted="aborted, nothing changed",
    )
