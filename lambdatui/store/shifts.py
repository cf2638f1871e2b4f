"""Saved traffic shifts: one private JSON file per alias being shifted, rewritten at each change.

A shift moves an alias's traffic over minutes; the process running it may be closed or killed
meanwhile. The shift's plan and progress are written atomically (``atomic.write_json``, 0600
in a 0700 folder) after every change it makes, so the next start can list what was left
unfinished (``unfinished``) and offer to keep, roll back or finish it. A file is the engine's
own dictionary (``release.state.ShiftState.to_json``); this module only knows where files are
and which ones are still running. A damaged file is skipped, not fatal.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from . import paths
from .atomic import write_json

#: The ``status`` of a shift still under way (or cut short by the process ending).
RUNNING = "running"


def shifts_dir() -> Path:
    return paths.data_dir() / "shifts"


def path_for(place: tuple[str | None, str, str | None], function: str, alias: str) -> Path:
    """The file of ``function:alias`` on ``place`` (profile, region, endpoint): a readable
    name and a hash of everything, so two accounts' aliases never share a file."""
    key = json.dumps([*place, function, alias])
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{function}-{alias}")[:80]
    return shifts_dir() / f"{readable}-{digest}.json"


def save(data: dict[str, Any]) -> Path:
    """Write one shift (its ``place``, ``function`` and ``alias`` name the file)."""
    place = _place(data)
    path = path_for(place, str(data["function"]), str(data["alias"]))
    write_json(path, data)
    return path


def load(place: tuple[str | None, str, str | None], function: str, alias: str) -> dict[str, Any]:
    """The saved shift of ``function:alias`` on ``place``; {} when there is none."""
    return _read(path_for(place, function, alias)) or {}


def unfinished(place: tuple[str | None, str, str | None] | None = None) -> list[dict[str, Any]]:
    """Every saved shift still ``running`` (on ``place`` when given), oldest first."""
    found = []
    folder = shifts_dir()
    try:
        files = sorted(folder.glob("*.json"))
    except OSError:
        return []
    for path in files:
        data = _read(path)
        if not data or data.get("status") != RUNNING:
            continue
        if place is not None and _place(data) != place:
            continue
        found.append(data)
    return sorted(found, key=lambda d: float(d.get("started") or 0))


def _place(data: dict[str, Any]) -> tuple[str | None, str, str | None]:
    return (data.get("profile"), str(data.get("region") or ""), data.get("endpoint"))


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "function" not in data or "alias" not in data:
        return None
    return data
