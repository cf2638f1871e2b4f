"""Where the function-list cache keeps its files, and whether it has any, without its imports.

The command line asks ``any_cached`` before anything else (``list_ahead.start_early``): with
no list cached, it starts the process that fetches the first page. ``store.cache`` imports
records, dataclasses and json (~24 ms), time by which that process starts later and the first
row comes later; this module imports only ``paths``.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import paths


def functions_dir() -> Path:
    """The folder of the cached lists, one file per target (``store.cache``)."""
    return paths.cache_dir() / "functions"


def any_cached() -> bool:
    """Whether any target's list is cached (cheap: no target needs resolving for it)."""
    try:
        with os.scandir(functions_dir()) as entries:
            return any(entry.name.endswith(".json") for entry in entries)
    except OSError:
        return False
