"""A snapshot of the monitoring pane at 80x24: payment-webhook over the seeded demo's incident.

Deterministic: the demo's metrics are seeded at a fixed moment with the app's clock a minute
after it (tests/demo_time.py), and the time axis is drawn in UTC.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.demo_time import a_minute_after_seeding
from tests.ui.helpers import make_app, press_id, settle


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.slow
def test_monitoring_pane(snap_compare: Any, shared_demo: Any, utc: None) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.screen.table.move_cursor_to_key("payment-webhook")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "function.tab-monitoring")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "down", "down", "down")  # to Errors
        await pilot.pause()

    app = make_app(
        shared_demo.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
