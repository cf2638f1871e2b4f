"""One chart of the monitoring pane: a title, a plotext graph, and its numbers.

This module imports the plotting library (textual-plotext's ``Plot``, ~0.25 s cold): the pane
imports it only when it first draws, so start-up and the function view never pay for it.

A chart is one widget that renders all three parts (not a title, a plot and a table widget
each): the pane holds a dozen charts, and every widget is restyled when the tab is shown, which
is on the way from the key to the graphs. On that way too: the pane has the charts on screen
plot and render their new data as it arrives (``prepare``), before the frame that shows them,
and a graph is read straight from plotext's matrix (``drawing``), not written as ANSI and parsed
back.
"""

from __future__ import annotations

from typing import Any, cast

from plotext._utility import colors_to_ansi
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual_plotext import Plot

from ...aws.metrics import Window
from ...sanitize import one_line
from ..render import metrics as rm

#: Rows of the graph itself (the time labels included).
PLOT_HEIGHT = 8
WIDE, STATS_COLUMNS = rm.WIDE, rm.STATS_COLUMNS
#: Full-colour data lines on the terminal's own background (shapes still tell them apart).
THEME = "textual-default"
EMPTY = "  no datapoints in this range (nothing ran, or nothing was published)"


class MetricChart(Widget):
    """A chart of ``render.metrics.Chart``: lines with their own markers, gaps left empty,
    the axes labelled; under it (beside it from ``WIDE`` columns) latest, min, max and sum."""

    DEFAULT_CSS = """
    MetricChart {
        height: auto;
    }
    """

    def __init__(self, chart: rm.Chart, win: Window, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="metric-chart")
        self.chart = chart
        self.window = win
        self._plot = Plot()
        self._drawn: tuple[object, ...] | None = None
        self._graph = Text()
        #: The chart's lines as the screen takes them, and what they were made for.
        self._strips: list[Strip] = []
        self._kept: tuple[object, ...] | None = None

    def update(self, chart: rm.Chart, win: Window) -> None:
        """Draw ``chart`` over ``win`` (the same widget is reused at each refresh)."""
        shape = (self.has_data, len(self.chart.lines))
        self.chart, self.window = chart, win
        # the layout only when the height may change (data came or went, lines added)
        self.refresh(layout=shape != (self.has_data, len(chart.lines)))

    @property
    def has_data(self) -> bool:
        return any(rm.stats(line).latest is not None for line in self.chart.lines)

    def prepare(self, width: int) -> None:
        """Draw the chart now for a widget ``width`` columns wide: the pane calls this for the
        charts on screen as their data arrives, so the plotting and rendering are done while
        the frame that shows them is still to come (at most 60 a second), not in it."""
        if width > 0:
            self._lines(Size(width, self.get_content_height(self, self, width)))

    def render_line(self, y: int) -> Strip:
        """A line of the chart, from the lines ``prepare`` made when they fit its size."""
        lines = self._lines(self.size)
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _lines(self, size: Size) -> list[Strip]:
        """The chart rendered at ``size`` as Textual renders a widget, kept while what it shows,
        its size and its style stay the same (``prepare`` may have made them already)."""
        key = (id(self.chart), id(self.window), size, self.visual_style, self.text_selection)
        if key != self._kept:
            visual = visualize(self, self._text(size.width), markup=False)
            self._strips = Visual.to_strips(
                self, visual, size.width, size.height, self.visual_style
            )
            self._kept = key
        return self._strips

    def stats_text(self) -> str:
        return "\n".join(rm.stats_rows(self.chart))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        rows = len(rm.stats_rows(self.chart))
        graph = PLOT_HEIGHT if self.has_data else 1
        if width >= WIDE:
            return 1 + max(graph, rows + 1)
        return 1 + graph + rows

    def render(self) -> RenderableType:
        return self._text(self.size.width)

    def _text(self, width: int) -> Text:
        chart = self.chart
        wide = width >= WIDE
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append(f" {one_line(chart.title)}", "bold")
        if len(chart.lines) > 1:
            markers = "  ".join(f"{line.marker} {one_line(line.label)}" for line in chart.lines)
            title.append(f"   {markers}")
        graph_width = _graph_width(width)
        graph = self._graph_lines(graph_width) if self.has_data else [Text(EMPTY, "dim")]
        stats = [Text(row) for row in rm.stats_rows(chart)]
        lines = [title]
        if wide:
            stats = [Text(""), *stats]
            for n in range(max(len(graph), len(stats))):
                row = graph[n].copy() if n < len(graph) else Text("")
                row.pad_right(graph_width - row.cell_len)
                row.append_text(stats[n] if n < len(stats) else Text(""))
                lines.append(row)
        else:
            lines += graph + stats
        return Text("\n").join(lines)

    def _graph_lines(self, width: int) -> list[Text]:
        """The graph as lines of text, built again only when the chart or the width changed."""
        drawn = (id(self.chart), id(self.window), width)
        if drawn != self._drawn:
            self._drawn = drawn
            self._graph = self._build(width)
        return list(self._graph.split("\n"))

    def _build(self, width: int) -> Text:
        chart, win, plt = self.chart, self.window, self._plot
        plt.clear_data()
        plt.clear_figure()
        plt.theme(THEME)
        plt.plotsize(max(width, 20), PLOT_HEIGHT)
        high = None
        for line in chart.lines:
            for xs, ys in rm.segments(line, win):
                plt.plot(xs, ys, marker=line.marker)
            peak = rm.stats(line).high
            if peak is not None:
                high = peak if high is None else max(high, peak)
        plt.xlim(0, (win.end - win.start).total_seconds())
        ticks = rm.time_ticks(win)
        plt.xticks([x for x, _ in ticks], [label for _, label in ticks])
        top, yticks = rm.value_ticks(high, chart.unit)
        plt.ylim(0, top)
        plt.yticks([y for y, _ in yticks], [label for _, label in yticks])
        plt.xaxes(True, False)
        plt.yaxes(True, False)
        # build() less its last step, which writes the drawing as ANSI for it to be parsed back
        # (plotext's own figure methods, which its type stubs leave out)
        figure: Any = plt
        figure._set_sizes()
        figure._build_matrix()
        return drawing(figure.monitor.matrix)


