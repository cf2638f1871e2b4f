"""PaneMetrics → what the monitoring pane draws: charts of lines with markers, their numbers.

Pure, no Textual and no plotting library (the pane's charts import that when first shown):

* ``charts`` picks the pane's charts from ``PaneMetrics``: the core ones always, a feature's
  when its metrics were asked (``metric_features`` decides that from the configuration and
  triggers the function view already loads); each line of a chart has its own marker, so
  the shape, not the colour, tells them apart (``NO_COLOR``).
* ``segments`` cuts a series at its gaps: a bucket CloudWatch did not answer is drawn as
  nothing, never as a zero.
* ``stats`` (latest, min, max, sum) and ``value_text`` are the numbers beside each chart.
* ``time_ticks``/``value_ticks`` label the axes; ``worst_bucket`` is where the logs jump goes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ...aws.config import AsyncInvokeConfig, Concurrency, EventSourceMapping, PolicyStatement
from ...aws.function_detail import FunctionDetail
from ...aws.metrics import PaneMetrics, Series, Window

COUNT, MS, PERCENT = "count", "ms", "percent"
#: From this width (the pane's) a chart's numbers stand beside its graph, not under it.
WIDE = 110
#: Columns the numbers take beside a graph.
STATS_COLUMNS = 52
#: One marker per line of a chart, in order: distinct shapes.
MARKERS = ("•", "x", "+", "o", "*", "#")
#: Services that invoke a function asynchronously through its resource policy.
ASYNC_CALLERS = frozenset(
    {
        "S3",
        "SNS",
        "EventBridge",
        "EventBridge Scheduler",
        "SES",
        "CloudWatch Logs",
        "CloudWatch Alarms",
        "IoT",
        "IoT Events",
        "AWS Config",
        "CodeCommit",
        "CloudFormation",
    }
)
STREAM_SOURCES = frozenset({"Kinesis", "DynamoDB Streams"})


@dataclass(frozen=True)
class Line:
    """One series of a chart: its label in the numbers, its marker, and a scale (a ratio
    shown as a percentage)."""

    label: str
    marker: str
    series: Series
    scale: float = 1.0

    def values(self) -> tuple[float | None, ...]:
        return tuple(None if v is None else v * self.scale for v in self.series.values)


@dataclass(frozen=True)
class Chart:
    """One graph of the pane and the numbers under (or beside) it."""

    key: str
    title: str
    unit: str
    lines: tuple[Line, ...]
    #: Whether the sum of its buckets means something (counts, not durations or maxima).
    additive: bool = False


def metric_features(
    qualifier: str | None,
    detail: FunctionDetail | None = None,
    concurrency: Concurrency | None = None,
    async_config: AsyncInvokeConfig | None = None,
    mappings: Sequence[EventSourceMapping] = (),
    policy: Sequence[PolicyStatement] = (),
) -> tuple[str, ...]:
    """Which optional metrics (``metrics.FEATURES``) apply to the function at ``qualifier``,
    from what the view loaded (a part that could not be read is None or empty: its metrics
    are left out, never guessed)."""
    dead_letter = bool(detail is not None and detail.dead_letter_arn)
    on_async = async_config is not None and (async_config.on_success or async_config.on_failure)
    on_mapping = any(m.on_failure for m in mappings)
    callers = {part.strip() for st in policy for part in st.principal.split(",")}
    found: list[str] = []
    if concurrency is not None and concurrency.provisioned:
        found.append("provisioned")
    if async_config is not None or dead_letter or callers & ASYNC_CALLERS:
        found.append("async")
    if dead_letter:
        found.append("dead_letter")
    if on_async or on_mapping:
        found.append("destinations")
    if any(m.source_kind in STREAM_SOURCES for m in mappings):
        found.append("stream")
    return tuple(found)


def _line(
    pane: PaneMetrics, label: str, metric: str, stat: str, n: int = 0, scale: float = 1.0
) -> Line | None:
    series = pane.get(metric, stat)
    return None if series is None else Line(label, MARKERS[n], series, scale)


def _chart(key: str, title: str, unit: str, lines: Sequence[Line | None], add: bool) -> Chart:
    return Chart(key, title, unit, tuple(line for line in lines if line is not None), add)


#: The optional charts: (key, title, unit, metric, stats, additive).
_OPTIONAL = (
    ("pc-use", "Provisioned concurrency used", PERCENT, "ProvisionedConcurrencyUtilization",
     ("Maximum",), False),
    ("pc-spill", "Spillover invocations (beyond provisioned)", COUNT,
     "ProvisionedConcurrencySpilloverInvocations", ("Sum",), True),
    ("async-in", "Async events received", COUNT, "AsyncEventsReceived", ("Sum",), True),
    ("async-age", "Async event age", MS, "AsyncEventAge", ("Average", "Maximum"), False),
    ("async-drop", "Async events dropped", COUNT, "AsyncEventsDropped", ("Sum",), True),
    ("dlq", "Dead-letter errors", COUNT, "DeadLetterErrors", ("Sum",), True),
    ("dest", "Destination delivery failures", COUNT, "DestinationDeliveryFailures", ("Sum",),
     True),
    ("iterator", "Iterator age (stream sources)", MS, "IteratorAge", ("Maximum",), False),
)  # fmt: skip
_STAT_LABELS = {"Sum": "sum", "Average": "avg", "Maximum": "max"}


def charts(pane: PaneMetrics, executed_versions: Sequence[str] = ()) -> list[Chart]:
    """The pane's charts, in the order shown; a chart whose metric was not asked is left out."""
    found: list[Chart] = []
    calls = [_line(pane, "all", "Invocations", "Sum")]
    for n, version in enumerate(executed_versions[: len(MARKERS) - 1], start=1):
        series = pane.get("Invocations", "Sum", version)
        if series is not None:
            calls.append(Line(f"v{version}", MARKERS[n], series))
    found.append(_chart("invocations", "Invocations", COUNT, calls, True))
    found.append(_chart("errors", "Errors", COUNT, [_line(pane, "errors", "Errors", "Sum")], True))
    rate = pane.error_rate()
    if rate is not None:
        found.append(
            _chart("error-rate", "Error rate", PERCENT, [Line("errors", "•", rate)], False)
        )
    durations = [
        _line(pane, label, "Duration", stat, n)
        for n, (label, stat) in enumerate(
            (("avg", "Average"), ("p50", "p50"), ("p90", "p90"), ("p99", "p99"))
        )
    ]
    found.append(_chart("duration", "Duration", MS, durations, False))
    found.append(
        _chart(
            "throttles", "Throttles", COUNT, [_line(pane, "throttles", "Throttles", "Sum")], True
        )
    )
    found.append(
        _chart(
            "concurrency",
            "Concurrent executions (maximum)",
            COUNT,
            [_line(pane, "max", "ConcurrentExecutions", "Maximum")],
            False,
        )
    )
    for key, title, unit, metric, stats, additive in _OPTIONAL:
        scale = 100.0 if unit == PERCENT else 1.0  # a ratio (0-1) shown as a percentage
        lines = [_line(pane, _STAT_LABELS[s], metric, s, n, scale) for n, s in enumerate(stats)]
        found.append(_chart(key, title, unit, lines, additive))
    return [chart for chart in found if chart.lines]


