"""The edit form's confirmation: current → new for every changed field, a production banner
(and the function's name to type), a read-only warning; enter applies, escape goes back."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...aws.settings import Context, FieldChange
from ...sanitize import clean
from ..bindings import EDIT_CONFIRM_BINDINGS
from ..widgets.footer import KeyFooter
from .base import after_typing


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


class ConfirmEditScreen(ModalScreen[bool]):
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
        super().__init__()
        self.context = context
        self.changes = changes
        self.production = production
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            if self.production:
                yield Static("⚠ PRODUCTION account/profile", id="confirm-production", markup=False)
            if self.read_only:
                yield Static(
                    "Read-only mode: applying will be refused, nothing will change.",
                    id="confirm-read-only",
                    markup=False,
                )
            yield Static(diff_table(self.changes), id="confirm-diff")
            if self.production:
                yield Label(f"Type {self.context.function} to confirm:", id="confirm-prompt")
                yield Input(placeholder=self.context.function, id="confirm-name")
            yield Static("", id="confirm-error", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one("#confirm-body")
        body.border_title = clean(f"Apply to {self.context.label}?")
        body.border_subtitle = "enter apply · esc back to the form"
        if self.production:
            self.query_one("#confirm-name", Input).focus()

    def action_apply(self) -> None:
        after_typing(self, self._apply)

    def _apply(self) -> None:
        if self.production:
            typed = self.query_one("#confirm-name", Input).value.strip()
            if typed != self.context.function:
                self.query_one("#confirm-error", Static).update(
                    f"Type the function's name exactly ({self.context.function}) to apply."
                )
                return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
