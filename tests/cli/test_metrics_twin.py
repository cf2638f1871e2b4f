"""`lambdatui metrics`: a function's datapoints, in a real subprocess against the local account."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3

from tests.logs_helpers import make_function


def _run(account: Any, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "lambdatui", "metrics", *args]
    command += ["--endpoint-url", account.endpoint_url, "--region", account.region]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )


def _cloudwatch(account: Any) -> Any:
    return boto3.client("cloudwatch", endpoint_url=account.endpoint_url, region_name=account.region)


def _put_errors(account: Any, function: str) -> datetime:
    """Errors of ``function`` in three minutes of the last hour; returns the first minute."""
    first = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=20)
    dims = [{"Name": "FunctionName", "Value": function}]
    _cloudwatch(account).put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[
            {
                "MetricName": "Errors",
                "Dimensions": dims,
                "Timestamp": first + timedelta(minutes=n, seconds=7),
                "Values": values,
            }
            for n, values in ((0, [1.0, 1.0, 1.0]), (5, [0.0, 2.0]), (9, [4.0]))
        ],
    )
    return first


def _cloudwatch_sum(account: Any, function: str, first: datetime) -> float:
    reply = _cloudwatch(account).get_metric_statistics(
        Namespace="AWS/Lambda",
        MetricName="Errors",
        Dimensions=[{"Name": "FunctionName", "Value": function}],
        StartTime=first - timedelta(minutes=1),
        EndTime=first + timedelta(minutes=30),
        Period=3600,
        Statistics=["Sum"],
    )
    return float(sum(p["Sum"] for p in reply["Datapoints"]))


def test_json_datapoints_sum_to_what_cloudwatch_holds(account: Any) -> None:
    make_function(account, "payments")
    first = _put_errors(account, "payments")
    result = _run(account, "payments", "--metric", "Errors", "--stat", "Sum", "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["timestamp"] for r in records] == [
        (first + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ") for n in (0, 5, 9)
    ]
    assert {(r["metric"], r["stat"]) for r in records} == {("Errors", "Sum")}
    assert [r["value"] for r in records] == [3.0, 2.0, 4.0]
    assert sum(r["value"] for r in records) == _cloudwatch_sum(account, "payments", first) == 9.0


def test_the_table_prints_each_metric_with_its_utc_datapoints(account: Any) -> None:
    make_function(account, "payments")
    first = _put_errors(account, "payments")
    result = _run(
        account, "payments", "--since", "3h", "--metric", "Errors", "--metric", "Throttles"
    )
    assert result.returncode == 0, result.stderr
    errors, throttles = result.stdout.split("\n\n")
    lines = errors.splitlines()
    assert lines[0] == "Errors (Sum)"
    # 3h at 120 points: two-minute periods, on even minutes
    bucket = datetime.fromtimestamp(first.timestamp() // 120 * 120, UTC)
    assert lines[1].split() == [bucket.strftime("%Y-%m-%dT%H:%M:%SZ"), "3"]
    assert sum(float(line.split()[1]) for line in lines[1:]) == 9.0
    assert throttles.splitlines() == ["Throttles (Sum)", "  no datapoints"]


def test_an_unknown_function_or_argument_is_one_line_and_exit_2(account: Any) -> None:
    missing = _run(account, "nope")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert missing.stdout == ""
    make_function(account, "payments")
    for args in (["--since", "2h"], ["--metric", "Bogus"], ["--stat", "Median"]):
        bad = _run(account, "payments", *args)
        assert bad.returncode == 2, args
        assert len(bad.stderr.strip().splitlines()) == 1 and bad.stderr.startswith("lambdatui:")
