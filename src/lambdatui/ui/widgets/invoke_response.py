"""A read-only JSON view that draws only the lines on screen: a 1 MB response costs the event
loop nothing to show (the lines and their colours are prepared in a thread beforehand)."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .invoke_json import Highlights

#: Colours per highlight name (bold/italic survive NO_COLOR).
STYLES = {
    "json.label": Style(color="cyan", bold=True),
    "string": Style(color="green"),
    "number": Style(color="magenta"),
    "boolean": Style(color="yellow", italic=True),
}


class Prepared:
    """A response split into lines, with its highlight map and widest line (build anywhere)."""

    def __init__(self, text: str, highlights: Highlights | None = None) -> None:
        self.lines = text.split("\n") if text else []
        self.highlights: Highlights = highlights or {}
        self.width = max((len(line) for line in self.lines), default=0)


class JsonView(ScrollView, can_focus=True):
    """Shows a ``Prepared`` response; scrolls with the usual keys."""

    DEFAULT_CSS = """
    JsonView { background: $surface; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prepared = Prepared("")

    @property
    def text(self) -> str:
        return "\n".join(self.prepared.lines)

    @property
    def line_count(self) -> int:
        return len(self.prepared.lines)

    @property
    def highlighted(self) -> bool:
        return bool(self.prepared.highlights)

    def show(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.virtual_size = Size(prepared.width + 1, len(prepared.lines))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def append(self, text: str) -> None:
        """Add streamed text (plain until the whole response is prepared)."""
        self.show(Prepared(self.text + text))
        self.scroll_end(animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        lines = self.prepared.lines
        if index >= len(lines):
            return Strip([Segment(" " * width, base)], width)
        text = Text(lines[index], no_wrap=True, end="")
        for start, end, name in self.prepared.highlights.get(index, ()):
            style = STYLES.get(name)
            if style is not None:
                text.stylize(style, start, end)
        segments: list[Any] = list(text.render(self.app.console))
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width).apply_style(base)
