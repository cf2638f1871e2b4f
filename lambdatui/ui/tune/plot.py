"""The tuning plot: median duration (●, left axis) and cost per million invocations ($, right
axis) against memory, one column of the x axis per size tested. Drawn with textual-plotext's
``Plot`` (imported only when a run's results are shown); the markers, not colours, tell the
two lines apart, so it reads the same under NO_COLOR."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget
from textual_plotext import Plot

from ...tune.results import SizeResult

HEIGHT = 8
DURATION, COST = "●", "$"
LEGEND = f" {DURATION} median duration, ms (left)   {COST} cost per 1M invocations, USD (right)"


def _top(value: float) -> float:
    """A round ceiling a little above ``value`` for the axis."""
    if value <= 0:
        return 1.0
    step = 10 ** len(str(int(value))) / 10
    return float(((value * 1.1) // step + 1) * step) if step >= 1 else round(value * 1.2, 2)


class TunePlot(Widget):
    """The plot of ``results`` (nothing until there are two sizes to draw a line between)."""

    DEFAULT_CSS = """
    TunePlot { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[SizeResult] = []
        self._plot = Plot()

    def show(self, results: Sequence[SizeResult]) -> None:
        self.results = list(results)
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 1 + HEIGHT if len(self.results) > 1 else 0

    def render(self) -> RenderableType:
        if len(self.results) < 2:
            return Text("")
        legend = Text(LEGEND, no_wrap=True, overflow="ellipsis", style="bold")
        return Text("\n").join([legend, self.graph(max(self.size.width, 30))])

    def graph(self, width: int) -> Text:
        plt, results = self._plot, self.results
        xs = [float(n) for n in range(1, len(results) + 1)]
        durations = [r.duration_p50_ms for r in results]
        costs = [float(r.cost_per_million_usd) for r in results]
        plt.clear_data()
        plt.clear_figure()
        plt.theme("textual-default")
        plt.plotsize(width, HEIGHT)
        plt.plot(xs, durations, marker=DURATION)
        plt.plot(xs, costs, marker=COST, yside="right")
        plt.xticks(xs, [str(r.memory_mb) for r in results])
        plt.xlim(0.8, len(results) + 0.2)
        plt.ylim(0, _top(max(durations)))
        plt.ylim(0, _top(max(costs)), yside="right")  # type: ignore[arg-type]  # stub: float
        plt.xaxes(True, False)
        plt.yaxes(True, True)
        return Text.from_ansi(plt.build(), no_wrap=True)
