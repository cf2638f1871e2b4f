"""The shift engine against the local account, on a fast clock: each guard trips (or does not
below its minimum), canary and linear runs end at 100% on the new version, someone else's
change stops it, read-only sends nothing, and the saved state follows every change."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from lambdatui.release.plan import parse_plan, parse_steps
from lambdatui.release.shift import ShiftRefused, prepare, unfinished
from lambdatui.release.state import DONE, KEPT, ROLLED_BACK, STOPPED, Guards
from lambdatui.store import journal, shifts
from tests.release.helpers import BROKEN, gateway, released, shift, traffic, waits
from tests.wire import delayed_proxy


def _alias(lam: Any) -> tuple[str, dict[str, float]]:
    alias = lam.get_alias(FunctionName="shop", Name="live")
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return alias["FunctionVersion"], weights


async def test_a_canary_ends_at_100_percent_on_the_new_version(account: Any) -> None:
    lam = released(account.endpoint_url)
    # one invocation of version 2 to judge on, so the step ends with its hold (see below for
    # a minimum not reached)
    end, events, clock = await shift(
        account.endpoint_url, parse_plan("canary10-5m"), Guards(0.01, 1)
    )
    assert end.status == DONE
    assert _alias(lam) == ("2", {})
    steps = [(e.kind, e.state.weight) for e in events if e.kind != "check"]
    assert steps == [("step", 0.1), ("done", 1.0)]
    assert clock.slept == 300  # the 5 minutes held, in 30 s checks
    checks = [e for e in events if e.kind == "check"]
    assert len(checks) == 10 and checks[-1].remaining_s == 0
    # both versions ran through the alias during the hold, and the guard saw them
    last = checks[-1].reading
    assert last is not None and last.new.invocations + last.old.invocations >= 90
    assert last.new.errors == 0 and last.new.invocations > 0
    saved = shifts.load(end.place, "shop", "live")
    assert saved["status"] == "done" and saved["weight"] == 1.0
    assert [a["subject"] for a in journal.actions()] == [
        "live → 1, 10% (1 → 2 shift)",
        "live → 2, 100% (1 → 2 shift)",
    ]


async def test_a_linear_shift_moves_in_equal_steps_to_100_percent(account: Any) -> None:
    lam = released(account.endpoint_url)
    end, events, _clock = await shift(
        account.endpoint_url,
        parse_plan("linear25-1m"),
        Guards(0.01, 0),  # the steps' weights, not the guard: no minimum to wait for
        per_sleep=1,
        check_every=60,
    )
    assert end.status == DONE and _alias(lam) == ("2", {})
    assert [e.state.weight for e in events if e.kind == "step"] == [0.25, 0.5, 0.75]


async def test_errors_over_the_threshold_roll_back_at_once(account: Any) -> None:
    lam = released(account.endpoint_url, second=BROKEN)
    end, events, _clock = await shift(
        account.endpoint_url, parse_steps("50:10m,100"), Guards(0.01, 5), per_sleep=20
    )
    assert end.status == ROLLED_BACK
    assert _alias(lam) == ("1", {})
    assert "version 2 failed" in end.reason and "over the 1% allowed" in end.reason
    last = events[-1]
    assert last.kind == "rollback" and last.reading is not None
    assert last.reading.new.errors == last.reading.new.invocations >= 5
    assert not any(e.kind == "done" for e in events)
    assert unfinished() == []  # rolled back is an ending, not an unfinished shift


async def test_below_the_minimum_invocations_it_neither_trips_nor_goes_on(account: Any) -> None:
    """Too few invocations to judge: no rollback on them, and no next step either (a version
    failing every call of a quiet alias must not reach 100% unjudged); it waits, saying so,
    until the guard can judge or the user ends it."""
    lam = released(account.endpoint_url, second=BROKEN)
    end, events, _clock = await shift(
        account.endpoint_url,
        parse_steps("10:1m,100"),
        Guards(0.01, 1000),
        per_sleep=10,
        keep_after_waits=3,
    )
    assert end.status == KEPT and _alias(lam) == ("1", {"2": 0.1})  # held at its first step
    waited = waits(events)
    assert "waiting for 1000 invocations of version 2 before the next step" in waited[0].message
    assert waited[-1].reading is not None and 0 < waited[-1].reading.new.errors < 1000
    assert not any(e.kind in ("rollback", "done") for e in events)


async def test_once_the_minimum_is_seen_the_next_step_follows(account: Any) -> None:
    released(account.endpoint_url)
    end, events, _clock = await shift(
        account.endpoint_url, parse_steps("10:30s,100"), Guards(0.01, 8), per_sleep=10
    )
    assert end.status == DONE
    # 10% of 10 calls a check: the one 30 s check of the hold saw too few to judge on
    assert "waiting for 8 invocations" in waits(events)[0].message
    assert max(e.reading.new.invocations for e in events if e.reading) >= 8


async def test_an_alarm_in_alarm_rolls_back(account: Any) -> None:
    lam = released(account.endpoint_url)
    cw = boto3.client("cloudwatch", endpoint_url=account.endpoint_url, region_name="us-east-1")
    cw.put_metric_alarm(
        AlarmName="shop-latency",
        MetricName="Duration",
        Namespace="AWS/Lambda",
        Statistic="Average",
        Period=60,
        EvaluationPeriods=1,
        Threshold=1000.0,
        ComparisonOperator="GreaterThanThreshold",
    )
    flipped = []

    def listener_alarm(event: Any) -> None:
        if event.kind == "step" and not flipped:
            cw.set_alarm_state(AlarmName="shop-latency", StateValue="ALARM", StateReason="slow")
            flipped.append(True)

    end, events, _clock = await _with_listener(
        account, Guards(alarm="shop-latency"), listener_alarm
    )
    assert end.status == ROLLED_BACK and end.reason == "alarm shop-latency is in ALARM"
    assert _alias(lam) == ("1", {})
    assert events[-1].reading is not None and events[-1].reading.alarm == "ALARM"


async def _with_listener(account: Any, guards: Guards, also: Any) -> Any:
    import time

    from lambdatui.release.shift import ShiftEngine
    from tests.release.helpers import FastClock, lam_of

    clock = FastClock(lam_of(account.endpoint_url), "shop", 2, time.time())
    events: list[Any] = []

    def listener(event: Any) -> None:
        events.append(event)
        also(event)

    async with gateway(account.endpoint_url) as gw:
        state = await prepare(gw, "shop", "live", "2", parse_plan("canary10-5m"), guards, clock)
        engine = ShiftEngine(
            gw, state, listener=listener, clock=clock, sleep=clock.sleep, check_every=30
        )
        end = await engine.run()
    return end, events, clock


async def test_an_unknown_alarm_is_refused_before_anything_changes(account: Any) -> None:
    from lambdatui.aws.errors import NotFound

    lam = released(account.endpoint_url)
    with pytest.raises(NotFound, match="No CloudWatch alarm is named 'nope'"):
        await shift(account.endpoint_url, parse_plan("all"), Guards(alarm="nope"))
    assert _alias(lam) == ("1", {})


async def test_a_change_by_someone_else_stops_the_shift_and_overwrites_nothing(
    account: Any,
) -> None:
    lam = released(account.endpoint_url)

    def someone_else(event: Any) -> None:
        if event.kind == "step":
            lam.update_alias(
                FunctionName="shop",
                Name="live",
                FunctionVersion="1",
                RoutingConfig={"AdditionalVersionWeights": {"2": 0.3}},
            )

    end, events, _clock = await _with_listener(account, Guards(), someone_else)
    assert end.status == STOPPED
    assert end.reason == (
        "shop:live was changed by someone else: it is now → 1 (30% to 2); nothing was overwritten"
    )
    assert _alias(lam) == ("1", {"2": 0.3})  # left as they set it
    assert [e.kind for e in events if e.kind != "check"] == ["step", "stopped"]


async def test_read_only_sends_nothing_that_changes_the_alias(account: Any) -> None:
    lam = released(account.endpoint_url)
    with delayed_proxy(account.endpoint_url) as (url, seen):
        end, _events, _clock = await shift(url, parse_plan("all"), read_only=True)
    assert end.status == STOPPED and "nothing changed" in end.reason
    assert "GET /2015-03-31/functions/shop/aliases/live" in seen  # it went through the proxy
    assert [s for s in seen if not s.startswith("GET") and "GetMetricData" not in s] == []
    assert _alias(lam) == ("1", {})
    assert unfinished() == []


async def test_what_cannot_be_shifted_is_refused_in_one_line(account: Any) -> None:
    lam = released(account.endpoint_url)
    async with gateway(account.endpoint_url) as gw:
        plan = parse_plan("all")
        with pytest.raises(ShiftRefused, match="points at version 1 already"):
            await prepare(gw, "shop", "live", "1", plan, Guards())
        with pytest.raises(ShiftRefused, match="a published version"):
            await prepare(gw, "shop", "live", "$LATEST", plan, Guards())
        lam.update_alias(
            FunctionName="shop",
            Name="live",
            RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}},
        )
        with pytest.raises(ShiftRefused, match="already routes traffic to version 2"):
            await prepare(gw, "shop", "live", "3", plan, Guards())


def test_traffic_through_the_alias_follows_its_weights(account: Any) -> None:
    lam = released(account.endpoint_url)
    lam.update_alias(
        FunctionName="shop", Name="live", RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}}
    )
    ran = traffic(lam, "shop", 40)
    assert set(ran) == {"1", "2"}
