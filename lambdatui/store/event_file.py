"""One saved test event as a file: the records, the file name made from any event name, and
the JSON document (the library of such files is ``events.py``).

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
"""

from __future__ import annotations

import hashlib
import json
import string
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..aws.payload import decode_error

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


def group_dirname(group: str) -> str:
    """The folder of a group: ``@shared``, or the function's name made a safe file name."""
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


def document(event: SavedEvent) -> dict[str, Any]:
    """What the file of ``event`` holds, its keys in the fixed order."""
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
    return _ordered(doc)


def from_document(doc: Any, group: str, fallback_name: str) -> SavedEvent:
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


def name_from_stem(stem: str) -> str:
    """The name a file stem was made from (its hash cut off, if it was cut)."""
    from urllib.parse import unquote

    return unquote(stem.split("~")[0] if "~" in stem else stem)


def check_name(name: str) -> None:
    if not name or not name.strip():
        raise EventStoreError("An event needs a name.")
    if len(name) > MAX_NAME_LENGTH:
        raise EventStoreError(f"An event name has at most {MAX_NAME_LENGTH} characters.")


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: doc[key] for key in _KEY_ORDER if key in doc}
