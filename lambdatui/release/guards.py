"""What the guards read: each version's invocations and errors through the alias since the
shift started (``AWS/Lambda``, ``FunctionName`` + ``Resource`` = ``name:alias`` +
``ExecutedVersion``), and the state of an alarm; and whether that trips the shift.

CloudWatch's finest period for Lambda's metrics is a minute, so "since the shift started"
is since the start of the minute it started in: invocations of the new version in the
seconds before (through routing left from an earlier shift) count too, which only makes the
guard stricter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..aws.metrics import MetricQuery, Window, dimensions, series_by_id
from .plan import percent
from .state import Guards

if TYPE_CHECKING:
    from ..aws.gateway import Gateway

PERIOD = 60


@dataclass(frozen=True)
class Counts:
    """Invocations and errors of one version through the alias."""

    invocations: int = 0
    errors: int = 0

    @property
    def rate(self) -> float | None:
        return self.errors / self.invocations if self.invocations else None


@dataclass(frozen=True)
class Reading:
    """What the guards saw at one check: counts of the new and old versions, the alarm's
    state ('' when no alarm guards the shift), and why it trips ('' when it does not)."""

    new: Counts
    old: Counts
    alarm: str = ""
    tripped: str = ""


def window_since(started: float, now: float) -> Window:
    """Whole minutes from the one ``started`` is in to the one ``now`` is in, included."""
    start = int(started) // PERIOD * PERIOD
    end = (int(now) // PERIOD + 1) * PERIOD
    return Window(datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC), PERIOD)


def count_queries(function: str, alias: str, versions: tuple[str, ...]) -> list[MetricQuery]:
    """Invocations and Errors (Sum) of each version the alias ran: ids ``i<n>``, ``e<n>``."""
    queries = []
    for n, version in enumerate(versions):
        dims = dimensions(function, alias, version)
        queries.append(MetricQuery(f"i{n}", "Invocations", "Sum", dims, PERIOD))
        queries.append(MetricQuery(f"e{n}", "Errors", "Sum", dims, PERIOD))
    return queries


async def read_counts(
    gateway: Gateway, function: str, alias: str, versions: tuple[str, ...], since: float, now: float
) -> dict[str, Counts]:
    """Each of ``versions``' counts through ``alias`` from ``since`` to ``now`` (one request)."""
    win = window_since(since, now)
    queries = count_queries(function, alias, versions)
    pages = await gateway.metric_data(queries, win)
    found = series_by_id(queries, pages, win)
    return {
        version: Counts(
            int(found[f"i{n}"].total() or 0),
            int(found[f"e{n}"].total() or 0),
        )
        for n, version in enumerate(versions)
    }


def verdict(guards: Guards, new_version: str, new: Counts, alarm: str) -> str:
    """Why the shift must roll back now, or '' when it need not."""
    if guards.alarm and alarm == "ALARM":
        return f"alarm {guards.alarm} is in ALARM"
    rate = new.rate
    counted = rate is not None and new.invocations >= guards.min_invocations
    if counted and rate is not None and rate > guards.max_error_rate:
        return (
            f"version {new_version} failed {new.errors} of {new.invocations} invocations "
            f"({percent(rate)}), over the {percent(guards.max_error_rate)} allowed"
        )
    return ""


async def check(
    gateway: Gateway,
    function: str,
    alias: str,
    old: str,
    new: str,
    guards: Guards,
    since: float,
    now: float,
) -> Reading:
    """Read the counts (and the alarm) and judge them."""
    counts = await read_counts(gateway, function, alias, (new, old), since, now)
    alarm = await gateway.alarm_state(guards.alarm) if guards.alarm else ""
    tripped = verdict(guards, new, counts[new], alarm)
    return Reading(counts[new], counts[old], alarm, tripped)
