"""A function's CloudWatch metrics (namespace ``AWS/Lambda``): what to ask, and what came back.

Pure: no client, no I/O. ``metrics_gateway`` sends what these functions build.

* A **range** (``1h`` … ``1w``) becomes a ``Window``: a period (CloudWatch's 60 s minimum for
  standard-resolution metrics, then whole clock intervals) chosen so that no series has more
  points than the columns it will be drawn in, and a start and end aligned to that period,
  so that the same minute always falls in the same bucket from one refresh to the next.
* **Dimensions** as Lambda publishes them: ``FunctionName`` (the whole function, every version
  and alias), ``FunctionName`` + ``Resource`` (``name:qualifier``, a version or an alias), and
  for an alias ``FunctionName`` + ``Resource`` + ``ExecutedVersion`` (what the alias ran).
* The pane's **query set** (``pane_queries``): Invocations, Errors, Throttles, Duration
  (Average, p50, p90, p99) and ConcurrentExecutions (Maximum) always; the provisioned,
  asynchronous, dead-letter, destination and stream metrics when the caller says they apply
  (``FEATURES``).
* The list's **batch** (``activity_queries``): Invocations and Errors per function, a
  sparkline series each, in as few requests as the API allows (``MAX_QUERIES`` per request).
* **Results** (``series_from_results``): one ``Series`` per query on the window's own grid of
  timestamps; a timestamp CloudWatch did not answer is a gap (``None``), never a zero.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

NAMESPACE = "AWS/Lambda"
#: The ranges the pane offers, in seconds.
RANGES: dict[str, int] = {
    "1h": 3600,
    "3h": 3 * 3600,
    "12h": 12 * 3600,
    "1d": 86400,
    "3d": 3 * 86400,
    "1w": 7 * 86400,
}
#: Periods in seconds, shortest first: 60 s is CloudWatch's finest for standard metrics (which
#: Lambda's are); the rest are whole clock intervals, so buckets line up with the clock.
PERIODS = (60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)
#: GetMetricData's limit of queries in one request.
MAX_QUERIES = 500
#: The statistics the app asks for; ``pNN`` are CloudWatch's extended (percentile) statistics.
PERCENTILES = ("p50", "p90", "p99")
_PERCENTILE = re.compile(r"^p(\d{1,2}(\.\d{1,2})?|100)$")


def is_percentile(stat: str) -> bool:
    return bool(_PERCENTILE.match(stat))


# -- Time -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """``points`` buckets of ``period`` seconds from ``start`` (inclusive) to ``end``."""

    start: datetime
    end: datetime
    period: int

    @property
    def points(self) -> int:
        return int((self.end - self.start).total_seconds()) // self.period

    def timestamps(self) -> tuple[datetime, ...]:
        """Each bucket's start, oldest first (the grid every series of the window is on)."""
        step = timedelta(seconds=self.period)
        return tuple(self.start + step * i for i in range(self.points))


def period_for(seconds: int, columns: int) -> int:
    """The shortest period that draws ``seconds`` in at most ``columns`` points."""
    if seconds <= 0 or columns <= 0:
        raise ValueError("a range and a width must be positive")
    for period in PERIODS:
        if math.ceil(seconds / period) <= columns:
            return period
    return math.ceil(seconds / columns / 86400) * 86400


def window(range_: str | int, now: datetime, columns: int) -> Window:
    """The window of ``range_`` (a name of ``RANGES`` or seconds) that ends with the bucket
    holding ``now``, at most ``columns`` points long. ValueError for an unknown range."""
    seconds = RANGES[range_] if isinstance(range_, str) and range_ in RANGES else range_
    if not isinstance(seconds, int):
        raise ValueError(f"unknown range {range_!r}: one of {', '.join(RANGES)}")
    period = period_for(seconds, columns)
    stamp = int(now.astimezone(UTC).timestamp())
    end = (stamp // period + 1) * period  # the bucket now is in, still filling, included
    points = math.ceil(seconds / period)
    return Window(
        start=datetime.fromtimestamp(end - points * period, UTC),
        end=datetime.fromtimestamp(end, UTC),
        period=period,
    )


# -- What to ask -------------------------------------------------------------------------------

Dimensions = tuple[tuple[str, str], ...]

#: Optional metrics, by what makes them apply (the caller knows, from the configuration).
FEATURES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "provisioned": (
        ("ProvisionedConcurrencyUtilization", ("Maximum",)),
        ("ProvisionedConcurrencySpilloverInvocations", ("Sum",)),
    ),
    "async": (
        ("AsyncEventsReceived", ("Sum",)),
        ("AsyncEventAge", ("Average", "Maximum")),
        ("AsyncEventsDropped", ("Sum",)),
    ),
    "dead_letter": (("DeadLetterErrors", ("Sum",)),),
    "destinations": (("DestinationDeliveryFailures", ("Sum",)),),
    "stream": (("IteratorAge", ("Maximum",)),),
}
#: What the pane always shows.
CORE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Invocations", ("Sum",)),
    ("Errors", ("Sum",)),
    ("Throttles", ("Sum",)),
    ("Duration", ("Average", *PERCENTILES)),
    ("ConcurrentExecutions", ("Maximum",)),
)