def drawing(matrix: Any) -> Text:
    """plotext's drawing read from its matrix of characters and colours: the text and styles
    that ``Text.from_ansi`` makes of the ANSI ``build()`` writes (a test holds them equal), in
    a quarter of the time (a graph is drawn on the way from the key to the screen)."""
    lines = []
    for row in reversed(matrix.Rows):
        marker = matrix.marker[row]
        colours = list(
            zip(matrix.fullground[row], matrix.style[row], matrix.background[row], strict=True)
        )
        line, start = Text(), 0
        for col in range(1, len(colours) + 1):  # a span per run of cells of the same colours
            if col == len(colours) or colours[col] != colours[start]:
                line.append("".join(marker[start:col]), _style(*colours[start]))
                start = col
        lines.append(line)
    return Text("\n", no_wrap=True).join(lines)


_STYLES: dict[tuple[object, object, object], Style | None] = {}


def _style(fore: Any, style: Any, back: Any) -> Style | None:
    """The style of a cell of these plotext colours, as ``Text.from_ansi`` reads the ANSI
    plotext writes for them (once per colours: a dozen at most)."""
    key = (fore, style, back)
    if key not in _STYLES:
        spans = Text.from_ansi(colors_to_ansi(fore, style, back) + "x").spans
        _STYLES[key] = cast(Style, spans[0].style) if spans else None
    return _STYLES[key]


def _graph_width(width: int) -> int:
    """The columns of the graph in a chart ``width`` wide: all of them, or those left beside
    its numbers."""
    return width - STATS_COLUMNS if width >= WIDE else width
