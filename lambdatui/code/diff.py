"""Two packages compared: files added, removed and changed, then a unified diff of one file.

Files are compared by the SHA-256 of their content (read a window at a time), not by the
archive's dates or CRCs: two zips of the same folder made on different days are equal here,
and a changed file is never missed. Both sides may be any two packages: ``$LATEST`` and a
version, two aliases, or what is deployed and a folder packed for a deploy.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from .archive import Package

#: A file larger than this (either side) is compared by hash only, without a line diff.
MAX_DIFF_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fingerprint:
    size: int
    sha256: str  # hex


@dataclass(frozen=True, slots=True)
class PackageDiff:
    """Paths (the archive's own names, sorted) that only the new side has, only the old side
    has, and that both have with different content; ``same`` counts the rest."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    same: int

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.changed)


def fingerprints(package: Package) -> dict[str, Fingerprint]:
    """Each file of ``package`` (folders left out) by name, with its size and content hash."""
    result: dict[str, Fingerprint] = {}
    for entry in package.files:
        result[entry.name] = Fingerprint(entry.size, _sha256(package, entry.name))
    return result


def compare(old: Mapping[str, Fingerprint], new: Mapping[str, Fingerprint]) -> PackageDiff:
    """The file-level difference from ``old`` to ``new``."""
    both = old.keys() & new.keys()
    changed = sorted(name for name in both if old[name] != new[name])
    return PackageDiff(
        added=tuple(sorted(new.keys() - old.keys())),
        removed=tuple(sorted(old.keys() - new.keys())),
        changed=tuple(changed),
        same=len(both) - len(changed),
    )


def compare_packages(old: Package, new: Package) -> PackageDiff:
    return compare(fingerprints(old), fingerprints(new))


def unified(old: Package | None, new: Package | None, name: str, *, context: int = 3) -> list[str]:
    """The unified diff of file ``name`` from ``old`` to ``new`` (None, or a package without
    the file: the file is added or removed), as lines without line ends. A binary or very large
    file gives one line saying so. Not sanitised: the viewer does that, as for any file."""
    before, old_note = _text(old, name)
    after, new_note = _text(new, name)
    note = old_note or new_note
    if note:
        return [f"{note}: {name} differ" if before != after else f"{note}: {name} unchanged"]
    return list(
        difflib.unified_diff(
            before,
            after,
            fromfile=f"a/{name}" if old is not None and _has(old, name) else "/dev/null",
            tofile=f"b/{name}" if new is not None and _has(new, name) else "/dev/null",
            n=context,
            lineterm="",
        )
    )


def _has(package: Package, name: str) -> bool:
    return any(entry.name == name for entry in package.files)


def _text(package: Package | None, name: str) -> tuple[list[str], str]:
    """The file's lines, or ([], a reason) when it is not diffed line by line."""
    if package is None or not _has(package, name):
        return [], ""
    entry = package.entry(name)
    if entry.size > MAX_DIFF_BYTES:
        return [_sha256(package, name)], "Large files"
    if not package.kind(name).is_text:
        return [_sha256(package, name)], "Binary files"
    data = package.read(name, 0, entry.size)
    return data.decode("utf-8", errors="replace").splitlines(), ""


def _sha256(package: Package, name: str) -> str:
    digest = hashlib.sha256()
    for chunk in package.chunks(name):
        digest.update(chunk)
    return digest.hexdigest()
