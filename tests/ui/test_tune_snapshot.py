"""Snapshot of a tuning run's results at 80x24: fixed figures (a CPU-bound function's knee at
1,769 MB), the balanced pick marked with its reason, and the plot; nothing is run."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from lambdatui.aws.prices import table_prices
from lambdatui.aws.report import Report
from lambdatui.tune.results import recommend, summarise
from lambdatui.tune.runner import Outcome, Request
from lambdatui.ui.tune.run_screen import TuneRunScreen
from tests.tune.helpers import tunable
from tests.ui.helpers import make_app, settle

#: memory → (duration ms of the cold run, of the warm ones): CPU share up to one vCPU.
FIGURES = {128: 880.0, 256: 440.0, 512: 220.0, 1024: 110.0, 1769: 64.0, 3008: 63.0}
PRICES = replace(table_prices("us-east-1"), source="price-list")  # no age to move on


def fixed_outcome() -> Outcome:
    reports = []
    for memory, duration in FIGURES.items():
        for n in range(5):
            warm = duration * (1 + n / 50)
            reports.append(
                Report(
                    f"r-{memory}-{n}",
                    warm,
                    int(warm) + 1,
                    memory,
                    41,
                    init_ms=120.0 if n == 0 else None,
                )
            )
    results = summarise(reports, PRICES)
    return Outcome("done", results, PRICES, recommend(results, "balanced", 0.25))


@pytest.mark.slow
def test_tune_results(snap_compare: Any, account: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    tunable(account.endpoint_url)

    async def fixed_run(self: TuneRunScreen) -> None:
        self.outcome = fixed_outcome()
        self._show_outcome(self.outcome)

    monkeypatch.setattr(TuneRunScreen, "_run", fixed_run)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        function = pilot.app.screen.table.cursor_row
        request = Request("shop", tuple(FIGURES), 5, b"{}", strategy="balanced", weight=0.25)
        await pilot.app.push_screen(TuneRunScreen(function, request, PRICES))
        await settle(pilot)

    app = make_app(account.endpoint_url, use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
