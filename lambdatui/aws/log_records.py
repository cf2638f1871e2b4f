"""The records of a function's logs: one line, one batch, and which streams are the function's.

Lambda names log streams ``YYYY/MM/DD/[VERSION]ENVIRONMENT`` in the function's own group
(``/aws/lambda/NAME``) and ``YYYY/MM/DD/NAME[VERSION]ENVIRONMENT`` in a custom group, which
several functions may share. ``LogScope`` turns a function (and a qualifier) into the stream
name prefixes CloudWatch Logs can narrow by, and a check every line must pass before it is
shown, so another function's lines never reach the screen.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, deque
from collections.abc import Iterable, Mapping
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
    """One log event. Live Tail sends no event id; FilterLogEvents does. ``group`` is the log
    group a Live Tail result says it came from ("" when the API does not say)."""

    timestamp: int  # milliseconds since the epoch, as the function logged it
    stream: str
    message: str
    event_id: str = ""
    ingestion_time: int = 0
    group: str = ""

    @property
    def key(self) -> tuple[str, int, int, str]:
        """The event's identity without an event id: (stream, timestamp, ingestion, message)."""
        return self.stream, self.timestamp, self.ingestion_time, self.message

    @property
    def arrival(self) -> int:
        """When the event reached CloudWatch Logs (its timestamp if that is not known); 0 when
        neither is."""
        return self.ingestion_time or self.timestamp

    @classmethod
    def from_api(cls, item: object) -> LogLine:
        """A FilterLogEvents event or a Live Tail result, read tolerantly: numbers may come as
        floats or strings (moto writes ``1796610392174.9539``), fields may be missing. A record
        that cannot be read says so in its message instead of failing the whole listing."""
        if not isinstance(item, Mapping):
            return cls(0, "", f"(unreadable log record: {_excerpt(item)})")
        problems: list[str] = []
        ingestion = millis(item.get("ingestionTime"))
        if ingestion is None:
            if item.get("ingestionTime") is not None:
                problems.append(f"ingestionTime {_excerpt(item.get('ingestionTime'))}")
            ingestion = 0
        timestamp = millis(item.get("timestamp"))
        if timestamp is None:
            problems.append(f"timestamp {_excerpt(item.get('timestamp'))}")
            timestamp = ingestion
        raw = item.get("message")
        if raw is None or isinstance(raw, str):
            message = (raw or "").rstrip("\n")
        else:
            message = _excerpt(raw, 100_000)
        if problems:
            message = f"(unreadable log record: {', '.join(problems)}) {message}".rstrip()
        return cls(
            timestamp=timestamp,
            stream=_text(item.get("logStreamName")),
            message=message,
            event_id=_text(item.get("eventId")),
            ingestion_time=ingestion,
            group=_text(item.get("logGroupIdentifier")),
        )


def millis(value: object) -> int | None:
    """Milliseconds from an int, a float or a numeric string; None when it is none of them."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(value) if isinstance(value, float | str) else None
    except ValueError:
        return None
    if number is None or not math.isfinite(number):
        return None
    return int(number)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _excerpt(value: object, limit: int = 200) -> str:
    try:
        text = value if isinstance(value, str) else json.dumps(value, default=str)
    except ValueError:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    #: Why following is in this mode, when it is not the one asked for (polling: why not Live
    #: Tail), e.g. "Live Tail ended 3 times at once"; "" otherwise.
    reason: str = ""
    #: The lines logged before following began (``follow``'s ``since_ms``), read once before
    #: the first live or polled line: the caller may mark where they end. Sent even when empty.
    history: bool = False

    def mode_text(self) -> str:
        """The mode and why, as the header and ``lambdatui logs`` say it."""
        return f"{self.mode}: {self.reason}" if self.reason else self.mode


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

    def owns_group(self, identifier: str) -> bool:
        """True when ``identifier`` (a Live Tail result's ``logGroupIdentifier``: a name or an
        ARN, with or without ``:*``) is this scope's log group; "" (not said) passes."""
        if not identifier:
            return True
        name, where = _group_parts(identifier)
        if name != self.group:
            return False
        _, own = _group_parts(self.group_arn or "")
        return not (where and own) or where == own

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


def _group_parts(identifier: str) -> tuple[str, str]:
    """(log group name, "arn:partition:logs:region:account" or "") of a name or an ARN."""
    if identifier.startswith("arn:") and ":log-group:" in identifier:
        where, _, rest = identifier.partition(":log-group:")
        name = rest.split(":log-stream:", 1)[0].removesuffix(":*")
        return name, where
    return identifier, ""


@dataclass
class Deduper:
    """Shows each event once, whatever a source replays or a backfill overlaps.

    Identity: the event id where the API gives one (FilterLogEvents); else, and across the two
    calls, (stream, timestamp, ingestion time, message), which both carry. Live Tail has no id,
    so two identical events in one update are told apart by count: an update is new by as
    many copies of a key as it holds beyond the most seen before.

    Memory is bounded to the overlap window: events are forgotten once they arrived (ingestion
    time) ``window_ms`` before the newest one, and anything that arrived before ``horizon``
    (where following began, then the forgotten edge) counts as seen. ``capacity`` bounds a
    burst within the window the same way.
    """

    window_ms: int = 60_000
    horizon: int | None = None
    capacity: int = 50_000
    _ids: set[str] = field(default_factory=set)
    _keys: dict[tuple[str, int, int, str], int] = field(default_factory=dict)
    _order: deque[tuple[int, tuple[str, int, int, str] | None, str]] = field(default_factory=deque)
    _newest: int = 0

    def __len__(self) -> int:
        """How many events are remembered (keys and ids)."""
        return len(self._order)

    def fresh(self, lines: Iterable[LogLine]) -> list[LogLine]:
        """The lines of one batch not seen before, in their order; remembers them."""
        batch = list(lines)
        counts: Counter[tuple[str, int, int, str]] = Counter(
            line.key for line in batch if line.event_id and line.event_id in self._ids
        )
        out: list[LogLine] = []
        for line in batch:
            if line.event_id and line.event_id in self._ids:
                continue
            key = line.key
            counts[key] += 1
            arrival = line.arrival
            if arrival and self.horizon is not None and arrival < self.horizon:
                continue  # arrived before what is remembered begins: shown, or before the start
            if line.event_id:
                self._ids.add(line.event_id)
                self._order.append((arrival or self._newest, None, line.event_id))
            if counts[key] <= self._keys.get(key, 0):
                continue  # as many copies were seen already (through the other call)
            out.append(line)
            self._newest = max(self._newest, arrival)
        for key, count in counts.items():
            known = self._keys.get(key)
            if known is None:
                self._order.append((key[2] or key[1] or self._newest, key, ""))
            if count > (known or 0):
                self._keys[key] = count
        self._forget()
        return out

    def _forget(self) -> None:
        edge = self._newest - self.window_ms
        while self._order and (self._order[0][0] < edge or len(self._order) > self.capacity):
            arrival, key, event_id = self._order.popleft()
            if arrival >= edge:  # over capacity: what is forgotten now counts as seen
                edge = arrival + 1
            if key is not None:
                self._keys.pop(key, None)
            else:
                self._ids.discard(event_id)
        if self.horizon is None or edge > self.horizon:
            self.horizon = edge


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
