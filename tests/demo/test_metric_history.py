"""The seeded demo's week of metrics: something worth seeing in the monitoring pane and list."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from lambdatui.aws import metrics
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.demo import metric_history
from tests.demo_time import SEEDED_AT


def _gateway(endpoint: str) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1"))


def test_buckets_cover_the_week_without_overlap() -> None:
    found = list(metric_history.buckets(SEEDED_AT))
    assert [size for _, size in found[:180]] == [60] * 180
    covered = sum(size for _, size in found)
    assert 7 * 86400 - 3600 <= covered <= 7 * 86400
    starts = [start for start, _ in found]
    assert starts == sorted(starts, reverse=True) and len(set(starts)) == len(starts)
    for (newer, _), (older, size) in itertools.pairwise(found):
        assert older + timedelta(seconds=size) <= newer


def test_afternoons_are_busier_than_nights() -> None:
    night = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    assert metric_history.rhythm(night.replace(hour=14)) > 5 * metric_history.rhythm(night)


@pytest.mark.slow
async def test_the_seeded_week_has_a_rhythm_a_spike_and_throttles(shared_demo: Any) -> None:
    week = metrics.window("1w", SEEDED_AT, 168)  # an hour a point
    hour = metrics.window("3h", SEEDED_AT, 180)  # a minute a point
    async with _gateway(shared_demo.endpoint_url) as gw:
        orders = await gw.pane_metrics("orders-api", None, week)
        payments = await gw.pane_metrics("payment-webhook", None, hour)
        reports = await gw.pane_metrics("report-generator", None, hour)
        live = await gw.pane_metrics("orders-api", "live", hour, executed_versions=["3", "4"])
        idle = await gw.function_activity(["hello-world", "orders-api"], hour)
    calls = orders.get("Invocations", "Sum")
    assert calls is not None
    by_hour = {t.hour: v for t, v in calls.points() if t.date() == datetime(2026, 3, 2).date()}
    assert by_hour[14] > 3 * by_hour[3]
    rate = payments.error_rate()
    assert rate is not None and max(v for v in rate.values if v is not None) >= 50
    spike = SEEDED_AT - timedelta(minutes=metric_history.SPIKE_START - 5)
    assert dict(rate.points())[spike] >= 50
    throttles = reports.get("Throttles", "Sum")
    assert throttles is not None and (throttles.total() or 0) > 0
    p99, p50 = payments.get("Duration", "p99"), payments.get("Duration", "p50")
    assert p99 is not None and p50 is not None and (p99.peak() or 0) > (p50.peak() or 0)
    v3, v4 = live.get("Invocations", "Sum", "3"), live.get("Invocations", "Sum", "4")
    assert v3 is not None and v4 is not None and (v3.total() or 0) > 5 * (v4.total() or 1)
    assert idle["hello-world"].total_invocations is None  # never invoked: no data, not 0
    assert (idle["orders-api"].total_invocations or 0) > 100