# -- numbers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    latest: float | None
    low: float | None
    high: float | None
    total: float | None


def stats(line: Line) -> Stats:
    """The newest datapoint, the least, the most and the sum (None: no datapoint at all)."""
    found = [v for v in line.values() if v is not None]
    if not found:
        return Stats(None, None, None, None)
    return Stats(found[-1], min(found), max(found), sum(found))


def value_text(value: float | None, unit: str, short: bool = False) -> str:
    """'1,234' '12.5' '310 ms' '4.2 s' '26.0%' ('–' for no value); ``short``: '1.2k'."""
    if value is None:
        return "–"
    if unit == PERCENT:
        return f"{value:.0f}%" if short or value >= 100 else f"{value:.1f}%"
    if unit == MS:
        for size, suffix in ((3_600_000, "h"), (60_000, "min"), (1000, "s")):
            if value >= size:
                return f"{value / size:.1f} {suffix}"
        return f"{value:.0f} ms" if value >= 10 or value == 0 else f"{value:.1f} ms"
    if short and value >= 1000:
        for big, letter in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
            if value >= big:
                return f"{value / big:.1f}{letter}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"


STATS_HEAD = ("latest", "min", "max", "sum")


def stats_rows(chart: Chart, label_width: int = 10, width: int = 9) -> list[str]:
    """The numbers of a chart as rows: a heading, then each line's marker, label and stats;
    a line with no datapoints says so, and one the endpoint could not compute says that."""
    head = " " * (label_width + 2) + "".join(h.rjust(width) for h in STATS_HEAD)
    rows = [head.rstrip()]
    for line in chart.lines:
        label = f"{line.marker} {line.label[:label_width].ljust(label_width)}"
        if line.series.missing:
            rows.append(f"{label}   not available")
            continue
        found = stats(line)
        if found.latest is None:
            rows.append(f"{label}   no data")
            continue
        total = found.total if chart.additive else None
        cells = (found.latest, found.low, found.high, total)
        rows.append(label + "".join(value_text(v, chart.unit).rjust(width) for v in cells))
    return rows


