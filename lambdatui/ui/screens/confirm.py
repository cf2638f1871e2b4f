"""A yes/no question over the current screen: `enter` yes, `escape` no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..bindings import CONFIRM_BINDINGS


class ConfirmScreen(ModalScreen[bool]):
    """Asks ``question``; dismisses with True (enter) or False (escape)."""

    BINDINGS = CONFIRM_BINDINGS

    def __init__(self, title: str, question: str, *, yes: str = "yes", no: str = "not now") -> None:
        super().__init__()
        self.title_text, self.question, self.yes, self.no = title, question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="yesno-body"):
            yield Static(self.title_text, id="yesno-title", markup=False)
            yield Static(self.question, id="yesno-question", markup=False)
            yield Static(f"enter: {self.yes}   esc: {self.no}", id="yesno-keys", markup=False)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
