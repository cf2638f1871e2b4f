"""The saved test-event library: one human-readable JSON file per event, on disk.

Layout under the user data dir (``paths.data_dir()``, or ``$LAMBDATUI_HOME/data``)::

    events/
      orders-api/                 one folder per function (the function's name)
        smoke test.json
        big%2Forder.json          names are escaped into safe file names
      @shared/                    events usable with any function (no function is named so)

Each file's format (``event_file.py``) is a pretty-printed JSON object with a fixed key order
that diffs well in git; the ``name`` inside it is authoritative.

Files are 0600 and folders 0700, written atomically (``atomic.py``). A file that cannot be
read as an event is reported (``CorruptEvent``) and skipped; it is never deleted, and saving
an event over it is refused.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..aws.payload import json_error as payload_json_error
from . import atomic, paths
from .event_file import (
    FORMAT,
    MAX_PAYLOAD_BYTES,
    SHAREABLE,
    SHARED,
    TEMPLATE,
    CorruptEvent,
    EventStoreError,
    SavedEvent,
    check_name,
    document,
    file_stem,
    from_document,
    group_dirname,
    json_error,
    name_from_stem,
)

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


class EventLibrary:
    """Saved events of every function, under ``root`` (default: the user data dir)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else paths.events_dir()

    # paths

    def group_dir(self, group: str) -> Path:
        return self.root / group_dirname(group)

    def path_for(self, group: str, name: str) -> Path:
        """Where the event ``name`` of ``group`` is written (whether or not it exists)."""
        check_name(name)
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
        return from_document(doc, group, name_from_stem(path.stem))

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
        return [name_from_stem(n) for n in names if n != SHARED and not n.startswith(".")]

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
        check_name(event.name)
        path = self.path_for(event.group, event.name)
        self._check_target(path, event, replace=replace)
        self._private_dir(event.group)
        try:
            atomic.write_json(path, document(event))
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
        check_name(new)
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
            atomic.write_json(old_path, document(replace_event(event, name=new)))
            os.replace(old_path, new_path)
            return
        atomic.write_json(new_path, document(replace_event(event, name=new)))
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
        atomic.write_json(path, document(replace_event(event, last_used=when)))

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
                stored = from_document(value, group, path.stem)
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


def _group_label(group: str) -> str:
    return "the shared events" if group == SHARED else f"the events of {group}"


def _exists(name: str, group: str) -> str:
    return f"An event named {name!r} already exists in {_group_label(group)}."


def _recency(event: SavedEvent) -> float:
    return event.last_used.timestamp() if event.last_used else float("-inf")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
