"""Stopping a durable execution: what will happen, a confirmation (the execution's name typed on
a production account, as edits ask for the function's), then StopDurableExecution (refused by
the gateway under --read-only) and a line in the change journal."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...aws import settings as rules
from ...aws.durable_gateway import STOP_ERROR, DurableExecution
from ...aws.errors import GatewayError
from ...aws.records import FunctionSummary
from ...sanitize import clean, one_line
from ...store import journal
from ..bindings import STOP_CONFIRM_BINDINGS
from ..context import OnLambdaTUI
from ..dialogs.confirm import GuardedConfirmScreen
from ..render.values import age_text

if TYPE_CHECKING:
    from .base import AppScreen

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


class StopExecutionScreen(OnLambdaTUI, GuardedConfirmScreen):
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
        super().__init__(
            name=execution.name,
            title=f"Stop execution {one_line(execution.name, 40)}?",
            keys=(("stop.confirm", "stop"), ("stop.back", "keep it running")),
            refused="Read-only mode: stopping will be refused, nothing will change.",
            mismatch=(f"Type the execution's name exactly ({clean(execution.name)}) to stop it."),
            production=production,
            read_only=read_only,
        )
        self.function = function
        self.execution = execution

    def body(self) -> Widget:
        now = self.app.age_now()
        return Static(what_happens(self.function.name, self.execution, now), id="stop-what")

    def action_stop(self) -> None:
        self.confirm()


def offer_stop(
    screen: AppScreen[None],
    function: FunctionSummary,
    execution: DurableExecution,
    done: Callable[[], object],
) -> None:
    """Ask, then stop ``execution`` in a worker of ``screen``; ``done`` runs once it stopped."""
    from ..edit.confirm import production_names, production_pattern

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
    screen: AppScreen[None],
    function: FunctionSummary,
    execution: DurableExecution,
    done: Callable[[], object],
) -> None:
    app = screen.app
    try:
        await app.gateway.stop_durable_execution(execution.arn)
    except GatewayError as exc:
        app.show_error(exc)
        return
    name = one_line(execution.name)
    try:  # an append with fsync: off the event loop
        await asyncio.to_thread(
            journal.record_action,
            app.target,
            function.name,
            execution.version or None,
            ACTION,
            execution.arn,
        )
    except OSError as exc:
        screen.notify(f"Stopped {name}, but not journaled: {exc}", severity="warning", markup=False)
    else:
        screen.notify(f"Stopped {name} (journaled)", markup=False)
    done()
