"""A read-only JSON view that draws only the lines on screen: a 1 MB response costs the event
loop nothing to show (the lines and their colours are prepared in a thread beforehand). A text
response (not JSON) is wrapped to the width instead, so every line can be read whole."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .editor import Highlights

#: Colours per highlight name (bold/italic survive NO_COLOR).
STYLES = {
    "json.label": Style(color="cyan", bold=True),
    "string": Style(color="green"),
    "number": Style(color="magenta"),
    "boolean": Style(color="yellow", italic=True),
}


#: Narrower than this, a text response is not wrapped (one character per row says nothing).
MIN_WRAP = 10


class Prepared:
    """A response split into lines, with its highlight map and widest line (build anywhere)."""

    def __init__(
        self, text: str, highlights: Highlights | None = None, *, wrap: bool = False
    ) -> None:
        self.lines = text.split("\n") if text else []
        self.highlights: Highlights = highlights or {}
        self.width = max((len(line) for line in self.lines), default=0)
        #: Text, not JSON: wrapped to the view's width rather than scrolled sideways.
        self.wrap = wrap


def wrap_lines(lines: list[str], width: int) -> list[str]:
    """Each line cut into pieces of at most ``width`` cells, at a space when there is one in
    the second half of the piece; nothing is lost (joining the pieces gives the line)."""
    if width <= 0:
        return lines
    rows: list[str] = []
    for line in lines:
        ascii_ = line.isascii()
        while (len(line) if ascii_ else cell_len(line)) > width:
            head = line[:width] if ascii_ else chop_cells(line, width)[0]
            space = head.rfind(" ")
            if space >= len(head) // 2:
                head = head[: space + 1]
            rows.append(head)
            line = line[len(head) :]
        rows.append(line)
    return rows


class JsonView(ScrollView, can_focus=True):
    """Shows a ``Prepared`` response; scrolls with the usual keys."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prepared = Prepared("")
        self._rows: list[str] = []  # the lines drawn: the prepared ones, or them wrapped
        self._wrapped_at = 0

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
        self._layout()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _wrap_width(self) -> int:
        """The text's width when wrapped: the view's, less a vertical scrollbar (0: the view
        is not laid out yet, or too narrow to wrap into)."""
        width = self.size.width - self.styles.scrollbar_size_vertical - 1
        return width if width >= MIN_WRAP else 0

    def _layout(self) -> None:
        prepared = self.prepared
        width = self._wrap_width() if prepared.wrap else 0
        if width:
            self._rows, self._wrapped_at = wrap_lines(prepared.lines, width), width
            self.virtual_size = Size(width, len(self._rows))
        else:
            self._rows, self._wrapped_at = prepared.lines, 0
            self.virtual_size = Size(prepared.width + 1, len(prepared.lines))

    def on_resize(self) -> None:
        if self.prepared.wrap and self._wrap_width() != self._wrapped_at:
            self._layout()
            self.refresh()

    def append(self, text: str) -> None:
        """Add streamed text (plain and wrapped until the whole response is prepared)."""
        self.show(Prepared(self.text + text, wrap=True))
        self.scroll_end(animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        lines = self._rows
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
