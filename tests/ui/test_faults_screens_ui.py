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


async def test_a_throttled_fleet_profile_says_so_per_pair_and_the_others_load(
    account: Any,
) -> None:
    from tests.ui.test_fleet import _open_fleet, _seed

    _seed(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(), signed_by="stagingkey")  # every attempt
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(140, 30)) as pilot:
            fleet = await _open_fleet(pilot)
            statuses = {key: s for key, s in fleet._statuses.items()}
            for region in ("us-east-1", "eu-west-1"):
                staging = statuses[("staging", region)]
                assert staging.failed and "throttled by AWS" in staging.text, staging.text
                assert not statuses[("default", region)].failed
            names = {r.function.name for r in fleet.table.rows()}
            assert names == {"east-00000", "east-00001", "east-00002", "west-00000", "west-00001"}
            assert "2 done · 2 failed" in screen_text(app)
            await press_id(pilot, "fleet.pairs")  # each pair's status, in full
            await wait_until(pilot, lambda: "throttled by AWS" in screen_text(app))
            _no_traceback(app)
    assert len(proxy.faulted("ListFunctions")) == 8  # 2 pairs × (1 + 3 retries)


async def test_a_tune_run_whose_alias_is_denied_says_why_and_leaves_nothing(account: Any) -> None:
    from tests.tune.helpers import snapshot, tunable
    from tests.ui.test_tune import _start

    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("CreateAlias", faults.access_denied(), calls=2)  # the second size's alias
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(80, 24)) as pilot:
            run = await _start(pilot, "128,512", "2")
            await wait_until(pilot, lambda: run.outcome is not None, timeout=60)
            await settle(pilot)
            assert run.outcome is not None and run.outcome.status == "failed"
            text = screen_text(app)
            assert "lambda:CreateAlias" in text and "256 MB" in text, text
            _no_traceback(app)
    assert snapshot(lam) == before  # memory restored, the run's versions and alias deleted


async def test_the_code_pane_denied_says_so_in_place_and_the_view_works_on(
    account: Any,
) -> None:
    from lambdatui.ui.code.pane import CodePane

    make_function(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        app = make_app(proxy.url, account.region, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _open(pilot)
            await wait_until(pilot, lambda: "python3" in screen_text(app))
            seen = proxy.count("GetFunction")  # the view's own; from now on, the pane's
            proxy.on("GetFunction", faults.access_denied(), calls=tuple(range(seen + 1, 99)))
            await press_id(pilot, "function.tab-code")
            assert app.screen.query_one(CodePane).showing
            said = "lambda:GetFunction"
            await wait_until(
                pilot, lambda: said in screen_text(app) + "\n".join(notifications(app))
            )
            await press_id(pilot, "function.tab-configuration")
            await wait_until(pilot, lambda: "python3" in screen_text(app))
            _no_traceback(app)
    assert proxy.faulted("GetFunction")


async def test_logs_polling_with_expired_credentials_keeps_its_lines_and_says_the_fix(
    account: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.logs_helpers import make_function as make_logging
    from tests.logs_helpers import put_lines, today
    from tests.ui.test_logs import LIVE_ONLY, open_logs

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAOLDKEY")
    make_logging(account, "polled")
    stream = f"{today()}/[$LATEST]feedface"
    with fault_proxy(account.endpoint_url) as proxy:
        app = make_app(proxy.url, account.region, config=LIVE_ONLY)
        app.logs_mode = "polling"
        async with app.run_test(size=(120, 24)) as pilot:
            screen = await open_logs(pilot, "polled")
            put_lines(account, "/aws/lambda/polled", stream, "before the expiry")
            await wait_until(pilot, lambda: "before the expiry" in screen_text(app))
            proxy.on("*", faults.expired_token(), signed_by="AKIAOLDKEY")
            said = "FilterLogEvents refused (Credentials expired): Run `aws sso login`"
            await wait_until(pilot, lambda: said in screen_text(app), timeout=10)
            assert "before the expiry" in screen_text(app) and screen.view.total == 1
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANEWKEY")  # renewed elsewhere
            put_lines(account, "/aws/lambda/polled", stream, "after the renewal")
            await press_id(pilot, "logs.live-tail")  # r: look now
            await wait_until(pilot, lambda: "after the renewal" in screen_text(app), timeout=10)
            assert screen.view.total == 2  # none lost, none twice
            _no_traceback(app)
