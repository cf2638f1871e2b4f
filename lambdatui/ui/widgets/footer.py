"""The footer: the keys of what has focus, as one line of text in one widget.

Textual's ``Footer`` is a container of one widget per key, rebuilt whenever the screen's
bindings *may* have changed (every focus move, every tab or screen switch): a dozen widgets
mounted, restyled and laid out each time, about 45 ms of every tab switch on a 2-core machine.
This footer is one widget that renders one ``Text``: a change of keys is a repaint of one line
(no mount, no layout), and only when the keys it would show differ from those it shows.

It keeps Textual's look (the footer's theme colours, compact spacing, disabled keys dimmed)
and its mouse behaviour: a click on a key presses it. Keys that would be cut off at the right
edge give way first, from the last; help, quit, palette and escape always stay (``?`` lists
everything).
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from ..bindings import ALWAYS_IN_FOOTER


class FooterEntry(NamedTuple):
    """One key the footer shows."""

    key: str
    key_display: str
    description: str
    enabled: bool
    kept: bool  # never given up for room

    @property
    def width(self) -> int:
        """Cells it takes: 'key description ' (the last one's space may go)."""
        return cell_len(self.key_display) + 1 + cell_len(self.description) + 1


class KeyFooter(Widget, can_focus=False):
    """See the module docstring."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = False) -> None:
        # (the palette has a binding of its own among the app's, shown like any other key)
        super().__init__()
        self._signature: tuple[Any, ...] | None = None
        self._width = 0
        #: The keys shown, left to right, and the column each starts at.
        self.entries: tuple[FooterEntry, ...] = ()
        self._starts: tuple[int, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's keys may have changed: look once the handler that said so is done
        (a focus move and a tab switch say it several times in one go)."""
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_next(self._update_keys)

    def on_resize(self, event: events.Resize) -> None:
        """Another width: other keys may fit."""
        if event.size.width != self._width:
            self._update_keys(force=True)

    def descriptions(self) -> list[str]:
        """What the shown keys do, left to right."""
        return [entry.description for entry in self.entries]

    # -- what to show ----------------------------------------------------------------------

    def _update_keys(self, force: bool = False) -> None:
        if not self.is_attached:
            return
        shown = [
            (binding, enabled)
            for (_node, binding, enabled, _tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        signature = tuple(
            (binding.key, binding.key_display, binding.description, binding.id, enabled)
            for binding, enabled in shown
        )
        if signature == self._signature and not force:
            return
        self._signature = signature
        self._width = self.size.width or self.app.size.width
        entries, actions = [], set()
        for binding, enabled in shown:
            if binding.action in actions:
                continue  # Textual's footer shows an action once, under its first key: so here
            actions.add(binding.action)
            entries.append(
                FooterEntry(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    enabled,
                    binding.id in ALWAYS_IN_FOOTER or binding.key.startswith("escape"),
                )
            )
        self.entries = tuple(_fit(entries, self._width))
        starts, column = [], 0
        for entry in self.entries:
            starts.append(column)
            column += entry.width
        self._starts = tuple(starts)
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        text = Text(no_wrap=True, overflow="crop", end="")
        for entry in self.entries:
            start = len(text)
            text.append(entry.key_display, key_style)
            text.append(" " + entry.description, description_style)
            if not entry.enabled:
                text.stylize("dim", start)
            text.append(" ")
        return text

    # -- the mouse ---------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it (a disabled one rings the bell)."""
        entry = self.entry_at(event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def entry_at(self, x: int) -> FooterEntry | None:
        for entry, start in zip(self.entries, self._starts, strict=True):
            if start <= x < start + entry.width - 1:
                return entry
        return None


def _fit(entries: list[FooterEntry], width: int) -> list[FooterEntry]:
    """``entries`` less those that would be cut off at ``width``: the last ones give way first,
    never the kept ones."""
    room = width + 1  # each key ends with a space; the last one's may go
    total = sum(entry.width for entry in entries)
    for entry in reversed(entries[:]):
        if total <= room:
            break
        if not entry.kept:
            entries.remove(entry)
            total -= entry.width
    return entries
