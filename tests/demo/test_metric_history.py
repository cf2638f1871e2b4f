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


async def test_the_spike_s_errors_are_in_the_logs_and_the_seeding_s_runs_in_the_past(
    account: Any,
) -> None:
    """What the pane's ``w`` relies on: the minute payment-webhook's Errors peak has declined
    payments in its logs (within the next two minutes: a sample, every other minute); and the
    invocations the seeding ran, dated back with their log lines, took their metrics along
    (nothing published in the seeding's own minutes)."""
    from lambdatui.demo.seed import seed_demo

    from .conftest import client

    seed_demo(account.endpoint_url, account.region)
    now = datetime.now(UTC)
    async with _gateway(account.endpoint_url) as gw:
        hour = await gw.pane_metrics("payment-webhook", None, metrics.window("1h", now, 60))
        recent = await gw.pane_metrics(
            "payment-webhook", None, metrics.Window(now - timedelta(minutes=3), now, 60)
        )
    errors = hour.get("Errors", "Sum")
    assert errors is not None
    worst, most = max(errors.points(), key=lambda point: point[1] or 0)
    assert most and most > 1
    spike_from = now - timedelta(minutes=metric_history.SPIKE_START + 1)
    assert spike_from <= worst <= spike_from + timedelta(minutes=metric_history.SPIKE_MINUTES + 1)
    start = int(worst.timestamp() * 1000)
    lines = client(account, "logs").filter_log_events(
        logGroupName="/aws/lambda/payment-webhook",
        startTime=start,
        endTime=start + 180_000,
        filterPattern="PaymentDeclinedError",
    )["events"]
    assert lines
    calls = recent.get("Invocations", "Sum")
    assert calls is None or not calls.total()
