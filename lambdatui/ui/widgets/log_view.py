"""`LogView`: a followed log of up to 50,000 lines that renders only what is on screen.

Modelled on toolong's `LogLines` and Textual's `Log`: a `ScrollView` with the line API.
Lines arrive in batches (`append`); one batch is one repaint, never one per line. The lines
live in a ring buffer (`max_lines`); when it is full the oldest go and a marker row says how
many. Rows are computed for the lines that pass the filter (one per line, or several when
wrapping), and `render_line` draws only the rows on screen, from a cache of strips. The
buffer and the rows are columns, not an object per line (``log_buffer``): the cyclic
collector's full passes do not walk them, and a key stays quick while 5,000 lines a second
arrive. Work per batch is proportional to the batch, per key to what is on screen.

Follow mode works like ``tail -f``: new lines keep the end in view; scrolling up pauses it and
counts the new lines that arrive meanwhile; `end` (or `resume`) follows again.

Marker rows (a str in ``append``: where history ends) are always shown, never counted or
saved. Earlier lines go in above (``prepend``) without moving what is on screen.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ...aws.log_lines import SEVERITY
from ...aws.log_records import LogLine
from ..bindings import LOG_VIEW_BINDINGS
from ..render.logs import (
    LABEL_WIDTH,
    Entry,
    RequestGroup,
    haystack,
    render_entry,
    wrapped_rows,
)
from .log_buffer import LogBuffer, Rows

DEFAULT_MAX_LINES = 50_000
#: At most one repaint this often while lines pour in (seconds).
FRAME = 0.1
TIMESTAMP_MODES = ("local", "utc", "off")
#: Lines whose drawn rows are kept: three screens (at least this many). While following, every
#: frame brings new lines and the old ones are not drawn again: keeping more only makes more
#: objects live long enough for the collector's full passes to walk.
STRIP_CACHE = 128
ERROR = SEVERITY["ERROR"]


class DrawnRows:
    """The drawn rows of the lines drawn last (at most ``maxsize`` lines; the least recently
    drawn go first). Not Textual's ``LRUCache``: its entries are a ring of lists that
    ``clear`` drops whole, a reference cycle, so every clear (each `t`, filter, restyle) left
    the rows of three screens, their strips and segments, for the collector's full passes to
    free: at `t` every 0.25 s while following, some 900 strips a second, most of what those
    passes freed. A dict in order of use frees its rows as soon as they go."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._rows: OrderedDict[tuple[int, int, int], list[Strip]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: tuple[int, int, int]) -> list[Strip] | None:
        rows = self._rows.get(key)
        if rows is not None:
            self._rows.move_to_end(key)
        return rows

    def __setitem__(self, key: tuple[int, int, int], rows: list[Strip]) -> None:
        self._rows[key] = rows
        self._rows.move_to_end(key)
        if len(self._rows) > self.maxsize:
            self._rows.popitem(last=False)

    def grow(self, maxsize: int) -> None:
        self.maxsize = max(self.maxsize, maxsize)

    def clear(self) -> None:
        self._rows.clear()


