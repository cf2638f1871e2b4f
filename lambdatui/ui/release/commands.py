"""The palette's "Traffic shifts": the shifts this app runs (their pane) and those an earlier
run left unfinished (keep, roll back or finish)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ...sanitize import one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...release.state import ShiftState
    from ..app import LambdaTUI
    from .runner import RunningShift


class ShiftCommands(Provider):
    """'Traffic shifts: <function:alias>' for each shift, running, ended or unfinished."""

    @property
    def _app(self) -> LambdaTUI:
        return cast("LambdaTUI", self.app)

    def _open(self, shift: RunningShift) -> None:
        from .shift_pane import ShiftScreen

        self._app.push_screen(ShiftScreen(shift))

    def _resume(self, state: ShiftState) -> None:
        from .resume import _ask

        _ask(self._app, [state])

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        from ...release.plan import percent  # not at start-up: the app class names this
        from .resume import unfinished_here
        from .runner import runner_of

        found: list[tuple[str, Callable[[], object], str]] = []
        for shift in reversed(runner_of(self._app).shifts):
            state = shift.state
            found.append(
                (
                    one_line(f"Traffic shifts: {state.name} ({state.old} → {state.new})"),
                    partial(self._open, shift),
                    f"{state.status}, {percent(state.weight)} on {state.new}",
                )
            )
        for state in unfinished_here(self._app):
            found.append(
                (
                    one_line(f"Traffic shifts: {state.name} (unfinished)"),
                    partial(self._resume, state),
                    "keep, roll back or finish",
                )
            )
        if not found:
            found.append(("Traffic shifts", self._none, "t on an alias starts one"))
        return found

    def _none(self) -> None:
        self._app.notify("No traffic shifts: t on an alias (Aliases tab) starts one.")

    async def discover(self) -> Hits:
        for title, action, note in self._actions():
            yield DiscoveryHit(title, action, help=note)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, note in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=note)
