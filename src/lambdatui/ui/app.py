"""The Textual application: holds the target and gateway, and stacks the screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from textual.app import App
from textual.worker import Worker

from ..aws.errors import GatewayError
from ..aws.gateway import Gateway
from ..aws.target import Target
from .bindings import APP_BINDINGS
from .commands import FunctionCommands


class LambdaTUI(App[int]):
    """lambdatui: browse, invoke and watch AWS Lambda functions from the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "lambdatui"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {FunctionCommands}

    def __init__(
        self,
        target: Target,
        *,
        demo: bool = False,
        gateway: Gateway | None = None,
        clock: Callable[[], datetime] | None = None,
        use_cache: bool = True,
        startup: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.target = target
        self.demo = demo
        self.gateway = gateway or Gateway(target)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.use_cache = use_cache
        #: Blocking set-up to run (in a thread) before the first AWS call: the demo account.
        self.startup = startup

    def on_mount(self) -> None:
        from .screens.functions import FunctionListScreen

        self.push_screen(FunctionListScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def show_error(self, error: GatewayError) -> None:
        """A failed call as a notification: title, message and the next step."""
        from ..sanitize import clean

        body = clean(error.message) + (f"\n{clean(error.hint)}" if error.hint else "")
        self.notify(body, title=error.title, severity="error", timeout=8, markup=False)

    def report_failure(self, worker: Worker[object]) -> None:
        """A worker that failed unexpectedly: say so in one line, keep the app running."""
        error = worker.error
        if isinstance(error, GatewayError):
            self.show_error(error)
            return
        from ..sanitize import clean

        name = worker.name or "background task"
        self.notify(
            clean(f"{name} failed: {type(error).__name__}: {error}"),
            title="Unexpected error",
            severity="error",
            timeout=10,
            markup=False,
        )

    async def on_unmount(self) -> None:
        await self.gateway.close()
