"""One chart of the monitoring pane: a title, a plotext graph, and its numbers.

This module imports the plotting library (textual-plotext, ~0.25 s cold): the pane imports it
only when it first draws, so start-up and the function view never pay for it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from ...aws.metrics import Window
from ...sanitize import one_line
from ..render import metrics as rm

#: Rows of the graph itself (the time labels included).
PLOT_HEIGHT = 8


class MetricChart(Vertical):
    """A chart of ``render.metrics.Chart``: lines with their own markers, gaps left empty,
    the axes labelled; under it (beside it on a wide terminal) latest, min, max and sum."""

    def __init__(self, chart: rm.Chart, win: Window, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="metric-chart")
        self.chart = chart
        self.window = win
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Static("", classes="chart-title", markup=False)
        with Horizontal(classes="chart-body"):
            yield PlotextPlot(classes="chart-plot")
            yield Static("", classes="chart-empty", markup=False)
            yield Static("", classes="chart-stats", markup=False)

    def on_mount(self) -> None:
        self._ready = True
        self.update(self.chart, self.window)

    def update(self, chart: rm.Chart, win: Window) -> None:
        """Draw ``chart`` over ``win`` (the same widget is reused at each refresh)."""
        self.chart, self.window = chart, win
        if not self._ready:
            return
        markers = "  ".join(f"{line.marker} {one_line(line.label)}" for line in chart.lines)
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(one_line(chart.title), "bold")
        if len(chart.lines) > 1:
            title.append(f"   {markers}")
        self.query_one(".chart-title", Static).update(title)
        self.query_one(".chart-stats", Static).update(
            Text("\n".join(rm.stats_rows(chart)), no_wrap=True)
        )
        plot = self.query_one(PlotextPlot)
        empty = self.query_one(".chart-empty", Static)
        has_data = any(rm.stats(line).latest is not None for line in chart.lines)
        plot.display = has_data
        empty.display = not has_data
        if not has_data:
            empty.update("no datapoints in this range (nothing ran, or nothing was published)")
            return
        self._draw(plot, chart, win)

    @staticmethod
    def _draw(widget: PlotextPlot, chart: rm.Chart, win: Window) -> None:
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        high = None
        for line in chart.lines:
            for xs, ys in rm.segments(line, win):
                plt.plot(xs, ys, marker=line.marker)
            peak = rm.stats(line).high
            if peak is not None:
                high = peak if high is None else max(high, peak)
        span = (win.end - win.start).total_seconds()
        plt.xlim(0, span)
        ticks = rm.time_ticks(win)
        plt.xticks([x for x, _ in ticks], [label for _, label in ticks])
        top, yticks = rm.value_ticks(high, chart.unit)
        plt.ylim(0, top)
        plt.yticks([y for y, _ in yticks], [label for _, label in yticks])
        plt.xaxes(True, False)
        plt.yaxes(True, False)
        widget.refresh()
