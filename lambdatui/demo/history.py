"""When the demo shop's things happened, so it reads like an account in use, not one made a
second ago: when each function and published version last changed, and the log history spread
over the last hour.

All fixed, like the rest of the seed, and counted back from the seeding's moment, so "today"
stays today: a few functions changed today, most days to months ago; orders-api's releases weeks
apart; a version as old as the change it was published from. LastModified is backdated with the
local account's ``backdate`` knob (AWS has no such call; another account keeps its real dates);
the log history is moved back through the Logs API (PutLogEvents takes events up to 14 days old).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any


def _ago(days: int = 0, hours: int = 0, minutes: int = 0) -> timedelta:
    return timedelta(days=days, hours=hours, minutes=minutes)


#: How long before the seeding each function ($LATEST) last changed.
FUNCTION_AGES: dict[str, timedelta] = {
    "orders-api": _ago(1, 3),  # release 1.3.0, version 4, went out yesterday
    "order-processor": _ago(hours=3, minutes=20),
    "payment-webhook": _ago(6, 2),
    "report-generator": _ago(12),
    "invoice-renderer": _ago(4, 7),
    "customer-export": _ago(41),
    "image-thumbnailer": _ago(2, 5),
    "inventory-sync": _ago(19),
    "clickstream-ingest": _ago(hours=5, minutes=45),
    "nightly-cleanup": _ago(88),
    "user-signup-notifier": _ago(33),
    "hello-world": _ago(212),
    "coupon-validator": _ago(minutes=26),
    "loyalty-points": _ago(9),
    "refund-processor": _ago(57),
    "search-indexer": _ago(3, 4),
    "dlq-redriver": _ago(143),
    "stock-alerts": _ago(15),
    "checkout-ssr": _ago(hours=1, minutes=50),  # changed since version 1 (live)
    "api-authorizer": _ago(167),
    "email-sender": _ago(28),
    "graphql-gateway": _ago(4, 1),
    "cart-service": _ago(2, 2),
    "webhook-dispatcher": _ago(71),
    "feature-flags": _ago(minutes=52),
    "sitemap-builder": _ago(36),
    "slack-alerts": _ago(301),
    "price-calculator": _ago(5, 3),
    "audit-log-shipper": _ago(119),
    "billing-batch": _ago(62),
    "ledger-reconciler": _ago(184),
    "invoice-pdf": _ago(47),
    "tax-calculator": _ago(23),
    "warehouse-events": _ago(13),
    "geo-router": _ago(95),
    "pdf-renderer": _ago(78),
    "rate-limiter": _ago(256),
    "shipping-quote": _ago(21),
    "image-optimizer": _ago(8),
    "currency-rates": _ago(131),
    "ml-recommendations": _ago(17),
    "catalog-search": _ago(4, 2),
    "order-workflow": _ago(2, 1),
    "tenant-reports": _ago(10),
}

#: How long before the seeding each published version was published.
VERSION_AGES: dict[tuple[str, str], timedelta] = {
    ("orders-api", "1"): _ago(94),
    ("orders-api", "2"): _ago(51),
    ("orders-api", "3"): _ago(16),
    ("orders-api", "4"): _ago(1, 3),
    ("payment-webhook", "1"): _ago(73),
    ("payment-webhook", "2"): _ago(6, 2),
    ("checkout-ssr", "1"): _ago(9),
    ("tax-calculator", "1"): _ago(23),
    ("catalog-search", "1"): _ago(4, 2),
    ("catalog-search", "$LATEST.PUBLISHED"): _ago(4, 2),
    ("order-workflow", "1"): _ago(2, 1),
}

#: The log history's invocations run from this long before the seeding to a minute before it.
LOG_HISTORY_SPAN = timedelta(minutes=58)


def lambda_timestamp(moment: datetime | None = None) -> str:
    """Lambda's own date format, as in a function's LastModified: 2024-06-01T09:30:00.000+0000."""
    moment = moment or datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


def backdate_functions(backdate: Callable[[str, datetime], None], now: datetime) -> None:
    """Date every function's $LATEST as ``FUNCTION_AGES`` says, counted back from ``now``;
    ``backdate(name, moment)`` is the local account's knob."""
    for name, age in FUNCTION_AGES.items():
        backdate(name, now - age)


