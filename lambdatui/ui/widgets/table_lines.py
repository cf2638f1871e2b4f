"""`TableLines`: how `VirtualTable` draws itself, a line at a time (the line API).

The column layout for the width and the rows loaded (a fitted column as wide as its widest
cell, flexible ones sharing the rest, one too narrow to be of use hidden; laid out again when
either changes, never per filter keystroke), the header with the sort arrow, and each visible
row as one `Strip`, cached by (row key, is cursor) and drawn again only when the row's cells
change. Cells are sanitised with `lambdatui.sanitize.one_line` and cut with "…"; the cursor
row has a `>` marker, so it shows without colour. The rows, their order and the cursor are the
`TableModel`'s; keys, messages and scrolling are `VirtualTable`'s.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from lambdatui.sanitize import one_line

from .table_model import Column, Entry, TableModel

R = TypeVar("R")

ELLIPSIS = "…"
CURSOR_MARKER = ">"
SORT_ASCENDING = "▲"
SORT_DESCENDING = "▼"
HEADER_HEIGHT = 1


def _fit(text: str, width: int, right: bool) -> str:
    """Pad or truncate `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if width <= 0:
        return ""
    length = len(text) if text.isascii() else cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    padding = " " * (width - length)
    return padding + text if right else text + padding


def cell_width(text: str) -> int:
    """Terminal cells a cell's text takes once drawn (sanitised on one line)."""
    return cell_len(one_line(text))


class TableLines(ScrollView, Generic[R]):
    """The drawing half of `VirtualTable`: layout, styles and strips of its `TableModel`."""

    def __init__(
        self,
        model: TableModel[R],
        empty_text: str,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._model = model
        self._columns = model.columns
        self._empty_text = empty_text
        # Column offsets for the current width, and strips per (row, is_cursor).
        self._layout: list[tuple[int, int]] = []
        #: The columns not left out for want of room (see `Column.drop`), by index.
        self._shown: tuple[int, ...] = ()
        self._signature: tuple[Any, ...] = ()
        self._width = 0
        self._base_style = self._cursor_style = self._header_style = Style()
        self._empty_style = Style()
        self._header: tuple[tuple[Any, ...], Strip] | None = None
        # A strip is keyed by the cells it shows: a row with new cells is drawn again.
        self._strips: LRUCache[tuple[str, bool], tuple[tuple[str, ...], Strip]] = LRUCache(1024)
        self._cell_styles: dict[str, Style] = {}

    @property
    def _page_height(self) -> int:
        """Rows that fit under the header."""
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _refresh_cell(self, y: int, column: int) -> int:
        """Redraw one cell of the row `y` lines below the header (on screen); 1 if shown."""
        self._prepare()
        start, width = self._layout[column]
        if not width:
            return 0
        self.refresh(Region(start, HEADER_HEIGHT + y, width, 1))
        return 1

    def _column_at(self, x: int) -> Column[R] | None:
        self._prepare()
        for column, (start, width) in zip(self._columns, self._layout, strict=True):
            if (
                width and start - 1 <= x < start + width
            ):  # the separator before a column belongs to it
                return column
        return None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are looked up once per frame: `rich_style` walks the ancestors (~0.1 ms).
        self._prepare()
        return super().render_lines(crop)

    def _prepare(self) -> None:
        """Bring layout, styles and caches up to date with the width, the widest cells of the
        fitted columns and the CSS."""
        width = self.scrollable_content_region.width
        component = self.get_component_rich_style
        signature = (
            width,
            self._model.content_widths,
            self.rich_style,
            component("virtual-table--cursor"),
            component("virtual-table--header"),
            component("virtual-table--empty"),
        )
        if signature != self._signature:
            self._signature = signature
            self._width = width
            _, _, self._base_style, self._cursor_style, self._header_style, self._empty_style = (
                signature
            )
            self._layout = self._compute_layout(width)
            self._strips.clear()
            self._cell_styles.clear()

    def columns_changed(self) -> None:
        """The model shows other columns: lay them out and draw every line again."""
        self._columns = self._model.columns
        self._signature = ()
        self._header = None
        self._strips.clear()

    def _compute_layout(self, width: int) -> list[tuple[int, int]]:
        """(start, width) of each column: a marker cell, then " " + cell per column.

        A fitted column gets its widest cell (see `Column.fit`), the flexible ones share what
        is left; one that would be too narrow to be of use (see ``Column.hide_below``) is
        hidden, 0 cells wide. When even that is short, the widest fitted columns give way;
        when they cannot, the columns that may go (``Column.drop``) are left out, no
        separator either."""
        columns = self._columns
        fitted = self._fitted_widths()
        dropped = self._dropped(width, fitted)
        self._shown = tuple(i for i in range(len(columns)) if i not in dropped)
        widths = {
            i: column.width
            for i, column in enumerate(columns)
            if column.width is not None and i not in dropped
        }
        fitted = {i: w for i, w in fitted.items() if i not in dropped}
        widths.update(fitted)
        room = width - len(CURSOR_MARKER) - len(self._shown) - sum(widths.values())
        hide_below = {column.key: column.hide_below for column in columns}
        hidden: set[str] = {columns[i].key for i in dropped}
        while True:
            shares = self._flexible_shares(room, hidden)
            too_narrow = [key for key, share in shares.items() if share < hide_below[key]]
            if not too_narrow:
                break
            hidden.add(too_narrow[-1])  # the rightmost goes first
        short = sum(
            c.min_width for c in columns if c.width is None and not c.fit and c.key not in hidden
        )
        _give_way(widths, fitted, {i: columns[i].min_width for i in fitted}, short - room)
        layout: list[tuple[int, int]] = []
        x = len(CURSOR_MARKER)
        for i, column in enumerate(columns):
            if i in dropped:
                layout.append((x, 0))
                continue
            if i in widths:
                column_width = widths[i]
            else:
                column_width = 0 if column.key in hidden else shares[column.key]
            layout.append((x + 1, column_width))
            x += 1 + column_width
        return layout

    def _dropped(self, width: int, fitted: dict[int, int]) -> set[int]:
        """The columns left out at this width: while the others, at their narrowest (fitted
        ones at their floor, flexible ones that may hide hidden), are wider than the table,
        the one with the highest ``Column.drop`` (the rightmost of equals) goes."""
        columns = self._columns
        if not any(column.drop for column in columns):
            return set()

        def narrowest(i: int) -> int:
            column = columns[i]
            if column.width is not None:
                return column.width
            if column.fit:
                return min(column.min_width, fitted[i])
            return 0 if column.hide_below else column.min_width

        kept = list(range(len(columns)))
        dropped: set[int] = set()
        while len(CURSOR_MARKER) + sum(1 + narrowest(i) for i in kept) > width:
            candidates = [i for i in kept if columns[i].drop]
            if not candidates:
                break
            going = max(candidates, key=lambda i: (columns[i].drop, i))
            kept.remove(going)
            dropped.add(going)
        return dropped

    def _fitted_widths(self) -> dict[int, int]:
        """Each fitted column's width: its widest cell or its label with room for the sort
        arrow (so that sorting by it moves nothing), at most `Column.fit`."""
        return {
            i: min(column.fit, max(width, cell_len(one_line(column.label)) + 2))
            for i, (column, width) in enumerate(
                zip(self._columns, self._model.content_widths, strict=True)
            )
            if column.fit
        }

    def _flexible_shares(self, room: int, hidden: set[str]) -> dict[str, int]:
        """Each shown flexible column's width: its minimum, plus a share of what is left by
        weight (rounding leftovers go to the first)."""
        flexible = [
            c for c in self._columns if c.width is None and not c.fit and c.key not in hidden
        ]
        if not flexible:
            return {}
        spare = max(0, room - sum(column.min_width for column in flexible))
        total_weight = sum(column.weight for column in flexible) or 1
        extras = [spare * column.weight // total_weight for column in flexible]
        extras[0] += spare - sum(extras)
        return {
            column.key: column.min_width + extra
            for column, extra in zip(flexible, extras, strict=True)
        }

    def render_line(self, y: int) -> Strip:
        if not self._signature:
            self._prepare()
        width = self._width
        base = self._base_style
        if y < HEADER_HEIGHT:
            return self._render_header(width)
        model = self._model
        index = self.scroll_offset.y + y - HEADER_HEIGHT
        count = model.visible_count
        if count == 0:
            if y == HEADER_HEIGHT + (self._page_height - 1) // 2:
                text = _fit(one_line(self._empty_text), width, right=False).strip()
                return Strip([Segment(text.center(width), self._empty_style)], width)
            return Strip.blank(width, base)
        if index >= count:
            return Strip.blank(width, base)
        return self._render_row(model.entry_at(index), index == model.cursor, width)

    def _render_header(self, width: int) -> Strip:
        key = (self._model.sort_column, self._model.sort_reverse, self._signature)
        if self._header is not None and self._header[0] == key:
            return self._header[1]
        style = self._header_style
        parts = [" " * len(CURSOR_MARKER)]
        for i in self._shown:
            column, (_, column_width) = self._columns[i], self._layout[i]
            label = one_line(column.label)
            if column.key == self._model.sort_column:
                arrow = SORT_DESCENDING if self._model.sort_reverse else SORT_ASCENDING
                label = f"{_fit(label, column_width - 2, False).rstrip()} {arrow}"
            parts.append(" ")
            parts.append(_fit(label, column_width, column.align == "right"))
        strip = Strip([Segment("".join(parts), style)]).adjust_cell_length(width, style)
        self._header = (key, strip)
        return strip

    def _cells(self, entry: Entry[R]) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        """A row's sanitised cell texts and cell styles, computed the first time it is drawn."""
        if entry.cells is None:
            row = entry.row
            entry.cells = tuple(one_line(column.cell(row)) for column in self._columns)
            if any(column.style is not None for column in self._columns):
                entry.styles = tuple(
                    column.style(row) if column.style is not None else ""
                    for column in self._columns
                )
        return entry.cells, entry.styles

    def _render_row(self, entry: Entry[R], is_cursor: bool, width: int) -> Strip:
        cache_key = (entry.key, is_cursor)
        cached = self._strips.get(cache_key)
        if cached is not None and entry.cells is not None and cached[0] is entry.cells:
            return cached[1]
        cells, styles = self._cells(entry)
        if is_cursor:
            style = self._cursor_style
            marker = CURSOR_MARKER
        else:
            style = self._base_style
            marker = " " * len(CURSOR_MARKER)
        columns, layout = self._columns, self._layout
        if len(self._shown) < len(columns):  # some left out for want of room
            shown = self._shown
            columns = tuple(columns[i] for i in shown)
            layout = [layout[i] for i in shown]
            drawn = tuple(cells[i] for i in shown)
            styles = tuple(styles[i] for i in shown) if styles is not None else None
        else:
            drawn = cells
        texts = [
            _fit(text, column_width, column.align == "right")
            for column, text, (_, column_width) in zip(columns, drawn, layout, strict=True)
        ]
        if styles is None or is_cursor or not any(styles):
            segments = [Segment(marker + " " + " ".join(texts), style)]
        else:
            segments = [Segment(marker, style)]
            for text, cell_style in zip(texts, styles, strict=True):
                segments.append(Segment(" ", style))
                segments.append(
                    Segment(text, style + self._cell_style(cell_style) if cell_style else style)
                )
        strip = Strip(segments).adjust_cell_length(width, self._base_style)
        self._strips[cache_key] = (cells, strip)
        return strip

    def _cell_style(self, name: str) -> Style:
        style = self._cell_styles.get(name)
        if style is None:
            if name in self.COMPONENT_CLASSES:
                style = self.get_component_rich_style(name, partial=True)
            else:
                style = Style.parse(name)
            self._cell_styles[name] = style
        return style


def _give_way(
    widths: dict[int, int], fitted: dict[int, int], floors: dict[int, int], short: int
) -> None:
    """Narrow the fitted columns in `widths` by `short` cells in all, the widest first, none
    below its floor (`Column.min_width`, or its own width if less)."""
    while short > 0:
        candidates = [i for i in fitted if widths[i] > min(floors[i], fitted[i])]
        if not candidates:
            return
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        short -= 1
