"""The fleet's summary figures: runtimes with deprecations flagged, limits per pair."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from typing import Any

from lambdatui.aws import runtimes
from lambdatui.aws.fleet import FleetRow
from lambdatui.aws.fleet_summary import flagged, per_runtime, read_limits
from lambdatui.aws.records import FunctionSummary
from lambdatui.demo.seed import seed_functions
from tests.fleet_helpers import fleet as targets
from tests.fleet_helpers import listed, write_profiles

_FN = FunctionSummary(
    "f", "arn:aws:lambda:us-east-1:1:function:f", "", "Zip", 128, 3, "", "", (), ""
)


def _row(runtime: str, package: str = "Zip") -> FleetRow:
    return FleetRow("p", "1", "us-east-1", replace(_FN, runtime=runtime, package_type=package))


def test_functions_per_runtime_flag_deprecated_and_soon_deprecated() -> None:
    rows = [_row("python3.9")] * 3 + [_row("nodejs22.x")] * 2 + [_row("java17")]
    rows += [_row("", "Image")]
    counts = per_runtime(rows, today=date(2026, 5, 1))
    assert [(c.runtime, c.functions, c.standing) for c in counts] == [
        ("python3.9", 3, runtimes.DEPRECATED),  # 2025-12-15
        ("nodejs22.x", 2, runtimes.SUPPORTED),  # 2027-04-30: a year away
        ("image", 1, runtimes.SUPPORTED),
        ("java17", 1, runtimes.SOON),  # 2026-06-30: within 180 days
    ]
    assert [c.runtime for c in flagged(counts)] == ["python3.9", "java17"]


def test_the_table_says_when_it_was_taken_and_dates_every_runtime() -> None:
    assert date.today() >= runtimes.TAKEN
    assert runtimes.runtime_standing("python3.99", date(2026, 1, 1)) == runtimes.SUPPORTED
    assert runtimes.runtime_standing("go1.x", date(2026, 1, 1)) == runtimes.DEPRECATED


def test_limits_per_pair_count_reserved_concurrency_and_code_storage(account: Any) -> None:
    write_profiles()
    seed_functions(account.endpoint_url, 2, "eu-west-1")
    import boto3

    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name="eu-west-1")
    lam.put_function_concurrency(FunctionName="fn-00000", ReservedConcurrentExecutions=50)
    pairs = targets(account.endpoint_url, ["default"], ["eu-west-1", "us-west-2"])
    west, other = asyncio.run(read_limits(pairs))
    assert west.limits is not None and other.limits is not None
    assert (west.concurrency_used, west.limits.concurrent_executions) == (50, 1000)
    assert other.concurrency_used == 0
    assert west.limits.total_code_size_used > 0 == other.limits.total_code_size_used
    assert west.text.startswith("concurrency 50/1000 reserved, code storage ")
    assert "/75.0 GB" in west.text


def test_plain_moto_lists_but_says_it_could_not_read_the_limits(plain_moto: Any) -> None:
    write_profiles()
    import boto3

    iam = boto3.client("iam", endpoint_url=plain_moto.endpoint_url, region_name="us-east-1")
    role = iam.create_role(RoleName="r", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    lam = boto3.client("lambda", endpoint_url=plain_moto.endpoint_url, region_name="us-east-1")
    from lambdatui.demo.catalog import python_package

    lam.create_function(
        FunctionName="plain",
        Runtime="python3.12",
        Role=role,
        Handler="hello.handler",
        Code={"ZipFile": python_package("hello")},
    )
    pairs = targets(plain_moto.endpoint_url, ["default"], ["us-east-1"])
    result = listed(pairs)
    assert [r.function.name for r in result.rows] == ["plain"]
    (limits,) = asyncio.run(read_limits(pairs))
    assert limits.limits is None
    assert limits.text.startswith("limits could not be read: not available: HTTP 404")
