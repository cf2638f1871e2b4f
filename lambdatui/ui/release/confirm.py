"""The last look before a release change: what it is, current → new, confirmed like an edit
(a production banner and the function's name to type there; a read-only warning)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Static

from ...aws import settings as rules
from ..bindings import RELEASE_CONFIRM_BINDINGS
from ..code.deploy_confirm import facts_table
from ..dialogs.confirm import GuardedConfirmScreen
from ..edit.confirm import production_names, production_pattern

if TYPE_CHECKING:
    from ...aws.records import FunctionSummary
    from ..app import LambdaTUI


class ConfirmReleaseScreen(GuardedConfirmScreen):
    """``rows`` (label, value) describe the change; enter applies, escape goes back."""

    BINDINGS = RELEASE_CONFIRM_BINDINGS

    def __init__(
        self,
        function: str,
        title: str,
        rows: list[tuple[str, str]],
        *,
        production: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__(
            name=function,
            title=title,
            keys=(("release.apply", "apply"), ("release.back", "back")),
            refused="Read-only mode: this will be refused, nothing will change.",
            mismatch=f"Type the function's name exactly ({function}) to apply.",
            production=production,
            read_only=read_only,
        )
        self.rows = rows

    def body(self) -> Widget:
        return Static(facts_table(self.rows), id="confirm-diff")

    def action_apply(self) -> None:
        self.confirm()


def confirm_screen(
    app: LambdaTUI, function: FunctionSummary, title: str, rows: list[tuple[str, str]]
) -> ConfirmReleaseScreen:
    """The confirmation for a change to ``function``, production and read-only as the app is."""
    production = rules.is_production(production_names(app, function.arn), production_pattern(app))
    return ConfirmReleaseScreen(
        function.name, title, rows, production=production, read_only=app.target.read_only
    )
