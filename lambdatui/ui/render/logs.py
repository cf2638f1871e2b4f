"""How one log line is shown: a sanitised, parsed entry and its Rich ``Text``.

Every message is untrusted. It goes through ``sanitize.clean`` once, when it arrives (escape
sequences removed, other controls shown as control pictures, tabs expanded), and only ever
becomes a ``Text`` built from plain strings, so no markup or ANSI in it is interpreted.
The level is shown as a word as well as a colour, so it reads the same with NO_COLOR.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from rich.cells import set_cell_size
from rich.style import Style
from rich.text import Text

from ...aws.log_lines import SEVERITY, parse
from ...aws.log_records import LogLine, short_stream
from ...sanitize import clean, one_line

#: The longest message shown (the saved file and the raw view keep it whole).
MAX_MESSAGE = 8_000
NEWLINE = " ⏎ "

LEVEL_STYLES = {
    "FATAL": Style(color="red", bold=True, reverse=True),
    "ERROR": Style(color="red", bold=True),
    "WARN": Style(color="yellow"),
    "INFO": Style(),
    "DEBUG": Style(dim=True),
    "TRACE": Style(dim=True),
}
KIND_LABELS = {"start": "START", "end": "END", "report": "REPORT", "init": "INIT"}
MUTED = Style(dim=True)
PLATFORM = Style(color="cyan")
MATCH = Style(reverse=True, bold=True)
LABEL_WIDTH = 6


def _safe(text: str, limit: int | None = MAX_MESSAGE) -> str:
    """Neutralised as on screen (control characters, tabs); cut to ``limit`` if given."""
    text = clean(text)
    if "\t" in text:
        text = text.expandtabs(4)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


#: What a line says, worked out once: (kind, severity, label, request id, text, raw), the last
#: two cleaned for the screen. An exact tuple of str and int: the cyclic collector stops
#: tracking it at its first pass, so a full buffer of them costs the collector nothing.
Fields = tuple[str, int, str, str, str, str]


def line_fields(message: str) -> Fields:
    """Parse and clean one message (``Entry``'s and the log buffer's lazily parsed part)."""
    parsed = parse(message)
    raw = _safe(message)
    display = parsed.display()
    text = raw if display == message else _safe(display)
    label = KIND_LABELS.get(parsed.kind) or parsed.level
    return (parsed.kind, parsed.severity, label, parsed.request_id, text, raw)


def marker_fields(marker: str) -> Fields:
    text = _safe(marker)
    return ("marker", 0, "", "", text, text)


class Entry:
    """One line of the log view, as the view hands it out (to draw, save or jump to): made
    when asked for from the view's buffer, which keeps its lines as columns, not as objects.
    What it says is worked out the first time it is needed, unless the buffer already knew.
    """

    __slots__ = ("_fields", "marker", "message", "seq", "stream", "timestamp")

    def __init__(
        self,
        seq: int,
        line: LogLine,
        *,
        marker: str = "",
        fields: Fields | None = None,
    ) -> None:
        self.seq = seq
        self.timestamp = line.timestamp
        self.stream = line.stream
        self.message = line.message
        #: Not a log line but a row of the view's own (where history ends and live begins).
        self.marker = marker
        self._fields = fields if fields is not None or not marker else marker_fields(marker)

    @property
    def fields(self) -> Fields:
        if self._fields is None:
            self._fields = line_fields(self.message)
        return self._fields

    @property
    def kind(self) -> str:
        return self.fields[0]

    @property
    def severity(self) -> int:
        return self.fields[1]

    @property
    def label(self) -> str:
        return self.fields[2]

    @property
    def request_id(self) -> str:
        return self.fields[3]

    @property
    def text(self) -> str:
        return self.fields[4]

    @property
    def raw(self) -> str:
        return self.fields[5]

    def haystack(self) -> str:
        return haystack(self.fields)

    @property
    def is_error(self) -> bool:
        return self.severity >= SEVERITY["ERROR"]


def haystack(fields: Fields) -> str:
    """What the filter searches: the raw and the shown text, lower-cased."""
    return f"{fields[5]}\n{fields[4]}".lower()


def stamp(timestamp_ms: int, mode: str) -> str:
    """'12:34:56.789' (local), '12:34:56.789Z' (UTC) or '' (hidden)."""
    if mode == "off":
        return ""
    moment = datetime.fromtimestamp(timestamp_ms / 1000, UTC)
    if mode == "local":
        moment = moment.astimezone()
    text = moment.strftime("%H:%M:%S.") + f"{timestamp_ms % 1000:03d}"
    return text + ("Z" if mode == "utc" else "")


def render_entry(
    entry: Entry,
    *,
    timestamps: str,
    raw: bool,
    wrap: bool,
    highlight: re.Pattern[str] | None,
    body: str | None = None,
) -> Text:
    """The entry as one Text (with newlines only when ``wrap``); ``body`` replaces the
    message (a collapsed request's summary)."""
    text = Text(no_wrap=True, end="")
    when = stamp(entry.timestamp, timestamps)
    if when:
        text.append(when + " ", MUTED)
    # cut and padded to 12 terminal cells (the instance id's tail is dispensable)
    text.append(set_cell_size(short_stream(entry.stream), 12) + " ", MUTED)
    label = entry.label
    if entry.is_error:
        style = LEVEL_STYLES["ERROR"]
    else:
        style = LEVEL_STYLES.get(label, PLATFORM if entry.kind in KIND_LABELS else Style())
    text.append(f"{label:<{LABEL_WIDTH}}"[:LABEL_WIDTH] + " ", style)
    if body is None:
        body = entry.raw if raw else entry.text
    if not wrap:
        body = body.replace("\n", NEWLINE)
    start = len(text.plain)
    message_style = style if entry.is_error else Style()
    text.append(body, message_style)
    if highlight is not None:
        for match in highlight.finditer(body):
            if match.end() > match.start():
                text.stylize(MATCH, start + match.start(), start + match.end())
    return text


def plain_line(entry: Entry) -> str:
    """The entry as saved to a file: UTC time, stream, and the message whole, neutralised as on
    screen (the view cuts a message at ``MAX_MESSAGE``; the file does not)."""
    moment = datetime.fromtimestamp(entry.timestamp / 1000, UTC)
    when = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{entry.timestamp % 1000:03d}Z"
    return f"{when}\t{one_line(entry.stream)}\t{_safe(entry.message, None)}"


def highlight_pattern(expression: str) -> re.Pattern[str] | None:
    """What to highlight for a filter expression (nothing for an inverted one)."""
    if not expression or expression.startswith("!"):
        return None
    if expression.startswith("re:"):
        try:
            return re.compile(expression[3:], re.IGNORECASE) if expression[3:] else None
        except re.error:
            return None
    needle = expression.strip()
    return re.compile(re.escape(needle), re.IGNORECASE) if needle else None


class RequestGroup:
    """The lines of one invocation (one request id), for the collapsed view."""

    __slots__ = ("count", "errors", "head", "report", "request_id")

    def __init__(self, request_id: str, head: int) -> None:
        self.request_id = request_id
        self.head = head  # seq of its first line: the row that stands for the request
        self.count = 0
        self.errors = 0
        self.report = ""

    def summary(self) -> str:
        text = f"▸ {self.request_id[:8]} · {self.count} lines"
        if self.errors:
            text += f" · {self.errors} ERROR"
        if self.report:
            text += f" · {self.report}"
        return text


def wrapped_rows(text: Text, width: int) -> list[Text]:
    """``text`` cut at its newlines and every ``width`` characters (rows of a wrapped entry)."""
    plain = text.plain
    pieces: list[Text] = []
    position = 0
    for physical in plain.split("\n"):
        length = len(physical)
        if length == 0:
            pieces.append(Text(""))
        for start in range(0, length, width):
            pieces.append(text[position + start : position + min(length, start + width)])
        position += length + 1
    return pieces
