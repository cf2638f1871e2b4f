"""Zip a folder deterministically, as a deploy uploads it, and check it against Lambda's limit.

The same folder gives the same bytes, so the same ``CodeSha256`` Lambda reports: entries in
sorted order, every timestamp 1980-01-01 (zip's epoch), permissions 0644 (0755 when the owner
may execute the file: a custom runtime's ``bootstrap`` must stay executable), no extra fields,
deflate at a fixed level. Version control, caches and editor litter are left out
(``DEFAULT_EXCLUDES``, plus the user's patterns). A symbolic link is packed as the file it
points to when that file is inside the folder, and left out (reported) otherwise, so a deploy
never uploads, say, ``~/.aws/credentials`` through a link.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from .archive import ArchiveError

#: Lambda's limit for a package sent in the request (CreateFunction/UpdateFunctionCode ZipFile).
DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024
#: Left out of every package. A pattern ending in "/" names a folder (anywhere); the others
#: match a file's name or its path relative to the folder.
DEFAULT_EXCLUDES: tuple[str, ...] = (".git/", "__pycache__/", "*.pyc", ".DS_Store")
_EPOCH = (1980, 1, 1, 0, 0, 0)
_LEVEL = 6


class TooLargeForDirectUpload(ArchiveError):
    title = "Package too large"


@dataclass(frozen=True, slots=True)
class Packed:
    """A folder zipped: the bytes to upload, their size and Lambda's ``CodeSha256`` for them,
    the files packed (relative, sorted) and those left out, with why."""

    data: bytes
    sha256: str  # base64 of the SHA-256, as Lambda's CodeSha256
    files: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]

    @property
    def size(self) -> int:
        return len(self.data)


def lambda_sha256(data: bytes) -> str:
    """``CodeSha256`` as Lambda computes it: the base64 of the package's SHA-256 digest."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def excluded(relative: str, is_dir: bool, patterns: Iterable[str]) -> bool:
    """Whether the path ``relative`` (posix, relative to the folder) is left out."""
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if pattern.endswith("/"):
            folder = pattern.rstrip("/")
            if is_dir and (fnmatchcase(name, folder) or fnmatchcase(relative, folder)):
                return True
        elif fnmatchcase(name, pattern) or fnmatchcase(relative, pattern):
            return True
    return False


def pack_folder(folder: Path, exclude: Iterable[str] = ()) -> Packed:
    """Zip ``folder``'s files (see the module docstring); ``exclude`` adds to the defaults."""
    if not folder.is_dir():
        raise ArchiveError(f"{folder} is not a folder.", hint="Choose the folder to deploy.")
    patterns = (*DEFAULT_EXCLUDES, *exclude)
    root = folder.resolve()
    skipped: list[tuple[str, str]] = []
    files = sorted(_walk(root, "", patterns, skipped))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as archive:
        for relative in files:
            path = root / relative
            info = zipfile.ZipInfo(relative, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix: Lambda reads the mode bits
            executable = os.stat(path).st_mode & stat.S_IXUSR
            info.external_attr = (stat.S_IFREG | (0o755 if executable else 0o644)) << 16
            with path.open("rb") as source, archive.open(info, "w") as member:
                while chunk := source.read(1024 * 1024):
                    member.write(chunk)
    data = buffer.getvalue()
    return Packed(data, lambda_sha256(data), tuple(files), tuple(sorted(skipped)))


def _walk(
    root: Path, prefix: str, patterns: tuple[str, ...], skipped: list[tuple[str, str]]
) -> Iterator[str]:
    """Every file to pack under ``root/prefix``, as a posix path relative to ``root``."""
    with os.scandir(root / prefix if prefix else root) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        relative = f"{prefix}{entry.name}"
        if entry.is_symlink():
            target = Path(entry.path).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                skipped.append((relative, "link to outside the folder or to a folder"))
                continue
            if not excluded(relative, False, patterns):
                yield relative
        elif entry.is_dir():
            if not excluded(relative, True, patterns):
                yield from _walk(root, f"{relative}/", patterns, skipped)
        elif entry.is_file() and not excluded(relative, False, patterns):
            yield relative


def check_direct_upload(size: int) -> None:
    """Refuse a package Lambda would refuse in the request itself, naming the way that works."""
    if size > DIRECT_UPLOAD_LIMIT:
        raise TooLargeForDirectUpload(
            f"The package is {size / 1024 / 1024:.1f} MB zipped; Lambda takes at most "
            f"{DIRECT_UPLOAD_LIMIT // 1024 // 1024} MB in a direct upload.",
            hint="Upload it to S3 and deploy from there (UpdateFunctionCode with S3Bucket and "
            "S3Key), or make it smaller (a layer, fewer dependencies).",
        )