def backdate_versions(backdate: Callable[[str, datetime, str], None], now: datetime) -> None:
    for (name, version), age in VERSION_AGES.items():
        backdate(name, now - age, version)


def history_offsets(count: int) -> list[timedelta]:
    """How long before the seeding each of ``count`` invocations is dated: evenly spread, the
    first ``LOG_HISTORY_SPAN`` ago, the last a minute ago."""
    if count == 1:
        return [timedelta(minutes=1)]
    last = timedelta(minutes=1)
    step = (LOG_HISTORY_SPAN - last) / (count - 1)
    return [LOG_HISTORY_SPAN - step * i for i in range(count)]


def _millis() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class Window:
    """The real time an invocation ran (ms, both ends included), and how far back its lines go."""

    start: int
    end: int
    shift: int

    def moved(self, timestamp: int) -> int | None:
        return timestamp - self.shift if self.start <= timestamp <= self.end else None


def timed_runs(
    runs: Iterable[Callable[[], None]], offsets: list[timedelta], now: datetime
) -> list[Window]:
    """Run each invocation in turn and note when it ran and where its lines belong."""
    reference = int(now.timestamp() * 1000)
    windows: list[Window] = []
    previous_end = -1
    for run, offset in zip(runs, offsets, strict=True):
        # A warm invocation takes a few ms: no two windows may share a millisecond, or the
        # lines of one would be moved as the other's
        while _millis() <= previous_end:
            time.sleep(0.0005)
        start = _millis()
        run()
        end = previous_end = _millis()
        windows.append(
            Window(start, end, start - (reference - int(offset / timedelta(milliseconds=1))))
        )
    return windows


def moved(windows: list[Window], timestamp: int) -> int | None:
    """Where a moment of one of the timed invocations belongs (None: not one of theirs)."""
    return next((m for w in windows if (m := w.moved(timestamp)) is not None), None)


def retimed(events: list[dict[str, Any]], windows: list[Window]) -> list[dict[str, Any]] | None:
    """The stream's events with those of the timed invocations moved back; None if none was."""
    moved_any = False
    out: list[dict[str, Any]] = []
    for event in events:
        timestamp = int(event["timestamp"])
        new = moved(windows, timestamp)
        moved_any |= new is not None
        out.append({"timestamp": timestamp if new is None else new, "message": event["message"]})
    if not moved_any:
        return None
    return sorted(out, key=lambda e: int(e["timestamp"]))


_DAY_PREFIX = re.compile(r"^\d{4}/\d\d/\d\d/")


def stream_name(name: str, first_timestamp: int) -> str:
    """Lambda names a stream after the day its environment started: the moved first line's."""
    day = datetime.fromtimestamp(first_timestamp / 1000, UTC).strftime("%Y/%m/%d/")
    return _DAY_PREFIX.sub(day, name, count=1)


def move_log_history(logs: Any, groups: Iterable[str], windows: list[Window]) -> None:
    """Rewrite each stream of ``groups`` holding lines of the timed invocations with those lines
    moved back (a stream's events cannot be changed: it is deleted and written again)."""
    for group in sorted(set(groups)):
        pages = logs.get_paginator("describe_log_streams").paginate(logGroupName=group)
        for stream in [s["logStreamName"] for page in pages for s in page["logStreams"]]:
            events = retimed(_events(logs, group, stream), windows)
            if events is None:
                continue
            logs.delete_log_stream(logGroupName=group, logStreamName=stream)
            name = stream_name(stream, int(events[0]["timestamp"]))
            logs.create_log_stream(logGroupName=group, logStreamName=name)
            logs.put_log_events(logGroupName=group, logStreamName=name, logEvents=events)


def _events(logs: Any, group: str, stream: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        params: dict[str, Any] = {
            "logGroupName": group,
            "logStreamName": stream,
            "startFromHead": True,
        }
        if token:
            params["nextToken"] = token
        page = logs.get_log_events(**params)
        events.extend(page["events"])
        if not page["events"] or page.get("nextForwardToken") in (None, token):
            return events
        token = page["nextForwardToken"]
