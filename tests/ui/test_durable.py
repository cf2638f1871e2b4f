"""User stories of durable functions: the executions of a durable function (x), filtered; one
execution's status, input, result or error and its step timeline; stopping a running one
(confirmed, typed on production, journaled, refused under read-only); the execution an
invocation started."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.store import journal
from lambdatui.store.config import Config
from lambdatui.ui.screens.durable import ExecutionScreen, ExecutionsScreen
from lambdatui.ui.screens.durable_stop import StopExecutionScreen
from lambdatui.ui.screens.function import FunctionScreen
from tests.durable_helpers import make_flow, settled, start
from tests.invoke_functions import ECHO, make_function
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle


def _footer(app: Any) -> list[str]:
    from lambdatui.ui.widgets.footer import KeyFooter

    return app.screen.query_one(KeyFooter).descriptions()


@pytest.fixture
def flow(account: Any) -> dict[str, str]:
    lam = make_flow(account)
    arns = {
        "ok": start(lam, "o-1", {"order": "1", "coolOff": 0}),
        "declined": start(lam, "o-2", {"order": "2", "card": "declined", "coolOff": 0}),
        "long": start(lam, "o-3", {"order": "3", "coolOff": 3600}),
    }
    settled(lam, arns["ok"])
    settled(lam, arns["declined"])
    return arns


async def _open_executions(pilot: Any) -> ExecutionsScreen:
    await settle(pilot)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)
    assert "Runs" in _footer(pilot.app)  # GetFunction said it is durable
    await press_id(pilot, "function.executions")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExecutionsScreen)
    return screen


def _names(screen: ExecutionsScreen) -> list[str]:
    return [e.name for e in screen.table.visible_rows()]


@pytest.mark.slow
async def test_x_lists_a_durable_functions_executions_newest_first_and_filters(
    account: Any, flow: dict[str, str]
) -> None:
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_executions(pilot)
        assert _names(screen) == ["o-3", "o-2", "o-1"]
        text = screen_text(app)
        assert "RUNNING" in text and "FAILED" in text and "SUCCEEDED" in text
        assert "all statuses, started any time" in text
        await press_id(pilot, "executions.status")  # RUNNING
        await settle(pilot)
        assert _names(screen) == ["o-3"]
        for _ in range(2):  # SUCCEEDED, FAILED
            await press_id(pilot, "executions.status")
            await settle(pilot)
        assert _names(screen) == ["o-2"] and "FAILED, started any time" in screen_text(app)
        await press_id(pilot, "executions.since")  # the last hour: all three are recent
        await settle(pilot)
        assert _names(screen) == ["o-2"] and "started last hour" in screen_text(app)
        await press_id(pilot, "executions.back")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)


async def test_a_function_that_is_not_durable_has_no_executions_key(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        assert "Runs" not in _footer(app) and "Edit" in _footer(app)
        await press_id(pilot, "function.executions")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        app.screen.action_executions()  # as the palette would
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        assert any("not a durable function" in n for n in notifications(app))


@pytest.mark.slow
async def test_an_execution_shows_its_input_error_and_step_timeline(
    account: Any, flow: dict[str, str]
) -> None:
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_executions(pilot)
        screen.table.move_cursor_to_key(flow["declined"])
        await press_id(pilot, "executions.open")
        await settle(pilot)
        assert isinstance(app.screen, ExecutionScreen)
        text = screen_text(app)
        assert "execution o-2" in text and "FAILED" in text
        assert '"card": "declined"' in text
        assert "Error  ValueError: card declined" in text
        for row in ("validate-order", "reserve-stock", "invocation 1", "cool-off", "charge-card"):
            assert row in text
        assert "1 retry" in text
        assert "Stop" not in _footer(app)  # it has ended
        await press_id(pilot, "execution.events")  # the first row's events
        await settle(pilot)
        assert "StepSucceeded" in screen_text(app)


@pytest.mark.slow
async def test_stop_says_what_happens_asks_and_journals(account: Any, flow: dict[str, str]) -> None:
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_executions(pilot)
        screen.table.move_cursor_to_key(flow["ok"])
        await settle(pilot)
        assert "Stop" not in _footer(app)
        screen.table.move_cursor_to_key(flow["long"])
        await settle(pilot)
        assert "Stop" in _footer(app)
        await press_id(pilot, "executions.stop")
        await settle(pilot)
        assert isinstance(app.screen, StopExecutionScreen)
        text = screen_text(app)
        assert "Stop execution o-3?" in text and "No further step runs" in text
        await press_id(pilot, "stop.back")  # not now
        await settle(pilot)
        assert app.screen is screen and journal.actions() == []
        await press_id(pilot, "executions.stop")
        await settle(pilot)
        await press_id(pilot, "stop.confirm")
        await settle(pilot)
        assert app.screen is screen
        assert any("Stopped o-3 (journaled)" in n for n in notifications(app))
        row = next(e for e in screen.table.visible_rows() if e.name == "o-3")
        assert row.status == "STOPPED"
    [action] = journal.actions()
    assert (action["function"], action["action"], action["subject"]) == (
        "flow",
        "StopDurableExecution",
        flow["long"],
    )


@pytest.mark.slow
async def test_stop_on_production_needs_the_execution_name_typed(
    account: Any, flow: dict[str, str]
) -> None:
    config = Config(production_pattern=r"^123456789012$")
    app = make_app(account.endpoint_url, use_cache=False, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_executions(pilot)
        screen.table.move_cursor_to_key(flow["long"])
        await press_id(pilot, "executions.open")
        await settle(pilot)
        execution = app.screen
        assert isinstance(execution, ExecutionScreen) and "RUNNING" in screen_text(app)
        assert "waiting" in screen_text(app) and "until +1h00m" in screen_text(app)
        await press_id(pilot, "execution.stop")
        await settle(pilot)
        assert "PRODUCTION" in screen_text(app) and "Type o-3 to confirm" in screen_text(app)
        await press_id(pilot, "stop.confirm")
        await settle(pilot)
        assert isinstance(app.screen, StopExecutionScreen)
        assert "Type the execution's name exactly" in screen_text(app)
        await pilot.press(*"o-3")
        await press_id(pilot, "stop.confirm")
        await settle(pilot)
        assert app.screen is execution
        text = screen_text(app)
        assert "STOPPED" in text and "StoppedByUser: Stopped from lambdatui" in text
        assert "cancelled" in text  # the open wait
    assert len(journal.actions()) == 1


@pytest.mark.slow
async def test_read_only_refuses_stop_in_the_gateway(account: Any, flow: dict[str, str]) -> None:
    app = make_app(account.endpoint_url, use_cache=False, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_executions(pilot)
        screen.table.move_cursor_to_key(flow["long"])
        await press_id(pilot, "executions.stop")
        await settle(pilot)
        assert "Read-only mode: stopping will be refused" in screen_text(app)
        await press_id(pilot, "stop.confirm")
        await settle(pilot)
        assert any("read-only" in n for n in notifications(app))
    assert journal.actions() == []
    from tests.durable_helpers import lambda_client

    status = lambda_client(account).get_durable_execution(DurableExecutionArn=flow["long"])
    assert status["Status"] == "RUNNING"


@pytest.mark.slow
async def test_invoking_a_durable_function_shows_and_opens_the_execution_it_started(
    account: Any,
) -> None:
    from lambdatui.ui.invoke.screen import InvokeScreen

    make_flow(account)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "function.tab-versions")
        await pilot.press("down")  # version 1: a durable function is invoked qualified
        await press_id(pilot, "function.qualifier")
        await press_id(pilot, "function.invoke")
        await settle(pilot)
        assert isinstance(app.screen, InvokeScreen)
        app.screen.editor.load_text('{"order": "9", "coolOff": 0}')
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        assert app.screen.result is not None
        arn = app.screen.result.durable_execution_arn
        assert "/durable-execution/" in arn
        lines = screen_text(app).splitlines()
        assert any("· execution " in line and "(x on the result)" in line for line in lines)
        assert any(line.startswith(" Memory ") for line in lines)  # cut, not wrapped
        app.screen.query_one("#invoke-response").focus()  # the result, as tab gets there
        await settle(pilot)
        assert "Execution" in _footer(app)
        await press_id(pilot, "invoke.execution")
        await settle(pilot)
        assert isinstance(app.screen, ExecutionScreen) and app.screen.execution.arn == arn
        assert '"order": "9"' in screen_text(app) and "validate-order" in screen_text(app)


@pytest.mark.slow
async def test_a_durable_functions_latest_is_invoked_by_name(account: Any) -> None:
    """Lambda refuses a durable function's unqualified ARN: $LATEST is sent as a qualifier."""
    from lambdatui.ui.invoke.screen import InvokeScreen

    make_flow(account)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.invoke")  # from the list: $LATEST
        await settle(pilot)
        assert isinstance(app.screen, InvokeScreen)
        app.screen.editor.load_text('{"order": "10", "coolOff": 0}')
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        result = app.screen.result
        assert result is not None and result.function_error == "", screen_text(app)
        assert "/durable-execution/" in result.durable_execution_arn


@pytest.mark.slow
async def test_the_palette_opens_a_durable_functions_executions(
    account: Any, flow: dict[str, str]
) -> None:
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "app.palette")
        await settle(pilot)
        await pilot.press(*"durable executions")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExecutionsScreen)
        assert _names(app.screen) == ["o-3", "o-2", "o-1"]
