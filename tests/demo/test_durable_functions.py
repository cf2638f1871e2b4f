"""Durable functions and tenant isolation on the local account, as the Lambda API documents them:
executions started by Invoke (qualified only), named idempotently, listed, read, their step
history, stopped; a tenant-isolated function needs a tenant id, and no other takes one."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.durable_helpers import HANDLER, PLAN

from .conftest import wait_for

ARN = re.compile(
    r"arn:aws:lambda:us-east-1:\d{12}:function:flow:1/durable-execution/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+"
)


@pytest.fixture
def flow(lam: Any, make_function: Any) -> str:
    make_function(
        "flow",
        files={"app.py": HANDLER, "durable.json": json.dumps(PLAN)},
        DurableConfig={"ExecutionTimeout": 3600},
    )
    lam.publish_version(FunctionName="flow")
    lam.create_alias(FunctionName="flow", Name="live", FunctionVersion="1")
    return "flow"


def _start(lam: Any, payload: dict[str, Any], **params: Any) -> dict[str, Any]:
    reply = lam.invoke(FunctionName="flow", Qualifier="1", Payload=json.dumps(payload), **params)
    reply["Body"] = reply["Payload"].read()
    return dict(reply)


def _settled(lam: Any, arn: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        found = lam.get_durable_execution(DurableExecutionArn=arn)
        return None if found["Status"] == "RUNNING" else dict(found)

    result: dict[str, Any] = wait_for(done)
    return result


def test_the_configuration_reports_durable_config(lam: Any, flow: str) -> None:
    config = lam.get_function_configuration(FunctionName=flow)
    assert config["DurableConfig"] == {"ExecutionTimeout": 3600, "RetentionPeriodInDays": 14}
    assert (
        lam.get_function_configuration(FunctionName=flow, Qualifier="1")["DurableConfig"][
            "ExecutionTimeout"
        ]
        == 3600
    )


def test_an_unqualified_invoke_is_refused(lam: Any, flow: str) -> None:
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as refused:
        lam.invoke(FunctionName=flow, Payload=b"{}")
    assert refused.value.response["Error"]["Message"] == (
        "You cannot invoke a durable function using an unqualified ARN."
    )


@pytest.mark.slow
def test_an_invoke_starts_an_execution_that_succeeds(lam: Any, flow: str) -> None:
    reply = _start(lam, {"order": "o-1"}, DurableExecutionName="order-o-1")
    arn = reply["DurableExecutionArn"]
    assert ARN.fullmatch(arn) and "/durable-execution/order-o-1/" in arn
    assert json.loads(reply["Body"]) == {"order": "o-1", "status": "shipped"}
    execution = _settled(lam, arn)
    assert execution["Status"] == "SUCCEEDED"
    assert execution["DurableExecutionName"] == "order-o-1"
    assert execution["FunctionArn"].endswith(":function:flow:1") and execution["Version"] == "1"
    assert json.loads(execution["InputPayload"]) == {"order": "o-1"}
    assert json.loads(execution["Result"]) == {"order": "o-1", "status": "shipped"}
    assert execution["EndTimestamp"] >= execution["StartTimestamp"]
    assert "Error" not in execution
    compact = lam.get_durable_execution(DurableExecutionArn=arn, IncludeExecutionData=False)
    assert compact["ExecutionDataIncluded"] is False and "InputPayload" not in compact


@pytest.mark.slow
def test_the_history_is_a_timeline_of_steps_a_retry_and_a_wait(lam: Any, flow: str) -> None:
    arn = _start(lam, {"order": "o-2"})["DurableExecutionArn"]
    _settled(lam, arn)
    events = lam.get_durable_execution_history(DurableExecutionArn=arn)["Events"]
    assert [e["EventId"] for e in events] == list(range(1, len(events) + 1))
    steps = [(e["EventType"], e.get("Name")) for e in events]
    assert steps == [
        ("ExecutionStarted", None),
        ("StepStarted", "validate-order"),
        ("StepSucceeded", "validate-order"),
        ("StepStarted", "reserve-stock"),
        ("StepFailed", "reserve-stock"),
        ("StepStarted", "reserve-stock"),
        ("StepSucceeded", "reserve-stock"),
        ("InvocationCompleted", None),
        ("WaitStarted", "cool-off"),
        ("WaitSucceeded", "cool-off"),
        ("StepStarted", "charge-card"),
        ("StepSucceeded", "charge-card"),
        ("StepStarted", "ship"),
        ("StepSucceeded", "ship"),
        ("InvocationCompleted", None),
        ("ExecutionSucceeded", None),
    ]
    retry = events[4]["StepFailedDetails"]["RetryDetails"]
    assert retry == {"CurrentAttempt": 1, "NextAttemptDelaySeconds": 1}
    assert events[8]["WaitStartedDetails"]["Duration"] == 0
    assert events[0]["ExecutionStartedDetails"]["ExecutionTimeout"] == 3600
    stamps = [e["EventTimestamp"] for e in events]
    assert stamps == sorted(stamps)
    newest_first = lam.get_durable_execution_history(
        DurableExecutionArn=arn, ReverseOrder=True, MaxItems=3
    )
    assert newest_first["Events"][0]["EventType"] == "ExecutionSucceeded"
    assert len(newest_first["Events"]) == 3 and newest_first["NextMarker"]


@pytest.mark.slow
def test_a_failing_step_fails_the_execution(lam: Any, flow: str) -> None:
    reply = _start(lam, {"order": "o-3", "card": "declined"})
    assert reply["FunctionError"] == "Unhandled"
    execution = _settled(lam, reply["DurableExecutionArn"])
    assert execution["Status"] == "FAILED"
    assert execution["Error"]["ErrorType"] == "ValueError"
    assert execution["Error"]["ErrorMessage"] == "card declined"
    assert "Result" not in execution
    events = lam.get_durable_execution_history(DurableExecutionArn=execution["DurableExecutionArn"])
    types = [e["EventType"] for e in events["Events"]]
    assert types[-3:] == ["StepFailed", "InvocationCompleted", "ExecutionFailed"]
    assert "ship" not in [e.get("Name") for e in events["Events"]]


def test_a_name_is_idempotent_for_the_same_payload_only(lam: Any, flow: str) -> None:
    first = _start(lam, {"order": "o-4"}, DurableExecutionName="same")
    again = _start(lam, {"order": "o-4"}, DurableExecutionName="same")
    assert again["DurableExecutionArn"] == first["DurableExecutionArn"]
    with pytest.raises(ClientError) as taken:
        _start(lam, {"order": "other"}, DurableExecutionName="same")
    assert taken.value.response["Error"]["Code"] == "DurableExecutionAlreadyStartedException"
    assert taken.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_an_alias_or_latest_qualifies_too(lam: Any, flow: str) -> None:
    via_alias = lam.invoke(FunctionName="flow:live", Payload=b'{"order": "a"}')
    assert "/function:flow:1/durable-execution/" in via_alias["DurableExecutionArn"].replace(
        ":function:", "/function:"
    )
    latest = lam.invoke(FunctionName="flow", Qualifier="$LATEST", Payload=b"{}")
    assert ":flow:$LATEST/durable-execution/" in latest["DurableExecutionArn"]


@pytest.mark.slow
def test_a_long_wait_keeps_it_running_until_stopped(lam: Any, flow: str) -> None:
    reply = lam.invoke(
        FunctionName="flow",
        Qualifier="1",
        InvocationType="Event",
        Payload=json.dumps({"order": "o-5", "coolOff": 3600}),
    )
    assert reply["StatusCode"] == 202
    arn = reply["DurableExecutionArn"]
    wait_for(
        lambda: any(
            e["EventType"] == "WaitStarted"
            for e in lam.get_durable_execution_history(DurableExecutionArn=arn)["Events"]
        )
    )
    assert lam.get_durable_execution(DurableExecutionArn=arn)["Status"] == "RUNNING"
    stopped = lam.stop_durable_execution(
        DurableExecutionArn=arn, Error={"ErrorType": "Cancelled", "ErrorMessage": "by an operator"}
    )
    assert isinstance(stopped["StopTimestamp"], datetime)
    execution = lam.get_durable_execution(DurableExecutionArn=arn)
    assert execution["Status"] == "STOPPED"
    assert execution["Error"] == {"ErrorType": "Cancelled", "ErrorMessage": "by an operator"}
    types = [
        e["EventType"] for e in lam.get_durable_execution_history(DurableExecutionArn=arn)["Events"]
    ]
    assert types[-2:] == ["WaitCancelled", "ExecutionStopped"]
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.stop_durable_execution(DurableExecutionArn=arn)


@pytest.mark.slow
def test_executions_are_listed_newest_first_and_filtered(lam: Any, flow: str) -> None:
    ok = _start(lam, {"order": "1"})["DurableExecutionArn"]
    failed = _start(lam, {"order": "2", "card": "declined"})["DurableExecutionArn"]
    running = lam.invoke(
        FunctionName="flow", Qualifier="1", InvocationType="Event", Payload=b'{"coolOff": 3600}'
    )["DurableExecutionArn"]
    _settled(lam, ok)
    _settled(lam, failed)
    listed = lam.list_durable_executions_by_function(FunctionName="flow")["DurableExecutions"]
    assert [e["DurableExecutionArn"] for e in listed] == [running, failed, ok]
    assert {e["Status"] for e in listed} == {"RUNNING", "FAILED", "SUCCEEDED"}
    assert "EndTimestamp" not in listed[0] and "EndTimestamp" in listed[1]
    oldest = lam.list_durable_executions_by_function(FunctionName="flow", ReverseOrder=True)
    assert oldest["DurableExecutions"][0]["DurableExecutionArn"] == ok
    by_status = lam.list_durable_executions_by_function(
        FunctionName="flow", Statuses=["FAILED", "RUNNING"]
    )["DurableExecutions"]
    assert [e["DurableExecutionArn"] for e in by_status] == [running, failed]
    future = datetime.now(UTC) + timedelta(minutes=5)
    assert (
        lam.list_durable_executions_by_function(FunctionName="flow", StartedAfter=future)[
            "DurableExecutions"
        ]
        == []
    )
    pages = list(
        lam.get_paginator("list_durable_executions_by_function").paginate(
            FunctionName="flow", PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(p["DurableExecutions"]) for p in pages] == [2, 1]
    assert (
        lam.list_durable_executions_by_function(FunctionName="flow", Qualifier="2")[
            "DurableExecutions"
        ]
        == []
    )


def test_an_unknown_execution_is_not_found(lam: Any, flow: str) -> None:
    arn = _start(lam, {})["DurableExecutionArn"]
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_durable_execution(DurableExecutionArn=arn[:-4] + "0000")


# -- Tenant isolation -----------------------------------------------------------------------------

TENANT_ERROR = (
    "Tenant ID configuration not specified or passed to a function when tenant isolation is "
    "not enabled."
)


def test_a_tenant_isolated_function_needs_a_tenant_id(lam: Any, make_function: Any) -> None:
    created = make_function("isolated", TenancyConfig={"TenantIsolationMode": "PER_TENANT"})
    assert created["TenancyConfig"] == {"TenantIsolationMode": "PER_TENANT"}
    assert lam.get_function(FunctionName="isolated")["Configuration"]["TenancyConfig"] == {
        "TenantIsolationMode": "PER_TENANT"
    }
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as refused:
        lam.invoke(FunctionName="isolated", Payload=b'{"a": 1}')
    assert refused.value.response["Error"]["Message"] == TENANT_ERROR
    reply = lam.invoke(FunctionName="isolated", TenantId="blue", Payload=b'{"a": 1}')
    assert reply["StatusCode"] == 200 and json.loads(reply["Payload"].read()) == {"a": 1}


def test_any_other_function_refuses_a_tenant_id(lam: Any, make_function: Any) -> None:
    make_function("shared")
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as refused:
        lam.invoke(FunctionName="shared", TenantId="blue", Payload=b"{}")
    assert refused.value.response["Error"]["Message"] == TENANT_ERROR


def test_a_tenancy_mode_must_be_per_tenant(lam: Any, make_function: Any) -> None:
    with pytest.raises(ClientError) as refused:
        make_function("odd", TenancyConfig={"TenantIsolationMode": "SHARED"})
    assert refused.value.response["Error"]["Code"] == "ValidationException"
