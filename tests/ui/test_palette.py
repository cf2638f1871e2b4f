"""ctrl+p offers every action of the screen it was opened on, for the selected function."""

from __future__ import annotations

import pytest

from lambdatui.aws.errors import ReadOnlyRefused
from lambdatui.demo.seed import seed_functions
from lambdatui.ui.dialogs.confirm import ConfirmScreen
from lambdatui.ui.edit.screen import EditScreen
from lambdatui.ui.invoke.screen import InvokeScreen
from lambdatui.ui.screens.logs import LogsScreen
from tests.invoke_functions import ECHO, make_function, starts
from tests.ui.helpers import (
    make_app,
    notifications,
    open_invoke,
    press_id,
    screen_text,
    settle,
    wait_until,
)


@pytest.mark.parametrize(
    ("typed", "screen"),
    [("invoke the", InvokeScreen), ("logs of", LogsScreen), ("edit the", EditScreen)],
)
@pytest.mark.slow
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
        # not settle(): the logs screen follows for ever
        await wait_until(pilot, lambda: isinstance(app.screen, screen))
        function = app.screen.function
        assert getattr(function, "name", function) == "pal-00001"


async def _palette(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    await press_id(pilot, "app.palette")
    await settle(pilot)
    await pilot.press(*typed)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.slow
async def test_read_only_turned_on_and_off_from_the_palette(account) -> None:  # type: ignore[no-untyped-def]
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoke(pilot)
        assert "READ-ONLY" not in screen_text(app)

        await _palette(pilot, "read-only: turn")
        assert app.target.read_only and app.gateway.read_only
        text = screen_text(app)
        assert "READ-ONLY" in text and "echo:$LATEST │ DryRun" in text
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        assert "204 DryRun · permitted; nothing ran" in screen_text(app)
        assert starts(account, "echo") == []  # a permission check: the code did not run
        with pytest.raises(ReadOnlyRefused):  # and the gateway refuses whatever asks
            await app.gateway.put_reserved_concurrency("echo", 3)
        await press_id(pilot, "invoke.back")  # the screen below says so too
        await settle(pilot)
        assert "│ READ-ONLY" in screen_text(app)
        await press_id(pilot, "functions.invoke")
        await settle(pilot)

        await _palette(pilot, "read-only: allow")
        assert isinstance(app.screen, ConfirmScreen)  # turning it off is asked first
        await pilot.press("escape")
        await settle(pilot)
        assert app.target.read_only
        await _palette(pilot, "read-only: allow")
        await pilot.press("enter")
        await settle(pilot)
        assert not app.target.read_only and not app.gateway.read_only
        text = screen_text(app)
        assert "READ-ONLY" not in text and "echo:$LATEST │ RequestResponse" in text
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        assert "✓ 200" in screen_text(app) and len(starts(account, "echo")) == 1
        await press_id(pilot, "invoke.back")
        await settle(pilot)
        assert "READ-ONLY" not in screen_text(app) and "│ 123456789012" in screen_text(app)


@pytest.mark.slow
async def test_started_read_only_stays_read_only(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="lock")
    app = make_app(account.endpoint_url, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in screen_text(app)
        await _palette(pilot, "read-only: allow")
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.target.read_only and app.gateway.read_only
        assert any("started with --read-only" in n for n in notifications(app))
        with pytest.raises(ReadOnlyRefused):
            await app.gateway.put_reserved_concurrency("lock-00000", 3)


@pytest.mark.slow
async def test_theme_is_picked_from_the_palette_and_remembered(account) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.store import state

    seed_functions(account.endpoint_url, 1, region=account.region, prefix="thm")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "theme")  # Textual's own command: a list of its themes
        await pilot.press(*"nord", "enter")
        await settle(pilot)
        assert app.theme == "nord"
    assert state.load().theme == "nord"
