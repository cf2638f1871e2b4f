"""The saved test-event library: one human-readable JSON file per event, on disk.

Layout under the user data dir (``paths.data_dir()``, or ``$LAMBDATUI_HOME/data``)::

    events/
      orders-api/                 one folder per function (the function's name)
        smoke test.json
        big%2Forder.json          names are escaped into safe file names
      @shared/                    events usable with any function (no function is named so)

Each file is a pretty-printed JSON object with a fixed key order, so that it diffs well in
git::

    {
      "format": "lambdatui-event/1",
      "name": "smoke test",
      "description": "one small order",
      "last_used": "2026-11-24T06:10:30Z",
      "payload": {"orderId": 42}
    }

An event is sent with the bytes it was saved with. ``payload`` holds the payload as a JSON
value when that is exactly how it reads back (it is pretty-printed as below, as the editor's
ctrl+o does); any other payload (compact or otherwise spaced JSON, JSON that a value cannot
hold exactly such as duplicate keys or ``NaN``, or text that is not JSON) is kept verbatim as
a string under ``payload_text``. The ``name`` inside the file is authoritative; the file name is
only derived from it (so a hand-written file with any name is found too).

Files are 0600 and folders 0700, written atomically (``atomic.py``). A file that cannot be
read as an event is reported (``CorruptEvent``) and skipped; it is never deleted, and saving
an event over it is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import string
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..aws.payload import decode_error
from ..aws.payload import json_error as payload_json_error
from . import atomic, paths

__all__ = [
    "FORMAT",
    "MAX_PAYLOAD_BYTES",
    "SHAREABLE",
    "SHARED",
    "TEMPLATE",
    "CorruptEvent",
    "EventLibrary",
    "EventStoreError",
    "SavedEvent",
    "file_stem",
    "json_error",
]

#: The group of events usable with any function. Lambda function names are letters, digits,
#: hyphens and underscores, so no function's group can be called this.
SHARED = "@shared"
#: Groups of events that are not in the library (what the event picker hands back for a
#: console shareable event or a template): ``touch`` ignores them, ``save`` refuses them.
SHAREABLE = "@shareable"
TEMPLATE = "@template"
#: The ``format`` marker written in every event file.
FORMAT = "lambdatui-event/1"
#: The largest payload worth importing: Lambda's synchronous invoke limit (6 MB).
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024
#: The longest event name accepted (the console allows 25 characters; this is generous).
MAX_NAME_LENGTH = 256

_KEY_ORDER = ("format", "name", "description", "last_used", "payload", "payload_text")
_SAFE_CHARS = frozenset(string.ascii_letters + string.digits + "-_. ")
_MAX_STEM_BYTES = 180  # well under every filesystem's 255, leaving room for ".json" and temps
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)


class EventStoreError(Exception):
    """A library operation that cannot be done; ``str()`` is the message for the user."""


@dataclass(frozen=True)
class SavedEvent:
    name: str
    payload: str  # the payload text as it is sent: the bytes it was saved with
    group: str  # a function name, or SHARED
    description: str = ""
    last_used: datetime | None = None

    @property
    def shared(self) -> bool:
        return self.group == SHARED

    @property
    def in_library(self) -> bool:
        """False for a shareable event from the account or a template (not saved here)."""
        return self.group not in (SHAREABLE, TEMPLATE)


@dataclass(frozen=True)
class CorruptEvent:
    path: Path
    reason: str


# -- file names ---------------------------------------------------------------------------


def _escape(text: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char in _SAFE_CHARS and not (char in ". " and (index == 0 or index == len(text) - 1)):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    stem = "".join(out)
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    return stem


def file_stem(name: str) -> str:
    """A file name (without ``.json``) for the event or group ``name``: any text, any length.

    Letters, digits, ``-``, ``_``, inner dots and spaces stay readable; everything else (``/``,
    ``\\``, ``%``, control and non-ASCII characters, a leading or trailing dot or space) is
    percent-escaped, so no name can climb out of its folder or hide as a dot file. Very long
    names are cut and end in a hash of the whole name.
    """
    stem = _escape(name)
    if len(stem.encode("utf-8")) > _MAX_STEM_BYTES:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
        cut = stem[: _MAX_STEM_BYTES - 20]
        if "%" in cut[-2:]:  # never cut an escape in half
            cut = cut[: cut.rindex("%")]
        stem = f"{cut}~{digest}"
    return stem


def _group_dirname(group: str) -> str:
    if group == SHARED:
        return SHARED  # '@' is always escaped in function groups, so this cannot collide
    if not group or group.startswith("@"):  # no function name starts with '@'
        raise EventStoreError("An event is saved for a function or in the shared group.")
    return file_stem(group)


# -- payload text <-> stored value --------------------------------------------------------


#: "Expecting ',' delimiter at line 3, column 5" for a JSON syntax error (one wording everywhere).
json_error = decode_error


class _NotExact(ValueError):
    """The text parses, but a JSON value would not keep it exactly (duplicate keys, NaN)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotExact("duplicate keys")
    return result