#: What the pane shows of each version an alias ran.
_BY_VERSION = (("Invocations", "Sum"), ("Errors", "Sum"), ("Duration", "Average"))


def is_whole_function(qualifier: str | None) -> bool:
    return not qualifier or qualifier == "$LATEST"


def dimensions(function: str, qualifier: str | None = None, executed: str = "") -> Dimensions:
    """The dimension set of ``function`` as a whole (no qualifier, or ``$LATEST``), of one
    version or alias (``Resource`` = ``name:qualifier``), or of the version ``executed`` that
    an alias ran."""
    if is_whole_function(qualifier):
        return (("FunctionName", function),)
    resource = (("FunctionName", function), ("Resource", f"{function}:{qualifier}"))
    return (*resource, ("ExecutedVersion", executed)) if executed else resource


@dataclass(frozen=True)
class MetricQuery:
    """One MetricDataQuery: ``id`` is unique within its request."""

    id: str
    metric: str
    stat: str
    dimensions: Dimensions
    period: int

    @property
    def label(self) -> str:
        return f"{self.metric} {self.stat}"

    def to_api(self) -> dict[str, Any]:
        """The query as GetMetricData takes it."""
        return {
            "Id": self.id,
            "Label": self.label,
            "ReturnData": True,
            "MetricStat": {
                "Metric": {
                    "Namespace": NAMESPACE,
                    "MetricName": self.metric,
                    "Dimensions": [{"Name": n, "Value": v} for n, v in self.dimensions],
                },
                "Period": self.period,
                "Stat": self.stat,
            },
        }


def pane_queries(
    function: str,
    qualifier: str | None,
    win: Window,
    features: Iterable[str] = (),
    executed_versions: Sequence[str] = (),
) -> tuple[MetricQuery, ...]:
    """Every query of the monitoring pane, for one GetMetricData request: the core metrics and
    those of ``features`` (keys of ``FEATURES``; others: ValueError) for the function or one of
    its qualifiers, and for an alias Invocations, Errors and Duration of each version in
    ``executed_versions`` (what the alias ran)."""
    wanted = set(features)
    unknown = wanted - FEATURES.keys()
    if unknown:
        raise ValueError(f"unknown metric features: {', '.join(sorted(unknown))}")
    specs = list(CORE)
    for feature, metrics in FEATURES.items():
        if feature in wanted:
            specs.extend(metrics)
    dims = dimensions(function, qualifier)
    queries = [
        MetricQuery(f"q{i}_{j}", metric, stat, dims, win.period)
        for i, (metric, stats) in enumerate(specs)
        for j, stat in enumerate(stats)
    ]
    if not is_whole_function(qualifier) and not str(qualifier).isdigit():
        for k, version in enumerate(executed_versions):
            executed = dimensions(function, qualifier, version)
            for metric, stat in _BY_VERSION:
                query_id = f"v{k}_{metric.lower()}"
                queries.append(MetricQuery(query_id, metric, stat, executed, win.period))
    return tuple(queries)


def activity_queries(functions: Sequence[str], win: Window) -> tuple[MetricQuery, ...]:
    """Invocations and Errors (Sum) of each function as a whole, for the list's column: the
    ids are ``i<n>`` and ``e<n>`` for the n-th function."""
    queries: list[MetricQuery] = []
    for n, function in enumerate(functions):
        dims = dimensions(function)
        queries.append(MetricQuery(f"i{n}", "Invocations", "Sum", dims, win.period))
        queries.append(MetricQuery(f"e{n}", "Errors", "Sum", dims, win.period))
    return tuple(queries)


def batches(queries: Sequence[MetricQuery], size: int = MAX_QUERIES) -> list[list[MetricQuery]]:
    """``queries`` in requests of at most ``size``, a function's queries never split."""
    if size < 1:
        raise ValueError("a batch holds at least one query")
    step = size - size % 2 or 1  # even: a function's two queries stay in one request
    return [list(queries[i : i + step]) for i in range(0, len(queries), step)]


