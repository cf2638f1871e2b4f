"""The change journal: every applied settings change, one JSON line each, in a private file.

A line holds the time, the target (profile, region, endpoint), the function and qualifier, and
the settings before and after (``aws.settings.Settings.to_json``), so ``u`` can offer to put
the function back as it was. Environment values are among the settings, so the file is
created 0600 in a 0700 directory and only ever appended to (``O_APPEND``: a line is written
whole, and lambdatui processes writing at once do not overwrite each other's lines).

Actions that change something other than settings (a durable execution stopped) are journaled
too, as lines with an ``action`` and its ``subject`` (``record_action``); revert skips them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..aws.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from ..aws.target import Target
from . import paths
from .atomic import FILE_MODE, ensure_private_dir

T = TypeVar("T")

FILE_NAME = "changes.jsonl"


def journal_path() -> Path:
    return paths.data_dir() / FILE_NAME


@dataclass(frozen=True, slots=True)
class Change:
    """One applied change, as the journal keeps it."""

    function: str
    qualifier: str | None
    before: Settings = field(repr=False)
    after: Settings = field(repr=False)
    profile: str | None = None
    region: str = ""
    endpoint: str | None = None
    time: str = ""  # ISO 8601, UTC

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time,
            "profile": self.profile,
            "region": self.region,
            "endpoint": self.endpoint,
            "function": self.function,
            "qualifier": self.qualifier,
            "before": self.before.to_json(),
            "after": self.after.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            function=str(data["function"]),
            qualifier=data.get("qualifier"),
            before=Settings.from_json(data["before"]),
            after=Settings.from_json(data["after"]),
            profile=data.get("profile"),
            region=str(data.get("region") or ""),
            endpoint=data.get("endpoint"),
            time=str(data.get("time") or ""),
        )

    def same_place(self, *, profile: str | None, region: str, endpoint: str | None) -> bool:
        return (self.profile, self.region, self.endpoint) == (profile, region, endpoint)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(
    target: Target, function: str, qualifier: str | None, before: Settings, after: Settings
) -> None:
    """Append one applied change on ``target`` (profile, region, endpoint); OSError if the
    journal cannot be written (the change itself is already applied)."""
    append(
        Change(
            function=function,
            qualifier=qualifier,
            before=before,
            after=after,
            profile=target.profile,
            region=target.region,
            endpoint=target.custom_endpoint,
        )
    )


def record_action(
    target: Target,
    function: str,
    qualifier: str | None,
    action: str,
    subject: str,
    path: Path | None = None,
) -> Path:
    """Append one action on ``target`` that is not a settings change (e.g. action
    ``StopDurableExecution``, subject the execution's ARN); OSError if it cannot be written."""
    return _append_line(
        {
            "time": now(),
            "profile": target.profile,
            "region": target.region,
            "endpoint": target.custom_endpoint,
            "function": function,
            "qualifier": qualifier,
            "action": action,
            "subject": subject,
        },
        path,
    )


def actions(path: Path | None = None) -> list[dict[str, Any]]:
    """Every journaled action (``record_action``), oldest first."""
    return [data for data in _lines(path) if "action" in data]


def append(change: Change, path: Path | None = None) -> Path:
    """Add ``change`` (stamped now if it has no time) as one line; the journal's path."""
    data = change.to_json()
    data["time"] = data["time"] or now()
    return _append_line(data, path)


def _append_line(data: dict[str, Any], path: Path | None) -> Path:
    path = path or journal_path()
    ensure_private_dir(path.parent)
    line = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # even when it was created by hand with looser rights
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = "\n" + line  # a line cut by a crash: this entry starts on its own line
        os.write(fd, line.encode("utf-8"))  # one write: a kill cannot cut it
    finally:
        os.close(fd)
    return path


def _lines(path: Path | None) -> list[dict[str, Any]]:
    path = path or journal_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    found: list[dict[str, Any]] = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            found.append(data)
    return found


def changes(path: Path | None = None) -> list[Change]:
    """Every readable settings change, oldest first (a damaged line is skipped, not fatal)."""
    found: list[Change] = []
    for data in _lines(path):
        if "action" in data:
            continue  # an action, not a settings change
        try:
            found.append(Change.from_json(data))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def last_change(
    function: str,
    *,
    profile: str | None,
    region: str,
    endpoint: str | None = None,
    path: Path | None = None,
) -> Change | None:
    """The latest change made to ``function`` on this target, or None."""
    for change in reversed(changes(path)):
        if change.function == function and change.same_place(
            profile=profile, region=region, endpoint=endpoint
        ):
            return change
    return None


#: The action of a journaled deploy (a code change: ``record_deploy``).
DEPLOY = "UpdateFunctionCode"


@dataclass(frozen=True, slots=True)
class Deploy:
    """One journaled deploy: the function's code before and after (base64 CodeSha256), and
    the version published with it ("" when none)."""

    function: str
    before_sha256: str
    after_sha256: str
    version: str = ""
    profile: str | None = None
    region: str = ""
    endpoint: str | None = None
    time: str = ""  # ISO 8601, UTC

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Deploy:
        return cls(
            function=str(data["function"]),
            before_sha256=str(data.get("before_sha256") or ""),
            after_sha256=str(data["after_sha256"]),
            version=str(data.get("version") or ""),
            profile=data.get("profile"),
            region=str(data.get("region") or ""),
            endpoint=data.get("endpoint"),
            time=str(data.get("time") or ""),
        )


def record_deploy(
    target: Target,
    function: str,
    before_sha256: str,
    after_sha256: str,
    version: str = "",
    path: Path | None = None,
) -> Path:
    """Append a deploy on ``target`` as an action (revert of settings skips it) that keeps
    both packages' hashes, so it can be undone from the package cache; OSError if it cannot be
    written (the deploy itself is done)."""
    return _append_line(
        {
            "time": now(),
            "profile": target.profile,
            "region": target.region,
            "endpoint": target.custom_endpoint,
            "function": function,
            "qualifier": None,
            "action": DEPLOY,
            "subject": after_sha256,
            "before_sha256": before_sha256,
            "after_sha256": after_sha256,
            "version": version,
        },
        path,
    )


def last_deploy(
    function: str,
    *,
    profile: str | None,
    region: str,
    endpoint: str | None = None,
    path: Path | None = None,
) -> Deploy | None:
    """The latest deploy to ``function`` on this target, or None."""
    return last_action(function, (DEPLOY,), Deploy.from_json, (profile, region, endpoint), path)


def last_action(
    function: str,
    actions: Collection[str],
    parse: Callable[[dict[str, Any]], T],
    place: tuple[str | None, str, str | None],
    path: Path | None = None,
) -> T | None:
    """The latest line with one of ``actions`` for ``function`` on ``place`` (profile, region,
    endpoint), as ``parse`` reads it; a line it cannot read is passed over."""
    for data in reversed(_lines(path)):
        if data.get("action") not in actions or data.get("function") != function:
            continue
        try:
            entry = parse(data)
        except (KeyError, TypeError, ValueError):
            continue
        # as Deploy and Release read them
        where = (data.get("profile"), str(data.get("region") or ""), data.get("endpoint"))
        if where == place:
            return entry
    return None


#: For the journal's other writers and readers (``release_journal``): one line appended, every
#: readable line.
append_line = _append_line
read_lines = _lines
