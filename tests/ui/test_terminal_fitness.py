"""Terminal fitness: too-small screen, NO_COLOR, and the app in a real tmux at 80x24."""

from __future__ import annotations

import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.ui.screens.functions import FunctionListScreen
from lambdatui.ui.screens.too_small import TooSmallScreen
from tests.ui.helpers import make_app, screen_text, settle


@pytest.mark.slow
async def test_below_80x24_a_too_small_screen_replaces_the_layout(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 5, region=account.region, prefix="small")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "terminal too small: need 80x24, have 60x20" in screen_text(app)
        await pilot.press("question_mark")  # nothing opens over it
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(79, 30)
        await settle(pilot)
        assert "have 79x30" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)
        assert app.screen.table.total_count == 5  # it kept loading underneath
        await pilot.resize_terminal(100, 23)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
    assert app.return_code in (0, None)
