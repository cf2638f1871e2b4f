"""A snapshot of the Code pane at 80x24: orders-api's handler open, highlighted and numbered."""

from __future__ import annotations

from typing import Any

import pytest

from tests.demo_time import a_minute_after_seeding
from tests.ui.helpers import make_app, press_id, settle


@pytest.mark.slow
def test_code_pane_with_the_handler_open(snap_compare: Any, shared_demo: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.screen.table.move_cursor_to_key("orders-api")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "function.tab-code")
        await settle(pilot)
        await pilot.press("down")  # orders_api.py
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    app = make_app(
        shared_demo.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
