"""The shift form: an alias's target version, the plan and the guards, checked as typed (the
plan parser's one-line errors); then the shift is prepared (``release.shift.prepare`` reads the
alias and refuses what cannot be shifted), shown current → new, confirmed, and run by the app
(``runner``) with its pane on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...aws import errors
from ...aws.qualifier_records import AliasRecord
from ...aws.records import FunctionSummary
from ...release.plan import Plan, PlanError, parse_plan, parse_rate, parse_steps, percent
from ...release.shift import ShiftRefused, prepare
from ...release.state import Guards, ShiftState
from ...sanitize import escape_markup, one_line
from ..bindings import RELEASE_FORM_BINDINGS, hint
from ..context import OnLambdaTUI
from ..screens.base import after_typing
from ..widgets.footer import KeyFooter
from .confirm import confirm_screen

if TYPE_CHECKING:
    from ..app import LambdaTUI

FIELDS = (
    ("to", "To version"),
    ("plan", "Plan"),
    ("rate", "Max error rate"),
    ("min", "Min invocations"),
    ("alarm", "Alarm (optional)"),
)
PLAN_HELP = "all · canary10-5m · linear10-1m · steps 10:30s,50:2m,100"


def read_plan(text: str) -> Plan:
    """A named plan, or explicit steps (anything with a colon or a comma); PlanError."""
    text = text.strip()
    if ":" in text or "," in text or text.replace(".", "").isdigit():
        return parse_steps(text)
    return parse_plan(text)


def read_shift(values: dict[str, str], alias: AliasRecord) -> tuple[str, Plan, Guards] | str:
    """The target version, plan and guards typed, or why they cannot be used (one line)."""
    to = values["to"].strip()
    if not to.isdigit():
        return "Shift to a published version (a number); publish $LATEST first (p)."
    if to == alias.function_version:
        return f"Alias {alias.name} points at version {to} already."
    try:
        plan = read_plan(values["plan"])
        rate = parse_rate(values["rate"] or "1%")
    except PlanError as exc:
        return str(exc)
    count = values["min"].strip() or "20"
    if not count.isdigit():
        return f"{count!r}: the minimum of invocations is a whole number (0: go on unjudged)"
    return to, plan, Guards(rate, int(count), values["alarm"].strip())


def default_target(alias: AliasRecord, versions: list[str]) -> str:
    """The newest version that is not the alias's own."""
    others = sorted((v for v in versions if v != alias.function_version), key=int)
    return others[-1] if others else ""


class ShiftFormScreen(OnLambdaTUI, ModalScreen[None]):
    """Asks for the shift of ``alias`` (see the module docstring)."""

    BINDINGS = RELEASE_FORM_BINDINGS

    def __init__(self, function: FunctionSummary, alias: AliasRecord, versions: list[str]) -> None:
        super().__init__()
        self.function, self.alias, self.versions = function, alias, versions

    def compose(self) -> ComposeResult:
        start = {
            "to": default_target(self.alias, self.versions),
            "plan": "canary10-5m",
            "rate": "1%",
            "min": "20",
            "alarm": "",
        }
        with Vertical(id="shift-form") as box:
            box.border_title = escape_markup(
                one_line(
                    f"Shift {self.function.name}:{self.alias.name} ({self.alias.routing_label})"
                )
            )
            box.border_subtitle = hint(
                self, ("release.form-review", "review"), ("release.form-cancel", "cancel")
            )
            for field, label in FIELDS:
                yield Label(label, classes="shift-label")
                yield Input(start[field], id=f"shift-{field}")
            yield Static(PLAN_HELP, id="shift-help", markup=False)
            yield Static("", id="shift-error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#shift-plan", Input).focus()
        self._check()

    def values(self) -> dict[str, str]:
        return {field: self.query_one(f"#shift-{field}", Input).value for field, _ in FIELDS}

    @on(Input.Changed)
    def _check(self) -> tuple[str, Plan, Guards] | None:
        read = read_shift(self.values(), self.alias)
        error = self.query_one("#shift-error", Static)
        if isinstance(read, str):
            error.update(one_line(read, 200))
            return None
        to, plan, _ = read
        error.update(one_line(f"{self.alias.function_version} → {to}: {plan.describe()}", 200))
        return read

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_review()

    def action_review(self) -> None:
        after_typing(self, self._review)

    def _review(self) -> None:
        read = self._check()
        if read is not None:
            self._prepare(*read)

    @work(exclusive=True, group="shift-form", name="GetAlias", exit_on_error=False)
    async def _prepare(self, to: str, plan: Plan, guards: Guards) -> None:
        from .runner import runner_of

        clock = runner_of(self.app).options.get("clock")
        extra = {"clock": clock} if clock else {}
        try:
            state = await prepare(
                self.app.gateway, self.function.name, self.alias.name, to, plan, guards, **extra
            )
        except ShiftRefused as exc:
            self.query_one("#shift-error", Static).update(one_line(f"Not shifted: {exc}", 200))
            return
        except errors.GatewayError as exc:
            self.app.show_error(exc)
            return
        self.dismiss(None)
        confirm(self.app, self.function, state)

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(app: LambdaTUI, function: FunctionSummary, state: ShiftState) -> None:
    """current → new, the plan and the guards; on yes, the shift runs and its pane opens."""
    from .runner import runner_of
    from .shift_pane import ShiftScreen

    guards = state.guards
    alarm = f"; alarm {guards.alarm} in ALARM" if guards.alarm else ""
    rows = [
        ("Alias", f"{state.name}: version {state.old} → {state.new}"),
        ("Plan", state.plan.describe()),
        (
            "Roll back",
            f"when version {state.new} fails over {percent(guards.max_error_rate)} of at least "
            f"{guards.min_invocations} invocations{alarm}",
        ),
        ("RevisionId", state.revision_id or "-"),
    ]

    def answered(ok: bool | None) -> None:
        if ok:
            app.push_screen(ShiftScreen(runner_of(app).start(state)))

    app.push_screen(confirm_screen(app, function, f"Shift {state.name}?", rows), answered)
