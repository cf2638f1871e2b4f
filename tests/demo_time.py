"""The fixed moment the shared demo account is seeded at (``shared_demo``: its functions' and
versions' ages count back from it), and a clock a minute after it, so a screen showing the
demo's ages and dates is the same on every run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: A Monday evening (UTC): the seeded changes of that day are all in its afternoon.
SEEDED_AT = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def a_minute_after_seeding() -> datetime:
    """The app's clock for screens of the shared demo: ages read '1h ago', '6d ago' or a date.
    What the account itself dates as it happens (an event source mapping, a durable execution)
    is later than this clock and reads '<1m ago'."""
    return SEEDED_AT + timedelta(minutes=1)
