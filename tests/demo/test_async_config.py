"""Asynchronous invocation settings belong to $LATEST, a version or an alias, each its own."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

QUEUE = "arn:aws:sqs:us-east-1:123456789012:failures"
BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"


def test_each_qualifier_keeps_its_own_config(lam: Any, released: str) -> None:
    arn = lam.get_function(FunctionName=released)["Configuration"]["FunctionArn"]
    lam.put_function_event_invoke_config(FunctionName=released, MaximumRetryAttempts=0)
    lam.put_function_event_invoke_config(
        FunctionName=released,
        Qualifier="live",
        MaximumRetryAttempts=2,
        MaximumEventAgeInSeconds=600,
        DestinationConfig={"OnSuccess": {"Destination": BUS}, "OnFailure": {"Destination": QUEUE}},
    )

    latest = lam.get_function_event_invoke_config(FunctionName=released)
    assert latest["FunctionArn"] == f"{arn}:$LATEST"
    assert latest["MaximumRetryAttempts"] == 0
    assert "MaximumEventAgeInSeconds" not in latest
    assert latest["DestinationConfig"] == {"OnSuccess": {}, "OnFailure": {}}
    assert isinstance(latest["LastModified"], datetime.datetime)

    live = lam.get_function_event_invoke_config(FunctionName=released, Qualifier="live")
    assert live["FunctionArn"] == f"{arn}:live"
    assert live["MaximumRetryAttempts"] == 2
    assert live["MaximumEventAgeInSeconds"] == 600
    assert live["DestinationConfig"]["OnFailure"] == {"Destination": QUEUE}
    by_name = lam.get_function_event_invoke_config(FunctionName=f"{released}:live")
    assert by_name["MaximumEventAgeInSeconds"] == 600

    with pytest.raises(lam.exceptions.ResourceNotFoundException) as caught:
        lam.get_function_event_invoke_config(FunctionName=released, Qualifier="2")
    assert caught.value.response["Error"]["Message"] == (
        f"The function {arn}:2 doesn't have an EventInvokeConfig"
    )

    listed = lam.list_function_event_invoke_configs(FunctionName=released)
    assert [c["FunctionArn"] for c in listed["FunctionEventInvokeConfigs"]] == [
        f"{arn}:$LATEST",
        f"{arn}:live",
    ]


def test_put_replaces_and_update_merges(lam: Any, released: str) -> None:
    lam.put_function_event_invoke_config(
        FunctionName=released, MaximumRetryAttempts=1, MaximumEventAgeInSeconds=3600
    )
    merged = lam.update_function_event_invoke_config(
        FunctionName=released, DestinationConfig={"OnFailure": {"Destination": QUEUE}}
    )
    assert merged["MaximumRetryAttempts"] == 1
    assert merged["MaximumEventAgeInSeconds"] == 3600
    assert merged["DestinationConfig"]["OnFailure"] == {"Destination": QUEUE}

    replaced = lam.put_function_event_invoke_config(FunctionName=released, MaximumRetryAttempts=2)
    assert "MaximumEventAgeInSeconds" not in replaced
    assert replaced["DestinationConfig"] == {"OnSuccess": {}, "OnFailure": {}}


def test_update_needs_an_existing_config(lam: Any, released: str) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.update_function_event_invoke_config(
            FunctionName=released, Qualifier="live", MaximumRetryAttempts=1
        )


def test_settings_are_validated(lam: Any, released: str) -> None:
    with pytest.raises(ClientError) as caught:
        lam.put_function_event_invoke_config(FunctionName=released)
    assert caught.value.response["Error"]["Code"] == "InvalidParameterValueException"
    with pytest.raises(ClientError) as caught:
        lam.put_function_event_invoke_config(FunctionName=released, MaximumRetryAttempts=5)
    assert caught.value.response["Error"]["Code"] == "ValidationException"


def test_unknown_qualifiers_are_not_found(lam: Any, released: str) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as caught:
        lam.put_function_event_invoke_config(
            FunctionName=released, Qualifier="nope", MaximumRetryAttempts=1
        )
    assert caught.value.response["Error"]["Message"] == "The function doesn't exist."


def test_delete_removes_only_that_qualifiers_config(lam: Any, released: str) -> None:
    lam.put_function_event_invoke_config(FunctionName=released, MaximumRetryAttempts=0)
    lam.put_function_event_invoke_config(
        FunctionName=released, Qualifier="1", MaximumRetryAttempts=1
    )
    deleted = lam.delete_function_event_invoke_config(FunctionName=released, Qualifier="1")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert lam.get_function_event_invoke_config(FunctionName=released)["MaximumRetryAttempts"] == 0
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.delete_function_event_invoke_config(FunctionName=released, Qualifier="1")
