"""ctrl+p offers every action of the screen it was opened on, for the selected function."""

from __future__ import annotations

import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.ui.screens.edit import EditScreen
from lambdatui.ui.screens.invoke import InvokeScreen
from lambdatui.ui.screens.logs import LogsScreen
from tests.ui.helpers import make_app, press_id, settle


@pytest.mark.parametrize(
    ("typed", "screen"),
    [("invoke the", InvokeScreen), ("logs of", LogsScreen), ("edit the", EditScreen)],
)
async def test_palette_runs_the_selected_functions_actions(account, typed, screen) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="pal")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.table.move_cursor_to_key("pal-00001")
        await press_id(pilot, "app.palette")
        await settle(pilot)
        await pilot.press(*typed)
        await settle(pilot)
        await pilot.press("enter")
        for _ in range(50):  # not settle(): the logs screen follows for ever
            await pilot.pause(0.05)
            if isinstance(app.screen, screen):
                break
        assert isinstance(app.screen, screen)
        function = app.screen.function
        assert getattr(function, "name", function) == "pal-00001"
