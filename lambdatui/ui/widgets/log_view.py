"""`LogView`: a followed log of up to 50,000 lines that renders only what is on screen.

Modelled on toolong's `LogLines` and Textual's `Log`: a `ScrollView` with the line API.
Lines arrive in batches (`append`); one batch is one repaint, never one per line. The entries
live in a ring buffer (`max_lines`); when it is full the oldest go and a marker row says how
many. Rows are computed for the entries that pass the filter (one per entry, or several when
wrapping), and `render_line` draws only the rows on screen, from a cache of strips.

Follow mode works like ``tail -f``: new lines keep the end in view; scrolling up pauses it and
counts the new lines that arrive meanwhile; `end` (or `resume`) follows again.

Marker rows (a str in ``append``: where history ends) are always shown, never counted or
saved. Earlier lines go in above (``prepend``) without moving what is on screen.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ...aws.log_records import LogLine
from ..bindings import LOG_VIEW_BINDINGS
from ..render.logs import LABEL_WIDTH, Entry, RequestGroup, render_entry, wrapped_rows

DEFAULT_MAX_LINES = 50_000
#: At most one repaint this often while lines pour in (seconds).
FRAME = 0.1
TIMESTAMP_MODES = ("local", "utc", "off")


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
        self._entries: deque[Entry] = deque()
        self._next_seq = 0
        self.dropped = 0
        self._rows: list[tuple[int, int]] = []  # (entry seq, row of that entry)
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
        self._strips: LRUCache[tuple[int, int, int], list[Strip]] = LRUCache(4096)
        self._row_width = 0
        self._incoming: list[LogLine | str] = []  # a str: a marker row
        self._markers = 0  # marker entries in the buffer
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
        return len(self._entries) - self._markers

    @property
    def shown(self) -> int:
        """Entries that pass the filter."""
        if not self._rows:
            return 0
        rows = len({seq for seq, _part in self._rows}) if self.wrap else len(self._rows)
        return rows - self._markers  # markers always pass the filter

    def visible_entries(self) -> list[Entry]:
        base = self._base
        entries = (self._entries[seq - base] for seq, part in self._rows if part == 0)
        return [entry for entry in entries if not entry.marker]

    @property
    def _base(self) -> int:
        return self._entries[0].seq if self._entries else self._next_seq

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
        lines, self._incoming = self._incoming, []
        added: list[Entry] = []
        marks: set[int] = set()
        for line in lines:
            if isinstance(line, str):
                added.append(Entry(self._next_seq, LogLine(0, "", line), marker=line))
                marks.add(self._next_seq)
                self._markers += 1
            else:
                added.append(Entry(self._next_seq, line))
            self._next_seq += 1
        if not added:
            return 0
        self._entries.extend(added)
        if self.collapsed:
            self._assign(added)
            self._version += 1  # the summaries of open requests change
        removed_rows = self._drop_overflow()
        base = self._base
        added = [entry for entry in added if entry.seq >= base]  # a batch bigger than the buffer
        width = self._width()
        new_rows = [
            row for entry in added if self._passes(entry) for row in self._rows_of(entry, width)
        ]
        self._rows.extend(new_rows)
        shown = sum(1 for seq, part in new_rows if part == 0 and seq not in marks)
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
        overflow = len(self._entries) - self.max_lines
        if overflow <= 0:
            return 0
        for _ in range(overflow):
            gone = self._entries.popleft()
            self._markers -= bool(gone.marker)
            if self._member:
                group = self._member.pop(gone.seq, None)
                if group is not None and group.head == gone.seq:
                    group.head = gone.seq + 1  # approximately: its next line stands for it
        self.dropped += overflow
        base = self._base
        cut = 0
        while cut < len(self._rows) and self._rows[cut][0] < base:
            cut += 1
        if cut:
            del self._rows[:cut]
        return cut

    def prepend(self, lines: list[LogLine]) -> int:
        """Put earlier lines above the first, as many as the buffer has room for (the newest
        of them); returns how many. What is on screen does not move: the end stays in view
        while following, the rows shown stay where they are while scrolled."""
        room = self.max_lines - len(self._entries)
        lines = lines[len(lines) - room :] if 0 < room < len(lines) else lines
        if room <= 0 or not lines:
            return 0
        base = self._base
        added = [Entry(base - len(lines) + n, line) for n, line in enumerate(lines)]
        self._entries.extendleft(reversed(added))
        if self.collapsed:
            self.set_collapsed(True)  # requests regrouped; the top row stays in view
            return len(added)
        width = self._width()
        rows = [
            row for entry in added if self._passes(entry) for row in self._rows_of(entry, width)
        ]
        self._rows[:0] = rows
        self._resize()
        if self.following:
            self._scroll_to_end()
        else:
            self.scroll_to(y=self.scroll_offset.y + len(rows), animate=False, force=True)
        self.refresh()
        self._changed()
        return len(added)

    def clear(self) -> None:
        self._incoming.clear()
        self._entries.clear()
        self._rows.clear()
        self._markers = 0
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

    def _passes(self, entry: Entry) -> bool:
        if entry.marker:
            return True
        if self.collapsed:
            group = self._member.get(entry.seq)
            if group is not None:
                return group.head == entry.seq  # the request's one row
        if self.min_severity and entry.severity < self.min_severity:
            return False
        return self._match is None or self._match(entry.haystack())

    def set_collapsed(self, collapsed: bool) -> None:
        """One row per request (its lines counted, errors and REPORT summarised), or all."""
        self.collapsed = collapsed
        self._member.clear()
        self._groups.clear()
        self._open.clear()
        if collapsed:
            self._assign(self._entries)
        self._rebuild()

    def _assign(self, entries: Iterable[Entry]) -> None:
        """Put each entry in its request: by its request id, or as a line of the request
        running on its stream (between START and REPORT)."""
        for entry in entries:
            stream = entry.stream
            request_id = entry.request_id or self._open.get(stream, "")
            if entry.kind == "start" and entry.request_id:
                self._open[stream] = entry.request_id
            if not request_id:
                continue
            group = self._groups.get(request_id)
            if group is None:
                group = self._groups[request_id] = RequestGroup(request_id, entry.seq)
            group.count += 1
            group.errors += entry.is_error
            if entry.kind == "report":
                group.report = entry.text
                self._open.pop(stream, None)
            self._member[entry.seq] = group

    def _rebuild(self) -> None:
        """Recompute the rows (filter, wrap or width changed), keeping the top entry in view."""
        top_seq = self._top_seq()
        self._version += 1
        self._strips.clear()
        width = self._width()
        self._row_width = width
        self._rows = [
            row
            for entry in self._entries
            if self._passes(entry)
            for row in self._rows_of(entry, width)
        ]
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
            return self._rows[index][0]
        return None

    def _row_of_seq(self, seq: int) -> int:
        return bisect_left(self._rows, (seq, 0))

    # -- layout ------------------------------------------------------------------------------

    def _width(self) -> int:
        return max(10, self.scrollable_content_region.width or self.size.width or 80)

    def _prefix_len(self) -> int:
        stamp = {"local": 13, "utc": 14}.get(self.timestamps, 0)
        return stamp + 13 + LABEL_WIDTH + 1

    def _rows_of(self, entry: Entry, width: int) -> list[tuple[int, int]]:
        if not self.wrap or entry.marker:
            return [(entry.seq, 0)]
        body = entry.raw if self.raw else entry.text
        count = 0
        for n, part in enumerate(body.split("\n")):
            length = len(part) + (self._prefix_len() if n == 0 else 0)
            count += max(1, -(-length // width))
        return [(entry.seq, part) for part in range(count)]

    def _resize(self) -> None:
        self.virtual_size = Size(0, len(self._rows) + self._marker)

    def on_resize(self) -> None:
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
        base = self._base
        errors = [
            seq for seq, part in self._rows if not part and self._entries[seq - base].is_error
        ]
        if not errors:
            return None
        after = [seq for seq in errors if top is None or seq > top]
        seq = after[0] if after else errors[0]
        self.scroll_to_entry(seq)
        return self._entries[seq - base]

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
            if self._entries:
                hidden = len(self._entries)
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
        entry = self._entries[seq - self._base]
        if entry.marker:  # cheap to draw: not cached
            return [self._plain(entry.text, self._style("log-view--marker"), width)]
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
