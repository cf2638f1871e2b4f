"""The local account's CloudWatch answers GetMetricData as the API reference documents
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html), where
moto 5.2.5 alone does not; and Lambda publishes its AWS/Lambda metrics after each invocation
(https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.demo.conftest import client

T0 = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


def _query(qid: str, stat: str = "Sum", period: int = 60, **dims: str) -> dict[str, Any]:
    dimensions = [{"Name": k, "Value": v} for k, v in (dims or {"FunctionName": "f"}).items()]
    return {
        "Id": qid,
        "MetricStat": {
            "Metric": {
                "Namespace": "AWS/Lambda",
                "MetricName": "Duration",
                "Dimensions": dimensions,
            },
            "Period": period,
            "Stat": stat,
        },
    }


@pytest.fixture
def cw(account: Any) -> Any:
    """CloudWatch with Duration of function f: 1..100 at 10:02:10, 5 and 7 at 10:04:30."""
    cw = client(account, "cloudwatch")
    dims = [{"Name": "FunctionName", "Value": "f"}]
    cw.put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[
            {
                "MetricName": "Duration",
                "Dimensions": dims,
                "Timestamp": T0 + timedelta(minutes=2, seconds=10),
                "Values": [float(v) for v in range(1, 101)],
            },
            {
                "MetricName": "Duration",
                "Dimensions": dims,
                "Timestamp": T0 + timedelta(minutes=4, seconds=30),
                "Values": [5.0, 7.0],
            },
        ],
    )
    return cw


def _get(cw: Any, *queries: dict[str, Any], start: datetime = T0, **params: Any) -> Any:
    return cw.get_metric_data(
        MetricDataQueries=list(queries),
        StartTime=start,
        EndTime=T0 + timedelta(minutes=10),
        **params,
    )["MetricDataResults"]


def test_extended_statistics_are_computed(cw: Any) -> None:
    """Stat: "any of the statistics …, or an extended statistic such as p90": moto answers
    them with an HTTP 500."""
    p50, p99, avg = _get(cw, _query("a", "p50"), _query("b", "p99"), _query("c", "Average"))
    assert p50["Values"][-1] == 50.0 and p99["Values"][-1] == 99.0
    assert avg["Values"][-1] == 50.5


def test_the_start_is_rounded_down_to_the_minute_and_buckets_follow(cw: Any) -> None:
    """StartTime: "Start time less than 15 days ago - Round down to the nearest whole minute.
    For example, 12:32:34 is rounded down to 12:32:00" (moto starts at 10:00:45 as sent)."""
    (result,) = _get(cw, _query("a", "SampleCount"), start=T0 + timedelta(seconds=45))
    assert [t.astimezone(UTC) for t in result["Timestamps"]] == [
        T0 + timedelta(minutes=4),
        T0 + timedelta(minutes=2),
    ]


def test_periods_without_data_have_no_datapoint_and_newest_comes_first(cw: Any) -> None:
    """ScanBy: "If you omit this parameter, the default of TimestampDescending is used";
    MetricDataResult holds the data points found, one timestamp per value: a minute with no
    data has none (never a zero)."""
    (result,) = _get(cw, _query("a", "Maximum"))
    assert [t.astimezone(UTC) for t in result["Timestamps"]] == [
        T0 + timedelta(minutes=4),
        T0 + timedelta(minutes=2),
    ]
    assert result["Values"] == [7.0, 100.0]
    (ascending,) = _get(cw, _query("a", "Maximum"), ScanBy="TimestampAscending")
    assert ascending["Values"] == [100.0, 7.0]


def test_several_queries_come_back_by_id_with_their_labels(cw: Any) -> None:
    """MetricDataResult: Id "The short name you specified to represent this metric", Label
    "The human-readable label associated with the data", StatusCode Complete."""
    first = {**_query("sum5", "Sum", 300), "Label": "five minutes"}
    results = _get(cw, first, _query("other", "Sum", **{"FunctionName": "g"}))
    assert [(r["Id"], r["Label"], r["StatusCode"]) for r in results] == [
        ("sum5", "five minutes", "Complete"),
        ("other", results[1]["Label"], "Complete"),
    ]
    assert results[0]["Values"] == [5062.0] and results[1]["Values"] == []


