"""The footer, recomposed only when the keys it shows change.

Textual's ``Footer`` rebuilds all its key widgets whenever the screen's bindings *may* have
changed (every focus move, every screen switch), and each rebuild restyles ~15 widgets: about
a third of the time it takes to open a function. Most of those rebuilds would show exactly the
same keys, so this one compares first.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A ``Footer`` that skips rebuilding when the shown keys are what it already shows."""

    _shown: tuple[Any, ...] | None = None

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
