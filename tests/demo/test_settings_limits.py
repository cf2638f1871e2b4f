"""The settings checks Lambda makes on UpdateFunctionConfiguration, the update in progress that
follows it, and PutFunctionConcurrency's unreserved floor: each as AWS documents and sends it."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError


def _error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = caught.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


@pytest.mark.parametrize("memory", [128, 10240])
def test_memory_at_the_bounds_is_accepted(lam: Any, make_function: Any, memory: int) -> None:
    make_function("fn")
    lam.update_function_configuration(FunctionName="fn", MemorySize=memory)
    assert lam.get_function_configuration(FunctionName="fn")["MemorySize"] == memory


def test_memory_above_the_maximum_is_refused_as_lambda_refuses_it(
    lam: Any, make_function: Any
) -> None:
    make_function("fn", MemorySize=256)
    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(FunctionName="fn", MemorySize=10241)
    assert _error(caught) == (
        "ValidationException",
        "1 validation error detected: Value '10241' at 'memorySize' failed to satisfy "
        "constraint: Member must have value less than or equal to 10240",
        400,
    )
    assert lam.get_function_configuration(FunctionName="fn")["MemorySize"] == 256


def test_memory_below_the_minimum_is_refused_by_the_service_too(
    account: Any, make_function: Any
) -> None:
    """botocore checks the minimum itself; a client that does not still meets the service's."""
    import boto3
    from botocore.config import Config

    make_function("fn")
    raw = boto3.client(
        "lambda",
        endpoint_url=account.endpoint_url,
        region_name=account.region,
        config=Config(parameter_validation=False),
    )
    with pytest.raises(ClientError) as caught:
        raw.update_function_configuration(FunctionName="fn", MemorySize=127)
    assert _error(caught)[1].endswith(
        "Value '127' at 'memorySize' failed to satisfy constraint: Member must have value "
        "greater than or equal to 128"
    )


def test_timeout_and_storage_bounds(lam: Any, make_function: Any) -> None:
    make_function("fn")
    lam.update_function_configuration(FunctionName="fn", Timeout=900)
    lam.update_function_configuration(FunctionName="fn", EphemeralStorage={"Size": 512})
    lam.update_function_configuration(FunctionName="fn", EphemeralStorage={"Size": 10240})
    config = lam.get_function_configuration(FunctionName="fn")
    assert (config["Timeout"], config["EphemeralStorage"]["Size"]) == (900, 10240)

    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(FunctionName="fn", Timeout=901)
    assert _error(caught)[1] == (
        "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: "
        "Member must have value less than or equal to 900"
    )
    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(
            FunctionName="fn", Timeout=901, EphemeralStorage={"Size": 10241}
        )
    code, message, _ = _error(caught)
    assert code == "ValidationException"
    assert message.startswith("2 validation errors detected: Value '901' at 'timeout'")
    assert "Value '10241' at 'ephemeralStorage.size'" in message


def test_environment_over_4_kb_is_refused_with_the_string_lambda_measured(
    lam: Any, make_function: Any
) -> None:
    make_function("fn")
    # {"K":"…"} is 8 characters around the value: 4088 characters of value make exactly 4 KB.
    lam.update_function_configuration(
        FunctionName="fn", Environment={"Variables": {"K": "x" * 4088}}
    )
    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(
            FunctionName="fn", Environment={"Variables": {"K": "x" * 4089}}
        )
    code, message, status = _error(caught)
    assert (code, status) == ("InvalidParameterValueException", 400)
    assert message == (
        "Lambda was unable to configure your environment variables because the environment "
        "variables you have provided exceeded the 4KB limit. String measured: "
        '{"K":"' + "x" * 4089 + '"}'
    )
    variables = lam.get_function_configuration(FunctionName="fn")["Environment"]["Variables"]
    assert len(variables["K"]) == 4088


@pytest.mark.slow
def test_an_update_is_in_progress_for_the_knob_s_time_and_refuses_another(
    account: Any, lam: Any, make_function: Any
) -> None:
    arn = make_function("fn")["FunctionArn"]
    account.knobs.update_seconds = 0.6
    lam.update_function_configuration(FunctionName="fn", MemorySize=256)
    assert lam.get_function_configuration(FunctionName="fn")["LastUpdateStatus"] == "InProgress"
    assert lam.get_function(FunctionName="fn")["Configuration"]["LastUpdateStatus"] == "InProgress"

    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(FunctionName="fn", Timeout=10)
    assert _error(caught) == (
        "ResourceConflictException",
        "The operation cannot be performed at this time. An update is in progress for "
        f"resource: {arn}",
        409,
    )
    with pytest.raises(ClientError) as caught:
        lam.publish_version(FunctionName="fn")
    assert _error(caught)[0] == "ResourceConflictException"

    from .conftest import wait_for

    def finished() -> Any:
        config = lam.get_function_configuration(FunctionName="fn")
        return config if config["LastUpdateStatus"] != "InProgress" else None

    config = wait_for(finished)
    assert (config["LastUpdateStatus"], config["MemorySize"]) == ("Successful", 256)
    lam.update_function_configuration(FunctionName="fn", Timeout=10)  # accepted again


def test_reserved_concurrency_may_not_leave_less_than_100_unreserved(
    lam: Any, make_function: Any
) -> None:
    make_function("a")
    make_function("b")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=800)
    assert (
        lam.put_function_concurrency(FunctionName="b", ReservedConcurrentExecutions=100)[
            "ReservedConcurrentExecutions"
        ]
        == 100
    )  # leaves exactly 100

    with pytest.raises(ClientError) as caught:
        lam.put_function_concurrency(FunctionName="b", ReservedConcurrentExecutions=101)
    assert _error(caught) == (
        "InvalidParameterValueException",
        "Specified ReservedConcurrentExecutions for function decreases account's "
        "UnreservedConcurrentExecution below its minimum value of [100].",
        400,
    )
    assert lam.get_function_concurrency(FunctionName="b")["ReservedConcurrentExecutions"] == 100
    # Changing a function's own reservation does not count its old value twice.
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=790)
    lam.delete_function_concurrency(FunctionName="b")
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName="b")
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 210


def test_zero_reserved_concurrency_throttles_the_function(lam: Any, make_function: Any) -> None:
    make_function("a")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=0)
    assert lam.get_function_concurrency(FunctionName="a")["ReservedConcurrentExecutions"] == 0


def test_reserved_concurrency_of_an_unknown_function_is_not_found(lam: Any) -> None:
    with pytest.raises(ClientError) as caught:
        lam.put_function_concurrency(FunctionName="ghost", ReservedConcurrentExecutions=1)
    assert _error(caught)[0] == "ResourceNotFoundException"
