"""The function-list cache: paint the last known list instantly, then refresh.

One file per target (profile+region+endpoint) in the user cache dir, versioned. A missing,
corrupt or foreign-version file is a miss, never an error. No pickles.

The file is two lines of JSON. The first, the *head*, is what the list's first screen shows:
its first rows in the list's initial order, the widths of its fitted columns over all the
rows, and how many rows there are; the second is every row. A warm start paints the head
(~1 ms to read for 2,000 functions) and reads the rest once that frame is on the terminal
(~10 ms to read, ~10 more for the table to sort and measure it): the first frame waited for
all of it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, NamedTuple

from ..aws.records import FunctionSummary
from . import atomic
from .cached import functions_dir

#: 3: a head line before the rows (2: the rows alone; 1: one object per function).
CACHE_VERSION = 3


class CachedList(NamedTuple):
    """A cached list, whole (`load_functions`) or its head (`load_head`). (A NamedTuple:
    defined in ~0.1 ms, where a frozen dataclass takes ~0.6, on the way to the first frame.)"""

    functions: list[FunctionSummary]
    """All the functions, or the head's: the first ones in the list's initial order."""
    saved_at: float  # epoch seconds
    account: str
    total: int
    """How many functions the list has."""
    widths: Mapping[str, int]
    """The widths of the list's fitted columns over all its rows, by column key, as the
    list measured them when it saved them ({} when it did not say)."""
    rest: bytes = b""
    """The second line, all the rows, as read (`load_head`): read by `whole`."""

    @property
    def partial(self) -> bool:
        return len(self.functions) < self.total

    def whole(self) -> list[FunctionSummary] | None:
        """Every function of a head (`load_head`), or None if the rows cannot be read."""
        if not self.partial:
            return self.functions
        try:
            rows = json.loads(self.rest)["rows"]
            functions = _records(rows, _columns())
        except (ValueError, KeyError, TypeError):
            return None
        return functions if len(functions) == self.total else None


def cache_file(key: str) -> Path:
    return functions_dir() / f"{key}.json"


def _columns() -> tuple[str, ...]:
    return tuple(f.name for f in fields(FunctionSummary))


def _records(rows: list[list[Any]], columns: tuple[str, ...]) -> list[FunctionSummary]:
    """The records of cached rows, each field set through its slot: the frozen dataclass's
    ``__init__`` sets each one through ``object.__setattr__`` (~3 ms of 2,000 rows on the way
    to the first paint; this ~2 ms). The rows are the app's own (saved by ``save_functions``,
    under today's field names), so nothing is checked that ``__init__`` would have."""
    arch = columns.index("architectures")
    setters = [getattr(FunctionSummary, name).__set__ for name in columns]
    fields_of = list(enumerate(setters))
    new = object.__new__
    records = []
    for row in rows:
        if len(row) != len(setters):
            raise ValueError("a cached row of another shape")
        row[arch] = tuple(row[arch])
        record = new(FunctionSummary)
        for index, set_field in fields_of:
            set_field(record, row[index])
        records.append(record)
    return records


def load_head(key: str) -> CachedList | None:
    """The head of the cached list for ``key`` (its rest read by `CachedList.whole`), or None
    on any miss (absent, corrupt, old format).

    Rows are stored by position under the record's field names (checked against today's):
    half the bytes of one object per function, and half the time to read them."""
    try:
        raw = cache_file(key).read_bytes()
        head_line, _, rest = raw.partition(b"\n")
        head: dict[str, Any] = json.loads(head_line)
        columns = _columns()
        if head.get("version") != CACHE_VERSION or tuple(head["columns"]) != columns:
            return None
        widths = head["widths"]
        if not all(isinstance(k, str) and type(v) is int for k, v in widths.items()):
            return None
        return CachedList(
            functions=_records(head["rows"], columns),
            saved_at=float(head["saved_at"]),
            account=str(head["account"]),
            total=int(head["total"]),
            widths=widths,
            rest=rest,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def load_functions(key: str) -> CachedList | None:
    """The whole cached list for ``key``, or None on any miss."""
    head = load_head(key)
    if head is None:
        return None
    functions = head.whole()
    if functions is None:
        return None
    return CachedList(functions, head.saved_at, head.account, head.total, head.widths)


def save_functions(
    key: str,
    functions: Sequence[FunctionSummary],
    account: str = "",
    *,
    head: Sequence[FunctionSummary] = (),
    widths: Mapping[str, int] | None = None,
) -> None:
    """Write the list for ``key`` atomically (compact JSON, 0600), with ``head``, the first
    of ``functions`` in the list's initial order, and ``widths``, its fitted columns' widths
    over all of them (the list's own, `ui.screens.functions.cache_head`). Without them the
    head is the whole list."""
    columns = _columns()

    def rows(of: Sequence[FunctionSummary]) -> list[list[Any]]:
        return [[getattr(f, name) for name in columns] for f in of]

    def line(payload: dict[str, Any]) -> bytes:
        return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    if widths is None:
        head, widths = functions, {}
    first = {
        "version": CACHE_VERSION,
        "saved_at": time.time(),
        "account": account,
        "columns": columns,
        "total": len(functions),
        "widths": dict(widths),
        "rows": rows(head),
    }
    rest = {"rows": rows(functions)} if len(head) < len(functions) else {}
    atomic.write_bytes(cache_file(key), line(first) + b"\n" + line(rest))
