"""A worker that fails unexpectedly is one notification through the app's one handler: the
app keeps running and nothing of the error is read as markup."""

from __future__ import annotations

from typing import Any

from lambdatui.ui.screens.target_picker import Choice
from tests.ui.helpers import make_app, notifications, settle, wait_until


async def test_switching_region_that_fails_unexpectedly_is_a_notification(account: Any) -> None:
    app = make_app(account.endpoint_url, account.region)

    async def broken(target: Any) -> None:
        raise RuntimeError("no [b]such[/b] thing")

    async with app.run_test() as pilot:
        await settle(pilot)
        app.switch_target = broken  # type: ignore[method-assign]
        app._picked(Choice(profile=None, region="eu-west-1"))
        await wait_until(pilot, lambda: any("RuntimeError" in n for n in notifications(app)))
        await pilot.pause()
        assert app.return_code is None and not app._exit_renderables  # no traceback, no exit
        assert (
            "Unexpected error: switch target failed: RuntimeError: no [b]such[/b] thing"
            in notifications(app)
        )


async def test_a_widget_workers_failure_reaches_the_same_handler(account: Any) -> None:
    from lambdatui.ui.widgets.field_table import FieldTable
    from tests.invoke_functions import ECHO, make_function

    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, account.region)

    async def broken() -> None:
        raise ValueError("odd")

    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first function: its configuration pane
        await wait_until(pilot, lambda: bool(app.screen.query(FieldTable)))
        table = app.screen.query(FieldTable).first()
        table.run_worker(broken(), name="GetPolicy", exit_on_error=False)
        await wait_until(pilot, lambda: any("odd" in n for n in notifications(app)))
        assert "Unexpected error: GetPolicy failed: ValueError: odd" in notifications(app)
        await pilot.pause()
        assert app.return_code is None and not app._exit_renderables
