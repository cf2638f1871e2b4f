"""The base of the app's screens: worker failures become a notification, never a crash."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen
from textual.worker import Worker, WorkerState

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A screen whose workers (exit_on_error=False) report failures through the app."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.report_failure(event.worker)  # type: ignore[attr-defined]
