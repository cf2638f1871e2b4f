"""The records of a function's logs: one line, one batch, and which streams are the function's.

Lambda names log streams ``YYYY/MM/DD/[VERSION]ENVIRONMENT`` in the function's own group
(``/aws/lambda/NAME``) and ``YYYY/MM/DD/NAME[VERSION]ENVIRONMENT`` in a custom group, which
several functions may share. ``LogScope`` turns a function (and a qualifier) into the stream
name prefixes CloudWatch Logs can narrow by, and a check every line must pass before it is
shown, so another function's lines never reach the screen.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

#: Execution environments live for hours, not days: streams from yesterday and today are enough.
STREAM_DAYS = 2
_STREAM = re.compile(
    r"^(?P<day>\d{4}/\d{2}/\d{2})/(?P<owner>[^\[/]*)\[(?P<version>[^\]]+)\](?P<instance>.*)$"
)

MODE_LIVE = "Live Tail"
MODE_POLLING = "polling"


@dataclass(frozen=True, slots=True)
class LogLine:
    """One log event. Live Tail sends no event id; FilterLogEvents does."""

    timestamp: int  # milliseconds since the epoch, as the function logged it
    stream: str
    message: str
    event_id: str = ""
    ingestion_time: int = 0

    @property
    def key(self) -> tuple[int, str, str]:
        return self.timestamp, self.stream, self.message

    @classmethod
    def from_api(cls, item: dict[str, object]) -> LogLine:
        return cls(
            timestamp=int(str(item.get("timestamp") or 0)),
            stream=str(item.get("logStreamName") or ""),
            message=str(item.get("message") or "").rstrip("\n"),
            event_id=str(item.get("eventId") or ""),
            ingestion_time=int(str(item.get("ingestionTime") or 0)),
        )


@dataclass(frozen=True)
class LogBatch:
    """What one step of following brings: new lines, or news about the following itself.

    ``shown``/``matched`` count the lines of a sampled Live Tail update (``sampled`` true):
    AWS sends at most 500 a second and does not say how many it left out, so ``matched`` is
    a lower bound the screen says as much about.
    """

    lines: tuple[LogLine, ...] = ()
    mode: str = ""
    sampled: bool = False
    status: str = ""  # "" when following normally, else what is going on (said in the header)
    waiting: bool = False  # no log group yet; following starts once it appears


def short_stream(stream: str) -> str:
    """'2026/01/02/[3]0f1e2d3c…' → '3/0f1e2d'; other names: their last 10 characters."""
    match = _STREAM.match(stream)
    if match is None:
        return stream[-10:]
    return f"{match['version']}/{match['instance'][:6]}"


def stream_version(stream: str) -> str | None:
    match = _STREAM.match(stream)
    return match["version"] if match else None


@dataclass(frozen=True)
class LogScope:
    """Which log group and which of its streams belong to one function (and qualifier)."""

    function: str
    group: str
    qualifier: str | None = None
    versions: tuple[str, ...] = ()  # empty: every version
    shared: bool = False  # a custom group: streams carry the function's name
    group_arn: str | None = None  # None: the group does not exist (yet)

    @property
    def narrowed(self) -> bool:
        return self.shared or bool(self.versions)

    def describe(self) -> str:
        """How the group was narrowed, for the header."""
        parts: list[str] = []
        if self.shared:
            parts.append(f"{self.function}'s streams")
        if self.versions:
            label = "version" if len(self.versions) == 1 else "versions"
            which = f"{label} {', '.join(self.versions)}"
            if self.qualifier and self.qualifier not in self.versions:
                which += f" (alias {self.qualifier})"
            parts.append(which)
        return ", ".join(parts) if parts else "all streams"

    def prefixes(self, now: datetime | None = None) -> list[str]:
        """Stream name prefixes for CloudWatch Logs ([] means the whole group)."""
        if not self.narrowed:
            return []
        now = now or datetime.now(UTC)
        owner = self.function if self.shared else ""
        days = [(now - timedelta(days=n)).strftime("%Y/%m/%d") for n in range(STREAM_DAYS)]
        if not self.versions:
            return [f"{day}/{owner}[" for day in reversed(days)]
        return [f"{day}/{owner}[{v}]" for day in reversed(days) for v in self.versions]

    def owns(self, stream: str) -> bool:
        """True when a line of ``stream`` is this function's (and qualifier's)."""
        if not self.narrowed:
            return True
        match = _STREAM.match(stream)
        if match is None:
            return False
        if self.shared and match["owner"] != self.function:
            return False
        if not self.shared and match["owner"]:
            return False
        return not self.versions or match["version"] in self.versions


@dataclass
class Deduper:
    """Remembers the last lines seen so overlapping windows and reconnects repeat nothing.

    A line with an event id (FilterLogEvents) is a repeat when that id was seen; a Live Tail
    line has no id, so it is matched on (timestamp, stream, message) against lines of the
    other kind, counted, so two identical lines in the same millisecond both show.
    """

    capacity: int = 50_000
    _ids: set[str] = field(default_factory=set)
    _by_key: dict[bool, Counter[tuple[int, str, str]]] = field(
        default_factory=lambda: {True: Counter(), False: Counter()}
    )
    _order: deque[tuple[str, tuple[int, str, str], bool]] = field(default_factory=deque)

    def is_new(self, line: LogLine) -> bool:
        has_id = bool(line.event_id)
        if has_id and line.event_id in self._ids:
            return False
        other = self._by_key[not has_id]
        if other[line.key] > 0:  # the same line, seen through the other call: consume it
            other[line.key] -= 1
            if has_id:
                self._ids.add(line.event_id)
                self._order.append((line.event_id, (0, "", ""), True))
            return False
        if has_id:
            self._ids.add(line.event_id)
        self._by_key[has_id][line.key] += 1
        self._order.append((line.event_id, line.key, has_id))
        while len(self._order) > self.capacity:
            event_id, key, with_id = self._order.popleft()
            self._ids.discard(event_id)
            counter = self._by_key[with_id]
            if counter[key] > 0:
                counter[key] -= 1
            if counter[key] <= 0:
                del counter[key]
        return True

    def fresh(self, lines: list[LogLine]) -> list[LogLine]:
        return [line for line in lines if self.is_new(line)]


_SINCE = re.compile(r"^\s*(?P<n>\d+)\s*(?P<unit>s|m|h|d|w)\s*(?:ago)?\s*$", re.IGNORECASE)
_UNIT_MS = {"s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000}


def parse_since(text: str, now_ms: int) -> int | None:
    """Where to start reading: None for "live" (only new lines), else milliseconds.

    Accepts ``live``/``now``, ``10m``/``1h``/``1d`` (ago), and an absolute time in ISO form
    (``2026-11-24 06:00``, ``2026-11-24T06:00:00Z``; local time unless it says its zone).
    Raises ValueError with a message for anything else.
    """
    value = text.strip()
    if value.lower() in ("", "live", "now"):
        return None
    match = _SINCE.match(value)
    if match:
        return now_ms - int(match["n"]) * _UNIT_MS[match["unit"].lower()]
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"not a start position: {value!r} (use live, 5m, 1h, 1d or 2026-11-24 06:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time, as typed
    return int(moment.timestamp() * 1000)
