"""The function-list cache: paint the last known list instantly, then refresh.

One JSON file per target (profile+region+endpoint) in the user cache dir, versioned.
A missing, corrupt or foreign-version file is a miss, never an error. No pickles.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..aws.records import FunctionSummary
from . import atomic, paths

CACHE_VERSION = 1


@dataclass(frozen=True)
class CachedList:
    functions: list[FunctionSummary]
    saved_at: float  # epoch seconds
    account: str


def cache_file(key: str) -> Path:
    return paths.cache_dir() / "functions" / f"{key}.json"


def load_functions(key: str) -> CachedList | None:
    """The cached list for ``key``, or None on any miss (absent, corrupt, old format)."""
    try:
        raw = cache_file(key).read_bytes()
        data: dict[str, Any] = json.loads(raw)
        if data.get("version") != CACHE_VERSION:
            return None
        functions = [FunctionSummary.from_json(item) for item in data["functions"]]
        return CachedList(
            functions=functions,
            saved_at=float(data.get("saved_at", 0.0)),
            account=str(data.get("account", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_functions(key: str, functions: Sequence[FunctionSummary], account: str = "") -> None:
    """Write the list for ``key`` atomically (compact JSON, 0600)."""
    payload = {
        "version": CACHE_VERSION,
        "saved_at": time.time(),
        "account": account,
        "functions": [f.to_json() for f in functions],
    }
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    atomic.write_bytes(cache_file(key), data)
