"""`TableModel`: the rows behind a `VirtualTable`, sorted, filtered, with a cursor; no UI.

It keeps every row by key and all of them in ascending sort order; the visible list is the
filtered subset in the same order (the very same list when there is no filter). A reversed sort
only reverses how display indexes map onto these lists, so flipping the direction costs nothing.

Streamed pages are inserted in order (bisect for small pages, a merge for big ones), and a
filter is one pass over the sorted list, or over the visible one when it `narrows`. A text
filter reads the search texts from lists kept beside those two (in their order), not from each
row's entry: the entries lie all over the heap in sort order, and at 50,000 rows fetching
them, not matching, was most of a keystroke. The cursor
is a display index plus the key of its row, which keeps it on that row across updates. The
widest cell of each fitted column (`Column.fit`) is measured as rows come in.

Nothing here imports Textual: the widget (`virtual_table`, drawn by `table_lines`) draws the
rows and reacts to keys, and tells the model what changed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Any, Generic, Literal, TypeVar

from ...filtering import Substring

R = TypeVar("R")

# `add_rows` inserts pages up to this size one by one (bisect); larger ones are merged.
_INSERT_LIMIT = 64


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a `VirtualTable`."""

    key: str
    """Identifies the column in `sort_by` and `SortChanged`."""
    label: str
    """Header text."""
    cell: Callable[[R], str]
    """Text of the cell for a row; sanitised with `one_line` before display."""
    width: int | None = None
    """Fixed width in cells, or None for a flexible or fitted column."""
    min_width: int = 4
    """Narrowest a flexible column gets; a fitted one gives way down to this when short."""
    fit: int = 0
    """Fitted: as wide as the widest cell of all the rows loaded (filtered out or not, so
    that typing a filter never moves the columns) or the label, at most `fit` cells (a longer
    cell is cut with "…"); the flexible columns share what is left. 0: not fitted. Not for a
    volatile column: its cells are measured when the rows come in."""
    weight: int = 1
    """A flexible column's share of the width left after every minimum is met."""
    hide_below: int = 0
    """A flexible column that would be narrower than this is hidden, and its room goes to the
    others (a description cut to 3 characters says nothing); 0: never hidden."""
    align: Literal["left", "right"] = "left"
    sort_key: Callable[[R], Any] | None = None
    """Sort value for a row; by default the cell text, case-insensitive. None sorts last."""
    newest_first: bool = False
    """Sorted descending when first chosen (a time: the most recent change on top)."""
    style: Callable[[R], str] | None = None
    """Optional style of a cell: a component class of the table (`virtual-table--warning`,
    `virtual-table--error`, `virtual-table--muted`) or a Rich style string."""
    volatile: bool = False
    """The text changes as time passes (an age): `VirtualTable.refresh_volatile` recomputes
    it, where every other cell is computed once per row."""
    sortable: bool = True
    """False: `s` passes it by and clicking its label does nothing (a sparkline)."""
    drop: int = 0
    """May go when the row is short: if the columns do not fit even with the fitted ones at
    their narrowest, the column with the highest `drop` is left out, then the next; 0: never."""


@dataclass(slots=True, eq=False)
class Entry(Generic[R]):
    """A row and what the table keeps about it: key, sort key, search text, drawn cells.

    `cells` and `styles` belong to the widget, which fills them the first time it draws the
    row; a replaced row gets a new entry, so they never go stale.
    """

    row: R
    key: str
    sort_key: tuple[Any, ...]
    search: str | None = None
    cells: tuple[str, ...] | None = None
    styles: tuple[str, ...] | None = None


_SORT_KEY = attrgetter("sort_key")