# -- drawing -----------------------------------------------------------------------------------


def segments(line: Line, win: Window) -> list[tuple[list[float], list[float]]]:
    """The runs of datapoints between gaps, as (x, y): x in seconds from the window's start."""
    runs: list[tuple[list[float], list[float]]] = []
    xs: list[float] = []
    ys: list[float] = []
    for stamp, value in zip(line.series.timestamps, line.values(), strict=True):
        if value is None:
            if xs:
                runs.append((xs, ys))
                xs, ys = [], []
            continue
        xs.append((stamp - win.start).total_seconds())
        ys.append(value)
    if xs:
        runs.append((xs, ys))
    return runs


_STEPS = (300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800)


def time_ticks(win: Window, most: int = 5) -> list[tuple[float, str]]:
    """Ticks for the time axis on round local times: (seconds from the start, label), at most
    ``most``; 'HH:MM' within a day, 'Mon 02' past it."""
    span = (win.end - win.start).total_seconds()
    step = next((s for s in _STEPS if span / s <= most), _STEPS[-1])
    start = win.start.astimezone()
    offset = start.utcoffset() or timedelta(0)
    local = start.timestamp() + offset.total_seconds()
    first = math.ceil(local / step) * step - offset.total_seconds()
    ticks: list[tuple[float, str]] = []
    moment = first
    while moment <= win.end.timestamp():
        when = datetime.fromtimestamp(moment).astimezone()
        label = when.strftime("%H:%M") if step < 86400 else when.strftime("%a %d")
        ticks.append((moment - win.start.timestamp(), label))
        moment += step
    return ticks


def value_ticks(high: float | None, unit: str) -> tuple[float, list[tuple[float, str]]]:
    """The value axis: its top (a round number at or above ``high``) and three labelled ticks
    (0, half, top)."""
    top = _round_up(high or 0.0) or 1.0
    return top, [(v, value_text(v, unit, short=True)) for v in (0.0, top / 2, top)]


def _round_up(value: float) -> float:
    if value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def worst_bucket(errors: Series) -> datetime | None:
    """The start of the bucket with the most errors (the earliest of equals); None if none."""
    best: tuple[float, datetime] | None = None
    for stamp, value in errors.points():
        if value > 0 and (best is None or value > best[0]):
            best = (value, stamp)
    return None if best is None else best[1]


def range_label(win: Window) -> str:
    """'5-min points' for the window's period."""
    period = win.period
    if period % 86400 == 0:
        return f"{period // 86400}-day points"
    if period % 3600 == 0:
        return f"{period // 3600}-hour points"
    return f"{period // 60}-min points"