class LogView(ScrollView, can_focus=True, inherit_bindings=False):
    """The lines of a log, followed as they arrive (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = LOG_VIEW_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {"log-view--marker", "log-view--empty"}

    class StateChanged(Message):
        """Following, the pending count or the counts changed (a burst is coalesced)."""

        def __init__(self, view: LogView) -> None:
            super().__init__()
            self.view = view

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LogView.StateChanged) and message.view is self.view

    def __init__(self, *, max_lines: int = DEFAULT_MAX_LINES, id: str | None = None) -> None:
        super().__init__(id=id)
        self.max_lines = max(1, max_lines)
        self._lines = LogBuffer()
        self.dropped = 0
        self._rows = Rows()
        self._match: Callable[[str], bool] | None = None
        self._highlight: re.Pattern[str] | None = None
        self.min_severity = 0
        self.wrap = False
        self.raw = False
        self.timestamps = "local"
        self.following = True
        self.pending = 0
        self.message = ""  # shown when there is nothing to show
        self._version = 0
        self._strips = DrawnRows(STRIP_CACHE)
        self._row_width = 0
        self._incoming: list[LogLine | str] = []  # a str: a marker row
        self._flush_timer: Timer | None = None
        self._last_flush = 0.0
        self._styles: dict[str, Style] = {}
        # Requests (collapsed view): each entry's request, and each request's summary.
        self.collapsed = False
        self._member: dict[int, RequestGroup] = {}
        self._groups: dict[str, RequestGroup] = {}
        self._open: dict[str, str] = {}  # stream → the request running on it

    # -- state -------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._lines) - self._lines.markers

    @property
    def shown(self) -> int:
        """Lines that pass the filter (counted as rows come and go, not recounted)."""
        if not self._rows:
            return 0
        return self._rows.heads - self._lines.markers  # markers always pass the filter

    def visible_entries(self) -> list[Entry]:
        lines = self._lines
        return [
            lines.entry(seq, parse=False)
            for seq in self._rows.head_seqs()
            if not lines.is_marker(seq)
        ]

    @property
    def _marker(self) -> int:
        return 1 if self.dropped else 0

    def _changed(self) -> None:
        self.post_message(self.StateChanged(self))

    # -- data --------------------------------------------------------------------------------

    def append(self, lines: Iterable[LogLine | str]) -> None:
        """Add a batch of lines (a str: a marker row). Batches that come quicker than ``FRAME``
        apart are taken in together: at most one repaint per frame, however fast they come."""
        self._incoming.extend(lines)
        if not self._incoming or self._flush_timer is not None:
            return
        wait = FRAME - (time.monotonic() - self._last_flush)
        if wait <= 0 or not self.is_mounted:
            self.flush()
        else:
            self._flush_timer = self.set_timer(wait, self.flush)

    def flush(self) -> int:
        """Take in the lines that arrived (one repaint); returns how many pass the filter."""
        self._flush_timer = None
        self._last_flush = time.monotonic()
        incoming, self._incoming = self._incoming, []
        if not incoming:
            return 0
        buffer = self._lines
        first = buffer.next_seq
        for line in incoming:
            buffer.append(line)
        if self.collapsed:
            self._assign(range(first, buffer.next_seq))
            self._version += 1  # the summaries of open requests change
        removed_rows = self._drop_overflow()
        first = max(first, buffer.base)  # a batch bigger than the buffer
        heads = self._add_rows(range(first, buffer.next_seq), self._width())
        shown = heads - buffer.markers_from(first)
        self._resize()
        if self.following:
            self._scroll_to_end()
        else:
            self.pending += shown
            if removed_rows:
                self.scroll_to(y=max(0, self.scroll_offset.y - removed_rows), animate=False)
        self.refresh()
        self._changed()
        return shown

    def _drop_overflow(self) -> int:
        """Drop the lines past ``max_lines`` and their rows; returns how many rows went."""
        overflow = len(self._lines) - self.max_lines
        if overflow <= 0:
            return 0
        gone = self._lines.drop_oldest(overflow)
        if self._member:
            for seq in gone:
                group = self._member.pop(seq, None)
                if group is not None and group.head == seq:
                    group.head = seq + 1  # approximately: its next line stands for it
        self.dropped += overflow
        return self._rows.drop_before(self._lines.base)

    def prepend(self, lines: list[LogLine]) -> int:
        """Put earlier lines above the first, as many as the buffer has room for (the newest
        of them); returns how many. What is on screen does not move: the end stays in view
        while following, the rows shown stay where they are while scrolled."""
        room = self.max_lines - len(self._lines)
        lines = lines[len(lines) - room :] if 0 < room < len(lines) else lines
        if room <= 0 or not lines:
            return 0
        added = self._lines.prepend(lines)
        if self.collapsed:
            self.set_collapsed(True)  # requests regrouped; the top row stays in view
            return len(added)
        rows = self._rows.insert_front(self._row_pairs(self._passing(added), self._width()))
        self._resize()
        if self.following:
            self._scroll_to_end()
        else:
            self.scroll_to(y=self.scroll_offset.y + rows, animate=False, force=True)
        self.refresh()
        self._changed()
        return len(added)

    def clear(self) -> None:
        self._incoming.clear()
        self._lines.clear()
        self._rows = Rows()
        self.dropped = 0
        self.pending = 0
        self._strips.clear()
        self._resize()
        self.refresh()
        self._changed()

    def set_filter(
        self,
        match: Callable[[str], bool] | None,
        highlight: re.Pattern[str] | None = None,
        min_severity: int | None = None,
    ) -> None:
        """Show only the entries whose lower-cased text ``match`` accepts, at or above
        ``min_severity`` (0: every line), highlighting ``highlight``."""
        self._match = match
        self._highlight = highlight
        if min_severity is not None:
            self.min_severity = min_severity
        self._rebuild()

    def set_option(
        self, *, wrap: bool | None = None, raw: bool | None = None, timestamps: str | None = None
    ) -> None:
        if wrap is not None:
            self.wrap = wrap
        if raw is not None:
            self.raw = raw
        if timestamps is not None:
            self.timestamps = timestamps
        if wrap is None and not self.wrap:
            self._restyle()  # one row per line still: only the look of the rows changes
            return
        self._rebuild()

    def _restyle(self) -> None:
        self._version += 1
        self._strips.clear()
        self.refresh()
        self._changed()

    def _passing(self, seqs: Iterable[int]) -> Iterable[int]:
        """The lines among ``seqs`` that pass the filter (all of them when none is set)."""
        if not self.collapsed and not self.min_severity and self._match is None:
            return seqs
        return [seq for seq in seqs if self._passes(seq)]

    def _passes(self, seq: int) -> bool:
        lines = self._lines
        if lines.is_marker(seq):
            return True
        if self.collapsed:
            group = self._member.get(seq)
            if group is not None:
                return group.head == seq  # the request's one row
        if not self.min_severity and self._match is None:
            return True
        fields = lines.fields(seq)
        if self.min_severity and fields[1] < self.min_severity:
            return False
        return self._match is None or self._match(haystack(fields))

    def set_collapsed(self, collapsed: bool) -> None:
        """One row per request (its lines counted, errors and REPORT summarised), or all."""
        self.collapsed = collapsed
        self._member.clear()
        self._groups.clear()
        self._open.clear()
        if collapsed:
            self._assign(self._lines.seqs())
        self._rebuild()

    def _assign(self, seqs: Iterable[int]) -> None:
        """Put each line in its request: by its request id, or as a line of the request
        running on its stream (between START and REPORT)."""
        lines = self._lines
        for seq in seqs:
            kind, severity, _label, own_id, text, _raw = lines.fields(seq)
            stream = lines.stream(seq)
            request_id = own_id or self._open.get(stream, "")
            if kind == "start" and own_id:
                self._open[stream] = own_id
            if not request_id:
                continue
            group = self._groups.get(request_id)
            if group is None:
                group = self._groups[request_id] = RequestGroup(request_id, seq)
            group.count += 1
            group.errors += severity >= ERROR
            if kind == "report":
                group.report = text
                self._open.pop(stream, None)
            self._member[seq] = group

    def _rebuild(self) -> None:
        """Recompute the rows (filter, wrap or width changed), keeping the top entry in view."""
        top_seq = self._top_seq()
        self._version += 1
        self._strips.clear()
        width = self._width()
        self._row_width = width
        self._rows = Rows()
        self._add_rows(self._lines.seqs(), width)
        self._resize()
        if self.following:
            self._scroll_to_end()
        elif top_seq is not None:
            self.scroll_to(y=self._row_of_seq(top_seq) + self._marker, animate=False, force=True)
        self.refresh()
        self._changed()

    def _top_seq(self) -> int | None:
        index = self.scroll_offset.y - self._marker
        if 0 <= index < len(self._rows):
            return self._rows.seq[index]
        return None

    def _row_of_seq(self, seq: int) -> int:
        return self._rows.first_row_of(seq)

    # -- layout ------------------------------------------------------------------------------

    def _width(self) -> int:
        return max(10, self.scrollable_content_region.width or self.size.width or 80)

    def _prefix_len(self) -> int:
        stamp = {"local": 13, "utc": 14}.get(self.timestamps, 0)
        return stamp + 13 + LABEL_WIDTH + 1

    def _add_rows(self, seqs: Iterable[int], width: int) -> int:
        """Rows at the end for the lines among ``seqs`` that pass the filter; returns how
        many lines got rows."""
        passing = self._passing(seqs)
        if not self.wrap:
            return self._rows.extend_heads(passing)
        return self._rows.extend(self._row_pairs(passing, width))

    def _row_pairs(self, seqs: Iterable[int], width: int) -> Iterator[tuple[int, int]]:
        """(seq, row of that line) for each row of these lines."""
        for seq in seqs:
            for part in range(self._row_count(seq, width)):
                yield seq, part

    def _row_count(self, seq: int, width: int) -> int:
        if not self.wrap or self._lines.is_marker(seq):
            return 1
        fields = self._lines.fields(seq)
        body = fields[5] if self.raw else fields[4]
        count = 0
        for n, part in enumerate(body.split("\n")):
            length = len(part) + (self._prefix_len() if n == 0 else 0)
            count += max(1, -(-length // width))
        return count

    def _resize(self) -> None:
        size = Size(0, len(self._rows) + self._marker)
        before = self.virtual_size.height
        if size.height > before > self.container_size.height and self.show_vertical_scrollbar:
            # Longer, and already longer than the view: only the scroll range and the
            # scrollbar's thumb change. A new virtual size lays the whole screen out again
            # (8-19 ms a frame while the buffer fills at 5,000 lines a second).
            self.set_reactive(LogView.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = size.height
            self.refresh()
            return
        self.virtual_size = size

    def on_resize(self) -> None:
        self._strips.grow(3 * self.size.height)
        if self.wrap and self._width() != self._row_width:
            self._rebuild()
        elif self.following:
            self._scroll_to_end()

    # -- following ---------------------------------------------------------------------------

    def _scroll_to_end(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    def follow(self) -> None:
        """Follow again: jump to the end and keep it in view."""
        self.following = True
        self.pending = 0
        self._scroll_to_end()
        self._changed()

    def pause(self) -> None:
        if self.following:
            self.following = False
            self.pending = 0
            self._changed()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new < old and self.following and new < self.max_scroll_y:
            self.pause()  # the user scrolled up (keys, wheel or scrollbar)

    def action_line_up(self) -> None:
        self.pause()
        self.scroll_to(y=max(0, self.scroll_offset.y - 1), animate=False, force=True)

    def action_line_down(self) -> None:
        self.scroll_to(y=self.scroll_offset.y + 1, animate=False, force=True)

    def action_page_up(self) -> None:
        self.pause()
        height = max(1, self.scrollable_content_region.height)
        self.scroll_to(y=max(0, self.scroll_offset.y - height), animate=False, force=True)

    def action_page_down(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        self.scroll_to(y=self.scroll_offset.y + height, animate=False, force=True)

    def action_top(self) -> None:
        self.pause()
        self.scroll_to(y=0, animate=False, force=True)

    def scroll_to_entry(self, seq: int) -> None:
        self.pause()
        self.scroll_to(y=self._row_of_seq(seq) + self._marker, animate=False, force=True)

    def next_error(self) -> Entry | None:
        """The next ERROR entry below the top row, wrapping around to the first one; it
        becomes the top row and following pauses. None when no shown line is an ERROR."""
        top = self._top_seq()
        rows, lines = self._rows, self._lines
        below = 0 if top is None else rows.first_row_of(top + 1)
        for index in chain(range(below, len(rows)), range(below)):  # stops at the first
            seq = rows.seq[index]
            if not rows.part[index] and lines.fields(seq)[1] >= ERROR:
                self.scroll_to_entry(seq)
                return lines.entry(seq)
        return None

    # -- rendering ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, name: str = "") -> Style:
        """The widget's (or a component's) style, looked up once, not once per line."""
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name) if name else self.rich_style
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self._width()
        index = self.scroll_offset.y + y
        if self.dropped and index == 0:
            text = f"… {self.dropped:,} older lines dropped (the buffer keeps {self.max_lines:,})"
            return self._plain(text, self._style("log-view--marker"), width)
        index -= self._marker
        if not self._rows:
            message = self.message
            if self._lines:
                hidden = len(self._lines)
                message = f"No line matches the filter ({hidden:,} hidden)."
            if y == 0 and message:
                style = self._style("log-view--empty")
                return self._plain(message, style, width)
            return Strip.blank(width, self._style())
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self._style())
        seq, part = self._rows[index]
        strips = self._strips_of(seq, width)
        return strips[part] if part < len(strips) else Strip.blank(width, self.rich_style)

    def _plain(self, text: str, style: Style, width: int) -> Strip:
        return Strip([Segment(text[:width], style)]).extend_cell_length(width, self._style())

    def _strips_of(self, seq: int, width: int) -> list[Strip]:
        key = (seq, width, self._version)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        lines = self._lines
        if lines.is_marker(seq):  # cheap to draw: not cached
            return [self._plain(lines.fields(seq)[4], self._style("log-view--marker"), width)]
        entry = lines.entry(seq)
        group = self._member.get(seq) if self.collapsed else None
        text = render_entry(
            entry,
            timestamps=self.timestamps,
            raw=self.raw,
            wrap=self.wrap,
            highlight=self._highlight,
            body=group.summary() if group is not None else None,
        )
        console = self.app.console
        base = self._style()
        strips: list[Strip] = []
        for piece in wrapped_rows(text, width) if self.wrap else [text]:
            segments = list(Segment.apply_style(piece.render(console), base))
            strips.append(Strip(Segment.adjust_line_length(segments, width, base), width))
        self._strips[key] = strips
        return strips
