"""Saved tuning runs: one private JSON file per function being tuned, rewritten as it goes.

A tuning run changes the function it measures (its memory, a version and an alias per size)
and must put everything back. The process running it may be killed meanwhile, so the run's
plan and progress (the original memory, the versions and aliases that existed before it, what
it created, the REPORT figures so far) are written atomically (``atomic.write_json``, 0600 in
a 0700 folder) before and after every change. ``unfinished`` lists the runs still marked
``running`` whose process is gone, so the next start can finish their clean-up
(``tune.runner.clean_up``). The file is the runner's own dictionary; this module only knows
where files are and which runs are unfinished. A damaged file is skipped, not fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from . import paths
from .atomic import write_json

#: The ``status`` of a run under way (or cut short by its process ending).
RUNNING = "running"
Place = tuple[str | None, str, str | None]


def plans_dir() -> Path:
    return paths.data_dir() / "tune"


def path_for(place: Place, function: str) -> Path:
    """The file of ``function`` on ``place`` (profile, region, endpoint): a readable name and
    a hash of everything, so two accounts' functions never share a file."""
    digest = hashlib.sha256(json.dumps([*place, function]).encode()).hexdigest()[:12]
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", function)[:80]
    return plans_dir() / f"{readable}-{digest}.json"


def place_of(data: dict[str, Any]) -> Place:
    return (data.get("profile"), str(data.get("region") or ""), data.get("endpoint"))


def save(data: dict[str, Any]) -> Path:
    """Write one run (its place and ``function`` name the file)."""
    path = path_for(place_of(data), str(data["function"]))
    write_json(path, data)
    return path


def load(place: Place, function: str) -> dict[str, Any]:
    """The saved run of ``function`` on ``place``; {} when there is none."""
    return _read(path_for(place, function)) or {}


def unfinished(place: Place | None = None) -> list[dict[str, Any]]:
    """Every saved run still ``running`` whose process has ended (on ``place`` when given),
    oldest first: a run whose process is alive is being run, not left unfinished."""
    found = []
    try:
        files = sorted(plans_dir().glob("*.json"))
    except OSError:
        return []
    for path in files:
        data = _read(path)
        if not data or data.get("status") != RUNNING or _alive(data.get("pid")):
            continue
        if place is not None and place_of(data) != place:
            continue
        found.append(data)
    return sorted(found, key=lambda d: float(d.get("started") or 0))


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's process has that number now; ours is gone
        return False
    return _not_a_zombie(pid)


def _not_a_zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet still answers kill(0): read its state."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust kill(0)
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "function" not in data:
        return None
    return data
