"""Durable executions through the gateway, on the local account: listed newest first and
filtered, one execution's data, its history as a timeline, Stop (refused under read-only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from lambdatui.aws import errors
from lambdatui.aws.durable_gateway import timeline
from lambdatui.aws.gateway import Gateway, is_read_operation
from lambdatui.aws.target import resolve_target
from tests.durable_helpers import make_flow, settled, start


def _target(account, **kw):  # type: ignore[no-untyped-def]
    return resolve_target(endpoint_url=account.endpoint_url, region=account.region, **kw)


def _start_flow(account):  # type: ignore[no-untyped-def]
    lam = make_flow(account)
    arns = {
        "ok": start(lam, "o-1", {"order": "1", "coolOff": 0}),
        "declined": start(lam, "o-2", {"order": "2", "card": "declined", "coolOff": 0}),
        "long": start(lam, "o-3", {"order": "3", "coolOff": 3600}),
    }
    assert settled(lam, arns["ok"]) == "SUCCEEDED"
    assert settled(lam, arns["declined"]) == "FAILED"
    return arns


@pytest.fixture
def flow(account):  # type: ignore[no-untyped-def]
    return _start_flow(account)


@pytest.fixture(scope="module")
def _module_flow() -> dict[str, Any]:
    """The local account's generation when this module last started its executions, and them."""
    return {}


@pytest.fixture
def shared_flow(local_account, _module_flow):  # type: ignore[no-untyped-def]
    """``flow``'s executions, started once for this module's tests that only read them (and
    again only if something reset the account meanwhile, as ``shared_demo`` does)."""
    if _module_flow.get("generation") != local_account.generation:
        local_account.reset()
        _module_flow["arns"] = _start_flow(local_account)
        _module_flow["generation"] = local_account.generation
    return _module_flow["arns"]


@pytest.mark.slow
async def test_executions_are_listed_newest_first_and_filtered(local_account, shared_flow) -> None:  # type: ignore[no-untyped-def]
    async with Gateway(_target(local_account)) as gw:
        executions, more = await gw.list_durable_executions("flow")
        assert [e.name for e in executions] == ["o-3", "o-2", "o-1"] and not more
        by_name = {e.name: e for e in executions}
        assert by_name["o-3"].running and by_name["o-3"].duration_s is None
        assert by_name["o-1"].status == "SUCCEEDED" and by_name["o-1"].version == "1"
        assert by_name["o-1"].duration_s is not None and by_name["o-1"].duration_s > 0
        failed, _ = await gw.list_durable_executions("flow", statuses=["FAILED"])
        assert [e.name for e in failed] == ["o-2"]
        future = datetime.now(UTC) + timedelta(hours=1)
        none, _ = await gw.list_durable_executions("flow", started_after=future)
        assert none == []
        two, more = await gw.list_durable_executions("flow", limit=2)
        assert [e.name for e in two] == ["o-3", "o-2"] and more


async def test_one_execution_has_its_input_and_result_or_error(local_account, shared_flow) -> None:  # type: ignore[no-untyped-def]
    async with Gateway(_target(local_account)) as gw:
        ok = await gw.get_durable_execution(shared_flow["ok"])
        failed = await gw.get_durable_execution(shared_flow["declined"])
    assert ok.execution.status == "SUCCEEDED" and ok.version == "1"
    assert '"order": "1"' in (ok.input or "") and '"shipped"' in (ok.result or "")
    assert ok.error is None and ok.execution_timeout_s == 3600
    assert failed.result is None and failed.error is not None
    assert failed.error.headline == "ValueError: card declined"


async def test_the_history_becomes_one_row_per_step_with_retries_and_waits(
    local_account: Any, shared_flow: dict[str, str]
) -> None:
    async with Gateway(_target(local_account)) as gw:
        events = await gw.get_durable_history(shared_flow["declined"])
        running = timeline(await gw.get_durable_history(shared_flow["long"]))
    rows = timeline(events)
    assert [(r.name, r.kind, r.outcome) for r in rows] == [
        ("validate-order", "step", "succeeded"),
        ("reserve-stock", "step", "succeeded"),
        ("invocation 1", "invoke", "completed"),
        ("cool-off", "wait", "succeeded"),
        ("charge-card", "step", "failed"),
        ("invocation 2", "invoke", "completed"),
    ]
    reserve, charge = rows[1], rows[4]
    assert reserve.attempts == 2 and reserve.retries == 1
    assert reserve.duration_s == pytest.approx(0.05 + 1 + 0.05, abs=0.01)  # with the retry delay
    assert charge.error is not None and charge.error.headline == "ValueError: card declined"
    assert rows[3].wait_s == 0
    wait = running[-1]
    assert (wait.name, wait.outcome, wait.wait_s, wait.ended) == ("cool-off", "waiting", 3600, None)
    assert wait.wait_until is not None and wait.started is not None
    assert wait.wait_until - wait.started == timedelta(hours=1)


async def test_read_only_refuses_stop_inside_the_gateway(local_account, shared_flow) -> None:  # type: ignore[no-untyped-def]
    assert not is_read_operation("StopDurableExecution")
    assert is_read_operation("ListDurableExecutionsByFunction")
    assert is_read_operation("GetDurableExecutionHistory")
    async with Gateway(_target(local_account, read_only=True)) as gw:
        with pytest.raises(errors.ReadOnlyRefused, match="StopDurableExecution"):
            await gw.stop_durable_execution(shared_flow["long"])
        detail = await gw.get_durable_execution(shared_flow["long"])
    assert detail.execution.status == "RUNNING"


@pytest.mark.slow
async def test_stop_ends_a_running_execution(account, flow) -> None:  # type: ignore[no-untyped-def]
    async with Gateway(_target(account)) as gw:
        stopped_at = await gw.stop_durable_execution(flow["long"])
        detail = await gw.get_durable_execution(flow["long"])
        rows = timeline(await gw.get_durable_history(flow["long"]))
        with pytest.raises(errors.ValidationFailed):
            await gw.stop_durable_execution(flow["ok"])  # only a RUNNING one
    assert stopped_at is not None
    assert detail.execution.status == "STOPPED"
    assert detail.error is not None and detail.error.message == "Stopped from lambdatui"
    assert rows[-1].name == "cool-off" and rows[-1].outcome == "cancelled"
