"""The monitoring pane of the function view (``m``): CloudWatch metrics of the function at its
qualifier, as graphs with their numbers.

One ``Gateway.pane_metrics`` call (one GetMetricData request) per refresh; the period follows
the range (``[``/``]``) and the width, so no graph has more points than columns. While the
pane is shown it refreshes every ``REFRESH_SECONDS``; hidden (another tab, another screen on
top) its timer is stopped. A failure is said in the pane, naming the action; the rest of the
view goes on. ``w`` opens the logs at the minute with the most errors.

The charts' module imports the plotting library, so it is imported when the pane first draws.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from ...aws.errors import GatewayError, unavailable
from ...aws.metrics import (
    RANGES,
    MetricQuery,
    PaneMetrics,
    Series,
    Window,
    dimensions,
    window,
)
from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ..bindings import MONITOR_BINDINGS, key_hint
from ..context import OnLambdaTUI
from ..render import metrics as rm
from ..workers import ReportsWorkerFailures

if TYPE_CHECKING:
    from .metric_chart import MetricChart

#: The range a pane opens on: CloudWatch's console opens Lambda's monitoring on 3 hours too.
DEFAULT_RANGE = "3h"
#: Columns the value axis and its labels take beside a graph.
AXIS_COLUMNS = 10

Features = Callable[[], Awaitable[tuple[str, ...]]]


async def _no_features() -> tuple[str, ...]:
    return ()


class Lines(Static):
    """Lines of text, laid out again only when their number changes (a refresh of the pane
    repaints its numbers in place)."""

    def __init__(self, *, id: str) -> None:
        super().__init__("", id=id, markup=False)
        self._lines = -1

    def show(self, text: Text) -> None:
        lines = len(text.plain.splitlines())
        self.update(text, layout=lines != self._lines)
        self._lines = lines


class MonitorPane(OnLambdaTUI, ReportsWorkerFailures, VerticalScroll):
    """See the module docstring."""

    BINDINGS = MONITOR_BINDINGS
    can_focus = True
    #: Seconds between refreshes while shown.
    REFRESH_SECONDS: ClassVar[float] = 60.0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.range = DEFAULT_RANGE
        self.function: FunctionSummary | None = None
        self.qualifier: str | None = None
        #: What an alias routes to: its ExecutedVersion series are asked too.
        self.versions: tuple[str, ...] = ()
        self.features: Features = _no_features
        self.metrics: PaneMetrics | None = None
        self.problem = ""
        self.showing = False
        self._timer: Timer | None = None
        self._fetched: tuple[object, ...] | None = None
        self._fetched_at = 0.0
        #: The charts on screen when the pane was last seen, by key, with their widths.
        self._on_screen: dict[str, int] = {}
        #: pane_metrics calls made (one per refresh).
        self.requests = 0

    def compose(self) -> ComposeResult:
        yield Lines(id="monitor-status")
        yield Lines(id="monitor-versions")
        yield Vertical(id="monitor-charts")

    def on_mount(self) -> None:
        self.query_one("#monitor-versions").display = False
        self._render_status()

    # -- what to show ----------------------------------------------------------------------

    def set_target(
        self,
        function: FunctionSummary,
        qualifier: str | None,
        versions: Sequence[str] = (),
        features: Features | None = None,
    ) -> None:
        """Show ``function`` at ``qualifier`` (None: $LATEST, the whole function); an alias
        with the ``versions`` it routes to; ``features`` says which optional metrics apply."""
        if (function.name, qualifier) != (self.function and self.function.name, self.qualifier):
            self._forget()  # another function's graphs must not stand for this one's
        self.function, self.qualifier = function, qualifier
        self.versions = tuple(versions)
        self.features = features or _no_features
        if self.showing:
            self.refresh_now()

    def _forget(self) -> None:
        self.metrics, self.problem, self._fetched = None, "", None
        if self.is_mounted:
            self.workers.cancel_group(self, "metrics")
            self.query_one("#monitor-charts", Vertical).remove_children()
            self._render_status()

    @property
    def refreshing(self) -> bool:
        """Whether the refresh timer runs (only while the pane is shown)."""
        return self._timer is not None

    def shown(self) -> bool:
        """The pane is on screen: draw it if what it shows is stale, refresh every minute
        (said again while shown, as the tab's key and its activation both do: nothing).
        Whether a request was started."""
        if self.showing and self._timer is not None:
            return False
        self.showing = True
        self._timer = self.set_interval(self.REFRESH_SECONDS, self.refresh_now, name="metrics")
        stale = time.monotonic() - self._fetched_at >= self.REFRESH_SECONDS
        if (stale or self._fetched != self._asked()) and self.function is not None:
            self.refresh_now()
            return True
        return False

    def hidden(self) -> None:
        """Another tab or screen covers the pane: no refreshes until it is shown again."""
        self._on_screen = self._charts_on_screen()
        self.showing = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _asked(self) -> tuple[object, ...]:
        name = self.function.name if self.function else ""
        return (name, self.qualifier, self.versions, self.range)

    # -- keys ------------------------------------------------------------------------------

    def action_wider(self) -> None:
        self._step_range(1)

    def action_narrower(self) -> None:
        self._step_range(-1)

    def _step_range(self, step: int) -> None:
        names = list(RANGES)
        index = min(max(names.index(self.range) + step, 0), len(names) - 1)
        if names[index] != self.range:
            self.range = names[index]
            self._render_status()
            self.refresh_now()

    def action_worst_minute(self) -> None:
        """The logs at the minute with the most errors in the range shown."""
        pane = self.metrics
        errors = pane.get("Errors", "Sum") if pane is not None else None
        if pane is None or errors is None or self.function is None:
            self.notify("No metrics yet", markup=False)
            return
        if rm.worst_bucket(errors) is None:
            self.notify(f"No errors in the last {self.range}", markup=False)
            return
        self._open_logs(self.function, pane)

    @work(exclusive=True, group="metrics-worst", name="GetMetricData", exit_on_error=False)
    async def _open_logs(self, function: FunctionSummary, pane: PaneMetrics) -> None:
        """The logs from the worst minute of the graph's worst bucket (the peak the user sees):
        when a bucket is longer than a minute, its errors a minute a point (one request)."""
        errors = pane.get("Errors", "Sum")
        bucket = rm.worst_bucket(errors) if errors is not None else None
        if bucket is None:
            return
        minute, period = bucket, pane.window.period
        if period > 60:
            fine = Window(bucket, bucket + timedelta(seconds=period), 60)
            dims = dimensions(function.name, pane.qualifier)
            query = MetricQuery("worst", "Errors", "Sum", dims, 60)
            try:
                found, _ = await self.app.gateway.series_for([query], fine)
            except GatewayError as exc:  # the bucket's start will do
                message = f"{exc.title}: {one_line(exc.message)}"
                self.notify(message, severity="warning", markup=False)
            else:
                minute = rm.worst_bucket(found[0]) or bucket
        from ..screens.logs import LogsScreen

        since = int(minute.timestamp() * 1000)
        self.app.push_screen(LogsScreen(function, pane.qualifier, since_ms=since))

    # -- loading ---------------------------------------------------------------------------

    def refresh_now(self) -> None:
        if self.function is not None:
            self._load()

    def _columns(self) -> int:
        """The columns a graph's points get: the pane's width less the value axis (and the
        numbers, when they stand beside the graph)."""
        width = self.scrollable_content_region.width or self.app.size.width
        if width >= rm.WIDE:
            width -= rm.STATS_COLUMNS
        return max(10, width - AXIS_COLUMNS)

    @work(exclusive=True, group="metrics", name="GetMetricData", exit_on_error=False)
    async def _load(self) -> None:
        function, qualifier, versions = self.function, self.qualifier, self.versions
        if function is None:
            return
        asked = self._asked()
        features = await self.features()
        win = window(self.range, self.app.clock(), self._columns())
        self.problem = ""
        self._render_status(loading=True)
        self.requests += 1
        try:
            pane = await self.app.gateway.pane_metrics(
                function.name, qualifier, win, features, versions
            )
        except GatewayError as exc:
            label, reason = unavailable(exc)
            hint = f" {exc.hint}" if exc.hint else ""
            self.problem = one_line(f"Metrics {label}: {reason}{hint}")
            self._fetched, self._fetched_at = asked, time.monotonic()
            self._render_status()
            return
        self.metrics = pane
        self._fetched, self._fetched_at = asked, time.monotonic()
        self._render_status()
        await self._draw(pane)

    async def _draw(self, pane: PaneMetrics) -> None:
        from .metric_chart import MetricChart  # the plotting library: on first draw

        charts = rm.charts(pane, self.versions)
        on_screen = self._charts_on_screen()
        box = self.query_one("#monitor-charts", Vertical)
        current: list[MetricChart] = list(box.query(MetricChart))
        if [c.chart.key for c in current] == [c.key for c in charts]:
            for widget, chart in zip(current, charts, strict=True):
                widget.update(chart, pane.window)
        else:
            current = [MetricChart(c, pane.window, id=f"chart-{c.key}") for c in charts]
            await box.remove_children()
            await box.mount_all(current)
        for widget in current:  # their graphs now, not in the frame that shows them
            if widget.chart.key in on_screen:
                widget.prepare(on_screen[widget.chart.key])

    def _charts_on_screen(self) -> dict[str, int]:
        """The charts on screen, by key, with their widths; while the pane is not laid out
        (just shown again, its layout still to come) those of when it was last seen."""
        if not self.size.height:
            return self._on_screen
        view = self.region
        # a chart spans the pane's content (its own width can lag a scrollbar's coming)
        width = self.scrollable_content_region.width
        charts = cast("list[MetricChart]", list(self.query(".metric-chart")))
        return {c.chart.key: width for c in charts if c.region.overlaps(view)}

    # -- words -----------------------------------------------------------------------------

    def _render_status(self, loading: bool = False) -> None:
        """The lines above the graphs. Laid out again only when their number changes: a
        refresh (loading, then its numbers) repaints them in place."""
        if not self.is_mounted:
            return
        ranges = " ".join(f"[{r}]" if r == self.range else r for r in RANGES)
        keys = (
            f"{key_hint(self, 'monitor.narrower')} {key_hint(self, 'monitor.wider')} range · "
            f"{key_hint(self, 'monitor.worst-minute')} error logs"
        )
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"Range {ranges}", "bold")
        pane = self.metrics
        if pane is not None:
            when = self.app.clock().astimezone()
            text.append(f" · {rm.range_label(pane.window)} · ")
            text.append("loading…" if loading else f"{when:%H:%M}")
        text.append(f" · {keys}\n")
        if loading and pane is None:
            text.append("loading metrics… (cloudwatch:GetMetricData)\n")
        if self.problem:
            text.append(self.problem + "\n", "bold")
        if pane is not None:
            text.append(_totals(pane) + "\n")
            for note in pane.notes:
                text.append(f"note: {one_line(note)}\n")
        text.rstrip()
        self.query_one("#monitor-status", Lines).show(text)
        self._render_versions()

    def _render_versions(self) -> None:
        pane, panel = self.metrics, self.query_one("#monitor-versions", Lines)
        rows = _version_rows(pane, self.versions) if pane is not None else []
        panel.display = bool(rows)
        panel.show(Text("\n".join(rows), no_wrap=True, overflow="ellipsis"))


def _sum(series: Series | None) -> str:
    """A Sum series' total; '–' when it has no datapoint (no data is not a zero)."""
    return "–" if series is None else rm.value_text(series.total(), rm.COUNT)


def _totals(pane: PaneMetrics) -> str:
    """One line of the range's totals: what the graphs below say, in numbers."""
    calls, errors = pane.get("Invocations", "Sum"), pane.get("Errors", "Sum")
    throttles, p99 = pane.get("Throttles", "Sum"), pane.get("Duration", "p99")
    rate = pane.error_rate()

    parts = [f"Invocations {_sum(calls)}"]
    errors_text = f"Errors {_sum(errors)}"
    if calls is not None and errors is not None and calls.total():
        share = 100.0 * (errors.total() or 0.0) / (calls.total() or 1.0)
        peak = rate.peak() if rate is not None else None
        errors_text += (
            f" = {rm.value_text(share, rm.PERCENT)} (peak {rm.value_text(peak, rm.PERCENT)})"
        )
    parts += [errors_text, f"Throttles {_sum(throttles)}"]
    if p99 is not None and not p99.missing and p99.peak() is not None:
        parts.append(f"p99 ≤ {rm.value_text(p99.peak(), rm.MS)}")
    return " · ".join(parts)


def _version_rows(pane: PaneMetrics, versions: Sequence[str]) -> list[str]:
    """What each version an alias routed to ran (ExecutedVersion)."""
    rows = []
    for version in versions:
        calls = pane.get("Invocations", "Sum", version)
        errors = pane.get("Errors", "Sum", version)
        duration = pane.get("Duration", "Average", version)
        if calls is None:
            continue
        weighted = [
            (d, c)
            for d, c in zip(duration.values if duration else (), calls.values, strict=False)
            if d is not None and c
        ]
        count = sum(c for _, c in weighted)
        average = sum(d * c for d, c in weighted) / count if count else None
        rows.append(
            f"  v{one_line(version)}: {rm.value_text(calls.total(), rm.COUNT)} invocations"
            f" · {rm.value_text(errors.total() if errors else None, rm.COUNT)} errors"
            f" · avg {rm.value_text(average, rm.MS)}"
        )
    return ["Executed versions (what the alias ran):", *rows] if rows else []
