"""The tuning form (`M` on the function view): sizes, runs, the payload, serial or parallel,
the strategy. Checked as typed (``tune.inputs``); ctrl+s (or enter) shows the notice of what
the run does and may cost, and a confirmed notice starts the run (``run_screen``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ...tune import inputs
from ...tune.results import DEFAULT_WEIGHT, STRATEGIES
from ...tune.runner import Request
from ..bindings import TUNE_FORM_BINDINGS, hint
from ..screens.base import AppScreen, after_typing
from ..widgets.footer import KeyFooter

#: (field, label, what it takes)
FIELDS = (
    ("sizes", "Memory sizes (MB)", "comma-separated"),
    ("runs", "Runs per size", f"1–{inputs.MAX_RUNS}"),
    ("payload", "Payload (JSON)", "^e: a saved event"),
    ("mode", "Serial or parallel", "serial | parallel"),
    ("strategy", "Strategy", "cost | speed | balanced"),
    ("weight", "Balanced weight", "1 cost only … 0 speed only"),
)


@dataclass(frozen=True)
class Checked:
    """The form's values once read, or the field that is wrong and why."""

    request: Request | None
    field: str = ""
    problem: str = ""


def read_form(function: str, values: dict[str, str], managed: bool = False) -> Checked:
    """The request the form's text describes (pure: tested without the screen)."""
    try:
        sizes = inputs.parse_sizes(values["sizes"], managed)
    except ValueError as exc:
        return Checked(None, "sizes", str(exc))
    try:
        runs = inputs.parse_runs(values["runs"])
    except ValueError as exc:
        return Checked(None, "runs", str(exc))
    payload = values["payload"].strip() or "{}"
    try:
        json.loads(payload)
    except ValueError as exc:
        return Checked(None, "payload", f"Not JSON: {exc}")
    mode = values["mode"].strip().lower()
    if mode not in ("serial", "parallel"):
        return Checked(None, "mode", "Type serial or parallel.")
    strategy = values["strategy"].strip().lower()
    if strategy not in STRATEGIES:
        return Checked(None, "strategy", "Type cost, speed or balanced.")
    try:
        weight = float(values["weight"] or DEFAULT_WEIGHT)
    except ValueError:
        weight = -1.0
    if not 0 <= weight <= 1:
        return Checked(None, "weight", "A number from 0 (speed only) to 1 (cost only).")
    request = Request(
        function, tuple(sizes), runs, payload.encode(), mode == "parallel", strategy, weight
    )
    return Checked(request)


class TuneFormScreen(AppScreen[None]):
    """The form; a confirmed notice replaces it with the run's screen."""

    BINDINGS = TUNE_FORM_BINDINGS

    def __init__(self, function: FunctionSummary) -> None:
        super().__init__()
        self.function = function
        self.event_index = -1
        self.events: list[tuple[str, str]] | None = None  # read at the first ^e
        managed = False
        self.defaults = {
            "sizes": ", ".join(str(s) for s in inputs.default_sizes(managed)),
            "runs": str(inputs.DEFAULT_RUNS),
            "payload": "{}",
            "mode": "serial",
            "strategy": "cost",
            "weight": str(DEFAULT_WEIGHT),
        }

    def compose(self) -> ComposeResult:
        name = one_line(self.function.name)
        yield Static(
            f"Tune memory · λ {name}\nNow {self.function.memory_mb} MB. Measured on the function "
            "itself, then put back.",
            id="tune-header",
            markup=False,
        )
        with Vertical(id="tune-form"):
            for field, label, what in FIELDS:
                with Horizontal(classes="tune-row"):
                    yield Label(label, classes="tune-label")
                    yield Input(self.defaults[field], id=f"tune-{field}", classes="tune-input")
                    yield Static(what, id=f"tune-hint-{field}", classes="tune-hint", markup=False)
                yield Static("", id=f"tune-error-{field}", classes="tune-error", markup=False)
        yield Static(
            hint(self, ("tune.review", "review"), ("tune.cancel", "back")),
            id="tune-status",
            markup=False,
        )
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#tune-sizes", Input).focus()

    def values(self) -> dict[str, str]:
        return {field: self.query_one(f"#tune-{field}", Input).value for field, _, _ in FIELDS}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_review()

    def action_cancel(self) -> None:
        self.app.pop_screen()

    def action_next_event(self) -> None:
        """The payload from the next saved event: the function's own and shared ones kept
        here, then the shareable ones in the account (the console's)."""
        self.run_worker(self._next_event(), group="tune-event", exclusive=True, exit_on_error=False)

    async def _next_event(self) -> None:
        if self.events is None:
            self.events = await self._saved_events()
        if not self.events:
            self.notify(f"No saved events for {one_line(self.function.name)}", markup=False)
            return
        self.event_index = (self.event_index + 1) % len(self.events)
        name, payload = self.events[self.event_index]
        with contextlib.suppress(ValueError):  # one line: the same JSON, compact (else as is,
            payload = json.dumps(json.loads(payload))  # and refused at review)
        self.query_one("#tune-payload", Input).value = payload
        self.query_one("#tune-hint-payload", Static).update(one_line(f"event {name}", 26))

    async def _saved_events(self) -> list[tuple[str, str]]:
        from ...aws.errors import GatewayError
        from ...store.events import EventLibrary, EventStoreError

        found: list[tuple[str, str]] = []
        try:
            kept, _corrupt = await asyncio.to_thread(EventLibrary().list, self.function.name)
            found += [(event.name, event.payload) for event in kept]
        except (EventStoreError, OSError) as exc:
            self.notify(f"Saved events not read: {exc}", severity="warning", markup=False)
        try:
            shared = await self.app.gateway.list_shared_events(self.function.name)
            found += [(event.name, event.payload) for event in shared]
        except GatewayError:
            pass  # no registry, or not permitted: the kept events are enough
        return found

    def action_review(self) -> None:
        after_typing(self, self._review)

    def _review(self) -> None:
        checked = read_form(self.function.name, self.values())
        for field, _, _ in FIELDS:
            error = self.query_one(f"#tune-error-{field}", Static)
            error.update(checked.problem if field == checked.field else "")
        if checked.request is None:
            self.query_one(f"#tune-{checked.field}", Input).focus()
            return
        from .notice import offer_run

        offer_run(self, self.function, checked.request)


def open_form(screen: AppScreen[None], function: FunctionSummary) -> None:
    """The form, unless read-only mode refuses the whole run before it is set up."""
    if screen.app.target.read_only:
        screen.notify(
            "Read-only mode: tuning changes the function's memory, so it is not offered.",
            severity="warning",
            markup=False,
        )
        return
    screen.app.push_screen(TuneFormScreen(function))
