"""The function-list cache: paint the last known list instantly, then refresh.

One JSON file per target (profile+region+endpoint) in the user cache dir, versioned.
A missing, corrupt or foreign-version file is a miss, never an error. No pickles.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..aws.records import FunctionSummary
from . import atomic
from .cached import functions_dir

#: 2: rows by position under ``columns`` (1 had one object per function).
CACHE_VERSION = 2


@dataclass(frozen=True)
class CachedList:
    functions: list[FunctionSummary]
    saved_at: float  # epoch seconds
    account: str


def cache_file(key: str) -> Path:
    return functions_dir() / f"{key}.json"


def _columns() -> tuple[str, ...]:
    return tuple(f.name for f in fields(FunctionSummary))


def load_functions(key: str) -> CachedList | None:
    """The cached list for ``key``, or None on any miss (absent, corrupt, old format).

    Rows are stored by position under the record's field names (checked against today's):
    half the bytes of one object per function, and half the time to read 2,000 of them, on
    the path to the first paint."""
    try:
        raw = cache_file(key).read_bytes()
        data: dict[str, Any] = json.loads(raw)
        columns = _columns()
        if data.get("version") != CACHE_VERSION or tuple(data["columns"]) != columns:
            return None
        arch = columns.index("architectures")
        functions = []
        for row in data["rows"]:
            row[arch] = tuple(row[arch])
            functions.append(FunctionSummary(*row))
        return CachedList(
            functions=functions,
            saved_at=float(data.get("saved_at", 0.0)),
            account=str(data.get("account", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_functions(key: str, functions: Sequence[FunctionSummary], account: str = "") -> None:
    """Write the list for ``key`` atomically (compact JSON, 0600)."""
    columns = _columns()
    payload = {
        "version": CACHE_VERSION,
        "saved_at": time.time(),
        "account": account,
        "columns": columns,
        "rows": [[getattr(f, name) for name in columns] for f in functions],
    }
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    atomic.write_bytes(cache_file(key), data)
