"""What the user sees when the newer screens' reads fail (docs/faults.md), through the real UI
and the fault-injecting proxy: a titled message in place, the rest of the app working on, no
traceback."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.ui.screens.durable import ExecutionsScreen
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.widgets.monitor import MonitorPane
from tests import faults
from tests.durable_helpers import make_flow
from tests.faults import fault_proxy
from tests.invoke_functions import ECHO, make_function
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until

pytestmark = pytest.mark.slow


def _no_traceback(app: Any) -> None:
    text = screen_text(app) + "\n".join(notifications(app))
    assert "Traceback" not in text and 'File "' not in text
    assert app.is_running and not app._exit_renderables


async def _open(pilot: Any) -> None:
    await settle(pilot)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)


async def test_metrics_with_expired_credentials_say_how_to_renew_and_the_view_works_on(
    account: Any,
) -> None:
    make_function(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("GetMetricData", faults.expired_token())
        app = make_app(proxy.url, account.region, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _open(pilot)
            await press_id(pilot, "function.tab-monitoring")
            pane = app.screen.query_one(MonitorPane)
            said = "Metrics not available: The credentials of profile 'default' have expired."
            await wait_until(pilot, lambda: said in screen_text(app))
            assert "Run `aws sso login`" in screen_text(app)  # the fix, in the pane
            assert pane.metrics is None
            await press_id(pilot, "function.tab-configuration")
            await wait_until(pilot, lambda: "python3" in screen_text(app))  # works on
            _no_traceback(app)
    assert proxy.count("GetMetricData") == 1  # not retried


async def test_durable_executions_denied_name_the_action_and_back_works(account: Any) -> None:
    make_flow(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListDurableExecutionsByFunction", faults.access_denied())
        app = make_app(proxy.url, account.region, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _open(pilot)
            await press_id(pilot, "function.executions")
            await settle(pilot)
            assert isinstance(app.screen, ExecutionsScreen)
            said = "lambda:ListDurableExecutionsByFunction"
            await wait_until(
                pilot, lambda: said in screen_text(app) + "\n".join(notifications(app))
            )
            await press_id(pilot, "executions.back")
            await settle(pilot)
            assert isinstance(app.screen, FunctionScreen)
            _no_traceback(app)
