"""A week of ``AWS/Lambda`` metrics for the demo's busier functions, written by ``seed``.

Each function has a daily rhythm (quiet at night, busiest mid-afternoon UTC) around its own
rate and duration; payment-webhook had an error spike in the hour before the seeding, and
report-generator was throttled at the same time (its reserved concurrency). orders-api is
called through its ``live`` alias, 90 % on version 3 and 10 % on version 4, so the alias's
ExecutedVersion series differ. Quiet buckets publish nothing, as Lambda publishes nothing
when nothing ran. To keep seeding quick, the unqualified functions' history is under
``FunctionName`` alone (what the pane reads for a whole function), not also ``Resource``.

Resolution follows what the pane will ask: one datum a minute for the last three hours, five
minutes for the rest of the day, an hour for the week before. A bucket is one statistic set
that keeps its duration distribution (``metric_sink.distribution_datum``), written in-process.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .metric_sink import dimension_sets, distribution_datum


@dataclass(frozen=True)
class Traffic:
    """A function's invocations per minute at the busiest hour, and its typical duration."""

    per_minute: float
    duration_ms: float
    error_share: float = 0.002
    alias: str | None = None


TRAFFIC: dict[str, Traffic] = {
    "orders-api": Traffic(40, 85, alias="live"),
    "order-processor": Traffic(25, 240),
    "payment-webhook": Traffic(8, 310, error_share=0.01),
    "report-generator": Traffic(1.5, 4200),
    "image-thumbnailer": Traffic(12, 650),
    "clickstream-ingest": Traffic(60, 35),
    "api-authorizer": Traffic(45, 12),
    "checkout-ssr": Traffic(18, 140),
    "cart-service": Traffic(22, 60),
    "email-sender": Traffic(3, 420),
}
#: The incident: minutes before the seeding it began, and how long it lasted. Inside the last
#: hour, so the list's metrics columns (the last hour) show it too, sorted by errors.
SPIKE_START, SPIKE_MINUTES = 50, 25
SPIKE_ERRORS, THROTTLED = "payment-webhook", "report-generator"
#: (how far back, bucket seconds), newest tier first.
TIERS = ((3 * 3600, 60), (86400, 300), (7 * 86400, 3600))


def rhythm(when: datetime) -> float:
    """0.15 at 02:00 UTC up to 1.0 at 14:00 UTC, a little lower at weekends."""
    hour = when.hour + when.minute / 60
    level = 0.575 - 0.425 * math.cos((hour - 2) / 24 * 2 * math.pi)
    return level * (0.7 if when.weekday() >= 5 else 1.0)


def buckets(now: datetime) -> Iterator[tuple[datetime, int]]:
    """(bucket start, seconds) over the week before ``now``, aligned to each tier's size."""
    newer = now
    for span, size in TIERS:
        oldest = now - timedelta(seconds=span)
        stamp = int(newer.timestamp()) // size * size
        floor = int(oldest.timestamp()) // size * size
        while stamp - size >= floor:
            stamp -= size
            yield datetime.fromtimestamp(stamp, UTC), size
        newer = datetime.fromtimestamp(stamp, UTC)


def _durations(rng: random.Random, typical: float, count: int) -> list[tuple[float, float]]:
    """A long-tailed distribution of ``count`` durations in five values."""
    shares = (0.5, 0.3, 0.15, 0.04, 0.01)
    factors = (0.8, 1.0, 1.4, 2.5, 6.0)
    out: list[tuple[float, float]] = []
    left = count
    for share, factor in zip(shares, factors, strict=True):
        n = left if factor == factors[-1] else min(left, round(count * share))
        if n > 0:
            out.append((round(typical * factor * rng.uniform(0.9, 1.1), 2), float(n)))
            left -= n
    return out or [(round(typical, 2), float(count))]


def _bucket(
    dims: list[dict[str, str]],
    when: datetime,
    count: int,
    errors: int,
    throttles: int,
    durations: list[tuple[float, float]],
    busy: float,
) -> list[Any]:
    """One bucket of one dimension set: Errors and Throttles only when there were some."""
    metrics: list[tuple[str, list[tuple[float, float]], str]] = [
        ("Invocations", [(1.0, float(count))], "Count")
    ]
    if errors:
        metrics.append(("Errors", [(1.0, float(errors))], "Count"))
    if throttles:
        metrics.append(("Throttles", [(1.0, float(throttles))], "Count"))
    metrics.append(("Duration", durations, "Milliseconds"))
    metrics.append(("ConcurrentExecutions", [(busy, 1.0)], "Count"))
    return [distribution_datum(name, dims, when, values, unit) for name, values, unit in metrics]


def history(now: datetime, seed: int = 17) -> list[Any]:
    """The datums of the week before ``now`` for every function of ``TRAFFIC``."""
    rng = random.Random(seed)
    spike_from = now - timedelta(minutes=SPIKE_START)
    spike_to = spike_from + timedelta(minutes=SPIKE_MINUTES)
    data: list[Any] = []
    for name, traffic in TRAFFIC.items():
        # the function, and the alias it is called through; not Resource=name, which the
        # unqualified calls would add (the pane reads FunctionName for the whole function)
        totals = dimension_sets(name, traffic.alias, "")[: 2 if traffic.alias else 1]
        for start, size in buckets(now):
            expected = traffic.per_minute * rhythm(start) * size / 60 * rng.uniform(0.8, 1.2)
            count = round(expected)
            if count <= 0:
                continue  # nothing ran: Lambda publishes nothing
            in_spike = spike_from <= start < spike_to
            mean = count * traffic.error_share * rng.uniform(0.0, 2.0)
            errors = int(mean) + (rng.random() < mean % 1)
            if in_spike and name == SPIKE_ERRORS:
                errors = round(count * 0.6)
            # its reserved concurrency: as many turned away as ran, two a minute at least
            throttles = max(2, count) if in_spike and name == THROTTLED else 0
            busy = float(max(1, round(count / size * traffic.duration_ms / 1000 * 3)))
            durations = _durations(rng, traffic.duration_ms, count)
            for dims in totals:
                data += _bucket(dims, start, count, errors, throttles, durations, busy)
            if traffic.alias:  # what the alias ran: 90 % version 3, 10 % version 4
                for version, share in (("3", 0.9), ("4", 0.1)):
                    part = round(count * share)
                    if part > 0:
                        dims = dimension_sets(name, traffic.alias, version)[2]
                        spread = _durations(rng, traffic.duration_ms, part)
                        data += _bucket(dims, start, part, 0, 0, spread, busy)
    return data
