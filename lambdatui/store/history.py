"""The last invocations of each function, kept on disk so they can be looked at and run again.

One JSON file per function under ``<data dir>/history/<scope>/``, newest first, at most
``LIMIT`` entries; written atomically (temp file + rename), files 0600, folders 0700. The scope
keeps accounts and regions apart (the same function name in two accounts). A payload is kept
(for "run again") only up to ``PAYLOAD_LIMIT`` bytes; a larger one is remembered by its event
name alone. An unreadable file reads as an empty history and is replaced on the next record.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from . import paths
from .atomic import write_json

LIMIT = 50
PAYLOAD_LIMIT = 64 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One invocation as the history remembers it."""

    when: datetime
    function: str
    qualifier: str  # "$LATEST", a version or an alias
    invocation_type: str
    status: str  # "200", "202", "204", "Unhandled", "Handled", "error: <title>"
    duration_ms: float | None
    request_id: str
    event_name: str = ""
    payload: str | None = None  # None when too large to keep
    tenant_id: str = ""  # the tenant a tenant-isolated function was invoked for

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["when"] = self.when.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HistoryEntry:
        duration = data.get("duration_ms")
        payload = data.get("payload")
        return cls(
            when=datetime.fromisoformat(str(data["when"])),
            function=str(data["function"]),
            qualifier=str(data.get("qualifier") or "$LATEST"),
            invocation_type=str(data.get("invocation_type") or "RequestResponse"),
            status=str(data.get("status", "")),
            duration_ms=None if duration is None else float(duration),
            request_id=str(data.get("request_id", "")),
            event_name=str(data.get("event_name", "") or ""),
            payload=None if payload is None else str(payload),
            tenant_id=str(data.get("tenant_id", "") or ""),
        )


def _safe(part: str) -> str:
    return _UNSAFE.sub("_", part) or "_"


class InvocationHistory:
    """Per-function invocation history under ``root`` (default: the data dir)."""

    def __init__(self, root: Path | None = None, scope: str = "default") -> None:
        self.root = (root or paths.data_dir() / "history") / _safe(scope)

    def path(self, function: str) -> Path:
        return self.root / f"{_safe(function)}.json"

    def list(self, function: str) -> list[HistoryEntry]:
        """Newest first; [] when there is none or the file cannot be read."""
        try:
            data = json.loads(self.path(function).read_text(encoding="utf-8"))
            return [HistoryEntry.from_json(item) for item in data.get("invocations", ())]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return []

    def last(self, function: str) -> HistoryEntry | None:
        entries = self.list(function)
        return entries[0] if entries else None

    def record(self, entry: HistoryEntry) -> None:
        """Put ``entry`` first, keep the newest ``LIMIT``."""
        if entry.payload is not None and len(entry.payload.encode()) > PAYLOAD_LIMIT:
            entry = replace(entry, payload=None)
        entries = [entry, *self.list(entry.function)][:LIMIT]
        write_json(
            self.path(entry.function),
            {"version": 1, "invocations": [item.to_json() for item in entries]},
        )
