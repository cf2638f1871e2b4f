"""The footer, recomposed only when the keys it shows change.

Textual's ``Footer`` rebuilds all its key widgets whenever the screen's bindings *may* have
changed (every focus move, every screen switch), and each rebuild restyles ~15 widgets: about
a third of the time it takes to open a function. Most of those rebuilds would show exactly the
same keys, so this one compares first.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ..bindings import ALWAYS_IN_FOOTER


class KeyFooter(Footer):
    """A ``Footer`` that skips rebuilding when the shown keys are what it already shows."""

    _shown: tuple[Any, ...] | None = None
    _width_composed = 0

    def __init__(self, *, show_command_palette: bool = False, compact: bool = True) -> None:
        # compact: one space between keys, so a function's ten keys fit in 80 columns
        super().__init__(show_command_palette=show_command_palette, compact=compact)

    def _signature(self) -> tuple[Any, ...]:
        return tuple(
            (binding.key, binding.key_display, binding.description, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        signature = self._signature()
        if signature != self._shown:
            self._shown = signature
            await self.recompose()

    # -- fitting the width -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Textual's keys, less those that would be cut off at the right edge: the screen's
        and the focused widget's extra keys go first, from the last; help, quit, palette and
        escape always stay (``?`` lists everything)."""
        keys = list(super().compose())
        self._width_composed = self.app.size.width
        room = self.app.size.width + 1  # each key ends with a space; the last one's may go
        total = sum(_width(key) for key in keys if isinstance(key, FooterKey))
        if total <= room:
            yield from keys
            return
        kept = {
            binding.key
            for (_node, binding, _enabled, _tooltip) in self.screen.active_bindings.values()
            if binding.id in ALWAYS_IN_FOOTER or binding.key.startswith("escape")
        }
        for key in reversed(keys[:]):
            if total <= room:
                break
            if isinstance(key, FooterKey) and key.key not in kept:
                keys.remove(key)
                total -= _width(key)
        yield from keys

    def on_resize(self, event: events.Resize) -> None:
        """Another width: other keys may fit (recomposed only when the width changed)."""
        if self._width_composed and event.size.width != self._width_composed:
            self._width_composed = event.size.width
            self.call_after_refresh(self.recompose)


def _width(key: FooterKey) -> int:
    """Cells a compact key takes: 'key description '."""
    return cell_len(key.key_display) + 1 + cell_len(key.description) + 1
