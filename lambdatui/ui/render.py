"""Pure record → cell functions for the tables (k9s's render/): easy to test, no Textual."""

from __future__ import annotations

from datetime import UTC, datetime

from ..aws.records import FunctionSummary, parse_time

_UNITS = ((86400 * 365, "y"), (86400 * 30, "mo"), (86400, "d"), (3600, "h"), (60, "m"))


def relative_time(value: str, now: datetime | None = None) -> str:
    """'3d ago' style age of an API timestamp; '-' when unknown."""
    moment = parse_time(value)
    if moment is None:
        return "-"
    now = now or datetime.now(UTC)
    return format_age(int((now - moment).total_seconds()))


def format_age(seconds: int) -> str:
    """'3d ago' for a number of seconds."""
    if seconds < 0:
        return "just now"
    for size, unit in _UNITS:
        if seconds >= size:
            return f"{seconds // size}{unit} ago"
    return f"{seconds}s ago"


def function_haystack(fn: FunctionSummary) -> str:
    """The lower-cased text a filter looks in: name, runtime, description, state, arch."""
    return f"{fn.name}\n{fn.runtime_label}\n{fn.description}\n{fn.state}\n{fn.architecture}".lower()


def state_label(fn: FunctionSummary) -> str:
    """The state column: empty when Active (the usual), else the state."""
    return "" if fn.state in ("", "Active") else fn.state


def short_sha(sha: str) -> str:
    return sha[:12]
