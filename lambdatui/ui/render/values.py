"""Pure record → cell functions for the tables (k9s's render/): easy to test, no Textual."""

from __future__ import annotations

from datetime import datetime

from ...aws.records import FunctionSummary, parse_time
from ...sanitize import one_line

_UNITS = ((86400, "d"), (3600, "h"), (60, "m"))
#: Past this, an age is a date: "40d ago" says less than the day it was.
WEEK = 7 * 86400


def age_text(moment: datetime | None, now: datetime) -> str:
    """How long before ``now`` ``moment`` was, to the minute: '<1m ago', '5m ago', '3h ago',
    '6d ago'; past a week its (local) date, '2026-11-28'; '-' when unknown.

    The one age of the app (the list, the versions, a function's configuration). Minutes, not
    seconds: ages are redrawn once a minute (so an idle screen stays quiet), and a seconds
    count would be wrong most of that minute; '<1m ago' stays true all of it.
    """
    if moment is None:
        return "-"
    seconds = int((now - moment).total_seconds())
    if seconds >= WEEK:
        return moment.astimezone().strftime("%Y-%m-%d")
    for size, unit in _UNITS:
        if seconds >= size:
            return f"{seconds // size}{unit} ago"
    return "<1m ago"  # also a moment a little ahead of this machine's clock


def relative_time(value: str, now: datetime) -> str:
    """`age_text` of an API timestamp (Lambda's LastModified)."""
    return age_text(parse_time(value), now)


def format_age(seconds: int) -> str:
    """'3d ago' for a number of seconds (how old the cached list is)."""
    if seconds < 0:
        return "just now"
    for size, unit in ((86400 * 365, "y"), (86400 * 30, "mo"), *_UNITS):
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


def problem_line(exc: BaseException) -> str:
    """One line from any failure: a GatewayError's title, message and next step, else the
    exception's text (never a traceback)."""
    title = getattr(exc, "title", "")
    message = getattr(exc, "message", "") or str(exc)
    hint = getattr(exc, "hint", "")
    return one_line(f"{title + ': ' if title else ''}{message} {hint}".strip())