class TableModel(Generic[R]):
    """Rows of type `R` in sort order, the filtered ones, and the cursor among them."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        row_key: Callable[[R], str],
        search_text: Callable[[R], str] | None = None,
        sort_column: str | None = None,
        sort_reverse: bool = False,
        measure: Callable[[str], int] = len,
    ) -> None:
        """Rows shown in `columns`; see `VirtualTable` for the arguments. `measure` gives the
        width of a cell's text as drawn (the widget's, which knows terminal cells)."""
        if not columns:
            raise ValueError("a VirtualTable needs at least one column")
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._column_index = {column.key: i for i, column in enumerate(self.columns)}
        self._row_key = row_key
        self._own_search_text = search_text is not None
        self._search_text = search_text or self._default_search_text
        self.sort_column: str = sort_column or self.columns[0].key
        self.sort_reverse: bool = sort_reverse
        if self.sort_column not in self._column_index:
            raise ValueError(f"unknown sort column {self.sort_column!r}")
        self._predicate: Callable[[R], bool] | None = None
        self._text_match: Callable[[str], bool] | None = None
        self._searchable = True  # every entry has its search text
        self._entries: dict[str, Entry[R]] = {}
        self._sorted: list[Entry[R]] = []
        self.visible: list[Entry[R]] = self._sorted
        """The rows that pass the filter, in ascending sort order (read, never change)."""
        #: The search texts of `_sorted` and of `visible`, in their order; None when those
        #: lists changed since (rows came in, another sort): made again by the next filter.
        self._sorted_texts: list[str] | None = None
        self._visible_texts: list[str] | None = None
        self.cursor = 0
        """Display index of the cursor among the visible rows (0 when there are none)."""
        self.cursor_key: str | None = None
        """Key of the row the cursor was last on (see `update_cursor_key`)."""
        self._measure_text = measure
        self._fitted = [i for i, column in enumerate(self.columns) if column.fit]
        if any(self.columns[i].width is not None for i in self._fitted):
            raise ValueError("a fitted column has no fixed width")
        self.content_widths: tuple[int, ...] = (0,) * len(self.columns)
        """Per fitted column, its widest cell among all the rows (0 for the other columns):
        measured once per row as rows come in, never per keystroke of a filter. A row that
        `add_rows` replaces leaves its width until the next `set_rows`."""

    # ----------------------------------------------------------------- readable state

    @property
    def visible_count(self) -> int:
        return len(self.visible)

    @property
    def total_count(self) -> int:
        return len(self._entries)

    @property
    def cursor_row(self) -> R | None:
        """The row under the cursor, or None when no row is visible."""
        if not self.visible:
            return None
        return self.entry_at(self.cursor).row

    def entries(self) -> Iterable[Entry[R]]:
        """Every row's entry, shown or filtered out, in no particular order."""
        return self._entries.values()

    def visible_rows(self) -> list[R]:
        """The filtered rows in display order."""
        rows = [entry.row for entry in self.visible]
        return rows[::-1] if self.sort_reverse else rows

    def entry_at(self, index: int) -> Entry[R]:
        """The visible entry at a display index."""
        if self.sort_reverse:
            return self.visible[len(self.visible) - 1 - index]
        return self.visible[index]

    def index_of(self, key: str) -> int | None:
        """Display index of the row with this key; None if there is none or it is hidden."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        position = self._position(entry)
        if position == len(self.visible) or self.visible[position] is not entry:
            return None  # filtered out
        return self._display_index(position)

    def _position(self, entry: Entry[R]) -> int:
        """Where `entry` is, or would be, in the ascending visible list."""
        return bisect.bisect_left(self.visible, entry.sort_key, key=_SORT_KEY)

    def _display_index(self, position: int) -> int:
        return len(self.visible) - 1 - position if self.sort_reverse else position

    def _make_sort_key(self, row: R, key: str) -> tuple[Any, ...]:
        column = self.columns[self._column_index[self.sort_column]]
        value = column.sort_key(row) if column.sort_key else column.cell(row).casefold()
        # (flag, value) so that None sorts last and never meets a value; the row key breaks
        # ties, which makes every key unique and the order deterministic.
        return ((1, 0) if value is None else (0, value), key)

    def _new_entry(self, row: R, key: str) -> Entry[R]:
        self._searchable = False  # its search text is computed by the next text filter
        return Entry(row, key, self._make_sort_key(row, key))

    def _default_search_text(self, row: R) -> str:
        return " ".join(column.cell(row) for column in self.columns).lower()

    # ------------------------------------------------------------------------ rows

    def set_rows(self, rows: Sequence[R], *, widths: Mapping[str, int] | None = None) -> None:
        """Replace all rows. The cursor stays on the same row key if it is still there.

        ``widths``: the widest cell of each fitted column by column key, measured already
        over a longer list that ``rows`` begin (`VirtualTable.show_preview`): taken as they
        are; a fitted column missing from them raises KeyError before anything changes."""
        given = None
        if widths is not None:
            given = [0] * len(self.columns)
            for i in self._fitted:
                given[i] = widths[self.columns[i].key]
        row_key = self._row_key
        old = self._entries
        entries: dict[str, Entry[R]] = {}
        for row in rows:
            key = row_key(row)
            previous = old.get(key)
            if previous is not None and previous.row is row:
                entries[key] = previous  # the same object: keep its sort key and cells
            else:
                entries[key] = self._new_entry(row, key)
        self._entries = entries
        self._sorted = sorted(entries.values(), key=_SORT_KEY)
        self._texts_stale()
        if given is not None:
            self.content_widths = tuple(given)
        elif self._fitted:
            self.content_widths = (0,) * len(self.columns)
            self._measure(rows)
        self._apply_filter()

    def fitted_widths(self) -> dict[str, int]:
        """The widest cell of each fitted column, by column key (as `set_rows` takes them)."""
        return {self.columns[i].key: self.content_widths[i] for i in self._fitted}

    def add_rows(self, rows: Sequence[R]) -> None:
        """Add rows (a page of a streamed listing), keeping sort, filter and cursor.

        A row whose key is already present replaces the old one.
        """
        if not rows:
            return
        row_key = self._row_key
        new: dict[str, Entry[R]] = {}
        for row in rows:
            key = row_key(row)
            if key in self._entries:
                self._remove(key)
            new[key] = self._new_entry(row, key)
        self._entries.update(new)
        if self._fitted:
            self._measure(rows)
        self._texts_stale()
        added = list(new.values())
        _insert(self._sorted, added)
        if self.visible is not self._sorted:
            _insert(self.visible, self._filtered(added))
        self.place_cursor()

    def _measure(self, rows: Sequence[R]) -> None:
        """Widen `content_widths` to the widest fitted cells of `rows` (cells as drawn)."""
        widths = list(self.content_widths)
        measure = self._measure_text
        for i in self._fitted:
            cell = self.columns[i].cell
            widest = widths[i]
            for row in rows:
                text = cell(row)
                length = len(text) if text.isascii() and text.isprintable() else measure(text)
                if length > widest:
                    widest = length
            widths[i] = widest
        self.content_widths = tuple(widths)

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key)
        self._texts_stale()
        for target in (self._sorted, self.visible):
            position = bisect.bisect_left(target, entry.sort_key, key=_SORT_KEY)
            if position < len(target) and target[position] is entry:
                del target[position]
            if self.visible is self._sorted:
                break

    def set_columns(self, columns: Sequence[Column[R]]) -> None:
        """Show other columns (a group turned on or off): every row's cells are computed
        again when drawn, the fitted ones measured again; the sort stays, or goes to the
        first column if its column is gone."""
        if not columns:
            raise ValueError("a VirtualTable needs at least one column")
        self.columns = tuple(columns)
        self._column_index = {column.key: i for i, column in enumerate(self.columns)}
        self._fitted = [i for i, column in enumerate(self.columns) if column.fit]
        self.content_widths = (0,) * len(self.columns)
        for entry in self._entries.values():
            entry.cells = entry.styles = None
            if not self._own_search_text:
                entry.search = None  # the default search text is the cells'
        if not self._own_search_text:
            self._searchable = False
        self._texts_stale()
        if self._fitted:
            self._measure([entry.row for entry in self._sorted])
        if self.sort_column not in self._column_index:
            self.sort_column, self.sort_reverse = self.columns[0].key, False
        self._resort()
        self._apply_filter()

    def rows_changed(self, keys: Iterable[str]) -> list[Entry[R]]:
        """The rows with these keys show other cells now (data they read came in): their cells
        are computed again when drawn, and the rows move if their place in the sort changed.
        The filter is not asked again. Returns the entries of the keys known."""
        changed = [entry for key in keys if (entry := self._entries.get(key)) is not None]
        moved = False
        for entry in changed:
            entry.cells = entry.styles = None
            sort_key = self._make_sort_key(entry.row, entry.key)
            if sort_key != entry.sort_key:
                entry.sort_key = sort_key
                moved = True
        if moved:  # nearly sorted still: Timsort puts the few that moved back in place
            self._texts_stale()
            self._sorted.sort(key=_SORT_KEY)
            if self.visible is not self._sorted:
                self.visible.sort(key=_SORT_KEY)
            self.place_cursor()
        return changed

    def _resort(self) -> None:
        """Every entry's sort key computed again, and the sorted list in its order."""
        for entry in self._sorted:
            entry.sort_key = self._make_sort_key(entry.row, entry.key)
        self._sorted.sort(key=_SORT_KEY)
        self._texts_stale()

    # ---------------------------------------------------------------------- filter

    def set_filter(self, predicate: Callable[[R], bool] | None, *, narrows: bool = False) -> None:
        """Show only the rows for which `predicate` is true (None shows all).

        Args:
            predicate: The new filter; it replaces any text filter.
            narrows: A promise that `predicate` accepts no row the current filter rejects
                (the user typed one more character of a substring). Then only the rows
                shown now are tested.
        """
        narrow = narrows and predicate is not None and self.visible is not self._sorted
        self._predicate, self._text_match = predicate, None
        self._apply_filter(self.visible if narrow else None)

    def set_text_filter(
        self, match: Callable[[str], bool] | None, *, narrows: bool = False
    ) -> None:
        """Show only the rows whose search text `match` accepts (None shows all).

        Each row's search text is computed once (the first text filter after it came in)
        and kept, so a keystroke is one call of `match` per row.

        Args:
            match: Tests a row's search text; replaces any predicate.
            narrows: As for `set_filter`.
        """
        narrow = narrows and match is not None and self.visible is not self._sorted
        self._predicate, self._text_match = None, match
        self._apply_filter(self.visible if narrow else None)

    def _texts_stale(self) -> None:
        self._sorted_texts = self._visible_texts = None

    def _texts_of(self, candidates: list[Entry[R]]) -> list[str]:
        """The search texts of ``candidates``, in their order: the kept lists when those are
        the candidates, else read from the entries (a page that came in: a few rows)."""
        if not self._searchable:  # rows came in since the last text filter
            search_text = self._search_text
            for entry in self._entries.values():
                if entry.search is None:
                    entry.search = search_text(entry.row)
            self._searchable = True
        if candidates is self._sorted:
            if self._sorted_texts is None:
                self._sorted_texts = _gathered(candidates)
            return self._sorted_texts
        if candidates is self.visible and self._visible_texts is not None:
            return self._visible_texts
        return [entry.search or "" for entry in candidates]

    def _text_filtered(
        self, match: Callable[[str], bool], candidates: list[Entry[R]]
    ) -> tuple[list[Entry[R]], list[str]]:
        """The candidates whose search text ``match`` accepts, and those texts."""
        texts = self._texts_of(candidates)
        if isinstance(match, Substring):  # `in` inline: no Python call per row
            needle = match.needle
            if match.invert:
                passed = [needle not in text for text in texts]
            else:
                passed = [needle in text for text in texts]
        else:
            passed = list(map(match, texts))
        return list(compress(candidates, passed)), list(compress(texts, passed))

    def _filtered(self, candidates: list[Entry[R]]) -> list[Entry[R]]:
        """The candidates that pass the filter, in their order (one pass, no sorting)."""
        if (match := self._text_match) is not None:
            return self._text_filtered(match, candidates)[0]
        if (predicate := self._predicate) is not None:
            # Calling the predicate from C (map) is ~25% quicker than a comprehension.
            rows = [entry.row for entry in candidates]
            return list(compress(candidates, map(predicate, rows)))
        return list(candidates)

    def _apply_filter(self, candidates: list[Entry[R]] | None = None) -> None:
        chosen = self._sorted if candidates is None else candidates
        if self._text_match is not None:
            self.visible, self._visible_texts = self._text_filtered(self._text_match, chosen)
        else:
            self._visible_texts = None
            has_filter = self._predicate is not None
            self.visible = self._filtered(chosen) if has_filter else self._sorted
        self.place_cursor()

    # ------------------------------------------------------------------------ sort

    def sort_by(self, key: str, reverse: bool = False) -> bool:
        """Sort by the column `key`, descending if `reverse`; False if that is the sort now."""
        if key not in self._column_index:
            raise ValueError(f"unknown column {key!r}")
        if key == self.sort_column and reverse == self.sort_reverse:
            return False
        if key != self.sort_column:
            self.sort_column = key
            self._resort()
            if self.visible is not self._sorted:
                self.visible.sort(key=_SORT_KEY)  # the same rows: the filter is not asked
        self.sort_reverse = reverse
        self.place_cursor()
        return True

    def next_sort_column(self) -> str:
        """The key of the sortable column after the sort column, wrapping round."""
        index = self._column_index[self.sort_column]
        for step in range(1, len(self.columns) + 1):
            column = self.columns[(index + step) % len(self.columns)]
            if column.sortable:
                return column.key
        return self.sort_column

    def cycle_sort(self) -> bool:
        """Sort by the next column: ascending, or descending for a `newest_first` one."""
        key = self.next_sort_column()
        return self.sort_by(key, self.columns[self._column_index[key]].newest_first)

    # ---------------------------------------------------------------------- cursor

    def place_cursor(self) -> None:
        """After a change of rows, filter or sort: put the cursor back on `cursor_key`'s row.

        If the filter hides that row, the cursor goes to the one that follows it; if the row
        is gone, the cursor keeps its index within the (maybe shorter) list.
        """
        key = self.cursor_key
        entry = self._entries.get(key) if key is not None else None
        count = len(self.visible)
        if count == 0:
            self.cursor = 0
        elif entry is not None:
            self.cursor = self._display_index(min(self._position(entry), count - 1))
        else:
            self.cursor = min(self.cursor, count - 1)

    def move_cursor(self, index: int) -> bool:
        """Move the cursor to a display index, clamped; True if it moved."""
        count = len(self.visible)
        if count == 0:
            return False
        index = max(0, min(index, count - 1))
        if index == self.cursor:
            return False
        self.cursor = index
        return True

    def update_cursor_key(self) -> bool:
        """Note the key of the row under the cursor; True if it is another row (or none)."""
        key = self.entry_at(self.cursor).key if self.visible else None
        if key == self.cursor_key:
            return False
        self.cursor_key = key
        return True


def _gathered(entries: list[Entry[Any]]) -> list[str]:
    """The entries' search texts, made again one after the other (and kept by the entries):
    laid out in memory in sort order, a pass over them reads memory in order. Over texts
    spread over the heap (made as pages came in, in another order) the same pass took twice
    as long at 50,000 rows. (`lower` of a lower-cased text is a new, equal string.)"""
    # All made before any old one is let go: a freed text's place would take the next copy.
    # Every entry has its search text by now (`or` only tells the type checker).
    texts = [(entry.search or "").lower() for entry in entries]
    for entry, text in zip(entries, texts, strict=True):
        entry.search = text
    return texts


def _insert(target: list[Entry[Any]], entries: list[Entry[Any]]) -> None:
    """Insert entries into a list kept in ascending sort order."""
    if len(entries) <= _INSERT_LIMIT:
        for entry in entries:
            bisect.insort(target, entry, key=_SORT_KEY)
    else:  # a big page: Timsort merges the two sorted runs in linear time
        entries.sort(key=_SORT_KEY)
        target.extend(entries)
        target.sort(key=_SORT_KEY)
