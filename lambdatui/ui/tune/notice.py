"""The notice before a tuning run: how many times the function really runs, what that costs
at most, and that everything is put back; enter starts (the function's name typed on a
production account), escape goes back to the form. Refused under --read-only."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...aws import settings as rules
from ...aws.prices import Prices
from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ...tune import inputs
from ...tune.prices import current_prices
from ...tune.runner import Request
from ..bindings import TUNE_NOTICE_BINDINGS
from ..context import OnLambdaTUI
from ..dialogs.confirm import GuardedConfirmScreen

if TYPE_CHECKING:
    from ..screens.base import AppScreen


def notice_text(function: FunctionSummary, request: Request, prices: Prices, today: date) -> Text:
    """What the run does, said before anything is sent."""
    text = Text(
        inputs.notice(
            one_line(function.name), request.sizes, request.runs, function.timeout_s, prices
        )
    )
    sizes = ", ".join(str(s) for s in request.sizes)
    mode = f"{4} at a time" if request.parallel else "one after another"
    text.append(f"\n• Sizes {sizes} MB, {request.runs} runs each, {mode}.")
    text.append(f"\n• Payload: {one_line(request.payload.decode('utf-8', 'replace'), 60)}")
    text.append("\n• Each size: MemorySize set on $LATEST, a version published, a temporary")
    text.append(" alias lambdatui-tune-SIZE pointed at it and invoked.")
    text.append(
        f"\n• Afterwards (or on escape, or a failure) MemorySize goes back to "
        f"{function.memory_mb} MB and the temporary aliases and versions are deleted."
    )
    text.append(f"\n• Prices: {prices.describe(today)}.")
    return text


class TuneNoticeScreen(OnLambdaTUI, GuardedConfirmScreen):
    """The notice; enter starts the run, escape goes back to the form."""

    BINDINGS = TUNE_NOTICE_BINDINGS

    def __init__(
        self,
        function: FunctionSummary,
        request: Request,
        prices: Prices,
        *,
        production: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__(
            name=function.name,
            title=f"Tune {one_line(function.name, 40)}?",
            keys=(("tune.start", "start"), ("tune.back", "back to the form")),
            refused="Read-only mode: tuning changes the function; it will be refused.",
            mismatch=f"Type the function's name exactly ({one_line(function.name)}) to start.",
            production=production,
            read_only=read_only,
        )
        self.function, self.request, self.prices = function, request, prices

    def body(self) -> Widget:
        return Static(
            notice_text(self.function, self.request, self.prices, date.today()), id="tune-notice"
        )

    def action_start(self) -> None:
        if self.read_only:
            self.notify("Read-only mode: nothing was run.", severity="warning", markup=False)
            return
        self.confirm()


def offer_run(screen: AppScreen[None], function: FunctionSummary, request: Request) -> None:
    """Read the prices, show the notice; confirmed, replace ``screen`` with the run."""
    from ..edit.confirm import production_names, production_pattern

    app = screen.app

    async def prices_then_notice() -> None:
        arch = (function.architectures or ("x86_64",))[0]
        prices = await current_prices(app.gateway, app.target.region, arch)
        production = rules.is_production(
            production_names(app, function.arn), production_pattern(app)
        )
        notice = TuneNoticeScreen(
            function, request, prices, production=production, read_only=app.target.read_only
        )

        def answered(yes: bool | None) -> None:
            if yes:
                from .run_screen import TuneRunScreen

                app.switch_screen(TuneRunScreen(function, request, prices))

        app.push_screen(notice, answered)

    screen.run_worker(
        prices_then_notice(), group="tune-notice", exclusive=True, exit_on_error=False
    )
