"""The one failure handler for workers: every worker passes ``exit_on_error=False``, and the
node that ran it (the app, a screen, a widget) hands a failure to ``LambdaTUI.report_failure``
(a ``GatewayError`` as its message and hint, anything else as one line), never a traceback."""

from __future__ import annotations

from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from ..sanitize import clean


class ReportsWorkerFailures(MessagePump):
    """Mixed into a node that runs workers: their failures go to the app's one handler."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            report = getattr(self.app, "report_failure", None)
            if report is not None:  # the app is LambdaTUI
                report(event.worker)
            else:  # a screen shown on its own (a test harness): the error, made harmless
                self.app.notify(clean(str(event.worker.error)), severity="error", markup=False)