# -- What came back ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One query's values on its window's grid: ``values[i]`` is the bucket that starts at
    ``timestamps[i]``, None where CloudWatch has no data (a gap, not a zero). ``missing`` says
    why the whole series is absent (the endpoint cannot compute it), '' when it was asked."""

    metric: str
    stat: str
    dimensions: Dimensions
    timestamps: tuple[datetime, ...]
    values: tuple[float | None, ...]
    status: str = "Complete"
    missing: str = ""

    def points(self) -> list[tuple[datetime, float]]:
        """The datapoints CloudWatch returned, oldest first."""
        return [(t, v) for t, v in zip(self.timestamps, self.values, strict=True) if v is not None]

    def total(self) -> float | None:
        """The sum of the datapoints (for Sum series); None when there are none."""
        found = [v for v in self.values if v is not None]
        return sum(found) if found else None

    def peak(self) -> float | None:
        found = [v for v in self.values if v is not None]
        return max(found) if found else None


def _as_utc(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromtimestamp(float(value), UTC)


@dataclass
class ResultPages:
    """GetMetricData replies gathered over NextToken pages, by query id."""

    values: dict[str, dict[datetime, float]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    def add(self, reply: Mapping[str, Any]) -> None:
        for result in reply.get("MetricDataResults") or ():
            query_id = str(result.get("Id"))
            points = self.values.setdefault(query_id, {})
            stamps, values = result.get("Timestamps") or (), result.get("Values") or ()
            for stamp, value in zip(stamps, values, strict=False):
                points[_as_utc(stamp)] = float(value)
            code = str(result.get("StatusCode") or "Complete")
            if self.status.get(query_id) in (None, "Complete", "PartialData"):
                self.status[query_id] = code
            for message in result.get("Messages") or ():
                self.messages.append(f"{query_id}: {message.get('Value', '')}".strip())
        for message in reply.get("Messages") or ():
            self.messages.append(str(message.get("Value") or message.get("Code") or ""))


def series_from_results(
    queries: Sequence[MetricQuery], pages: ResultPages, win: Window
) -> tuple[Series, ...]:
    """A ``Series`` per query on ``win``'s grid (answers off the grid are ignored)."""
    grid = win.timestamps()
    result = []
    for query in queries:
        points = pages.values.get(query.id, {})
        result.append(
            Series(
                metric=query.metric,
                stat=query.stat,
                dimensions=query.dimensions,
                timestamps=grid,
                values=tuple(points.get(t) for t in grid),
                status=pages.status.get(query.id, "Complete"),
            )
        )
    return tuple(result)


def series_by_id(
    queries: Sequence[MetricQuery], pages: ResultPages, win: Window
) -> dict[str, Series]:
    """``series_from_results`` by query id."""
    found = series_from_results(queries, pages, win)
    return {q.id: s for q, s in zip(queries, found, strict=True)}


def missing_series(query: MetricQuery, win: Window, reason: str) -> Series:
    grid = win.timestamps()
    return Series(
        query.metric, query.stat, query.dimensions, grid, (None,) * len(grid), missing=reason
    )


def error_rate(invocations: Series, errors: Series) -> Series:
    """Errors as a percentage of invocations per bucket; a gap where nothing was invoked."""
    values: list[float | None] = []
    for calls, failed in zip(invocations.values, errors.values, strict=True):
        values.append(None if not calls else 100.0 * (failed or 0.0) / calls)
    return Series(
        "ErrorRate", "Percent", invocations.dimensions, invocations.timestamps, tuple(values)
    )


@dataclass(frozen=True)
class PaneMetrics:
    """Everything the monitoring pane draws for one function or qualifier and window."""

    function: str
    qualifier: str | None
    window: Window
    series: tuple[Series, ...]
    #: What the endpoint could not answer, for the user ("percentiles: not available …").
    notes: tuple[str, ...] = ()

    def get(self, metric: str, stat: str, executed_version: str = "") -> Series | None:
        for s in self.series:
            executed = dict(s.dimensions).get("ExecutedVersion", "")
            if s.metric == metric and s.stat == stat and executed == executed_version:
                return s
        return None

    def error_rate(self) -> Series | None:
        calls, failed = self.get("Invocations", "Sum"), self.get("Errors", "Sum")
        return None if calls is None or failed is None else error_rate(calls, failed)


@dataclass(frozen=True)
class FunctionActivity:
    """The list's column for one function: invocations and errors per bucket of the window."""

    function: str
    invocations: Series
    errors: Series

    @property
    def total_invocations(self) -> float | None:
        return self.invocations.total()

    @property
    def total_errors(self) -> float | None:
        return self.errors.total()
