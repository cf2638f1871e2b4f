"""The shifts running in this app, kept by the app (not by a screen): a shift goes on while the
user goes back to the list, and its pane can be reopened from the alias (`t`) or the palette
("Traffic shifts").

Each shift runs ``release.shift.ShiftEngine.run`` in an app worker; the engine's events are
kept (the last one, and a log of the steps) and passed to whoever watches (the pane). The
engine sleeps on a wake-up: a choice made in the pane (keep, roll back, finish) is acted on at
once, not at the next check.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...aws import errors
from ...release.shift import CHECK, Event, ShiftEngine
from ...release.state import RUNNING, ShiftState
from ...sanitize import one_line

if TYPE_CHECKING:
    from ..app import LambdaTUI

Watcher = Callable[["RunningShift"], None]


@dataclass(eq=False)
class RunningShift:
    """One shift the app runs: its engine, what it last said, and its log of steps."""

    engine: ShiftEngine
    last: Event | None = None
    log: list[str] = field(default_factory=list)
    watchers: list[Watcher] = field(default_factory=list)
    error: str = ""
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def state(self) -> ShiftState:
        return self.engine.state

    @property
    def running(self) -> bool:
        return self.state.status == RUNNING and not self.error

    def heard(self, event: Event) -> None:
        self.last = event
        if event.kind != CHECK:
            stamp = time.strftime("%H:%M:%S")
            self.log.append(one_line(f"{stamp} {event.kind}: {event.message}"))
        self.tell()

    def tell(self) -> None:
        for watcher in list(self.watchers):
            watcher(self)

    def choose(self, choice: str) -> None:
        """End the shift with ``choice`` (keep, rollback, finish) now."""
        self.engine.choose(choice)
        self.wake.set()

    async def sleep(self, seconds: float) -> None:
        """The engine's sleep: ``seconds``, or less when a choice wakes it."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wake.wait(), seconds)


class ShiftRunner:
    """The app's shifts (see the module docstring). ``options`` go to every engine (a test
    gives a fast clock, a sleep and ``check_every``)."""

    def __init__(self, app: LambdaTUI) -> None:
        self.app = app
        self.shifts: list[RunningShift] = []
        self.options: dict[str, Any] = {"check_every": 2.0}

    def find(self, function: str, alias: str) -> RunningShift | None:
        """The latest shift of ``function:alias`` this app ran (running or ended)."""
        for shift in reversed(self.shifts):
            if (shift.state.function, shift.state.alias) == (function, alias):
                return shift
        return None

    def start(self, state: ShiftState) -> RunningShift:
        """Run the prepared ``state`` in an app worker; the shift, to watch."""
        options = dict(self.options)
        shift = RunningShift(ShiftEngine(self.app.gateway, state))
        shift.engine.listener = shift.heard
        for name in ("clock", "check_every"):
            if name in options:
                setattr(shift.engine, name, options[name])
        shift.engine.sleep = options.get("sleep") or shift.sleep
        self.shifts = [s for s in self.shifts if s.running] + [shift]
        self.app.run_worker(
            self._run(shift), group=f"shift-{state.name}", name="shift", exit_on_error=False
        )
        return shift

    async def _run(self, shift: RunningShift) -> None:
        try:
            await shift.engine.run()
        except errors.GatewayError as exc:
            shift.error = one_line(f"{exc.title}: {exc.message}")
            shift.log.append(f"error: {shift.error} (left unfinished: resume it at the next start)")
            self.app.show_error(exc)
        shift.tell()
        if shift.state.status != RUNNING:
            self.app.notify(
                one_line(f"{shift.state.name}: {shift.last.message if shift.last else ''}"),
                title=f"Shift {shift.state.status.replace('_', ' ')}",
                severity="error" if shift.state.status != "done" else "information",
                markup=False,
                timeout=10,
            )


def runner_of(app: LambdaTUI) -> ShiftRunner:
    """The app's runner, made when first needed."""
    runner = getattr(app, "_shift_runner", None)
    if runner is None:
        runner = ShiftRunner(app)
        app._shift_runner = runner  # type: ignore[attr-defined]
    return runner
