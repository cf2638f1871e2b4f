"""An untrusted zip package, read safely: its entries, one member a window at a time.

Anyone who can deploy to an account chooses what its packages contain, so a package is read
like any other untrusted input:

* every entry's name is checked (``problem``: an absolute path, a ``..`` component, a
  symbolic link) and shown only through ``display``, the name with control characters and
  escape sequences made harmless (``sanitize.one_line``);
* the sizes the archive declares are checked against ``Caps`` before anything is read, so an
  archive bomb (a small file that inflates to gigabytes) is refused with a clear error instead
  of filling the disk or the memory; zipfile itself never returns more than the declared size;
* a member is read a window of bytes or lines at a time, never loaded whole, and is told to
  be text or binary from its first bytes (``kind``).
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..sanitize import one_line

#: Bytes read by default from a member (the viewer asks for more as the user scrolls).
WINDOW = 64 * 1024
#: Bytes looked at to tell text from binary.
SNIFF = 8 * 1024
#: A line longer than this is cut (a minified bundle is one line of megabytes).
MAX_LINE = 4096
#: Members smaller than this are not held to the ratio cap: a small file of repeated bytes
#: legitimately compresses a thousandfold.
RATIO_FLOOR = 1024 * 1024


class ArchiveError(Exception):
    """A package that cannot be read or written as asked, as the user should read it (the same
    ``title``, ``message`` and ``hint`` as the gateway's errors)."""

    title = "Package error"

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class NotAnArchive(ArchiveError):
    title = "Not a zip package"


class ArchiveRefused(ArchiveError):
    """Over a cap: too large, too many entries, or compressed suspiciously well (a bomb)."""

    title = "Package refused"


@dataclass(frozen=True, slots=True)
class Caps:
    """Limits on what a package may declare. Lambda itself unpacks at most 250 MB (function
    and layers together), so the defaults refuse nothing a function can run."""

    max_total: int = 512 * 1024 * 1024  # uncompressed bytes, all members together
    max_ratio: float = 200.0  # uncompressed / compressed, per member and overall
    max_entries: int = 200_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One member of a package. ``name`` is the archive's own, untrusted: show ``display``."""

    name: str
    display: str
    size: int
    compressed: int
    is_dir: bool
    is_symlink: bool
    #: Why the entry would not be written out ("" when it would): an absolute path, a path
    #: that leaves the folder, a symbolic link.
    problem: str = ""


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a member looks like: text (shown as lines) or binary (shown as size + type)."""

    is_text: bool
    label: str  # "text", "text/x-python", "ELF executable", "binary data", ...


_DRIVE = re.compile(r"^[A-Za-z]:")
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"MZ", "Windows executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"SQLite format 3\x00", "SQLite database"),
)


def name_problem(name: str) -> str:
    """Why ``name`` must not be written under a folder, or "" when it may. Backslashes count
    as separators too: a package made on Windows may use them."""
    if not name or "\x00" in name:
        return "invalid name"
    parts = name.replace("\\", "/")
    if parts.startswith("/") or _DRIVE.match(parts):
        return "absolute path"
    if ".." in parts.split("/"):
        return "leaves the folder (..)"
    return ""


def is_symlink(info: zipfile.ZipInfo) -> bool:
    """Whether the member is a symbolic link (Unix mode bits in ``external_attr``)."""
    return stat.S_ISLNK(info.external_attr >> 16)


def sniff(head: bytes, name: str = "") -> FileKind:
    """Text or binary, from a member's first bytes (and its name for the type's label)."""
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return FileKind(False, label)
    import mimetypes  # reads the system's type tables: only when a member is opened

    guessed = mimetypes.guess_type(name.replace("\\", "/"), strict=False)[0] or ""
    if b"\x00" in head:
        return FileKind(False, guessed or "binary data")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a character cut by the window's end is still text
        if not (exc.reason == "unexpected end of data" and exc.start >= len(head) - 3):
            return FileKind(False, guessed or "binary data")
    return FileKind(True, guessed if guessed.startswith("text/") else "text")


class Package:
    """An open zip package: its entries, checked against ``caps`` when opened, and its members
    read lazily. Use as a context manager, or call ``close``."""

    def __init__(self, source: Path | bytes, caps: Caps | None = None) -> None:
        self.caps = caps or Caps()
        try:
            opened = io.BytesIO(source) if isinstance(source, bytes) else source
            self._zip = zipfile.ZipFile(opened)
        except (zipfile.BadZipFile, OSError) as exc:
            raise NotAnArchive(
                f"This package is not a readable zip file ({exc}).",
                hint="Check that it is the function's .zip package.",
            ) from exc
        try:
            archive_size = len(source) if isinstance(source, bytes) else source.stat().st_size
            self.entries = _entries(self._zip.infolist(), self.caps, archive_size)
        except BaseException:
            self._zip.close()
            raise
        self._by_name = {entry.name: entry for entry in self.entries}

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def files(self) -> tuple[Entry, ...]:
        """The members that hold content (no folders)."""
        return tuple(entry for entry in self.entries if not entry.is_dir)

    def entry(self, name: str) -> Entry:
        try:
            return self._by_name[name]
        except KeyError:
            raise ArchiveError(f"The package has no file {one_line(name)!r}.") from None

    def read(self, name: str, offset: int = 0, length: int = WINDOW) -> bytes:
        """``length`` bytes of member ``name`` from ``offset`` (fewer at its end)."""
        self.entry(name)
        with self._zip.open(name) as member:
            if offset:
                member.seek(offset)  # inflates and discards up to there: nothing is kept
            return member.read(max(0, length))

    def chunks(self, name: str, size: int = WINDOW) -> Iterator[bytes]:
        """Member ``name`` in pieces of ``size`` bytes (for hashing without holding it)."""
        self.entry(name)
        with self._zip.open(name) as member:
            while chunk := member.read(size):
                yield chunk

    def lines(self, name: str, start: int = 0, count: int = 200) -> list[str]:
        """Lines ``start`` to ``start + count`` of a text member, decoded as UTF-8 (a bad byte
        shows as U+FFFD), each cut at ``MAX_LINE`` characters. Read from the member's start
        up to the last line asked for, and no further. Not sanitised: the viewer does that."""
        self.entry(name)
        result: list[str] = []
        with self._zip.open(name) as member:
            text = io.TextIOWrapper(member, encoding="utf-8", errors="replace", newline="")
            index = 0
            while len(result) < count:
                line = text.readline(MAX_LINE)
                if not line:
                    break
                if not line.endswith(("\n", "\r")):
                    _skip_rest_of_line(text)
                if index >= start:
                    result.append(line.rstrip("\r\n"))
                index += 1
        return result

    def kind(self, name: str) -> FileKind:
        """Text or binary, from the member's first ``SNIFF`` bytes."""
        entry = self.entry(name)
        if entry.is_dir:
            return FileKind(False, "folder")
        if entry.is_symlink:
            return FileKind(False, "symbolic link")
        return sniff(self.read(name, 0, SNIFF), name)