def test_a_metric_is_its_exact_set_of_dimensions(cw: Any) -> None:
    """CloudWatch concepts, Dimensions: "CloudWatch treats each unique combination of
    dimensions as a separate metric"; a query without dimensions does not read f's Duration
    (moto matches every metric of the name)."""
    cw.put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[
            {
                "MetricName": "Duration",
                "Dimensions": [
                    {"Name": "FunctionName", "Value": "f"},
                    {"Name": "Resource", "Value": "f:live"},
                ],
                "Timestamp": T0 + timedelta(minutes=2),
                "Value": 1000.0,
            }
        ],
    )
    bare = {"Id": "a", "MetricStat": {**_query("a")["MetricStat"]}}
    bare["MetricStat"]["Metric"] = {"Namespace": "AWS/Lambda", "MetricName": "Duration"}
    whole, live, nothing = _get(
        cw,
        _query("w", "Maximum"),
        _query("l", "Maximum", FunctionName="f", Resource="f:live"),
        bare,
    )
    assert whole["Values"] == [7.0, 100.0] and live["Values"] == [1000.0]
    assert nothing["Values"] == []


def test_datapoints_past_maxdatapoints_come_on_the_next_page(cw: Any) -> None:
    """MaxDatapoints: "The maximum number of data points the request should return before
    paginating"; NextToken: "Include this value, if it was returned by the previous
    GetMetricData operation, to get the next set of data points"."""
    queries = [_query("a", "Maximum"), _query("b", "Minimum")]
    end = T0 + timedelta(minutes=10)
    first = cw.get_metric_data(
        MetricDataQueries=queries, StartTime=T0, EndTime=end, MaxDatapoints=3
    )
    assert sum(len(r["Values"]) for r in first["MetricDataResults"]) == 3
    assert first["MetricDataResults"][1]["StatusCode"] == "PartialData"
    rest = cw.get_metric_data(
        MetricDataQueries=queries, StartTime=T0, EndTime=end, NextToken=first["NextToken"]
    )
    assert "NextToken" not in rest
    assert [v for r in rest["MetricDataResults"] for v in r["Values"]] == [1.0]


def test_invalid_ids_and_periods_are_refused(cw: Any) -> None:
    """MetricDataQuery Id: "The first character must be a lowercase letter"; MetricStat
    Period: "a period can be as short as one minute (60 seconds) and must be a multiple of 60"
    for standard-resolution metrics (or 1, 5, 10, 20, 30 for high resolution)."""
    with pytest.raises(cw.exceptions.ClientError, match="Id"):
        _get(cw, _query("Upper"))
    with pytest.raises(cw.exceptions.ClientError, match="Period"):
        _get(cw, _query("a", period=90))


def test_an_invocation_publishes_under_the_three_dimension_sets(
    account: Any, lam: Any, make_function: Any
) -> None:
    """Lambda's metrics: dimensions FunctionName, Resource (the version or alias) and, for an
    alias invocation, ExecutedVersion (the version that ran)."""
    make_function("calc")
    lam.publish_version(FunctionName="calc")
    lam.create_alias(FunctionName="calc", Name="live", FunctionVersion="1")
    lam.invoke(FunctionName="calc", Qualifier="live", Payload=json.dumps({}).encode())
    lam.invoke(FunctionName="calc", Payload=json.dumps({}).encode())
    cw = client(account, "cloudwatch")
    listed = cw.list_metrics(Namespace="AWS/Lambda", MetricName="Invocations")["Metrics"]
    sets = {tuple(sorted((d["Name"], d["Value"]) for d in m["Dimensions"])) for m in listed}
    assert sets == {
        (("FunctionName", "calc"),),
        (("FunctionName", "calc"), ("Resource", "calc")),
        (("FunctionName", "calc"), ("Resource", "calc:live")),
        (("ExecutedVersion", "1"), ("FunctionName", "calc"), ("Resource", "calc:live")),
    }
    now = datetime.now(UTC)
    (whole,) = cw.get_metric_data(
        MetricDataQueries=[
            {
                "Id": "i",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/Lambda",
                        "MetricName": "Invocations",
                        "Dimensions": [{"Name": "FunctionName", "Value": "calc"}],
                    },
                    "Period": 3600,
                    "Stat": "Sum",
                },
            }
        ],
        StartTime=now - timedelta(hours=1),
        EndTime=now + timedelta(minutes=1),
    )["MetricDataResults"]
    assert sum(whole["Values"]) == 2.0
