"""Atomic, private file writes: temp file in the same folder, fsync, os.replace, mode 0600.

A crash mid-write leaves the previous file intact; a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 if missing."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; the file ends up 0600."""
    ensure_private_dir(path.parent)
    import tempfile  # here: it is not on the way to the first paint (~3 ms)

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sweep(path)


#: A temporary file of ``write_bytes`` this old was left by a writer that was killed (a
#: write takes milliseconds): it is never read, and is removed by the next write of its file.
STALE_TMP_S = 600.0


def _sweep(path: Path) -> None:
    """Remove the temporary files a killed writer of ``path`` left behind (``STALE_TMP_S``)."""
    import time

    prefix, cutoff = f".{path.name}.", time.time() - STALE_TMP_S
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, value: Any, *, indent: int | None = 2) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False, separators=None)
    write_text(path, text + "\n")
