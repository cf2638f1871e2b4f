"""The edit form's confirmation: current → new for every changed field, a production banner
(and the function's name to type), a read-only warning; enter applies, escape goes back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...aws.settings import Context
from ...aws.settings_diff import FieldChange
from ...sanitize import clean
from ..bindings import EDIT_CONFIRM_BINDINGS
from ..dialogs.confirm import GuardedConfirmScreen

if TYPE_CHECKING:
    from ..app import LambdaTUI


def production_names(app: LambdaTUI, function_arn: str) -> tuple[str | None, ...]:
    """The names the production pattern is matched against: the profile and the account."""
    parts = function_arn.split(":")
    account = parts[4] if len(parts) > 4 else None
    return (app.target.profile, account)


def production_pattern(app: LambdaTUI) -> str:
    """The app's production pattern (a setting; ``aws.settings`` has the default)."""
    return app.production_pattern


def diff_table(changes: list[FieldChange]) -> Table:
    """Setting │ current → new, one row per change, its warning (if any) under it."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for change in changes:
        table.add_row(Text(clean(change.label)), Text(clean(f"{change.before} → {change.after}")))
        if change.note:
            table.add_row("", Text(clean(change.note), style="italic"))
        if change.warning:
            table.add_row("", Text(f"⚠ {clean(change.warning)}", style="bold"))
    return table


class ConfirmEditScreen(GuardedConfirmScreen):
    """Current → new for every changed field; enter applies, escape goes back to the form."""

    BINDINGS = EDIT_CONFIRM_BINDINGS

    def __init__(
        self,
        context: Context,
        changes: list[FieldChange],
        *,
        production: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__(
            name=context.function,
            title=f"Apply to {context.label}?",
            keys=(("edit.apply", "apply"), ("edit.back", "back to the form")),
            refused="Read-only mode: applying will be refused, nothing will change.",
            mismatch=f"Type the function's name exactly ({context.function}) to apply.",
            production=production,
            read_only=read_only,
        )
        self.context = context
        self.changes = changes

    def body(self) -> Widget:
        return Static(diff_table(self.changes), id="confirm-diff")

    def action_apply(self) -> None:
        self.confirm()
