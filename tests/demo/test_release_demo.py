"""The demo's release flow, as the issue's demo runs it: publish coupon-validator's next release
and shift ``live`` to it under steady traffic (it ends at 100%), then loyalty-points' broken
one (the guard rolls it back on its own); and the local account's metrics for an alias carry
the version that ran, visible to GetMetricData at once (what the guard reads)."""

from __future__ import annotations

import time
from typing import Any

import boto3

from lambdatui.demo.release_seed import BROKEN, GOOD, TRAFFIC
from lambdatui.demo.seed import seed_demo
from lambdatui.demo.traffic import SteadyTraffic
from lambdatui.release.guards import read_counts
from lambdatui.release.plan import parse_steps
from lambdatui.release.shift import ShiftEngine, prepare
from lambdatui.release.state import DONE, ROLLED_BACK, Guards
from tests.release.helpers import gateway, released, traffic


def _alias(lam: Any, name: str) -> tuple[str, dict[str, float]]:
    alias = lam.get_alias(FunctionName=name, Name="live")
    return alias["FunctionVersion"], alias.get("RoutingConfig", {}).get(
        "AdditionalVersionWeights", {}
    )


async def _shift(account: Any, name: str, steps: str) -> Any:
    events: list[Any] = []
    async with gateway(account.endpoint_url) as gw:
        state = await prepare(gw, name, "live", "2", parse_steps(steps), Guards(0.01, 3))
        engine = ShiftEngine(gw, state, listener=events.append, check_every=0.3)
        return await engine.run(), events


async def test_publish_then_shift_the_good_release_and_see_the_broken_one_rolled_back(
    account: Any,
) -> None:
    seed_demo(account.endpoint_url, account.region)
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    for name in (GOOD, BROKEN):
        assert _alias(lam, name) == ("1", {})
        assert lam.publish_version(FunctionName=name)["Version"] == "2"  # $LATEST is new
    flow = SteadyTraffic(account.endpoint_url, account.region, per_second=10).start()
    try:
        good, events = await _shift(account, GOOD, "30:2s,100")
        assert good.status == DONE and _alias(lam, GOOD) == ("2", {})
        seen = [e.reading for e in events if e.kind == "check" and e.reading]
        assert seen[-1].new.invocations > 0 and seen[-1].old.invocations > 0  # counts moved
        assert seen[-1].new.errors == 0

        bad, events = await _shift(account, BROKEN, "30:60s,100")
        assert bad.status == ROLLED_BACK and _alias(lam, BROKEN) == ("1", {})
        assert "version 2 failed" in bad.reason
        assert events[-1].kind == "rollback"
    finally:
        flow.stop()
    assert flow.sent > 0
    assert {(name, alias) for name, alias, _event in TRAFFIC} == {(GOOD, "live"), (BROKEN, "live")}


async def test_alias_metrics_carry_the_executed_version_at_once(account: Any) -> None:
    lam = released(account.endpoint_url)
    lam.update_alias(
        FunctionName="shop", Name="live", RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}}
    )
    started = time.time()
    ran = traffic(lam, "shop", 30)
    async with gateway(account.endpoint_url) as gw:
        counts = await read_counts(gw, "shop", "live", ("1", "2"), started, time.time())
    assert {v: c.invocations for v, c in counts.items()} == {"1": ran["1"], "2": ran["2"]}
    assert ran["1"] > 0 and ran["2"] > 0  # routed by the weights, both ways
