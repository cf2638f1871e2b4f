"""Below the minimum size, this replaces the layout instead of squeezed, broken widgets."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from ..bindings import key_hint
from .base import MIN_SIZE


def message(size: Size, quit_key: str = "q") -> str:
    return (
        f"terminal too small: need {MIN_SIZE.width}x{MIN_SIZE.height}, "
        f"have {size.width}x{size.height}\n\nenlarge the window, or press {quit_key} to quit"
    )


class TooSmallScreen(ModalScreen[None]):
    """Shown over everything while the terminal is smaller than ``MIN_SIZE``; the app keeps
    running underneath (lists keep loading) and returns as it was once there is room."""

    def compose(self) -> ComposeResult:
        yield Static(self._message(self.app.size), id="too-small", markup=False)

    def show_size(self, size: Size) -> None:
        self.query_one("#too-small", Static).update(self._message(size))

    def _message(self, size: Size) -> str:
        return message(size, key_hint(self, "app.quit"))