def _skip_rest_of_line(text: io.TextIOWrapper) -> None:
    """Read past the end of a line cut at MAX_LINE, a piece at a time."""
    while True:
        piece = text.readline(MAX_LINE)
        if not piece or piece.endswith(("\n", "\r")):
            return


def _entries(infos: list[zipfile.ZipInfo], caps: Caps, archive_size: int) -> tuple[Entry, ...]:
    """The entries of an archive, refused as a whole if it declares more than ``caps`` allow."""
    if len(infos) > caps.max_entries:
        raise ArchiveRefused(
            f"The package has {len(infos):,} entries, more than the {caps.max_entries:,} "
            "lambdatui opens.",
        )
    total = 0
    entries = []
    for info in infos:
        total += info.file_size
        display = one_line(info.filename)
        if info.file_size > RATIO_FLOOR and info.file_size > caps.max_ratio * max(
            info.compress_size, 1
        ):
            raise ArchiveRefused(
                f"{display!r} would inflate {info.compress_size:,} bytes to "
                f"{info.file_size:,} (over {caps.max_ratio:g}×): this looks like an archive "
                "bomb, so the package is not opened.",
            )
        link = is_symlink(info)
        problem = name_problem(info.filename) or ("symbolic link" if link else "")
        entries.append(
            Entry(
                name=info.filename,
                display=display,
                size=info.file_size,
                compressed=info.compress_size,
                is_dir=info.is_dir(),
                is_symlink=link,
                problem=problem,
            )
        )
    if total > caps.max_total:
        raise ArchiveRefused(
            f"The package would unpack to {total:,} bytes, more than the {caps.max_total:,} "
            "lambdatui opens (Lambda itself allows 250 MB unzipped).",
        )
    if total > RATIO_FLOOR and total > caps.max_ratio * max(archive_size, 1):
        raise ArchiveRefused(
            f"The package would inflate {archive_size:,} bytes to {total:,} (over "
            f"{caps.max_ratio:g}×): this looks like an archive bomb, so it is not opened.",
        )
    return tuple(entries)
