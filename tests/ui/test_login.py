"""An expired session: one offer to run the login command, and a clear way out."""

from __future__ import annotations

import pytest

from lambdatui.store.config import Config
from lambdatui.ui.dialogs.confirm import ConfirmScreen
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.ui.helpers import make_app, notifications, screen_text, settle
from tests.wire import canned_endpoint


@pytest.mark.slow
async def test_one_offer_however_many_calls_failed_and_not_now_says_what_to_run() -> None:
    config = Config(login_command="my-login {profile} --fast")
    with canned_endpoint(403, "ExpiredTokenException", "The security token has expired") as (
        url,
        seen,
    ):
        app = make_app(url, config=config)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert len(seen) >= 2  # the list and the identity both failed
            assert isinstance(app.screen, ConfirmScreen)
            assert len([s for s in app.screen_stack if isinstance(s, ConfirmScreen)]) == 1
            assert "my-login default --fast" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, FunctionListScreen)
            assert any(
                "Run `my-login default --fast`, then press r." in n for n in notifications(app)
            )


@pytest.mark.slow
async def test_where_the_terminal_cannot_be_handed_over_it_says_so() -> None:
    with canned_endpoint(403, "ExpiredTokenException", "expired") as (url, _seen):
        app = make_app(url, config=Config(login_command="true"))
        async with app.run_test(size=(80, 24)) as pilot:  # headless: no suspend
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert any("cannot be handed over" in n for n in notifications(app))
