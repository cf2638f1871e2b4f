"""Snapshot of a durable execution's step timeline at 80x24, on the seeded demo account: a
failed order (a retried step, a wait, the failing charge). Offsets from the execution's start
and the clock three days ahead make it the same on every run."""

from __future__ import annotations

import boto3
import pytest

from lambdatui.demo.seed import seed_demo
from tests.demo.conftest import wait_for
from tests.ui.helpers import make_app, press_id, settle


@pytest.fixture
def demo_account(account):  # type: ignore[no-untyped-def]
    seed_demo(account.endpoint_url, account.region)
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)

    def ended() -> bool:
        found = lam.list_durable_executions_by_function(
            FunctionName="order-workflow", Statuses=["FAILED"]
        )["DurableExecutions"]
        return bool(found)

    wait_for(ended)  # order-1002 has played its steps (about 3 s)
    return account


@pytest.mark.slow
def test_execution_timeline(snap_compare, demo_account) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press_id(pilot, "functions.filter")
        await pilot.press(*"order-workflow")
        await press_id(pilot, "filter.done")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "function.executions")
        await settle(pilot)
        pilot.app.screen.table.move_cursor_to_key(
            next(e.arn for e in pilot.app.screen.table.visible_rows() if e.name == "order-1002")
        )
        await press_id(pilot, "executions.open")
        await settle(pilot)

    app = make_app(demo_account.endpoint_url, demo=True, use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
