"""What was just copied, shown in full, for terminals that ignore OSC 52 (config ui.clipboard =
"show"): select it with the keyboard here, or with the terminal when the mouse is left to it
(--no-mouse)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ...sanitize import clean
from ..bindings import COPIED_BINDINGS, key_hint


class CopiedScreen(ModalScreen[None]):
    BINDINGS = COPIED_BINDINGS

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = clean(text)

    def compose(self) -> ComposeResult:
        with Vertical(id="copied-body"):
            yield Static(
                "Copied (OSC 52; in tmux: set -g set-clipboard on). If it did not reach your "
                f"clipboard, select it here. {key_hint(self, 'copied.close')} closes.",
                id="copied-note",
                markup=False,
            )
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="copied-text")

    def on_mount(self) -> None:
        area = self.query_one("#copied-text", TextArea)
        area.focus()
        area.select_all()

    def action_close(self) -> None:
        self.dismiss(None)
