"""Lambda's metrics, published to moto's in-process CloudWatch as Lambda publishes them.

After each invocation Lambda sends ``AWS/Lambda`` metrics to CloudWatch with three sets of
dimensions: ``FunctionName``; ``FunctionName`` + ``Resource`` (the function, ``name`` when
invoked unqualified, else ``name:qualifier``); and, for an invocation through an alias,
``FunctionName`` + ``Resource`` + ``ExecutedVersion`` (the version that ran). The sink writes
Invocations, Errors (0 or 1), Duration (ms) and ConcurrentExecutions (the environments busy at
the time) under each.

A seeded account's history (``metric_history``) is written as statistic sets that also keep
their values' distribution (``DistributionDatum``): a minute of a busy function is one datum,
not one per invocation, and percentiles still come out right (``metric_data``). moto's own
GetMetricStatistics reads them as the statistic sets they are.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

NAMESPACE = "AWS/Lambda"


def dimension_sets(
    function: str, qualifier: str | None, executed: str
) -> list[list[dict[str, str]]]:
    """The dimensions Lambda publishes an invocation's metrics under."""
    resource = f"{function}:{qualifier}" if qualifier else function
    sets = [
        [{"Name": "FunctionName", "Value": function}],
        [{"Name": "FunctionName", "Value": function}, {"Name": "Resource", "Value": resource}],
    ]
    is_alias = bool(qualifier) and qualifier != "$LATEST" and not str(qualifier).isdigit()
    if is_alias:
        sets.append([*sets[1], {"Name": "ExecutedVersion", "Value": executed}])
    return sets


def qualifier_of(invoked_arn: str) -> str | None:
    """The qualifier an invocation named (``arn:aws:lambda:r:a:function:name:qualifier``)."""
    parts = invoked_arn.split(":")
    return parts[7] if len(parts) > 7 and parts[7] else None


@dataclass(frozen=True)
class Sample:
    """One metric value of an invocation (or, with ``distribution``, a bucket of history)."""

    name: str
    value: float
    unit: str


def _backend(account_id: str, region: str) -> Any:
    from moto.cloudwatch.models import cloudwatch_backends

    return cloudwatch_backends[account_id][region]


def distribution_datum(
    name: str,
    dimensions: list[dict[str, str]],
    when: datetime,
    distribution: Sequence[tuple[float, float]],
    unit: str,
) -> Any:
    """A statistic set of ``distribution`` ((value, count) pairs) that keeps the pairs."""
    count = total = 0.0
    low, high = math.inf, -math.inf
    for value, weight in distribution:
        count += weight
        total += value * weight
        low, high = min(low, value), max(high, value)
    datum = _aggregated()(NAMESPACE, name, low, high, count, total, dimensions, when, unit)
    datum.distribution = tuple(distribution)
    return datum


@functools.cache
def _aggregated() -> Any:
    from moto.cloudwatch.models import MetricAggregatedDatum

    return MetricAggregatedDatum


class MotoMetricSink:
    """Writes invocations' metrics to moto's CloudWatch backend (one lock: moto's list is not
    guarded), and counts the environments busy per function for ConcurrentExecutions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy: dict[tuple[str, str, str], int] = {}

    def started(self, account_id: str, region: str, function: str) -> int:
        """An invocation began: how many of the function's run now, this one included."""
        key = (account_id, region, function)
        with self._lock:
            self._busy[key] = self._busy.get(key, 0) + 1
            return self._busy[key]

    def finished(
        self,
        account_id: str,
        region: str,
        function: str,
        invoked_arn: str,
        executed: str,
        samples: Iterable[Sample],
        when: datetime | None = None,
    ) -> None:
        """Publish ``samples`` under every dimension set of the invocation."""
        from moto.cloudwatch.models import MetricDatum

        key = (account_id, region, function)
        moment = when or datetime.now(UTC)
        sets = dimension_sets(function, qualifier_of(invoked_arn), executed)
        data = [
            MetricDatum(NAMESPACE, s.name, s.value, dims, moment, s.unit)
            for s in samples
            for dims in sets
        ]
        with self._lock:
            self._busy[key] = max(0, self._busy.get(key, 1) - 1)
            _backend(account_id, region).metric_data.extend(data)

    def write(self, account_id: str, region: str, data: Sequence[Any]) -> None:
        """Datums built beforehand (a seeded history), in one go."""
        with self._lock:
            _backend(account_id, region).metric_data.extend(data)

    def move(self, account_id: str, region: str, moved: Callable[[int], int | None]) -> None:
        """Date again the invocations' datums: ``moved(ms)`` is where a datum published at
        ``ms`` (epoch milliseconds) belongs, or None where it stays (a seeded history's
        invocations, which ran just now, dated back with their log lines)."""
        with self._lock:
            for datum in _backend(account_id, region).metric_data:
                if datum.namespace != NAMESPACE:
                    continue
                when = datum.timestamp
                if when.tzinfo is None:  # moto's own utcnow(): naive UTC
                    when = when.replace(tzinfo=UTC)
                new = moved(int(when.timestamp() * 1000))
                if new is not None:
                    datum.timestamp = datetime.fromtimestamp(new / 1000, UTC)

    def reset(self) -> None:
        with self._lock:
            self._busy.clear()
