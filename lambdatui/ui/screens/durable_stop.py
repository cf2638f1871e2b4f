"""Stopping a durable execution: what will happen, a confirmation (the execution's name typed on
a production account, as edits ask for the function's), then StopDurableExecution (refused by
the gateway under --read-only) and a line in the change journal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...aws import settings as rules
from ...aws.durable_gateway import STOP_ERROR, DurableExecution
from ...aws.errors import GatewayError
from ...aws.records import FunctionSummary
from ...sanitize import clean, one_line
from ...store import journal
from ..bindings import STOP_CONFIRM_BINDINGS
from ..render import age_text
from ..widgets.footer import KeyFooter
from .base import after_typing

ACTION = "StopDurableExecution"


def what_happens(function: str, execution: DurableExecution, now: Any) -> Text:
    """The consequences, said before anything is sent."""
    text = Text()
    version = f" (version {one_line(execution.version)})" if execution.version else ""
    text.append(f"{one_line(execution.name)}", style="bold")
    text.append(f" of {one_line(function)}{version}, started {age_text(execution.started, now)}:")
    text.append("\n• No further step runs; a wait or callback in progress is cancelled.")
    text.append("\n• Steps already done stay done (nothing is rolled back).")
    text.append(
        f"\n• It ends as STOPPED with the error {STOP_ERROR['ErrorType']}: "
        f"{STOP_ERROR['ErrorMessage']}."
    )
    text.append("\n• It cannot be resumed; invoke the function again to start anew.")
    return text


class StopExecutionScreen(ModalScreen[bool]):
    """What stopping will do; enter stops (once the name is typed on production), escape not."""

    BINDINGS = STOP_CONFIRM_BINDINGS

    def __init__(
        self,
        function: FunctionSummary,
        execution: DurableExecution,
        *,
        production: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.function = function
        self.execution = execution
        self.production = production
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            if self.production:
                yield Static("⚠ PRODUCTION account/profile", id="confirm-production", markup=False)
            if self.read_only:
                yield Static(
                    "Read-only mode: stopping will be refused, nothing will change.",
                    id="confirm-read-only",
                    markup=False,
                )
            now = self.app.age_now()  # type: ignore[attr-defined]
            yield Static(what_happens(self.function.name, self.execution, now), id="stop-what")
            if self.production:
                yield Label(f"Type {clean(self.execution.name)} to confirm:", id="confirm-prompt")
                yield Input(placeholder=self.execution.name, id="confirm-name")
            yield Static("", id="confirm-error", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one("#confirm-body")
        body.border_title = clean(f"Stop execution {one_line(self.execution.name, 40)}?")
        body.border_subtitle = "enter stop · esc keep it running"
        if self.production:
            self.query_one("#confirm-name", Input).focus()

    def action_stop(self) -> None:
        after_typing(self, self._stop)

    def _stop(self) -> None:
        if self.production:
            typed = self.query_one("#confirm-name", Input).value.strip()
            if typed != self.execution.name:
                self.query_one("#confirm-error", Static).update(
                    f"Type the execution's name exactly ({clean(self.execution.name)}) to stop it."
                )
                return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


def offer_stop(
    screen: Any,
    function: FunctionSummary,
    execution: DurableExecution,
    done: Callable[[], None],
) -> None:
    """Ask, then stop ``execution`` in a worker of ``screen``; ``done`` runs once it stopped."""
    from .edit import production_names, production_pattern

    app = screen.app
    if not execution.running:
        screen.notify(
            f"{one_line(execution.name)} is {execution.status}: only a running execution can "
            "be stopped.",
            markup=False,
        )
        return
    production = rules.is_production(production_names(app, function.arn), production_pattern(app))
    confirm = StopExecutionScreen(
        function, execution, production=production, read_only=app.target.read_only
    )

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(
                _stop(screen, function, execution, done),
                group="stop-execution",
                name=ACTION,
                exclusive=True,
                exit_on_error=False,
            )

    app.push_screen(confirm, answered)


async def _stop(
    screen: Any, function: FunctionSummary, execution: DurableExecution, done: Callable[[], None]
) -> None:
    app = screen.app
    try:
        await app.gateway.stop_durable_execution(execution.arn)
    except GatewayError as exc:
        app.show_error(exc)
        return
    name = one_line(execution.name)
    try:
        journal.record_action(
            app.target, function.name, execution.version or None, ACTION, execution.arn
        )
    except OSError as exc:
        screen.notify(f"Stopped {name}, but not journaled: {exc}", severity="warning", markup=False)
    else:
        screen.notify(f"Stopped {name} (journaled)", markup=False)
    done()
