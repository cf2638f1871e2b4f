"""The log view's lines and rows, kept as columns the cyclic garbage collector need not walk.

At 5,000 lines a second a ring buffer of 50,000 line objects kept Python's full collections
busy: a full pass walks every tracked object, one starts when the objects that survived since
the last one exceed a quarter of the long-lived ones, and a buffer turning over keeps making
such survivors. Its lines could not be frozen (``gc.freeze``) either: they are dropped again.

So no line is an object here. ``LogBuffer`` keeps one list per field (a list of 50,000 str
is one tracked object, and str and int are not tracked at all), the timestamps in an
``array``, and what a line says (parsed and cleaned the first time it is needed) as an exact
tuple of str and int, which the collector stops tracking at its first pass. ``Rows`` keeps
the view's rows in two arrays (not tracked: arrays hold no objects). ``Entry`` objects are
made only when asked for (to draw a line, save, jump to an error) and freed with their use.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from ...aws.log_records import LogLine
from ..render.logs import Entry, Fields, line_fields, marker_fields

#: Dropped lines are cut off the columns' front in one go once this many have gone (and
#: they are at least a quarter of the columns): amortised O(1) a line, and at most this
#: many lines' text kept past their time.
COMPACT_AFTER = 4096


class LogBuffer:
    """The lines, oldest first, each known by its ``seq`` (which never changes: dropping the
    oldest lines or adding earlier ones does not renumber the others)."""

    def __init__(self) -> None:
        self.next_seq = 0  # the seq the next line appended gets
        self._first = 0  # the seq of the oldest line kept
        self._start = 0  # where in the columns the oldest line kept is
        self._timestamps = array("q")
        self._streams: list[str] = []
        self._messages: list[str] = []
        self._markers: list[str] = []  # "" for a log line
        self._fields: list[Fields | None] = []  # None until first needed
        self._marker_seqs: list[int] = []  # sorted; markers are few

    def __len__(self) -> int:
        return len(self._messages) - self._start

    @property
    def base(self) -> int:
        """The seq of the oldest line kept (``next_seq`` when there is none)."""
        return self._first if len(self) else self.next_seq

    @property
    def markers(self) -> int:
        return len(self._marker_seqs)

    def markers_from(self, seq: int) -> int:
        """How many marker rows are at or after ``seq``."""
        return len(self._marker_seqs) - bisect_left(self._marker_seqs, seq)

    def append(self, line: LogLine | str) -> int:
        """Add a line at the end (a str: a marker row); returns its seq."""
        seq = self.next_seq
        self.next_seq += 1
        if isinstance(line, str):
            self._add(0, "", line, line, marker_fields(line))
            self._marker_seqs.append(seq)
        else:
            self._add(line.timestamp, line.stream, line.message, "", None)
        return seq

    def _add(
        self, timestamp: int, stream: str, message: str, marker: str, fields: Fields | None
    ) -> None:
        self._timestamps.append(timestamp)
        self._streams.append(stream)
        self._messages.append(message)
        self._markers.append(marker)
        self._fields.append(fields)

    def prepend(self, lines: list[LogLine]) -> range:
        """Put earlier lines before the oldest; returns their seqs."""
        self._compact()
        count = len(lines)
        first = self.base - count
        self._timestamps[:0] = array("q", (line.timestamp for line in lines))
        self._streams[:0] = [line.stream for line in lines]
        self._messages[:0] = [line.message for line in lines]
        self._markers[:0] = [""] * count
        self._fields[:0] = [None] * count
        self._first = first
        return range(first, first + count)

    def drop_oldest(self, count: int) -> range:
        """Forget the ``count`` oldest lines; returns their seqs."""
        count = min(count, len(self))
        gone = range(self._first, self._first + count)
        self._first += count
        self._start += count
        if self._marker_seqs and self._marker_seqs[0] < self._first:
            del self._marker_seqs[: bisect_left(self._marker_seqs, self._first)]
        if self._start >= COMPACT_AFTER and self._start * 4 >= len(self._messages):
            self._compact()
        return gone

    def clear(self) -> None:
        self._first = self.next_seq
        self._start = 0
        self._timestamps = array("q")
        for column in (self._streams, self._messages, self._markers, self._fields):
            column.clear()
        self._marker_seqs.clear()

    def _compact(self) -> None:
        start, self._start = self._start, 0
        if start:
            del self._timestamps[:start]
            for column in (self._streams, self._messages, self._markers, self._fields):
                del column[:start]

    # -- reading -----------------------------------------------------------------------------

    def seqs(self) -> range:
        return range(self.base, self.base + len(self))

    def is_marker(self, seq: int) -> bool:
        return bool(self._markers[seq - self._first + self._start])

    def fields(self, seq: int) -> Fields:
        """What the line says, parsed and cleaned the first time it is asked."""
        index = seq - self._first + self._start
        fields = self._fields[index]
        if fields is None:
            fields = self._fields[index] = line_fields(self._messages[index])
        return fields

    def stream(self, seq: int) -> str:
        return self._streams[seq - self._first + self._start]

    def entry(self, seq: int, *, parse: bool = True) -> Entry:
        """The line as an ``Entry`` (made now, not kept); ``parse``: with what it says."""
        index = seq - self._first + self._start
        line = LogLine(self._timestamps[index], self._streams[index], self._messages[index])
        fields = self.fields(seq) if parse else self._fields[index]
        return Entry(seq, line, marker=self._markers[index], fields=fields)


class Rows:
    """The view's rows in order: for each, the seq of its line and which row of that line it
    is (0 for its first; more than one only when wrapping). Seqs never decrease."""

    def __init__(self) -> None:
        self.seq = array("q")
        self.part = array("q")
        self.heads = 0  # rows with part 0: the lines shown

    def __len__(self) -> int:
        return len(self.seq)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.seq[index], self.part[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.seq, self.part, strict=True)

    def extend(self, rows: Iterable[tuple[int, int]]) -> int:
        """Add rows at the end; returns how many of them are a line's first."""
        seqs, parts = _columns(rows)
        self.seq.extend(seqs)
        self.part.extend(parts)
        heads = parts.count(0)
        self.heads += heads
        return heads

    def extend_heads(self, seqs: Iterable[int]) -> int:
        """Add one row for each of these lines (not wrapping); returns how many."""
        added = array("q", seqs)
        self.seq.extend(added)
        self.part.extend(array("q", [0]) * len(added))
        self.heads += len(added)
        return len(added)

    def insert_front(self, rows: Iterable[tuple[int, int]]) -> int:
        seqs, parts = _columns(rows)
        self.seq[:0] = seqs
        self.part[:0] = parts
        self.heads += parts.count(0)
        return len(seqs)

    def drop_before(self, seq: int) -> int:
        """Remove the rows of the lines before ``seq``; returns how many rows went."""
        cut = bisect_left(self.seq, seq)
        if cut:
            self.heads -= self.part[:cut].count(0)
            del self.seq[:cut]
            del self.part[:cut]
        return cut

    def first_row_of(self, seq: int) -> int:
        """The index of the first row of ``seq`` (or of the first line after it)."""
        return bisect_left(self.seq, seq)

    def head_seqs(self) -> Iterator[int]:
        """The seqs of the lines shown, in order."""
        if self.heads == len(self.seq):
            return iter(self.seq)
        return (seq for seq, part in zip(self.seq, self.part, strict=True) if not part)


def _columns(rows: Iterable[tuple[int, int]]) -> tuple[array[int], array[int]]:
    seqs, parts = array("q"), array("q")
    for seq, part in rows:
        seqs.append(seq)
        parts.append(part)
    return seqs, parts
