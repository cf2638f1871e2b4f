"""`VirtualTable`: a sortable, filterable list of thousands of rows that stays fast.

Textual's `DataTable` measures every cell whenever rows change, about 0.7 s per re-filter at
5,000 rows. This widget uses the line API instead (as toolong's `LogLines` does): its
`TableModel` keeps the rows in sorted order and filters with one pass over that list
(`set_filter` with a predicate over rows, or the quicker `set_text_filter` over each row's
search text), and `render_line` draws only the rows on screen, from a cache of strips
(`TableLines`, in `table_lines.py`). This module is the widget's behaviour: data in, keys
(the binding table's `TABLE_BINDINGS`), mouse, scrolling and the messages it posts.

* The header is the first line of the widget and never scrolls; clicking a label sorts by it.
* Cells are sanitised with `lambdatui.sanitize.one_line` once per row and truncated with "…";
  a volatile column's cells (ages) again on `refresh_volatile`, redrawn only where they changed.
* The cursor row has a `>` marker as well as the cursor style, so it shows without colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message

from lambdatui.sanitize import one_line

from ..bindings import TABLE_BINDINGS
from .table_lines import HEADER_HEIGHT, TableLines, cell_width
from .table_model import Column, TableModel

__all__ = ["Column", "VirtualTable"]

R = TypeVar("R")


class VirtualTable(TableLines[R], can_focus=True, inherit_bindings=False):
    """A table of rows of type `R` that renders only what is on screen.

    Its keys are its own: the scroll container's left/right (and page left/right) would be
    offered in help while doing nothing, as the columns always fit the width."""

    BINDINGS: ClassVar[list[BindingType]] = TABLE_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--empty",
        "virtual-table--warning",
        "virtual-table--error",
        "virtual-table--muted",
    }

    class Highlighted(Message):
        """The cursor moved to another row (or to none). A burst is coalesced."""

        def __init__(self, table: VirtualTable[Any], row: Any | None) -> None:
            self.table = table
            self.row = row
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, VirtualTable.Highlighted) and message.table is self.table

    class Selected(Message):
        """The user chose the row under the cursor (enter or double click)."""

        def __init__(self, table: VirtualTable[Any], row: Any) -> None:
            self.table = table
            self.row = row
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    class SortChanged(Message):
        """The sort column or direction changed."""

        def __init__(self, table: VirtualTable[Any], column: str, reverse: bool) -> None:
            self.table = table
            self.column = column
            self.reverse = reverse
            super().__init__()

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        row_key: Callable[[R], str],
        search_text: Callable[[R], str] | None = None,
        empty_text: str = "No rows",
        sort_column: str | None = None,
        sort_reverse: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        """A table of `columns`.

        Args:
            columns: The columns, left to right.
            row_key: A row's unique key (a function name or ARN): it keeps the cursor on the
                row across updates, and a streamed row with a known key replaces the old one.
            search_text: The text `set_text_filter` matches for a row, computed once per row.
                By default the row's cells joined by spaces, lower-cased.
            empty_text: Shown when no row is visible.
            sort_column: Key of the initial sort column (by default the first one).
            sort_reverse: Initial sort direction.
        """
        model = TableModel(
            columns,
            row_key=row_key,
            search_text=search_text,
            sort_column=sort_column,
            sort_reverse=sort_reverse,
            measure=cell_width,
        )
        super().__init__(model, empty_text, name=name, id=id, classes=classes, disabled=disabled)
        self._painted_window: tuple[Any, ...] | None = None
        self._forgotten = False  # see forget_volatile

    # ----------------------------------------------------------------- readable state

    @property
    def columns(self) -> tuple[Column[R], ...]:
        return self._columns

    @property
    def sort_column(self) -> str:
        """Key of the column the rows are sorted by."""
        return self._model.sort_column

    @property
    def sort_reverse(self) -> bool:
        """True when the sort is descending."""
        return self._model.sort_reverse

    @property
    def visible_count(self) -> int:
        """Rows that pass the filter."""
        return self._model.visible_count

    @property
    def total_count(self) -> int:
        """All rows, filtered or not."""
        return self._model.total_count

    @property
    def cursor_index(self) -> int:
        """Display index of the cursor among the visible rows (0 when there are none)."""
        return self._model.cursor

    @property
    def cursor_row(self) -> R | None:
        """The highlighted row, or None when no row is visible."""
        return self._model.cursor_row

    @property
    def empty_text(self) -> str:
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        self._empty_text = text
        if not self._model.visible:
            self.refresh()

    def visible_rows(self) -> Sequence[R]:
        """The filtered rows in display order."""
        return self._model.visible_rows()

    def rows(self) -> list[R]:
        """Every row, filtered out or not, in no particular order."""
        return [entry.row for entry in self._model.entries()]

    def rows_on_screen(self, margin: int = 0) -> list[R]:
        """The rows on screen, and up to ``margin`` rows either side, in display order."""
        model = self._model
        top = self.scroll_offset.y
        start = max(0, top - margin)
        end = min(model.visible_count, top + self._page_height + margin)
        return [model.entry_at(index).row for index in range(start, end)]

    @property
    def page_height(self) -> int:
        """Rows that fit under the header."""
        return self._page_height

    # ------------------------------------------------------------------------ data

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace all rows. The cursor stays on the same row key if it is still there."""
        self._model.set_rows(rows)
        self._data_changed()

    def show_preview(self, rows: Sequence[R], widths: Mapping[str, int], total: int) -> bool:
        """Show ``rows``, the first of a list of ``total`` rows in this table's order, as the
        whole list would be shown: the fitted columns as wide as ``widths`` says (the whole
        list's, by column key, as `fitted_widths` gives them) and the scroll bar as long.
        The next change of rows replaces it (`set_rows` with the whole list). False, and
        nothing shown, when ``widths`` lacks one of the fitted columns.

        A warm start's first frame: the cached list's first screen is drawn without reading,
        sorting and measuring all of it (~20 ms of 2,000 rows)."""
        try:
            self._model.set_rows(rows, widths=widths)
        except KeyError:
            return False
        self._data_changed(length=max(total, len(rows)))
        return True

    def fitted_widths(self) -> dict[str, int]:
        """The widest cell of each fitted column over all the rows, by column key."""
        return self._model.fitted_widths()

    def add_rows(self, rows: Sequence[R]) -> None:
        """Add rows (a page of a streamed listing), keeping sort, filter and cursor.

        A row whose key is already present replaces the old one.
        """
        if rows:
            self._model.add_rows(rows)
            self._data_changed()

    def set_columns(self, columns: Sequence[Column[R]]) -> None:
        """Show other columns (a column group turned on or off); rows, filter and cursor stay,
        and so does the sort unless its column is gone (then the first column's)."""
        sort = (self._model.sort_column, self._model.sort_reverse)
        self._model.set_columns(columns)
        self.columns_changed()
        self._painted_window = None
        self._data_changed()
        if (self._model.sort_column, self._model.sort_reverse) != sort:
            self.post_message(self.SortChanged(self, self._model.sort_column, False))

    def rows_changed(self, keys: Iterable[str]) -> None:
        """The rows with these keys show other cells (what they read came in): they are drawn
        again, and move if their place in the sort changed."""
        if self._model.rows_changed(keys):
            self._painted_window = None
            self._data_changed()

    def refresh_volatile(self) -> int:
        """Recompute the volatile cells (ages; see `Column.volatile`) and redraw, of the rows
        on screen, only the cells whose text changed; the other rows recompute theirs when
        next drawn. Returns how many cells were redrawn."""
        volatile = [i for i, column in enumerate(self._columns) if column.volatile]
        if not volatile:
            return 0
        model = self._model
        top = self.scroll_offset.y
        end = min(model.visible_count, top + self._page_height)
        shown = {model.entry_at(index).key: index - top for index in range(top, end)}
        redrawn = 0
        for entry in model.entries():
            if entry.cells is None:
                continue
            y = shown.get(entry.key)
            if y is None:
                entry.cells = None
                continue
            cells = list(entry.cells)
            for i in volatile:
                cells[i] = one_line(self._columns[i].cell(entry.row))
            changed = [i for i in volatile if cells[i] != entry.cells[i]]
            if changed:
                entry.cells = tuple(cells)
                for i in changed:
                    redrawn += self._refresh_cell(y, i)
        return redrawn

    def forget_volatile(self) -> None:
        """The table is not on screen: its volatile cells are computed again when it is shown
        (`redraw_forgotten`), and nothing is drawn now."""
        if any(column.volatile for column in self._columns):
            for entry in self._model.entries():
                entry.cells = None
            self._forgotten = True

    def redraw_forgotten(self) -> None:
        """Shown again after `forget_volatile`: draw the rows with their cells as they are."""
        if self._forgotten:
            self._forgotten = False
            self.refresh()

    def set_filter(self, predicate: Callable[[R], bool] | None, *, narrows: bool = False) -> None:
        """Show only the rows for which `predicate` is true (None shows all).

        Args:
            predicate: The new filter; it replaces any text filter.
            narrows: A promise that `predicate` accepts no row the current filter rejects
                (the user typed one more character of a substring). Then only the rows
                shown now are tested.
        """
        self._model.set_filter(predicate, narrows=narrows)
        self._data_changed()

    def set_text_filter(
        self, match: Callable[[str], bool] | None, *, narrows: bool = False
    ) -> None:
        """Show only the rows whose search text `match` accepts (None shows all).

        The fast way to filter as the user types: each row's search text is computed once
        and kept in sort order, so a keystroke is one call of `match` per row (about three
        times quicker than a predicate that reads several fields of each row).

        Args:
            match: Tests a row's search text (see `search_text`); replaces any predicate.
            narrows: As for `set_filter`.
        """
        self._model.set_text_filter(match, narrows=narrows)
        self._data_changed()

    def sort_by(self, key: str, reverse: bool = False) -> None:
        """Sort by the column `key`, descending if `reverse`."""
        if self._model.sort_by(key, reverse):
            self._data_changed()
            self.post_message(self.SortChanged(self, key, reverse))

    def cycle_sort(self) -> None:
        """Sort by the next column: ascending, or descending for a `newest_first` one."""
        key = self._model.next_sort_column()
        column = next(c for c in self._model.columns if c.key == key)
        self.sort_by(key, reverse=column.newest_first)

    def _data_changed(self, length: int | None = None) -> None:
        """The model re-placed the cursor on its row: resize (to ``length`` rows, by default
        the visible ones) and repaint."""
        rows = self._model.visible_count if length is None else length
        self.virtual_size = Size(0, HEADER_HEIGHT + rows)
        self._cursor_changed()
        # Typing often leaves the rows on screen as they were (every row still matches):
        # then there is nothing to repaint.
        window = self._window()
        if window != self._painted_window:
            self._painted_window = window
            self.refresh()

    def _window(self) -> tuple[Any, ...]:
        """Everything the lines of the widget depend on, besides width and styles (rows off
        screen too: a wider cell among them widens its fitted column)."""
        model = self._model
        top = self.scroll_offset.y
        end = min(model.visible_count, top + self._page_height)
        rows = tuple(model.entry_at(index) for index in range(top, end))
        sort = (model.sort_column, model.sort_reverse)
        return (top, model.cursor, sort, self._empty_text, model.content_widths, rows)

    # ---------------------------------------------------------------------- cursor

    def move_cursor_to_key(self, key: str) -> bool:
        """Put the cursor on the row with this key; False if it is not visible."""
        index = self._model.index_of(key)
        if index is None:
            return False
        self._move_cursor(index)
        return True

    def _move_cursor(self, index: int) -> None:
        model = self._model
        if not model.visible:
            return
        old = model.cursor
        if model.move_cursor(index):
            self._painted_window = None
            self.refresh_lines(HEADER_HEIGHT + old)
            self.refresh_lines(HEADER_HEIGHT + model.cursor)
        self._cursor_changed()

    def _cursor_changed(self) -> None:
        """Post `Highlighted` if the cursor is on another row; keep it on screen."""
        if self._model.update_cursor_key():
            self.post_message(self.Highlighted(self, self._model.cursor_row))
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if not self.is_mounted:
            return
        cursor = self._model.cursor
        page = self._page_height
        top = self.scroll_offset.y
        if cursor < top:
            top = cursor
        elif cursor >= top + page:
            top = cursor - page + 1
        top = max(0, min(top, self.max_scroll_y))
        if top != self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, force=True)

    def action_cursor_up(self) -> None:
        self._move_cursor(self._model.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move_cursor(self._model.cursor + 1)

    def action_page_up(self) -> None:
        self._move_cursor(self._model.cursor - self._page_height)

    def action_page_down(self) -> None:
        self._move_cursor(self._model.cursor + self._page_height)

    def action_first(self) -> None:
        self._move_cursor(0)

    def action_last(self) -> None:
        self._move_cursor(self._model.visible_count - 1)

    def action_select(self) -> None:
        row = self.cursor_row
        if row is not None:
            self.post_message(self.Selected(self, row))

    # ----------------------------------------------------------------------- mouse

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y < HEADER_HEIGHT:
            column = self._column_at(offset.x)
            if column is not None and column.sortable:
                same = column.key == self.sort_column
                reverse = not self.sort_reverse if same else column.newest_first
                self.sort_by(column.key, reverse=reverse)
            return
        index = self.scroll_offset.y + offset.y - HEADER_HEIGHT
        if 0 <= index < self._model.visible_count:
            self._move_cursor(index)
            if event.chain >= 2:
                self.action_select()

    def _on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()
