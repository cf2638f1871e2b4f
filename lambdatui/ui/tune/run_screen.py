"""A tuning run on screen: its progress (each size's runs, cold starts, median so far), then
the results (one row per size, the recommended one marked with its reason) and the plot.

`escape` during the run asks, then stops it: the runner restores the memory and deletes its
temporary aliases and versions, and the screen says so. Afterwards `enter` on a row opens the
edit form with that memory filled in (its own RevisionId-checked path and confirmation), and
`x` writes the results as JSON or CSV to a new file. The run is the runner's
(``tune.runner``); this screen only shows what it says.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Static

from ...aws.errors import GatewayError
from ...aws.prices import Prices
from ...aws.records import FunctionSummary
from ...aws.report import Report, format_cost
from ...sanitize import one_line
from ...tune import results as figures
from ...tune.results import Recommendation, SizeResult
from ...tune.runner import Event, Outcome, Request, TuneRefused, TuneRunner
from ..bindings import TUNE_RUN_BINDINGS, TUNE_TABLE_BINDINGS, hint
from ..screens.base import AppScreen
from ..widgets.footer import KeyFooter
from ..widgets.virtual_table import Column, VirtualTable
from .plot import TunePlot

RECOMMENDED = "★"


def result_columns(chosen: list[int]) -> list[Column[SizeResult]]:
    """The results table's columns; ``chosen`` holds the recommended size once known."""

    def ms(value: float | None) -> str:
        return "" if value is None else f"{value:.0f}"

    return [
        Column("mark", "", lambda r: RECOMMENDED if r.memory_mb in chosen else "", width=1),
        Column(
            "memory",
            "MEM",
            lambda r: str(r.memory_mb),
            width=5,
            align="right",
            sort_key=lambda r: r.memory_mb,
        ),
        Column("runs", "RUNS", lambda r: str(r.runs), width=4, align="right"),
        Column("cold", "COLD", lambda r: str(r.cold_starts), width=4, align="right"),
        Column("p50", "P50 ms", lambda r: ms(r.billed_p50_ms), width=6, align="right"),
        Column("p90", "P90 ms", lambda r: ms(r.billed_p90_ms), width=6, align="right"),
        Column("init", "INIT", lambda r: ms(r.init_p50_ms), width=5, align="right"),
        Column("max", "MAXMEM", lambda r: str(r.max_memory_used_mb), width=6, align="right"),
        Column(
            "cost",
            "$/INVOCATION",
            lambda r: format_cost(r.cost_per_invocation_usd),
            width=13,
            align="right",
        ),
        Column("million", "$/1M", lambda r: f"{r.cost_per_million_usd:.2f}", min_width=6),
    ]


class ResultsTable(VirtualTable[SizeResult]):
    """One row per size; `enter` opens the edit form with its memory."""

    BINDINGS = TUNE_TABLE_BINDINGS


