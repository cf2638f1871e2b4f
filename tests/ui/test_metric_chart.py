"""One chart of the monitoring pane (ui/widgets/metric_chart.py): its graph read straight from
plotext's matrix, and drawn ahead of the frame that shows it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult

from lambdatui.aws.metrics import PaneMetrics, Series, dimensions, window
from lambdatui.ui.render import metrics as rm
from lambdatui.ui.widgets import metric_chart
from lambdatui.ui.widgets.metric_chart import MetricChart

WIN = window("3h", datetime(2026, 3, 2, 18, 1, tzinfo=UTC), 60)


def _series(metric: str, stat: str, base: float) -> Series:
    """Values with gaps and a peak, so the graph has lines, markers, gaps and both axes."""
    grid = WIN.timestamps()
    values = tuple(None if i % 7 == 3 else base * (1 + (i * 37 % 11)) for i in range(len(grid)))
    return Series(metric, stat, dimensions("f"), grid, values)


def _charts() -> list[rm.Chart]:
    series = [
        _series("Invocations", "Sum", 40.0),
        _series("Errors", "Sum", 2.0),
        *(_series("Duration", stat, 90.0 + n) for n, stat in enumerate(("Average", "p50", "p90"))),
    ]
    return rm.charts(PaneMetrics("f", None, WIN, tuple(series)))


def _cells(text: Text) -> list[list[tuple[str, Any]]]:
    """Each line's characters with the style each is drawn in."""
    console = Console(width=300, color_system="truecolor", force_terminal=True)
    return [
        [(line.plain[i], line.get_style_at_offset(console, i)) for i in range(len(line.plain))]
        for line in text.split("\n")
    ]


@pytest.mark.parametrize("width", [30, 66, 118])
def test_the_graph_read_from_the_matrix_is_what_plotexts_ansi_reads_as(width: int) -> None:
    charts = _charts()
    assert {c.key for c in charts} >= {"invocations", "errors", "duration"}
    for chart in charts:
        widget = MetricChart(chart, WIN)
        ours = widget._build(width)
        figure: Any = widget._plot
        theirs = Text.from_ansi(figure.monitor.matrix.set_canvas(), no_wrap=True)
        assert _cells(ours) == _cells(theirs)
        assert len(ours.plain.splitlines()) == metric_chart.PLOT_HEIGHT
        assert any(ours.get_style_at_offset(Console(), i) for i in range(len(ours.plain)))


async def test_a_chart_drawn_ahead_is_not_drawn_again_in_the_frame(monkeypatch: Any) -> None:
    chart = next(c for c in _charts() if c.key == "duration")
    built: list[int] = []
    build = MetricChart._build
    monkeypatch.setattr(MetricChart, "_build", lambda self, w: built.append(w) or build(self, w))
    rendered: list[int] = []
    text = MetricChart._text
    monkeypatch.setattr(MetricChart, "_text", lambda self, w: rendered.append(w) or text(self, w))

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield MetricChart(chart, WIN, id="chart")

    async with One().run_test(size=(120, 30)) as pilot:
        widget = pilot.app.query_one(MetricChart)
        assert built == [120 - metric_chart.STATS_COLUMNS]  # wide: beside its numbers
        again = rm.charts(PaneMetrics("f", None, WIN, tuple(line.series for line in chart.lines)))
        widget.update(next(c for c in again if c.key == "duration"), WIN)
        widget.prepare(widget.size.width)
        assert len(built) == 2 and len(rendered) == 2
        await pilot.pause()
        assert len(built) == 2 and len(rendered) == 2  # the frame used what was made
        widget.prepare(80)  # another width: drawn again, over the whole width
        assert built[-1] == 80
