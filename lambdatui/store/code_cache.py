"""Downloaded code packages, kept by their SHA-256 so that opening one again is instant.

One file per package under the cache dir's ``code/``, named by the hex of the digest Lambda
reports (``CodeSha256`` is its base64): the same package reached through ``$LATEST``, a version
or an alias is stored once. Files are 0600 in a 0700 folder, written whole or not at all (a
temp file beside them, fsync, ``os.replace``), and a file only gets its name once its bytes
hash to that name, so a package in the cache is always the one Lambda described.

The folder is held under a size cap by least-recently-used eviction: reading a package touches
its modification time, and after each new package the oldest go until the total fits. A package
larger than the cap on its own is still kept (it is the one being looked at) until the next.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from . import atomic, paths

#: The cache's size when the config says nothing: a few hundred typical packages.
DEFAULT_CAP = 512 * 1024 * 1024
_SUFFIX = ".zip"


class CacheMismatch(ValueError):
    """Bytes offered under a hash they do not have."""


def hex_digest(sha256: str) -> str:
    """The hex of a base64 ``CodeSha256`` (the file's name); ValueError if it is not one."""
    try:
        raw = base64.b64decode(sha256, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ValueError(f"not a base64 SHA-256: {sha256[:60]!r}")
    return raw.hex()


class _Incoming:
    """The temp file a download streams into, hashing what it is given."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes, /) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self._handle.write(data)


class CodeCache:
    """The package cache (see the module docstring). ``root`` defaults to the user cache dir's
    ``code/``; ``cap`` is the most bytes kept."""

    def __init__(self, root: Path | None = None, cap: int = DEFAULT_CAP) -> None:
        self.root = root or paths.cache_dir() / "code"
        self.cap = cap

    def path_for(self, sha256: str) -> Path:
        return self.root / f"{hex_digest(sha256)}{_SUFFIX}"

    def get(self, sha256: str) -> Path | None:
        """The package with this ``CodeSha256``, marked as just used; None if not kept."""
        path = self.path_for(sha256)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def put(self, sha256: str, data: bytes) -> Path:
        """Keep ``data`` as the package ``sha256`` (CacheMismatch if it is not that)."""
        with self.incoming(sha256) as sink:
            sink.write(data)
        return self.path_for(sha256)

    @contextlib.contextmanager
    def incoming(self, sha256: str) -> Iterator[_Incoming]:
        """A sink to stream the package ``sha256`` into. On a clean exit the bytes are checked,
        synced and given the package's name, and older packages evicted; on an exception (or a
        hash that does not match: CacheMismatch) nothing is left behind."""
        target = self.path_for(sha256)
        atomic.ensure_private_dir(self.root)
        fd, tmp = tempfile.mkstemp(prefix=".incoming.", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), atomic.FILE_MODE)
                sink = _Incoming(handle)
                yield sink
                handle.flush()
                os.fsync(handle.fileno())
            if sink.digest.hexdigest() != target.stem:
                raise CacheMismatch(
                    f"the bytes hash to {base64.b64encode(sink.digest.digest()).decode()}, "
                    f"not {sha256}"
                )
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.evict(keep=target)

    def packages(self) -> list[tuple[Path, int, float]]:
        """Every kept package as (path, size, last used), least recently used first."""
        found = []
        try:
            with os.scandir(self.root) as entries:
                for entry in entries:
                    if entry.name.endswith(_SUFFIX) and not entry.name.startswith("."):
                        with contextlib.suppress(OSError):
                            info = entry.stat()
                            found.append((Path(entry.path), info.st_size, info.st_mtime))
        except OSError:
            return []
        return sorted(found, key=lambda item: item[2])

    def total_size(self) -> int:
        return sum(size for _, size, _ in self.packages())

    def evict(self, keep: Path | None = None) -> list[Path]:
        """Remove the least recently used packages until the total fits the cap (never
        ``keep``); the paths removed."""
        kept = self.packages()
        total = sum(size for _, size, _ in kept)
        removed = []
        for path, size, _ in kept:
            if total <= self.cap:
                break
            if path == keep:
                continue
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            total -= size
            removed.append(path)
        return removed
