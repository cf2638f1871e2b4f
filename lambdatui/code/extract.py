"""Write a package's files out under a folder, and never anywhere else.

An entry with an absolute path or a ``..`` component, a symbolic link, or a path that would
pass through a link already in the folder is skipped and reported, not written: a package
cannot plant a file outside the folder the user chose, nor make a later entry follow a link
it made. Files are created fresh (``O_EXCL | O_NOFOLLOW``) and at most the size the package
declared (already checked against its caps when it was opened) is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .archive import WINDOW, ArchiveError, Entry, Package

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


@dataclass
class Extracted:
    """What ``extract`` did: the files written (relative to the folder) and the entries left
    out, each with its sanitised name and why."""

    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def extract(package: Package, dest: Path) -> Extracted:
    """Write the files of ``package`` under ``dest`` (created if missing). An entry whose file
    exists already is skipped: extract into an empty folder."""
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    result = Extracted()
    for entry in package.entries:
        if entry.problem:
            result.skipped.append((entry.display, entry.problem))
            continue
        relative = entry.name.replace("\\", "/").strip("/")
        target = root / relative
        if not _inside(root, target):
            result.skipped.append((entry.display, "leaves the folder (through a link)"))
            continue
        try:
            if entry.is_dir:
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if not _inside(root, target):  # a folder made above cannot be a link, but check
                result.skipped.append((entry.display, "leaves the folder (through a link)"))
                continue
            _write(package, entry, target)
        except FileExistsError:
            result.skipped.append((entry.display, "already exists"))
            continue
        except OSError as exc:
            raise ArchiveError(
                f"Could not write {entry.display!r}: {exc.strerror or exc}.",
                hint="Check the folder's permissions and free space.",
            ) from exc
        result.written.append(relative)
    return result


def _inside(root: Path, target: Path) -> bool:
    """Whether ``target``, with every link already on disk resolved, stays under ``root``."""
    return target.resolve().is_relative_to(root)


def _write(package: Package, entry: Entry, target: Path) -> None:
    fd = os.open(target, _FLAGS, 0o644)
    written = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in package.chunks(entry.name, WINDOW):
                written += len(chunk)
                if written > entry.size:  # zipfile stops at the declared size; belt and braces
                    raise ArchiveError(f"{entry.display!r} is larger than the package declares.")
                handle.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
