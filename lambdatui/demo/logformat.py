"""The log lines one invocation writes, in Lambda's own Text and JSON formats.

``Capture`` collects them in order with their timestamps; the sandbox hands it what the
handler prints and logs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from datetime import UTC, datetime
from typing import Any

# Lambda's JSON log levels in order, and where Python's levels fall among them.
_JSON_LEVELS = {"TRACE": 5, "DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40, "FATAL": 50}
_SYSTEM_LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30}


def iso_time(ts_ms: int) -> str:
    """Milliseconds since the epoch → '2024-05-01T12:00:00.123Z'."""
    moment = datetime.fromtimestamp(ts_ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts_ms % 1000:03d}Z"


def _compact(entry: dict[str, Any]) -> str:
    return json.dumps(entry, separators=(",", ":"))


def now_ms() -> int:
    return int(time.time() * 1000)


def json_level(levelno: int) -> str:
    if levelno >= logging.CRITICAL:
        return "FATAL"
    if levelno >= logging.ERROR:
        return "ERROR"
    if levelno >= logging.WARNING:
        return "WARN"
    if levelno >= logging.INFO:
        return "INFO"
    return "DEBUG" if levelno >= logging.DEBUG else "TRACE"


class Capture:
    """The log of one invocation. Once sealed (the invocation ended or timed out), it drops
    anything a still-running handler thread writes."""

    def __init__(self, request_id: str, logging_config: dict[str, str]) -> None:
        self.request_id = request_id
        self.json = logging_config.get("LogFormat") == "JSON"
        self.app_level = _JSON_LEVELS.get(logging_config.get("ApplicationLogLevel", "INFO"), 20)
        self.system_level = _SYSTEM_LEVELS.get(logging_config.get("SystemLogLevel", "INFO"), 20)
        self.lines: list[tuple[int, str]] = []
        self._partial = ""
        #: The REPORT line's numbers, once written (Duration for the metrics).
        self.reported: ReportMetrics | None = None
        self._sealed = False
        self._handler_open = True
        self._lock = threading.Lock()

    def add(self, message: str, ts_ms: int | None = None) -> None:
        with self._lock:
            if not self._sealed:
                stamp = now_ms() if ts_ms is None else ts_ms
                if self.lines and stamp < self.lines[-1][0]:
                    stamp = self.lines[-1][0]  # PutLogEvents wants chronological order
                self.lines.append((stamp, message))

    def close_handler(self) -> None:
        """From now on drop what the handler writes (it timed out and may still be running)."""
        self.flush()
        with self._lock:
            self._handler_open = False

    def write(self, text: str) -> None:
        """Plain stdout/stderr text (print): one log event per line."""
        with self._lock:
            if self._sealed or not self._handler_open:
                return
            pending = self._partial + text
        *complete, rest = pending.split("\n")
        with self._lock:
            self._partial = rest
        for line in complete:
            self.add(line)

    def flush(self) -> None:
        with self._lock:
            rest, self._partial = self._partial, ""
        if rest:
            self.add(rest)

    def seal(self) -> None:
        self.flush()
        with self._lock:
            self._sealed = True

    def text(self) -> str:
        with self._lock:
            return "".join(f"{message}\n" for _ts, message in self.lines)

    # -- Application records --------------------------------------------------------------------

    def record(self, record: logging.LogRecord, formatter: logging.Formatter | None = None) -> None:
        """A ``logging`` record, formatted the way the Python runtime's log handler does it
        (or with the function's own formatter, after ``basicConfig(force=True, format=...)``)."""
        if not self._handler_open:
            return
        ts_ms = int(record.created * 1000)
        if formatter is not None:
            self.add(formatter.format(record), ts_ms)
            return
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if self.json:
            if record.levelno < self.app_level:
                return
            entry: dict[str, Any] = {
                "timestamp": iso_time(ts_ms),
                "level": json_level(record.levelno),
                "message": message,
                "logger": record.name,
                "requestId": self.request_id,
            }
            if record.exc_text:
                entry["stackTrace"] = record.exc_text.splitlines()
            self.add(_compact(entry), ts_ms)
            return
        if record.exc_text:
            message = f"{message}\n{record.exc_text}"
        self.add(f"[{record.levelname}]\t{iso_time(ts_ms)}\t{self.request_id}\t{message}", ts_ms)

    def handler_error(self, error_type: str, error_message: str, stack: list[str]) -> None:
        """What the runtime logs for an unhandled exception."""
        if not self._handler_open:
            return
        if self.json:
            entry = {
                "timestamp": iso_time(now_ms()),
                "level": "ERROR",
                "message": error_message,
                "logger": "root",
                "requestId": self.request_id,
                "errorType": error_type,
                "errorMessage": error_message,
                "stackTrace": stack,
            }
            self.add(_compact(entry))
            return
        trace = "".join(stack)
        text = f"[ERROR] {error_type}: {error_message}"
        if trace:
            text += f"\nTraceback (most recent call last):\n{trace.rstrip()}"
        self.add(text)

    # -- Platform lines -------------------------------------------------------------------------

    def _platform(self, kind: str, record: dict[str, Any]) -> None:
        if self.system_level <= 20:
            self.add(_compact({"time": iso_time(now_ms()), "type": kind, "record": record}))

    def init_start(self, runtime: str, function_name: str, version: str) -> None:
        if not runtime:
            return  # container images have no managed runtime to announce
        runtime_version, runtime_arn = _runtime_version(runtime)
        if self.json:
            self._platform(
                "platform.initStart",
                {
                    "initializationType": "on-demand",
                    "phase": "init",
                    "runtimeVersion": runtime_version,
                    "runtimeVersionArn": runtime_arn,
                    "functionName": function_name,
                    "functionVersion": version,
                },
            )
            return
        self.add(
            f"INIT_START Runtime Version: {runtime_version}\tRuntime Version ARN: {runtime_arn}"
        )

    def start(self, version: str) -> None:
        if self.json:
            self._platform("platform.start", {"requestId": self.request_id, "version": version})
        else:
            self.add(f"START RequestId: {self.request_id} Version: {version}")

    def timed_out(self, timeout_s: int) -> str:
        message = f"Task timed out after {timeout_s:.2f} seconds"
        self.add(f"{iso_time(now_ms())} {self.request_id} {message}")
        return message

    def end(self) -> None:
        if not self.json:
            self.add(f"END RequestId: {self.request_id}")

    def report(
        self, metrics: ReportMetrics, status: str = "success", error_type: str | None = None
    ) -> None:
        """The REPORT line; ``status`` is success, error or timeout."""
        self.reported = metrics
        if self.json:
            record: dict[str, Any] = {
                "requestId": self.request_id,
                "metrics": {
                    "durationMs": round(metrics.duration_ms, 2),
                    "billedDurationMs": metrics.billed_ms,
                    "memorySizeMB": metrics.memory_mb,
                    "maxMemoryUsedMB": metrics.max_memory_mb,
                },
                "status": status,
            }
            if error_type:
                record["errorType"] = error_type
            if metrics.init_ms is not None:
                record["metrics"]["initDurationMs"] = round(metrics.init_ms, 2)
            self._platform("platform.report", record)
            return
        line = (
            f"REPORT RequestId: {self.request_id}\tDuration: {metrics.duration_ms:.2f} ms"
            f"\tBilled Duration: {metrics.billed_ms} ms\tMemory Size: {metrics.memory_mb} MB"
            f"\tMax Memory Used: {metrics.max_memory_mb} MB"
        )
        if metrics.init_ms is not None:
            line += f"\tInit Duration: {metrics.init_ms:.2f} ms"
        if status == "timeout" or error_type:
            line += f"\tStatus: {status}"
        if error_type:
            line += f"\tError Type: {error_type}"
        self.add(line)


def _runtime_version(runtime: str) -> tuple[str, str]:
    """'python3.12' → ('python:3.12.v38', a stable runtime version ARN)."""
    family = runtime.split(".", 1)[0].rstrip("0123456789")
    release = runtime[len(family) :].lstrip(".").removesuffix(".x")
    name = f"{family}:{release}.v38"
    digest = hashlib.sha256(name.encode()).hexdigest()
    return name, f"arn:aws:lambda:us-east-1::runtime:{digest}"


class ReportMetrics:
    """The numbers on a REPORT line."""

    def __init__(
        self, duration_ms: float, memory_mb: int, max_memory_mb: int, init_ms: float | None
    ) -> None:
        self.duration_ms = duration_ms
        self.billed_ms = max(1, int(-(-duration_ms // 1)))
        self.memory_mb = memory_mb
        self.max_memory_mb = min(max_memory_mb, memory_mb)
        self.init_ms = init_ms
