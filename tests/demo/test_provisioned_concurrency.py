"""Provisioned concurrency on a version or an alias: IN_PROGRESS, then READY (or FAILED), with
the checks Lambda makes when it is put."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from .conftest import wait_for


@pytest.fixture(autouse=True)
def quick_provisioning(account: Any) -> None:
    account.knobs.provisioning_seconds = 0.3  # restored by the next reset


def error_of(caught: pytest.ExceptionInfo[ClientError]) -> tuple[int, str, str]:
    response = caught.value.response
    status = response["ResponseMetadata"]["HTTPStatusCode"]
    return status, response["Error"]["Code"], response["Error"]["Message"]


def status(lam: Any, name: str, qualifier: str) -> dict[str, Any]:
    return dict(lam.get_provisioned_concurrency_config(FunctionName=name, Qualifier=qualifier))


def test_an_alias_is_in_progress_then_ready_with_all_of_it_available(
    lam: Any, released: str
) -> None:
    put = lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=5
    )
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert put["Status"] == "IN_PROGRESS"
    assert put["RequestedProvisionedConcurrentExecutions"] == 5
    assert put["AvailableProvisionedConcurrentExecutions"] == 0
    assert put["AllocatedProvisionedConcurrentExecutions"] == 0
    assert put["LastModified"].endswith("+0000")
    assert status(lam, released, "live")["Status"] == "IN_PROGRESS"

    ready = wait_for(lambda: (s := status(lam, released, "live"))["Status"] == "READY" and s)
    assert ready["AvailableProvisionedConcurrentExecutions"] == 5
    assert ready["AllocatedProvisionedConcurrentExecutions"] == 5
    assert "StatusReason" not in ready
    assert ready["LastModified"] == put["LastModified"]


def test_the_listing_names_each_version_and_alias_by_its_arn(lam: Any, released: str) -> None:
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=2
    )
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="2", ProvisionedConcurrentExecutions=3
    )
    configs = lam.list_provisioned_concurrency_configs(FunctionName=released)[
        "ProvisionedConcurrencyConfigs"
    ]
    arn = lam.get_function(FunctionName=released)["Configuration"]["FunctionArn"]
    assert [(c["FunctionArn"], c["RequestedProvisionedConcurrentExecutions"]) for c in configs] == [
        (f"{arn}:2", 3),
        (f"{arn}:live", 2),
    ]


def test_the_listing_pages_at_most_50(lam: Any, make_function: Any) -> None:
    make_function("many")
    for _ in range(3):
        lam.update_function_configuration(FunctionName="many", Description=str(_))
        version = lam.publish_version(FunctionName="many")["Version"]
        lam.put_provisioned_concurrency_config(
            FunctionName="many", Qualifier=version, ProvisionedConcurrentExecutions=1
        )
    first = lam.list_provisioned_concurrency_configs(FunctionName="many", MaxItems=2)
    assert len(first["ProvisionedConcurrencyConfigs"]) == 2
    rest = lam.list_provisioned_concurrency_configs(FunctionName="many", Marker=first["NextMarker"])
    assert [c["FunctionArn"][-2:] for c in rest["ProvisionedConcurrencyConfigs"]] == [":3"]
    assert "NextMarker" not in rest
    pages = lam.get_paginator("list_provisioned_concurrency_configs").paginate(FunctionName="many")
    assert sum(len(p["ProvisionedConcurrencyConfigs"]) for p in pages) == 3


def test_latest_cannot_have_provisioned_concurrency(lam: Any, released: str) -> None:
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="$LATEST", ProvisionedConcurrentExecutions=1
        )
    assert error_of(caught) == (
        400,
        "InvalidParameterValueException",
        "Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
    )
    with pytest.raises(ClientError) as caught:
        lam.get_provisioned_concurrency_config(FunctionName=released, Qualifier="$LATEST")
    assert error_of(caught)[1] == "InvalidParameterValueException"


def test_an_alias_of_latest_cannot_either(lam: Any, released: str) -> None:
    lam.create_alias(FunctionName=released, Name="edge", FunctionVersion="$LATEST")
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="edge", ProvisionedConcurrentExecutions=1
        )
    assert error_of(caught)[1] == "InvalidParameterValueException"


def test_unknown_versions_and_aliases_are_not_found(lam: Any, released: str) -> None:
    arn = lam.get_function(FunctionName=released)["Configuration"]["FunctionArn"]
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="9", ProvisionedConcurrentExecutions=1
        )
    assert error_of(caught) == (404, "ResourceNotFoundException", f"Function not found: {arn}:9")
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="nope", ProvisionedConcurrentExecutions=1
        )
    assert error_of(caught) == (
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {arn}:nope",
    )


def test_a_missing_config_is_its_own_not_found(lam: Any, released: str) -> None:
    with pytest.raises(lam.exceptions.ProvisionedConcurrencyConfigNotFoundException) as caught:
        lam.get_provisioned_concurrency_config(FunctionName=released, Qualifier="live")
    assert error_of(caught)[0] == 404


def test_an_alias_and_the_version_it_points_at_cannot_both_have_it(lam: Any, released: str) -> None:
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="1", ProvisionedConcurrentExecutions=1
    )
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=1
        )
    assert error_of(caught) == (
        409,
        "ResourceConflictException",
        "Alias can't be used for Provisioned Concurrency configuration on an already "
        "Provisioned version",
    )

    lam.delete_provisioned_concurrency_config(FunctionName=released, Qualifier="1")
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=1
    )
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="1", ProvisionedConcurrentExecutions=1
        )
    assert error_of(caught) == (
        409,
        "ResourceConflictException",
        "Version is pointed by a Provisioned Concurrency alias",
    )


def test_it_counts_against_the_functions_reserved_concurrency(lam: Any, released: str) -> None:
    lam.put_function_concurrency(FunctionName=released, ReservedConcurrentExecutions=10)
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=6
    )
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="2", ProvisionedConcurrentExecutions=5
        )
    assert error_of(caught) == (
        400,
        "InvalidParameterValueException",
        "Requested Provisioned Concurrency should not be greater than the "
        "reservedConcurrentExecution for function",
    )
    # Changing a config replaces its own share: 10 in all is still within the reservation.
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=5
    )
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="2", ProvisionedConcurrentExecutions=5
    )


def test_without_a_reservation_it_must_leave_100_unreserved(lam: Any, released: str) -> None:
    with pytest.raises(ClientError) as caught:
        lam.put_provisioned_concurrency_config(
            FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=901
        )
    assert error_of(caught) == (
        400,
        "InvalidParameterValueException",
        "Specified ConcurrentExecutions for function decreases account's "
        "UnreservedConcurrentExecution below its minimum value of [100].",
    )
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=900
    )


def test_code_that_cannot_start_fails_with_an_init_failure(lam: Any, make_function: Any) -> None:
    make_function("broken", handler="missing_module.handler")
    lam.publish_version(FunctionName="broken")
    put = lam.put_provisioned_concurrency_config(
        FunctionName="broken", Qualifier="1", ProvisionedConcurrentExecutions=2
    )
    assert put["Status"] == "IN_PROGRESS"
    failed = wait_for(lambda: (s := status(lam, "broken", "1"))["Status"] == "FAILED" and s)
    assert failed["StatusReason"] == "FUNCTION_ERROR_INIT_FAILURE"
    assert failed["AvailableProvisionedConcurrentExecutions"] == 0
    assert failed["AllocatedProvisionedConcurrentExecutions"] == 0


def test_a_syntax_error_is_an_init_failure_too(lam: Any, make_function: Any) -> None:
    make_function("typo", files={"app.py": "def handler(event, context)\n    return 1\n"})
    lam.publish_version(FunctionName="typo")
    lam.put_provisioned_concurrency_config(
        FunctionName="typo", Qualifier="1", ProvisionedConcurrentExecutions=1
    )
    failed = wait_for(lambda: (s := status(lam, "typo", "1"))["Status"] == "FAILED" and s)
    assert failed["StatusReason"] == "FUNCTION_ERROR_INIT_FAILURE"


def test_delete_removes_it_and_is_idempotent(lam: Any, released: str) -> None:
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=1
    )
    deleted = lam.delete_provisioned_concurrency_config(FunctionName=released, Qualifier="live")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    lam.delete_provisioned_concurrency_config(FunctionName=released, Qualifier="live")
    listed = lam.list_provisioned_concurrency_configs(FunctionName=released)
    assert listed["ProvisionedConcurrencyConfigs"] == []


def test_deleting_the_alias_takes_its_config_along(lam: Any, released: str) -> None:
    lam.put_provisioned_concurrency_config(
        FunctionName=released, Qualifier="live", ProvisionedConcurrentExecutions=1
    )
    lam.delete_alias(FunctionName=released, Name="live")
    lam.create_alias(FunctionName=released, Name="live", FunctionVersion="2")
    listed = lam.list_provisioned_concurrency_configs(FunctionName=released)
    assert listed["ProvisionedConcurrencyConfigs"] == []


def test_an_unknown_function_is_not_found(lam: Any) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.list_provisioned_concurrency_configs(FunctionName="nope")