class TuneRunScreen(AppScreen[None]):
    """The run, then its results (see the module docstring)."""

    BINDINGS = TUNE_RUN_BINDINGS

    def __init__(self, function: FunctionSummary, request: Request, prices: Prices) -> None:
        super().__init__()
        self.function, self.request, self.prices = function, request, prices
        self.reports: list[Report] = []
        self.runner: TuneRunner | None = None
        self.outcome: Outcome | None = None
        self.stopping = False
        self._chosen: list[int] = []

    def compose(self) -> ComposeResult:
        sizes = ", ".join(str(s) for s in self.request.sizes)
        yield Static(
            one_line(
                f"Tuning λ {self.function.name} · {sizes} MB × {self.request.runs} "
                f"({self.request.strategy})"
            )
            + f"\n{self.prices.describe(date.today())}",
            id="tune-run-header",
            markup=False,
        )
        yield ResultsTable(
            result_columns(self._chosen),
            row_key=lambda r: str(r.memory_mb),
            empty_text="Setting the first size…",
            id="tune-results",
        )
        yield Static("Starting…", id="tune-progress", markup=False)
        yield Static("", id="tune-reason", markup=False)
        yield TunePlot(id="tune-plot")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(ResultsTable)
        table.sort_by("memory")
        table.focus()
        self.run_worker(self._run(), group="tune-run", name="tune", exit_on_error=False)

    @property
    def running(self) -> bool:
        return self.outcome is None

    # -- the run ------------------------------------------------------------------------------

    async def _run(self) -> None:
        self.runner = TuneRunner(self.app.gateway, self.request, self._heard)
        try:
            outcome = await self.runner.run()
        except TuneRefused as exc:
            self._progress(f"Not run: {exc}")
            self.outcome = Outcome("failed", [], self.prices, None, str(exc))
            return
        except GatewayError as exc:  # before the run changed anything (reading the function)
            self._progress(f"Not run: {exc.title}: {exc.message}")
            self.outcome = Outcome("failed", [], self.prices, None, exc.message)
            return
        self.outcome = outcome
        self._show_outcome(outcome)

    def _heard(self, event: Event) -> None:
        if event.kind == "invoked" and event.report is not None:
            self.reports.append(event.report)
            self._show_rows(figures.summarise(self.reports, self.prices))
            done = [r for r in self.reports if r.memory_mb == event.memory_mb]
            cold = sum(1 for r in done if r.cold_start)
            median = figures.summarise_size(event.memory_mb, done, self.prices).duration_p50_ms
            self._progress(
                f"{event.memory_mb} MB: {event.done}/{self.request.runs} runs · {cold} cold · "
                f"median {median:.0f} ms" + self._stop_hint()
            )
        elif event.kind in ("size", "restoring", "cleaned"):
            self._progress(event.message + ("" if event.kind == "cleaned" else self._stop_hint()))

    def _stop_hint(self) -> str:
        if self.stopping:
            return " · stopping…"
        return f"   ({hint(self, ('tune.stop', 'stops'))})"

    def _progress(self, text: str) -> None:
        self.query_one("#tune-progress", Static).update(one_line(text))

    def _show_rows(self, rows: list[SizeResult]) -> None:
        table = self.query_one(ResultsTable)
        table.set_rows(rows)

    def _show_outcome(self, outcome: Outcome) -> None:
        chosen: Recommendation | None = outcome.recommendation
        self._chosen[:] = [chosen.memory_mb] if chosen else []
        self._show_rows(outcome.results)
        if chosen is not None:
            self.query_one(ResultsTable).move_cursor_to_key(str(chosen.memory_mb))
        spent = format_cost(figures.run_cost(outcome.results))
        ending = {
            "done": "Done",
            "stopped": "Stopped",
            "failed": f"Failed: {outcome.message}",
        }[outcome.status]
        plan = self.runner.plan if self.runner is not None else {}
        original = plan.get("original_memory", self.function.memory_mb)
        left = (
            f" · clean-up incomplete: {outcome.clean_up_error}"
            if outcome.clean_up_error
            else f" · memory back to {original} MB, nothing left"
        )
        self._progress(f"{ending}{left} · the run cost {spent}")
        words = "" if chosen is None else f"{RECOMMENDED} {chosen.strategy}: {chosen.reason}"
        self.query_one("#tune-reason", Static).update(one_line(words))
        self.query_one(TunePlot).show(outcome.results)

    # -- keys ---------------------------------------------------------------------------------

    def action_leave(self) -> None:
        if not self.running:
            self.app.pop_screen()
            return
        if self.stopping or self.runner is None:
            return
        from ..dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes and self.runner is not None and self.running:
                self.stopping = True
                self.runner.stop()
                self._progress("Stopping: the memory is restored, temporary versions deleted…")

        self.app.push_screen(
            ConfirmScreen(
                "Stop tuning?",
                f"The runs in flight finish; then {one_line(self.function.name)} gets "
                f"{self.function.memory_mb} MB back and the temporary aliases and versions are "
                "deleted. What was measured is kept.",
                yes="stop",
                no="keep running",
            ),
            answered,
        )

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        if self.running:
            self.notify("The run is still going: apply a size once it is done.", markup=False)
            return
        row = event.row
        if isinstance(row, SizeResult):
            self.run_worker(self._open_edit(row.memory_mb), group="tune-edit", exit_on_error=False)

    async def _open_edit(self, memory_mb: int) -> None:
        from ..edit.screen import EditScreen

        try:
            settings, _context = await self.app.gateway.read_settings(self.function.name)
        except GatewayError as exc:
            self.app.show_error(exc)
            return
        preset = settings.with_changes(memory_mb=memory_mb)
        self.app.push_screen(
            EditScreen(self.function, None, preset=preset, note=f"tuned: {memory_mb} MB"),
            self._edited,
        )

    def _edited(self, function: FunctionSummary | None) -> None:
        """A size was applied: the function's view below shows the function as it is now."""
        from ..screens.function import FunctionScreen

        if function is None:
            return
        for screen in self.app.screen_stack:
            if isinstance(screen, FunctionScreen):
                screen._edited(function)

    def action_export(self) -> None:
        if self.outcome is None or not self.outcome.results:
            self.notify("Nothing measured to export yet.", markup=False)
            return
        from ..dialogs.prompt import PromptScreen

        default = f"tune-{self.function.name}.json"
        self.app.push_screen(
            PromptScreen(
                "Export the results",
                default,
                note="A new file: .json or .csv by its ending; an existing file is never replaced.",
                check=export_problem,
            ),
            self._export,
        )

    def _export(self, path: str | None) -> None:
        if not path or self.outcome is None:
            return
        outcome = self.outcome
        text = (
            figures.to_csv(outcome.results)
            if path.lower().endswith(".csv")
            else figures.to_json(outcome.results, outcome.recommendation, outcome.prices)
        )

        async def write() -> None:
            try:
                await asyncio.to_thread(write_new, Path(path).expanduser(), text)
            except OSError as exc:
                self.notify(f"Not exported: {exc}", severity="error", markup=False)
                return
            self.notify(one_line(f"Exported to {path}"), markup=False)

        self.run_worker(write(), group="tune-export", exit_on_error=False)


def export_problem(path: str) -> str:
    """Why ``path`` cannot take the export ('' when it can)."""
    path = path.strip()
    if not path.lower().endswith((".json", ".csv")):
        return "End the name with .json or .csv."
    if Path(path).expanduser().exists():
        return "That file exists; give a new name."
    return ""


def write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist (never over a file)."""
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
