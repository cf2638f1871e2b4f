"""The traffic shift pane: the new version's weight (a bar), each version's invocations and
errors through the alias so far, the guards against their thresholds, the time to the next
step and the log of steps, updated live from the engine's events (``runner.RunningShift``).

`escape` asks how to end a running shift (keep the weights, roll back, finish now, or go on
watching); once it has ended, escape goes back. A rollback, and a stop because someone else
changed the alias, are shown in a banner saying why. Leaving the pane leaves the shift running.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...aws import errors
from ...release.guards import Counts
from ...release.plan import format_duration, percent
from ...release.state import DONE, ENDINGS, RUNNING, ShiftState
from ...sanitize import clean, one_line
from ..bindings import SHIFT_BINDINGS, SHIFT_CHOICE_BINDINGS, key_hint
from ..screens.base import AppScreen
from ..widgets.footer import KeyFooter
from .runner import RunningShift

BAR = 40
LOG_LINES = 6


def weight_bar(weight: float, width: int = BAR) -> Text:
    """█ for the new version's share, ░ for the old one's (readable without colour)."""
    filled = round(weight * width)
    text = Text()
    text.append("█" * filled, "bold")
    text.append("░" * (width - filled), "dim")
    return text


def _rate(counts: Counts) -> str:
    """'0.8%', '100%', '-' before any invocation."""
    if counts.rate is None:
        return "-"
    return f"{counts.rate * 100:.1f}".removesuffix(".0") + "%"


def counts_table(state: ShiftState, new: Counts, old: Counts) -> Table:
    table = Table.grid(padding=(0, 2))
    for justify in ("left", "right", "right", "right", "right"):
        table.add_column(justify=justify, no_wrap=True)
    table.add_row(*(Text(h, "bold") for h in ("VERSION", "WEIGHT", "INVOKED", "ERRORS", "RATE")))
    old_weight = 1 - state.weight
    for label, weight, counts in (
        (f"{state.old} (old)", old_weight, old),
        (f"{state.new} (new)", state.weight, new),
    ):
        row = (label, percent(weight), str(counts.invocations), str(counts.errors), _rate(counts))
        table.add_row(*(Text(one_line(cell)) for cell in row))
    return table


def ending_banner(shift: RunningShift) -> Text:
    """'' while running; else how it ended and why, prominently."""
    state = shift.state
    if shift.error:
        return Text(f"✖ ERROR: {shift.error}; the shift is left unfinished", "bold reverse")
    if state.status == RUNNING:
        return Text("")
    words = ENDINGS.get(state.status, state.status).upper()
    mark = "✔" if state.status == DONE else "✖"
    return Text(one_line(f"{mark} {words}: {state.reason}", 300), "bold reverse")


class ShiftScreen(AppScreen[None]):
    """One shift, live (see the module docstring)."""

    BINDINGS = SHIFT_BINDINGS

    def __init__(self, shift: RunningShift) -> None:
        super().__init__()
        self.shift = shift

    def compose(self) -> ComposeResult:
        with Vertical(id="shift-pane"):
            yield Static("", id="shift-title", markup=False)
            yield Static("", id="shift-banner", markup=False)
            yield Static("", id="shift-bar", markup=False)
            yield Static("", id="shift-counts", markup=False)
            yield Static("", id="shift-guards", markup=False)
            yield Static("", id="shift-next", markup=False)
            yield Static("", id="shift-log", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.shift.watchers.append(self._heard)
        self.set_interval(1.0, self.show, name="shift countdown")
        self.show()

    def on_unmount(self) -> None:
        if self._heard in self.shift.watchers:
            self.shift.watchers.remove(self._heard)

    def _heard(self, _shift: RunningShift) -> None:
        self.show()

    def show(self) -> None:
        shift, state = self.shift, self.shift.state
        reading = shift.engine.reading
        new, old = (reading.new, reading.old) if reading else (Counts(), Counts())
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(one_line(f"Shift {state.name}: {state.old} → {state.new}"), "bold")
        title.append(one_line(f"  {state.plan.describe()}", 80))
        self.query_one("#shift-title", Static).update(title)
        banner_text = ending_banner(shift)
        banner = self.query_one("#shift-banner", Static)
        banner.update(banner_text)
        banner.display = bool(banner_text.plain)
        bar = Text(f"{state.new} ")
        bar.append_text(weight_bar(state.weight))
        bar.append(f" {percent(state.weight)} on {state.new}")
        self.query_one("#shift-bar", Static).update(bar)
        self.query_one("#shift-counts", Static).update(counts_table(state, new, old))
        self.query_one("#shift-guards", Static).update(self._guards(new, reading))
        self.query_one("#shift-next", Static).update(self._next())
        log = "\n".join(shift.log[-LOG_LINES:]) or "(no step yet)"
        self.query_one("#shift-log", Static).update(Text(clean(log)))

    def _guards(self, new: Counts, reading: object) -> Text:
        guards, state = self.shift.state.guards, self.shift.state
        counted = new.invocations >= guards.min_invocations
        judged = "" if counted else f" (judged from {guards.min_invocations})"
        text = Text("Guards  ", "bold")
        text.append(
            one_line(
                f"errors of {state.new}: {_rate(new)} of {new.invocations} invocations{judged}; "
                f"rolls back over {percent(guards.max_error_rate)}"
            )
        )
        if guards.alarm:
            seen = getattr(reading, "alarm", "") or "not read yet"
            text.append(one_line(f" · alarm {guards.alarm}: {seen}"))
        return text

    def _next(self) -> Text:
        state, engine = self.shift.state, self.shift.engine
        if state.status != RUNNING or self.shift.error:
            back = key_hint(self, "shift.ask")
            return Text(f"Ended. {back}: back to the function")
        steps = state.plan.steps
        if state.step < 0:
            return Text("Starting…")
        at = state.next_step_at
        if engine.waiting:
            return Text(one_line(f"Step {state.step + 1} of {len(steps)}: {engine.waiting}"))
        if at is None or state.step + 1 >= len(steps):
            return Text("Setting the last step…")
        left = max(0.0, at - engine.clock())
        upcoming = percent(steps[state.step + 1].weight)
        return Text(
            f"Step {state.step + 1} of {len(steps)}: next step ({upcoming}) in "
            f"{format_duration(left)}"
        )

    def action_ask(self) -> None:
        if self.shift.state.status != RUNNING:
            self.action_back()
            return
        self.app.push_screen(ShiftChoiceScreen(self.shift.state), self._chosen)

    def _chosen(self, choice: str | None) -> None:
        if not choice:
            return
        if self.shift.error:  # the engine's run ended on an error: end it here
            self._end_now(choice)
        else:
            self.shift.choose(choice)

    @work(exclusive=True, group="shift-end", name="shift ending", exit_on_error=False)
    async def _end_now(self, choice: str) -> None:
        try:
            await getattr(self.shift.engine, choice)()
        except errors.GatewayError as exc:
            self.app.show_error(exc)
            return
        self.shift.error = ""
        self.shift.tell()

    def action_back(self) -> None:
        """Back to the function; its aliases read again (the shift moved them)."""
        self.app.pop_screen()
        for screen in self.app.screen_stack:
            reload = getattr(screen, "load_aliases", None)
            if callable(reload):
                reload()


class ShiftChoiceScreen(ModalScreen[str]):
    """How to end ``state``'s shift: keep, rollback, finish, or '' (go on watching; at
    start-up, decide later)."""

    BINDINGS = SHIFT_CHOICE_BINDINGS

    def __init__(self, state: ShiftState, *, title: str = "", later: str = "go on watching"):
        super().__init__()
        self.state, self.title_text, self.later = state, title, later

    def compose(self) -> ComposeResult:
        state = self.state
        with Vertical(id="shift-choice"):
            yield Static(
                one_line(self.title_text or f"End the shift of {state.name}?"),
                id="shift-choice-title",
                markup=False,
            )
            yield Static(
                one_line(
                    f"{state.old} → {state.new}, now {percent(state.weight)} on {state.new}",
                    200,
                ),
                markup=False,
            )
            lines = [
                f"{key_hint(self, 'shift.keep')}  keep the current weights",
                f"{key_hint(self, 'shift.rollback')}  roll back: {state.old} alone, now",
                f"{key_hint(self, 'shift.finish')}  finish now: {state.new} alone",
                f"{key_hint(self, 'shift.continue')}  {self.later}",
            ]
            yield Static("\n".join(lines), id="shift-choice-keys", markup=False)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
