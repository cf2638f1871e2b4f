"""What a deploy sends, made from what the user named: a folder zipped deterministically, or a
``.zip`` as it is; checked against the direct-upload limit before it is read or sent.

The command-line twin (``twins/deploy.py``) and the UI's deploy screen both start here, so the
same path gives the same package, the same refusals and the same words in both. It reads local
files only; run it in a thread from the UI (a large folder takes a while to zip and hash).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..sanitize import one_line
from .archive import ArchiveError, Package
from .pack import Packed, check_direct_upload, lambda_sha256, pack_folder


@dataclass(frozen=True, slots=True)
class Source:
    """The package to deploy: its bytes, Lambda's CodeSha256 for them, what it was made from
    (sanitised, for a line on screen) and, for a folder, what was packed and left out."""

    data: bytes
    sha256: str
    origin: str
    packed: Packed | None

    @property
    def size(self) -> int:
        return len(self.data)


def load_source(text: str, exclude: Iterable[str] = ()) -> Source:
    """The package named by ``text`` (``~`` expanded): a folder is packed with ``exclude``
    added to the default exclusions, a file must be a readable zip. ``ArchiveError`` (a
    ``TooLargeForDirectUpload`` over the limit, naming S3) or ``OSError`` when it cannot be."""
    path = Path(text).expanduser()
    shown = one_line(text)
    if path.is_dir():
        packed = pack_folder(path, exclude)
        if not packed.files:
            raise ArchiveError(f"{shown} has no files to deploy")
        check_direct_upload(packed.size)
        count = len(packed.files)
        files = f"{count} file" if count == 1 else f"{count} files"
        return Source(packed.data, packed.sha256, f"{shown} (folder, {files})", packed)
    if path.is_file():
        check_direct_upload(path.stat().st_size)  # before reading it
        data = path.read_bytes()
        with Package(data):  # NotAnArchive for anything but a readable zip
            pass
        return Source(data, lambda_sha256(data), f"{shown} (zip)", None)
    raise ArchiveError(f"{shown}: no such folder or file")