def _reject_constant(name: str) -> Any:
    raise _NotExact(f"{name} is not JSON")


def _as_value(payload: str) -> tuple[bool, Any]:
    """(True, value) when ``payload`` is JSON that a JSON value keeps exactly, else (False, _)."""
    try:
        value = json.loads(
            payload, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant
        )
        json.dumps(value, allow_nan=False)  # 1e999 parses as inf, which JSON cannot hold
    except ValueError:  # JSONDecodeError and _NotExact are both ValueErrors
        return False, None
    return True, value


def pretty(value: Any) -> str:
    """The payload text for a JSON value: two-space indent, keys in their order, UTF-8."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def _format_time(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_time(text: str) -> datetime:
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _document(event: SavedEvent) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "name": event.name,
        "description": event.description,
        "last_used": _format_time(event.last_used) if event.last_used else None,
    }
    exact, value = _as_value(event.payload)
    if exact and pretty(value) == event.payload:
        doc["payload"] = value
    else:
        doc["payload_text"] = event.payload
    return doc


def _from_document(doc: Any, group: str, fallback_name: str) -> SavedEvent:
    """The event a parsed file holds; ValueError says what is wrong with it."""
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    fmt = doc.get("format", FORMAT)
    if fmt != FORMAT:
        raise ValueError(f"unknown format {fmt!r} (this version reads {FORMAT!r})")
    name = doc.get("name", fallback_name)
    if not isinstance(name, str) or not name:
        raise ValueError('"name" is not a non-empty string')
    description = doc.get("description") or ""
    if not isinstance(description, str):
        raise ValueError('"description" is not a string')
    raw_time = doc.get("last_used")
    last_used = None
    if raw_time is not None:
        if not isinstance(raw_time, str):
            raise ValueError('"last_used" is not a time')
        try:
            last_used = _parse_time(raw_time)
        except ValueError:
            raise ValueError(f'"last_used" is not an ISO 8601 time: {raw_time!r}') from None
    if "payload" in doc:
        payload = pretty(doc["payload"])
    elif isinstance(doc.get("payload_text"), str):
        payload = doc["payload_text"]
    else:
        raise ValueError('neither "payload" nor "payload_text" is present')
    return SavedEvent(name, payload, group, description, last_used)


def _unescape(stem: str) -> str:
    from urllib.parse import unquote

    return unquote(stem.split("~")[0] if "~" in stem else stem)


# -- the library --------------------------------------------------------------------------


class EventLibrary:
    """Saved events of every function, under ``root`` (default: the user data dir)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else paths.events_dir()

    # paths

    def group_dir(self, group: str) -> Path:
        return self.root / _group_dirname(group)

    def path_for(self, group: str, name: str) -> Path:
        """Where the event ``name`` of ``group`` is written (whether or not it exists)."""
        _check_name(name)
        return self.group_dir(group) / f"{file_stem(name)}.json"

    def _private_dir(self, group: str) -> Path:
        folder = self.group_dir(group)
        for path in (self.root, folder):
            atomic.ensure_private_dir(path)
            os.chmod(path, atomic.DIR_MODE)  # mkdir's mode is cut by the umask
        return folder

    # reading

    def _read(self, path: Path, group: str) -> SavedEvent:
        """The event in ``path``; ValueError (with the reason) when it is not one."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"cannot be read: {exc.strerror or exc}") from None
        try:
            doc = json.loads(raw)
        except UnicodeDecodeError:
            raise ValueError("is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"is not valid JSON ({json_error(exc)})") from None
        return _from_document(doc, group, _unescape(path.stem))

    def _scan(self, group: str) -> tuple[list[tuple[Path, SavedEvent]], list[CorruptEvent]]:
        folder = self.group_dir(group)
        try:
            entries = sorted(folder.iterdir())
        except FileNotFoundError:
            return [], []
        except OSError as exc:
            raise EventStoreError(f"Cannot read {folder}: {exc.strerror or exc}") from None
        good: list[tuple[Path, SavedEvent]] = []
        corrupt: list[CorruptEvent] = []
        seen: dict[str, Path] = {}
        for path in entries:
            if path.name.startswith(".") or path.suffix != ".json" or not path.is_file():
                continue  # temp files of an interrupted write, notes, sub-folders
            try:
                event = self._read(path, group)
            except ValueError as exc:
                corrupt.append(CorruptEvent(path, str(exc)))
                continue
            if event.name in seen:
                corrupt.append(CorruptEvent(path, f"has the same name as {seen[event.name].name}"))
                continue
            seen[event.name] = path
            good.append((path, event))
        return good, corrupt

    def _find(self, group: str, name: str) -> Path:
        """The file holding the event ``name`` of ``group``; EventStoreError when absent."""
        path = self.path_for(group, name)
        with contextlib.suppress(ValueError):
            if path.is_file() and self._read(path, group).name == name:
                return path
        for found, event in self._scan(group)[0]:  # a hand-written file with another name
            if event.name == name:
                return found
        raise EventStoreError(f"No saved event named {name!r} in {_group_label(group)}.")

    def _has(self, group: str, name: str) -> bool:
        try:
            self._find(group, name)
        except EventStoreError:
            return False
        return True

    def groups(self) -> list[str]:
        """The function names that have a folder here (without the shared group)."""
        try:
            names = sorted(p.name for p in self.root.iterdir() if p.is_dir())
        except OSError:
            return []
        return [_unescape(n) for n in names if n != SHARED and not n.startswith(".")]

    def list_group(self, group: str) -> tuple[list[SavedEvent], list[CorruptEvent]]:
        """The events of one group, most recently used first, then by name."""
        good, corrupt = self._scan(group)
        events = [event for _, event in good]
        events.sort(key=lambda e: e.name.casefold())
        events.sort(key=_recency, reverse=True)
        return events, corrupt

    def list(self, function: str) -> tuple[list[SavedEvent], list[CorruptEvent]]:
        """``function``'s own events, then the shared ones; and every unreadable file."""
        own, own_corrupt = self.list_group(function)
        shared, shared_corrupt = self.list_group(SHARED)
        return own + shared, own_corrupt + shared_corrupt

    def load(self, group: str, name: str) -> SavedEvent:
        path = self._find(group, name)
        try:
            return self._read(path, group)
        except ValueError as exc:
            raise EventStoreError(f"{path} {exc}.") from None

    # writing

    def save(self, event: SavedEvent, *, replace: bool = True) -> Path:
        """Write ``event`` (a new one, or over the event of the same name if ``replace``).

        Refused when a file of that name exists but is not a readable event, or holds
        another event (two names that map to one file on a case-insensitive disk).
        """
        _check_name(event.name)
        path = self.path_for(event.group, event.name)
        self._check_target(path, event, replace=replace)
        self._private_dir(event.group)
        try:
            atomic.write_json(path, _ordered(_document(event)))
        except OSError as exc:
            raise EventStoreError(f"Cannot write {path}: {exc.strerror or exc}") from None
        return path

    def save_payload(self, group: str, name: str, payload: str) -> Path:
        """Save ``payload`` as the event ``name``, keeping its description and last use if it
        exists (what an editor's "save" means), or as a new event."""
        try:
            current = self.load(group, name)
        except EventStoreError:
            current = SavedEvent(name, payload, group)
        return self.save(replace_event(current, payload=payload))

    def _check_target(self, path: Path, event: SavedEvent, *, replace: bool) -> None:
        if not path.exists():
            # a hand-written file may hold this name under another file name
            if not replace and self._has(event.group, event.name):
                raise EventStoreError(_exists(event.name, event.group))
            return
        try:
            existing = self._read(path, event.group)
        except ValueError as exc:
            raise EventStoreError(
                f"{path} {exc}; it is kept as it is. Fix, move or delete it, "
                "or save under another name."
            ) from None
        if existing.name != event.name:
            raise EventStoreError(
                f"The event {existing.name!r} already uses the file {path.name}; "
                "choose another name."
            )
        if not replace:
            raise EventStoreError(_exists(event.name, event.group))

    def rename(self, group: str, old: str, new: str) -> None:
        _check_name(new)
        if old == new:
            return
        event = self.load(group, old)
        old_path = self._find(group, old)
        new_path = self.path_for(group, new)
        if new_path != old_path:
            if self._has(group, new):
                raise EventStoreError(_exists(new, group))
            if new_path.exists() and not _same_file(new_path, old_path):
                self._check_target(new_path, replace_event(event, name=new), replace=False)
        self._private_dir(group)
        if _same_file(new_path, old_path):  # only the case changed, on a case-blind disk
            atomic.write_json(old_path, _ordered(_document(replace_event(event, name=new))))
            os.replace(old_path, new_path)
            return
        atomic.write_json(new_path, _ordered(_document(replace_event(event, name=new))))
        old_path.unlink()

    def delete(self, group: str, name: str) -> None:
        path = self._find(group, name)
        try:
            path.unlink()
        except OSError as exc:
            raise EventStoreError(f"Cannot delete {path}: {exc.strerror or exc}") from None

    def touch(self, group: str, name: str, when: datetime) -> None:
        """Record that the event was just used (sorts it first); nothing for SHAREABLE and
        TEMPLATE events, which are not in the library."""
        if group in (SHAREABLE, TEMPLATE):
            return
        event = self.load(group, name)
        path = self._find(group, name)
        atomic.write_json(path, _ordered(_document(replace_event(event, last_used=when))))

    # files outside the library

    def import_file(self, path: Path, *, group: str, name: str | None = None) -> SavedEvent:
        """Save the JSON payload in ``path`` as a new event (named after the file by default).

        A lambdatui event file is imported with its description; any other JSON file is the
        payload itself. Invalid JSON is refused with its line and column.
        """
        path = path.expanduser()
        try:
            size = path.stat().st_size
            if size > MAX_PAYLOAD_BYTES:
                raise EventStoreError(
                    f"{path} is {size:,} bytes; Lambda accepts at most "
                    f"{MAX_PAYLOAD_BYTES:,} bytes of payload."
                )
            raw = path.read_bytes()
        except IsADirectoryError:
            raise EventStoreError(f"{path} is a folder, not a file.") from None
        except OSError as exc:
            raise EventStoreError(f"Cannot read {path}: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise EventStoreError(f"{path} is not UTF-8 text.") from None
        problem = payload_json_error(text)  # NaN and Infinity too: Lambda refuses them
        if problem:
            raise EventStoreError(f"{path} is not valid JSON: {problem}.")
        value = json.loads(text)
        description = ""
        if isinstance(value, dict) and value.get("format") == FORMAT:
            try:
                stored = _from_document(value, group, path.stem)
            except ValueError as exc:
                raise EventStoreError(f"{path} {exc}.") from None
            payload, description = stored.payload, stored.description
            default_name = stored.name
        else:
            payload, default_name = text.strip(), path.stem
        event = SavedEvent(name or default_name, payload, group, description)
        self.save(event, replace=False)
        return event

    def export_file(self, group: str, name: str, path: Path, *, replace: bool = False) -> Path:
        """Write the event's payload (just the payload) to ``path``, or into it if a folder."""
        event = self.load(group, name)
        path = path.expanduser()
        if path.is_dir():
            path = path / f"{file_stem(name)}.json"
        if path.exists() and not replace:
            raise EventStoreError(f"{path} already exists; choose another file.")
        if not path.parent.is_dir():
            raise EventStoreError(f"The folder {path.parent} does not exist.")
        try:
            atomic.write_text(path, event.payload.rstrip("\n") + "\n")
        except OSError as exc:
            raise EventStoreError(f"Cannot write {path}: {exc.strerror or exc}") from None
        return path


def replace_event(event: SavedEvent, **changes: Any) -> SavedEvent:
    return replace(event, **changes)


def _check_name(name: str) -> None:
    if not name or not name.strip():
        raise EventStoreError("An event needs a name.")
    if len(name) > MAX_NAME_LENGTH:
        raise EventStoreError(f"An event name has at most {MAX_NAME_LENGTH} characters.")


def _group_label(group: str) -> str:
    return "the shared events" if group == SHARED else f"the events of {group}"


def _exists(name: str, group: str) -> str:
    return f"An event named {name!r} already exists in {_group_label(group)}."


def _recency(event: SavedEvent) -> float:
    return event.last_used.timestamp() if event.last_used else float("-inf")


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: doc[key] for key in _KEY_ORDER if key in doc}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
