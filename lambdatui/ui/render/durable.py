"""Durable executions as rows and text: the executions list, one execution's summary and its
step timeline (times as offsets from the execution's start, so a row reads the same in any
time zone and fits 80 columns). Everything from AWS is cleaned before it is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text

from ...aws.durable_gateway import DurableExecution, ExecutionDetail, TimelineEntry
from ...sanitize import one_line
from ..widgets.virtual_table import Column
from .values import age_text

_ERROR = "virtual-table--error"
_MUTED = "virtual-table--muted"
_WARNING = "virtual-table--warning"
STATUS_STYLES = {
    "FAILED": _ERROR,
    "TIMED_OUT": _ERROR,
    "STOPPED": _MUTED,
    "RUNNING": _WARNING,
}
OUTCOME_STYLES = {
    "failed": _ERROR,
    "timed out": _ERROR,
    "retrying": _WARNING,
    "running": _WARNING,
    "waiting": _WARNING,
    "cancelled": _MUTED,
    "stopped": _MUTED,
}
#: Status words for people (the list's filter shows them too).
STATUS_WORDS = {"TIMED_OUT": "TIMED OUT"}


def seconds_text(seconds: float | None) -> str:
    """'0.3s', '12s', '3m05s', '2h00m', '1d02h'; '-' when unknown."""
    if seconds is None:
        return "-"
    if seconds < 10:
        return f"{seconds:.1f}s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    if whole < 86400:
        return f"{whole // 3600}h{whole % 3600 // 60:02d}m"
    return f"{whole // 86400}d{whole % 86400 // 3600:02d}h"


def offset_text(moment: datetime | None, origin: datetime | None) -> str:
    """'+2.5s': how long after the execution started ``moment`` was."""
    if moment is None or origin is None:
        return ""
    return "+" + seconds_text(max(0.0, (moment - origin).total_seconds()))


def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def execution_columns(now_fn: Callable[[], datetime]) -> list[Column[DurableExecution]]:
    return [
        Column(
            "status",
            "STATUS",
            lambda e: status_word(e.status),
            width=10,
            style=lambda e: STATUS_STYLES.get(e.status, ""),
        ),
        Column("name", "NAME", lambda e: e.name, min_width=12, weight=2),
        Column("version", "VER", lambda e: e.version, width=4),
        Column(
            "started",
            "STARTED",
            lambda e: age_text(e.started, now_fn()),
            width=10,
            sort_key=lambda e: e.started.timestamp() if e.started else 0,
            volatile=True,
        ),
        Column(
            "duration",
            "DURATION",
            lambda e: seconds_text(e.duration_s) if not e.running else "running",
            width=8,
            align="right",
            sort_key=lambda e: e.duration_s if e.duration_s is not None else float("inf"),
        ),
    ]


def step_detail(entry: TimelineEntry, origin: datetime | None) -> str:
    """Retries, when an open wait ends (its planned length), an error's headline."""
    parts: list[str] = []
    if entry.retries:
        parts.append(f"{entry.retries} retr{'y' if entry.retries == 1 else 'ies'}")
    if entry.kind == "wait" and entry.outcome == "waiting":
        if entry.wait_until is not None:
            parts.append(f"until {offset_text(entry.wait_until, origin)}")
        elif entry.wait_s is not None:
            parts.append(f"for {seconds_text(entry.wait_s)}")
    if entry.error is not None and entry.error.headline:
        parts.append(entry.error.headline)
    return " · ".join(parts)


def timeline_columns(origin: Callable[[], datetime | None]) -> list[Column[TimelineEntry]]:
    """The timeline's columns; ``origin`` gives the execution's start (known once it is read)."""
    return [
        Column(
            "started",
            "START",
            lambda r: offset_text(r.started, origin()),
            width=7,
            sort_key=lambda r: r.order,
        ),
        Column("ended", "END", lambda r: offset_text(r.ended, origin()), width=7),
        Column("name", "STEP", lambda r: r.name, min_width=12),
        Column("kind", "KIND", lambda r: r.kind, width=8),
        Column("took", "TOOK", lambda r: seconds_text(r.duration_s), width=6, align="right"),
        Column(
            "outcome",
            "OUTCOME",
            lambda r: r.outcome,
            width=9,
            style=lambda r: OUTCOME_STYLES.get(r.outcome, ""),
        ),
        Column("detail", "DETAIL", lambda r: step_detail(r, origin()), min_width=10),
    ]


def summary_text(
    detail: ExecutionDetail | None, execution: DurableExecution, now: datetime
) -> Text:
    """Three lines: status, start and duration; the input; the result or the error."""
    current = detail.execution if detail is not None else execution
    text = Text(no_wrap=True, overflow="ellipsis")
    style = {"FAILED": "bold red", "TIMED_OUT": "bold red", "SUCCEEDED": "bold green"}.get(
        current.status, "bold"
    )
    text.append(status_word(current.status) or "…", style=style)
    text.append(f" · started {age_text(current.started, now)}")
    if current.running:
        text.append(" · running")
    else:
        text.append(f" · took {seconds_text(current.duration_s)}")
    version = detail.version if detail is not None else current.version
    if version:
        text.append(f" · version {one_line(version)}", style="dim")
    if detail is not None and detail.execution_timeout_s is not None:
        text.append(f" · timeout {seconds_text(detail.execution_timeout_s)}", style="dim")
    text.append("\nInput  ", style="dim")
    text.append(_payload(detail.input if detail is not None else None))
    if detail is not None and detail.error is not None:
        text.append("\nError  ", style="bold red")
        text.append(one_line(detail.error.headline or "(no message)"))
    else:
        text.append("\nResult ", style="dim")
        if detail is not None and detail.result is not None:
            text.append(_payload(detail.result))
        else:
            text.append("none yet" if current.running else "-", style="dim")
    return text


def _payload(value: str | None) -> str:
    if value is None:
        return "…"
    return one_line(value, 200) or '""'
