"""Reading Lambda log lines: levels, request ids, START/END/REPORT, JSON lines.

Pure functions over one message string; nothing here renders or trusts the text (the UI
sanitises what it shows). Understood:

* Lambda's Text format: ``START RequestId: … Version: …``, ``END RequestId: …``, ``REPORT
  RequestId: …\tDuration: … ms\tBilled Duration: … ms\tMemory Size: … MB\tMax Memory Used:
  … MB[\tInit Duration: … ms]``, ``INIT_START …``, the Python runtime's ``[LEVEL]\\tTIME\\t
  REQUEST_ID\\tmessage`` and ``[ERROR] Type: message`` lines, Node's ``TIME\\tREQUEST_ID\\t
  LEVEL\\tmessage``, and ``TIME REQUEST_ID Task timed out after … seconds``;
* Lambda's JSON format: ``platform.*`` records (start, report, initStart, …) and application
  records (``level``, ``message``, ``requestId``, anything else);
* any other JSON object with a level-like and a message-like key (structured app logs).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: Levels by severity; the level filter shows a line at or above the chosen one.
SEVERITY = {"TRACE": 5, "DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40, "FATAL": 50}
_ALIASES = {"WARNING": "WARN", "CRITICAL": "FATAL", "ERR": "ERROR", "INFORMATION": "INFO"}

_START = re.compile(r"^START RequestId: (?P<id>\S+)(?: Version: (?P<version>\S+))?")
_END = re.compile(r"^END RequestId: (?P<id>\S+)")
_REPORT = re.compile(r"^REPORT RequestId: (?P<id>\S+)")
_REPORT_FIELD = re.compile(r"(?P<name>[A-Za-z ]+): (?P<value>[^\t]+?)(?: (?:ms|MB))?(?:\t|$)")
_ISO = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_PYTHON = re.compile(rf"^\[(?P<level>[A-Z]+)\]\t(?:{_ISO})\t(?P<id>\S+)\t(?P<msg>.*)$", re.S)
_PYTHON_ERROR = re.compile(r"^\[(?P<level>ERROR|CRITICAL|FATAL)\] (?P<msg>.*)$", re.S)
_NODE = re.compile(rf"^(?:{_ISO})\t(?P<id>\S+)\t(?P<level>[A-Z]+)\t(?P<msg>.*)$", re.S)
_TIMEOUT = re.compile(rf"^(?:{_ISO}) (?P<id>\S+) (?P<msg>Task timed out after .*)$")
_LEADING_LEVEL = re.compile(
    r"^\[?(?P<level>ERROR|WARN(?:ING)?|INFO|DEBUG|TRACE|CRITICAL|FATAL)\]?(?:[\s:]|$)"
)
_ANY_UUID = re.compile(_UUID)

_LEVEL_KEYS = ("level", "levelname", "severity", "log.level", "lvl", "loglevel")
_MESSAGE_KEYS = ("message", "msg")
_REQUEST_KEYS = ("requestId", "AWSRequestId", "awsRequestId", "request_id", "aws_request_id")
_TIME_KEYS = ("timestamp", "time", "@timestamp", "asctime")


@dataclass(frozen=True)
class Report:
    """The numbers of a REPORT line (platform.report in JSON)."""

    duration_ms: float
    billed_ms: int
    memory_size_mb: int
    max_memory_mb: int
    init_ms: float | None = None  # set only for a cold start
    status: str = ""  # "" (success), "timeout", "error"...

    @property
    def cold_start(self) -> bool:
        return self.init_ms is not None

    def compact(self) -> str:
        text = (
            f"{self.duration_ms:.2f} ms (billed {self.billed_ms} ms) · "
            f"memory {self.max_memory_mb}/{self.memory_size_mb} MB"
        )
        if self.init_ms is not None:
            text += f" · cold start, init {self.init_ms:.2f} ms"
        if self.status and self.status != "success":
            text += f" · {self.status}"
        return text


@dataclass(frozen=True)
class ParsedLine:
    """What one message says. ``kind``: start, end, report, init, platform, app or plain."""

    kind: str
    message: str
    level: str = ""
    request_id: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    report: Report | None = None
    version: str = ""

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.level, 0)

    def display(self) -> str:
        """The message first, then the other fields as key=value (one line of text)."""
        if self.kind == "report" and self.report is not None:
            return self.report.compact()
        if self.kind == "start":
            return self.request_id + (f" (version {self.version})" if self.version else "")
        if self.kind == "end":
            return self.request_id
        extra = " ".join(f"{key}={value}" for key, value in self.fields)
        return f"{self.message} {extra}".strip() if extra else self.message


def normalise_level(level: str) -> str:
    upper = level.strip().upper()
    upper = _ALIASES.get(upper, upper)
    return upper if upper in SEVERITY else ""


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _number(text: str) -> float:
    try:
        return float(text.strip().split(" ", 1)[0])
    except ValueError:
        return 0.0


def parse_report_text(message: str) -> Report:
    values = {m["name"].strip(): m["value"].strip() for m in _REPORT_FIELD.finditer(message)}
    init = values.get("Init Duration")
    return Report(
        duration_ms=_number(values.get("Duration", "0")),
        billed_ms=int(_number(values.get("Billed Duration", "0"))),
        memory_size_mb=int(_number(values.get("Memory Size", "0"))),
        max_memory_mb=int(_number(values.get("Max Memory Used", "0"))),
        init_ms=_number(init) if init else None,
        status=values.get("Status", ""),
    )


def _report_json(record: dict[str, Any]) -> Report:
    found = record.get("metrics")
    metrics: dict[str, Any] = found if isinstance(found, dict) else {}
    init = metrics.get("initDurationMs")
    return Report(
        duration_ms=float(metrics.get("durationMs") or 0),
        billed_ms=int(metrics.get("billedDurationMs") or 0),
        memory_size_mb=int(metrics.get("memorySizeMB") or 0),
        max_memory_mb=int(metrics.get("maxMemoryUsedMB") or 0),
        init_ms=float(init) if init is not None else None,
        status=str(record.get("status") or ""),
    )


def _platform(kind: str, record: Any) -> ParsedLine:
    record = record if isinstance(record, dict) else {}
    request_id = str(record.get("requestId") or "")
    if kind == "platform.start":
        return ParsedLine(
            "start", "", request_id=request_id, version=str(record.get("version", ""))
        )
    if kind == "platform.report":
        report = _report_json(record)
        level = "ERROR" if report.status not in ("", "success") else ""
        return ParsedLine("report", "", level=level, request_id=request_id, report=report)
    if kind == "platform.initStart":
        runtime = record.get("runtimeVersion", "")
        return ParsedLine("init", f"INIT_START {runtime}".strip())
    if kind == "platform.runtimeDone":
        return ParsedLine("end", "", request_id=request_id)
    fields = tuple((key, _value(value)) for key, value in record.items() if key != "requestId")
    return ParsedLine("platform", kind, request_id=request_id, fields=fields)


def _json_line(data: dict[str, Any]) -> ParsedLine | None:
    kind = data.get("type")
    if isinstance(kind, str) and kind.startswith("platform.") and "record" in data:
        return _platform(kind, data["record"])
    level_key = next((k for k in _LEVEL_KEYS if isinstance(data.get(k), str)), None)
    message_key = next((k for k in _MESSAGE_KEYS if k in data), None)
    if level_key is None and message_key is None:
        return None
    level = normalise_level(str(data[level_key])) if level_key else ""
    message = _value(data[message_key]) if message_key else ""
    request_id = next((str(data[k]) for k in _REQUEST_KEYS if data.get(k)), "")
    skip = {level_key, message_key, *_REQUEST_KEYS, *_TIME_KEYS}
    fields = tuple((key, _value(value)) for key, value in data.items() if key not in skip)
    return ParsedLine("app", message, level=level, request_id=request_id, fields=fields)


def parse(message: str) -> ParsedLine:
    """Read one log message (never raises)."""
    text = message.rstrip("\n")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if isinstance(data, dict):
            parsed = _json_line(data)
            if parsed is not None:
                return parsed
    if text.startswith("START RequestId:") and (match := _START.match(text)):
        return ParsedLine("start", "", request_id=match["id"], version=match["version"] or "")
    if text.startswith("END RequestId:") and (match := _END.match(text)):
        return ParsedLine("end", "", request_id=match["id"])
    if text.startswith("REPORT RequestId:") and (match := _REPORT.match(text)):
        report = parse_report_text(text)
        level = "ERROR" if report.status else ""
        return ParsedLine("report", "", level=level, request_id=match["id"], report=report)
    if text.startswith("INIT_START"):
        return ParsedLine("init", text)
    for pattern in (_PYTHON, _NODE):
        match = pattern.match(text)
        if match:
            level = normalise_level(match["level"])
            return ParsedLine("app", match["msg"], level=level, request_id=match["id"])
    match = _TIMEOUT.match(text)
    if match:
        return ParsedLine("app", match["msg"], level="ERROR", request_id=match["id"])
    match = _PYTHON_ERROR.match(text)
    if match:
        return ParsedLine("app", match["msg"], level=normalise_level(match["level"]))
    match = _LEADING_LEVEL.match(text)
    level = normalise_level(match["level"]) if match else ""
    return ParsedLine("plain", text, level=level)


def request_id_of(message: str) -> str:
    """The request id a line belongs to, if it says (also from a UUID anywhere in it)."""
    parsed = parse(message)
    if parsed.request_id:
        return parsed.request_id
    match = _ANY_UUID.search(message)
    return match.group(0) if match else ""
