"""The fleet list's cache, and the fleet choice the user made last.

Like the function list's cache (``cache.py``): one versioned JSON file per choice (the
profiles × regions and the endpoint), rows by position, written atomically at 0600; a
missing, corrupt or foreign-version file is a miss, never an error. A warm start paints it,
then the fleet is listed again. The choice (profiles, regions) is remembered in its own file
so the fleet view opens on what was picked last, without rewriting the user's config.toml.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..aws.fleet import FleetRow
from ..aws.records import FunctionSummary
from . import atomic, paths

CACHE_VERSION = 1


@dataclass(frozen=True)
class CachedFleet:
    rows: list[FleetRow]
    saved_at: float  # epoch seconds


def fleet_key(profiles: Sequence[str], regions: Sequence[str], endpoint: str | None) -> str:
    """A file-name-safe key for a choice: the same pairs and endpoint, in any order, share it."""
    raw = "\0".join(
        ["|".join(sorted(profiles)), "|".join(sorted(regions)), endpoint or ""]
    ).encode()
    return f"fleet-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def cache_file(key: str) -> Path:
    return paths.cache_dir() / "fleet" / f"{key}.json"


def _columns() -> tuple[str, ...]:
    return tuple(f.name for f in fields(FunctionSummary))


def save_fleet(key: str, rows: Sequence[FleetRow]) -> None:
    columns = _columns()
    payload = {
        "version": CACHE_VERSION,
        "saved_at": time.time(),
        "columns": columns,
        "rows": [
            [r.profile, r.account, r.region, [getattr(r.function, c) for c in columns]]
            for r in rows
        ],
    }
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    atomic.write_bytes(cache_file(key), data)


def load_fleet(key: str) -> CachedFleet | None:
    try:
        data: dict[str, Any] = json.loads(cache_file(key).read_bytes())
        columns = _columns()
        if data.get("version") != CACHE_VERSION or tuple(data["columns"]) != columns:
            return None
        arch = columns.index("architectures")
        rows = []
        for profile, account, region, values in data["rows"]:
            values[arch] = tuple(values[arch])
            rows.append(FleetRow(str(profile), str(account), str(region), FunctionSummary(*values)))
        return CachedFleet(rows, float(data.get("saved_at", 0.0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class FleetChoice:
    profiles: tuple[str, ...] = ()  # () : every profile
    regions: tuple[str, ...] = ()  # () : the enabled regions (or Lambda's)


def _choice_file() -> Path:
    return paths.config_dir() / "fleet.json"


def save_choice(choice: FleetChoice) -> None:
    payload = {"profiles": list(choice.profiles), "regions": list(choice.regions)}
    atomic.write_bytes(_choice_file(), json.dumps(payload).encode("utf-8"))


def load_choice() -> FleetChoice | None:
    """The last choice, or None (never chosen, or a damaged file: nothing in it is precious)."""
    try:
        data = json.loads(_choice_file().read_bytes())
        profiles, regions = data["profiles"], data["regions"]
        if not all(isinstance(x, str) for x in [*profiles, *regions]):
            return None
        return FleetChoice(tuple(profiles), tuple(regions))
    except (OSError, ValueError, KeyError, TypeError):
        return None
