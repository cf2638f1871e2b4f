"""Shifts left unfinished by an earlier run (closed or killed mid-shift), offered after the
first paint: each in turn asks keep, roll back or finish (or later: the palette's "Traffic
shifts" offers it again). ``release.shift.resumed`` reads the alias back first: changed by
someone else, the shift is stopped and that is said; nothing is overwritten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...aws import errors
from ...release.shift import resumed, unfinished
from ...release.state import RUNNING, ShiftState
from ...sanitize import one_line
from .runner import runner_of

if TYPE_CHECKING:
    from ..app import LambdaTUI


def unfinished_here(app: LambdaTUI) -> list[ShiftState]:
    """The unfinished shifts on the app's target that this app is not running itself."""
    target = app.target
    place = (target.profile, target.region, target.custom_endpoint)
    runner = runner_of(app)
    return [
        state
        for state in unfinished(place)
        if not any(s.running and s.state.name == state.name for s in runner.shifts)
    ]


def offer_unfinished(app: LambdaTUI) -> None:
    """Ask about each unfinished shift, one after the other."""
    waiting = unfinished_here(app)
    if waiting:
        app.notify(
            f"{len(waiting)} unfinished traffic shift{'s' if len(waiting) > 1 else ''} "
            "from an earlier run.",
            title="Traffic shifts",
            markup=False,
        )
        _ask(app, waiting)


def _ask(app: LambdaTUI, waiting: list[ShiftState]) -> None:
    if not waiting:
        return
    from .shift_pane import ShiftChoiceScreen

    state, rest = waiting[0], waiting[1:]

    def answered(choice: str | None) -> None:
        if choice:
            app.run_worker(end(app, state, choice), name="resume shift", exit_on_error=False)
        else:
            app.notify(
                f"{one_line(state.name)} stays unfinished: the palette's Traffic shifts offers "
                "it again.",
                markup=False,
            )
        _ask(app, rest)

    title = f"Unfinished shift of {state.name} (left at step {state.step + 1})"
    app.push_screen(ShiftChoiceScreen(state, title=title, later="decide later"), answered)


async def end(app: LambdaTUI, state: ShiftState, choice: str) -> None:
    """End the unfinished ``state`` with ``choice``; said in a notification."""
    try:
        gateway = await app.gateway_ready()
        engine = await resumed(gateway, state)
        if engine.state.status == RUNNING:
            await getattr(engine, choice)()
    except errors.GatewayError as exc:
        app.show_error(exc)
        return
    ended = engine.state
    app.notify(
        one_line(f"{ended.name}: {ended.reason}", 300),
        title=f"Shift {ended.status.replace('_', ' ')}",
        severity="information" if ended.status != "stopped" else "warning",
        markup=False,
        timeout=10,
    )
