"""The metrics calls of the gateway (GetMetricData), against the local account and plain moto.

Datapoints are written with PutMetricData under the dimensions Lambda uses, so each test knows
exactly what CloudWatch holds; one test invokes a real function and reads what it published.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from lambdatui.aws import errors, metrics
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.metrics_gateway import NO_PERCENTILES
from lambdatui.aws.target import resolve_target
from tests.wire import canned_endpoint

NOW = datetime(2026, 12, 6, 10, 7, 31, tzinfo=UTC)


def _gateway(endpoint: str) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1"))


def _cloudwatch(endpoint: str) -> Any:
    return boto3.client("cloudwatch", endpoint_url=endpoint, region_name="us-east-1")


def put(
    endpoint: str, name: str, function: str, points: dict[datetime, list[float]], **dims: str
) -> None:
    """PutMetricData: ``points`` (moment → raw values) under FunctionName (+ ``dims``)."""
    dimensions = [{"Name": "FunctionName", "Value": function}]
    dimensions += [{"Name": k, "Value": v} for k, v in dims.items()]
    _cloudwatch(endpoint).put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[
            {"MetricName": name, "Dimensions": dimensions, "Timestamp": when, "Values": values}
            for when, values in points.items()
        ],
    )


def _minutes_ago(n: int) -> datetime:
    return NOW.replace(second=0) - timedelta(minutes=n) + timedelta(seconds=5)


@pytest.mark.slow
async def test_the_pane_gets_every_series_in_one_request_with_gaps(account: Any) -> None:
    put(
        account.endpoint_url,
        "Invocations",
        "orders",
        {_minutes_ago(5): [1, 1, 1], _minutes_ago(2): [1]},
    )
    put(
        account.endpoint_url, "Errors", "orders", {_minutes_ago(5): [1, 0, 0], _minutes_ago(2): [0]}
    )
    put(
        account.endpoint_url,
        "Duration",
        "orders",
        {_minutes_ago(5): [float(v) for v in range(1, 101)]},
    )
    put(account.endpoint_url, "Invocations", "other", {_minutes_ago(5): [7]})
    win = metrics.window("1h", NOW, 120)
    before = account.metrics_knobs.requests
    async with _gateway(account.endpoint_url) as gw:
        pane = await gw.pane_metrics("orders", None, win)
    assert account.metrics_knobs.requests - before == 1
    calls = pane.get("Invocations", "Sum")
    assert calls is not None and calls.total() == 4.0
    assert len(calls.values) == 60 and calls.values.count(None) == 58  # gaps, not zeros
    assert dict(calls.points())[_minutes_ago(5).replace(second=0)] == 3.0
    rate = pane.error_rate()
    assert rate is not None and [round(v) for v in rate.values if v is not None] == [33, 0]
    p99 = pane.get("Duration", "p99")
    p50 = pane.get("Duration", "p50")
    assert p99 is not None and p99.peak() == 99.0 and p50 is not None and p50.peak() == 50.0
    throttles = pane.get("Throttles", "Sum")
    assert throttles is not None and throttles.total() is None
    assert pane.notes == ()


async def test_a_qualifier_reads_its_own_resource(account: Any) -> None:
    put(
        account.endpoint_url,
        "Invocations",
        "orders",
        {_minutes_ago(3): [1, 1]},
        Resource="orders:live",
    )
    put(account.endpoint_url, "Invocations", "orders", {_minutes_ago(3): [1]}, Resource="orders:3")
    win = metrics.window("1h", NOW, 120)
    async with _gateway(account.endpoint_url) as gw:
        live = await gw.pane_metrics("orders", "live", win)
        whole = await gw.pane_metrics("orders", "$LATEST", win)
    assert live.get("Invocations", "Sum").total() == 2.0  # type: ignore[union-attr]
    assert whole.get("Invocations", "Sum").total() is None  # type: ignore[union-attr]


async def test_the_list_asks_many_functions_in_requests_of_500_queries(account: Any) -> None:
    names = [f"fn-{i:03}" for i in range(260)]
    cw = _cloudwatch(account.endpoint_url)
    for start in range(0, len(names), 100):
        cw.put_metric_data(
            Namespace="AWS/Lambda",
            MetricData=[
                {
                    "MetricName": "Invocations",
                    "Dimensions": [{"Name": "FunctionName", "Value": name}],
                    "Timestamp": _minutes_ago(10),
                    "Value": float(i + 1),
                }
                for i, name in enumerate(names[start : start + 100], start)
            ],
        )
    put(account.endpoint_url, "Errors", "fn-007", {_minutes_ago(10): [2]})
    win = metrics.window("1h", NOW, 12)
    before = account.metrics_knobs.requests
    async with _gateway(account.endpoint_url) as gw:
        activity = await gw.function_activity(names, win)
    assert account.metrics_knobs.requests - before == 2  # 520 queries
    assert len(activity) == 260
    assert activity["fn-259"].total_invocations == 260.0
    assert activity["fn-007"].total_errors == 2.0 and activity["fn-008"].total_errors is None
    assert len(activity["fn-000"].invocations.values) == win.points


async def test_every_nexttoken_page_is_followed(account: Any) -> None:
    put(account.endpoint_url, "Invocations", "orders", {_minutes_ago(n): [1] for n in range(1, 41)})
    account.metrics_knobs.max_datapoints = 15
    win = metrics.window("1h", NOW, 120)
    before = account.metrics_knobs.requests
    async with _gateway(account.endpoint_url) as gw:
        pane = await gw.pane_metrics("orders", None, win)
    assert account.metrics_knobs.requests - before == 3
    calls = pane.get("Invocations", "Sum")
    assert calls is not None and calls.total() == 40.0 and calls.status == "Complete"


async def test_a_denied_getmetricdata_names_the_action(account: Any) -> None:
    account.metrics_knobs.denied.add("GetMetricData")
    async with _gateway(account.endpoint_url) as gw:
        with pytest.raises(errors.AccessDenied) as caught:
            await gw.pane_metrics("orders", None, metrics.window("1h", NOW, 60))
    assert caught.value.action == "cloudwatch:GetMetricData"


@pytest.mark.slow
async def test_an_unreachable_endpoint_is_said_so() -> None:
    async with _gateway("http://127.0.0.1:9") as gw:
        with pytest.raises(errors.EndpointUnreachable):
            await gw.function_activity(["f"], metrics.window("1h", NOW, 12))


@pytest.mark.slow
async def test_throttling_is_reported_as_throttled() -> None:
    with canned_endpoint(400, "Throttling", "Rate exceeded") as (endpoint, seen):
        async with _gateway(endpoint) as gw:
            with pytest.raises(errors.Throttled, match="cloudwatch:GetMetricData"):
                await gw.function_activity(["f"], metrics.window("1h", NOW, 12))
    assert len(seen) > 1  # botocore's own retries first, then the user is told


async def test_the_cloudwatch_endpoint_variable_is_honoured(
    account: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDWATCH", account.endpoint_url)
    target = resolve_target(region="us-east-1")
    assert target.endpoint_for("cloudwatch") == account.endpoint_url
    assert target.endpoint_for("lambda") is None


async def test_invocations_of_a_real_function_are_published(account: Any) -> None:
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name="us-east-1")
    iam = boto3.client("iam", endpoint_url=account.endpoint_url, region_name="us-east-1")
    from tests.demo.conftest import TRUST, zip_of

    role = iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    code = (  # 5 ms of work: a bare return can take under the REPORT line's 0.01 ms
        "import time\n"
        "def handler(event, context):\n"
        "    time.sleep(0.005)\n"
        "    if event.get('fail'):\n"
        "        raise ValueError('no')\n"
        "    return 1\n"
    )
    lam.create_function(
        FunctionName="calc",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": zip_of({"app.py": code})},
    )
    for event in ({}, {}, {"fail": True}):
        lam.invoke(FunctionName="calc", Payload=json.dumps(event).encode())
    win = metrics.window("1h", datetime.now(UTC), 60)
    async with _gateway(account.endpoint_url) as gw:
        pane = await gw.pane_metrics("calc", None, win)
    assert pane.get("Invocations", "Sum").total() == 3.0  # type: ignore[union-attr]
    assert pane.get("Errors", "Sum").total() == 1.0  # type: ignore[union-attr]
    assert pane.get("ConcurrentExecutions", "Maximum").peak() == 1.0  # type: ignore[union-attr]
    duration = pane.get("Duration", "p99")
    assert duration is not None and duration.peak() is not None and duration.peak() > 0


@pytest.mark.slow
async def test_plain_moto_without_percentiles_still_draws_the_pane(plain_moto: Any) -> None:
    """plain moto answers p50/p90/p99 with an HTTP 500 page: the pane keeps every other
    series, and says the percentiles are missing and why."""
    put(plain_moto.endpoint_url, "Invocations", "orders", {_minutes_ago(4): [1, 1]})
    put(plain_moto.endpoint_url, "Duration", "orders", {_minutes_ago(4): [10.0, 30.0]})
    win = metrics.window("1h", NOW, 120)
    async with _gateway(plain_moto.endpoint_url) as gw:
        pane = await gw.pane_metrics("orders", None, win)
    assert pane.notes == (NO_PERCENTILES,)
    assert pane.get("Invocations", "Sum").total() == 2.0  # type: ignore[union-attr]
    assert pane.get("Duration", "Average").peak() == 20.0  # type: ignore[union-attr]
    p99 = pane.get("Duration", "p99")
    assert p99 is not None and p99.missing == NO_PERCENTILES and p99.total() is None
