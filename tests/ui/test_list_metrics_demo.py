"""The metrics columns on the seeded demo account: its week of history (a daily rhythm, an
error spike on payment-webhook), read through the real UI, and their snapshot at 80x24.

The spike began 50 minutes before the seeding and lasted 25 (``metric_history``), inside the
columns' last hour when the demo starts: the sorting story runs a minute after the seeding.
"""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.demo.metric_history import SPIKE_ERRORS
from tests.demo_time import a_minute_after_seeding
from tests.ui.helpers import make_app, press_id, screen_text, settle, wait_until
from tests.ui.test_list_metrics import _row


@pytest.fixture
def demo_account(shared_demo):  # type: ignore[no-untyped-def]
    """The seeded demo, shared by this module's tests: they only read it."""
    return shared_demo


def _all_known(app: Any) -> bool:
    metrics = app.screen._metrics
    rows = app.screen.table.visible_rows()
    return metrics is not None and all(metrics.known(f.name) is not None for f in rows)


def _on_screen_known(app: Any) -> bool:
    metrics = app.screen._metrics
    rows = app.screen.table.rows_on_screen()
    return metrics is not None and all(metrics.known(f.name) is not None for f in rows)


@pytest.mark.slow
async def test_sorting_by_errors_puts_the_spiking_function_first(demo_account: Any) -> None:
    app = make_app(
        demo_account.endpoint_url,
        demo=True,
        use_cache=False,
        clock=a_minute_after_seeding,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.metrics")
        await press_id(pilot, "functions.sort")  # INVOC, the busiest first
        await press_id(pilot, "functions.sort")  # ERR
        table = app.screen.table
        assert (table.sort_column, table.sort_reverse) == ("errors", True)
        assert "ERR ▼" in screen_text(app)
        # sorting by a metrics column asks for every function, not only those on screen
        await wait_until(pilot, lambda: _all_known(app))
        await settle(pilot)
        first = table.visible_rows()[0]
        assert first.name == SPIKE_ERRORS
        spiking = app.screen._metrics.known(SPIKE_ERRORS)
        others = [app.screen._metrics.known(f.name) for f in table.visible_rows()[1:]]
        assert spiking.errors > 10 * max(o.errors for o in others)
        # all known: the cursor went to the top, on it
        assert screen_text(app).splitlines()[2].split()[:3] == [
            ">",
            SPIKE_ERRORS,
            str(spiking.invocations),
        ]
        assert _row(app, SPIKE_ERRORS)[2] == str(spiking.errors)


@pytest.mark.slow
def test_snapshot_of_the_list_with_the_metrics_columns(snap_compare, demo_account) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press_id(pilot, "functions.metrics")
        await wait_until(pilot, lambda: _on_screen_known(pilot.app))
        await settle(pilot)

    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.slow
async def test_the_metrics_columns_take_the_room_of_the_least_needed_ones(
    demo_account: Any,
) -> None:
    """At 80 columns ARCH, TMO, MEM and MODIFIED give way to the metrics columns (no gap where
    they were); at 120 every column is there, and turning the group off brings them back."""
    app = make_app(demo_account.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.metrics")
        await pilot.pause()
        header = screen_text(app).splitlines()[1].split()
        assert header == ["NAME", "▲", "INVOC", "ERR", "LAST", "HOUR", "RUNTIME", "STATE"]
        assert "  INVOC   ERR LAST HOUR    RUNTIME" in screen_text(app)  # one space apart
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        header = screen_text(app).splitlines()[1].split()
        for label in ("INVOC", "MEM", "TMO", "MODIFIED", "STATE", "ARCH", "DESCRIPTION"):
            assert label in header
        await press_id(pilot, "functions.metrics")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        header = screen_text(app).splitlines()[1].split()
        assert header == ["NAME", "▲", "RUNTIME", "MEM", "TMO", "MODIFIED", "STATE", "ARCH"]
