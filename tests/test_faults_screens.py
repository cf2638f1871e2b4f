"""The newer screens' reads under faults (docs/faults.md, the rows for the metrics pane and
list column, durable executions, the code pane, the fleet), at the gateway, through the real
fault-injecting proxy: throttled, a 5xx and a reset are retried by the SDK and the read
completes; a denial names the action and expired credentials name the fix, each sent once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from lambdatui.aws import errors, metrics
from lambdatui.aws.fleet import DONE, FAILED, PairStatus, iter_fleet
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from tests import faults
from tests.aws.test_edit import make_function
from tests.durable_helpers import make_flow
from tests.faults import fault_proxy

pytestmark = pytest.mark.slow

WINDOW = metrics.window("1h", datetime.now(UTC), 60)

#: screen → (operation, the function it needs, the read its screen makes)
READS: dict[str, tuple[str, Callable[[Any], Any], Callable[[Gateway], Awaitable[Any]]]] = {
    "metrics pane": (
        "GetMetricData",
        make_function,
        lambda gw: gw.pane_metrics("shop", None, WINDOW),
    ),
    "list column": (
        "GetMetricData",
        make_function,
        lambda gw: gw.function_activity(["shop"], WINDOW),
    ),
    "durable executions": (
        "ListDurableExecutionsByFunction",
        make_flow,
        lambda gw: gw.list_durable_executions("flow"),
    ),
    "code pane": ("GetFunction", make_function, lambda gw: gw.function_code("shop")),
}

RETRIED = {
    "throttled": (faults.throttled(), (1,)),
    "5xx": (faults.server_error(503), (1, 2)),
    "reset": (faults.reset_before(), (1,)),
}
REFUSED = {
    "denied": (faults.access_denied(), errors.AccessDenied),
    "expired": (faults.expired_token(), errors.ExpiredCredentials),
}


@pytest.mark.parametrize("fault", list(RETRIED))
@pytest.mark.parametrize("screen", list(READS))
async def test_a_newer_screens_read_is_retried_and_completes(
    account: Any, screen: str, fault: str
) -> None:
    operation, setup, read = READS[screen]
    setup(account)
    injected, calls = RETRIED[fault]
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on(operation, injected, calls=calls)
        async with Gateway(resolve_target(endpoint_url=proxy.url, region=account.region)) as gw:
            assert await read(gw) is not None
    assert len(proxy.faulted(operation)) == len(calls)
    # each failure asked again, then whole (a reset GET may be re-asked by aiohttp itself,
    # below botocore's count: the count on the wire is the proof)
    assert proxy.count(operation) == len(calls) + 1


@pytest.mark.parametrize("fault", list(REFUSED))
@pytest.mark.parametrize("screen", list(READS))
async def test_a_newer_screens_read_refused_names_the_action_or_the_fix_sent_once(
    account: Any, screen: str, fault: str
) -> None:
    operation, setup, read = READS[screen]
    setup(account)
    injected, kind = REFUSED[fault]
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on(operation, injected)
        async with Gateway(resolve_target(endpoint_url=proxy.url, region=account.region)) as gw:
            with pytest.raises(kind) as caught:
                await read(gw)
    assert proxy.count(operation) == 1
    if fault == "denied":
        assert operation in caught.value.action  # type: ignore[attr-defined]
    else:
        assert "aws sso login" in caught.value.hint and "press r" in caught.value.hint


async def test_a_fleet_pair_failing_says_so_and_the_others_load(account: Any) -> None:
    make_function(account)
    with (
        fault_proxy(account.endpoint_url) as bad,
        fault_proxy(account.endpoint_url) as good,
    ):
        bad.on("ListFunctions", faults.server_error(500))  # every attempt
        targets = [
            resolve_target(endpoint_url=bad.url, region="eu-west-1"),
            resolve_target(endpoint_url=good.url, region=account.region),
        ]
        last: dict[str, PairStatus] = {}
        rows: dict[str, int] = {}
        async for event in iter_fleet(targets):
            if isinstance(event, PairStatus):
                last[event.region] = event
            else:
                rows[event.region] = rows.get(event.region, 0) + len(event.rows)
    failed, loaded = last["eu-west-1"], last[account.region]
    assert failed.state == FAILED and "Service error" in failed.text, failed.text
    assert loaded.state == DONE and loaded.count == 1 and rows == {account.region: 1}
    assert bad.count("ListFunctions") == 4  # one request and three retries, then its status
