"""Lambda Managed Instances on the local account: capacity providers, functions on them, their
larger memory and /tmp, the versions on a provider and function scaling config, as the Lambda API
(botocore 1.43's model) documents them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

VPC = {"SubnetIds": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]}
OPERATOR = "arn:aws:iam::123456789012:role/lambda-capacity-operator"


def _provider(lam: Any, name: str = "general", **params: Any) -> dict[str, Any]:
    reply = lam.create_capacity_provider(
        CapacityProviderName=name,
        VpcConfig=VPC,
        PermissionsConfig={"CapacityProviderOperatorRoleArn": OPERATOR},
        **params,
    )
    return dict(reply["CapacityProvider"])


def _on(arn: str) -> dict[str, Any]:
    return {"LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arn}}


def test_a_capacity_provider_is_pending_then_active(account: Any, lam: Any) -> None:
    account.knobs.capacity_provider_seconds = 0.3
    created = _provider(lam, InstanceRequirements={"Architectures": ["arm64"]})
    assert re.fullmatch(
        r"arn:aws:lambda:us-east-1:\d{12}:capacity-provider:general", created["CapacityProviderArn"]
    )
    assert created["State"] == "Pending"
    assert created["VpcConfig"] == VPC
    assert created["PermissionsConfig"] == {"CapacityProviderOperatorRoleArn": OPERATOR}
    assert created["InstanceRequirements"]["Architectures"] == ["arm64"]
    assert created["CapacityProviderScalingConfig"]["ScalingMode"] == "Auto"
    from .conftest import wait_for

    wait_for(
        lambda: (
            lam.get_capacity_provider(CapacityProviderName="general")["CapacityProvider"]["State"]
            == "Active"
        )
    )


def test_a_name_is_taken_once_and_an_unknown_one_is_not_found(lam: Any) -> None:
    _provider(lam)
    with pytest.raises(ClientError) as taken:
        _provider(lam)
    assert taken.value.response["Error"]["Code"] == "ResourceConflictException"
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_capacity_provider(CapacityProviderName="nope")


def test_providers_are_listed_by_name_in_pages_and_filtered_by_state(lam: Any) -> None:
    for name in ("c", "a", "b"):
        _provider(lam, name)
    pages = list(
        lam.get_paginator("list_capacity_providers").paginate(PaginationConfig={"PageSize": 2})
    )
    names = [
        p["CapacityProviderArn"].rsplit(":", 1)[1] for pg in pages for p in pg["CapacityProviders"]
    ]
    assert names == ["a", "b", "c"] and len(pages) == 2
    assert len(lam.list_capacity_providers(State="Active")["CapacityProviders"]) == 3
    assert lam.list_capacity_providers(State="Deleting")["CapacityProviders"] == []


def test_update_changes_the_scaling_and_manual_needs_policies(lam: Any) -> None:
    _provider(lam)
    policy = {
        "PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization",
        "TargetValue": 60.0,
    }
    updated = lam.update_capacity_provider(
        CapacityProviderName="general",
        CapacityProviderScalingConfig={
            "MaxVCpuCount": 64,
            "ScalingMode": "Manual",
            "ScalingPolicies": [policy],
        },
    )["CapacityProvider"]
    assert updated["CapacityProviderScalingConfig"] == {
        "ScalingMode": "Manual",
        "MaxVCpuCount": 64,
        "ScalingPolicies": [policy],
    }
    _provider(lam, "auto")
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.update_capacity_provider(
            CapacityProviderName="auto", CapacityProviderScalingConfig={"ScalingMode": "Manual"}
        )


def test_a_function_on_a_provider_reports_it_and_may_be_larger(
    lam: Any, make_function: Any
) -> None:
    arn = _provider(lam)["CapacityProviderArn"]
    config = _on(arn)
    config["LambdaManagedInstancesCapacityProviderConfig"][
        "PerExecutionEnvironmentMaxConcurrency"
    ] = 8
    created = make_function(
        "big", CapacityProviderConfig=config, MemorySize=32768, EphemeralStorage={"Size": 32768}
    )
    assert created["CapacityProviderConfig"] == config
    read = lam.get_function(FunctionName="big")["Configuration"]
    assert read["CapacityProviderConfig"] == config
    assert (read["MemorySize"], read["EphemeralStorage"]["Size"]) == (32768, 32768)
    listed = lam.list_functions()["Functions"][0]
    assert listed["CapacityProviderConfig"] == config
    assert re.fullmatch(r"[0-9a-f]{64}", read["ConfigSha256"])


def test_managed_instances_limits(lam: Any, make_function: Any) -> None:
    arn = _provider(lam)["CapacityProviderArn"]
    with pytest.raises(ClientError) as too_big:
        make_function("huge", CapacityProviderConfig=_on(arn), MemorySize=32769)
    assert "less than or equal to 32768" in too_big.value.response["Error"]["Message"]
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        make_function("small", CapacityProviderConfig=_on(arn), MemorySize=1024)
    assert make_function("default", CapacityProviderConfig=_on(arn))["MemorySize"] == 2048
    make_function("standard")
    with pytest.raises(ClientError) as standard:
        lam.update_function_configuration(FunctionName="standard", MemorySize=16384)
    assert standard.value.response["Error"]["Code"] == "ValidationException"
    lam.update_function_configuration(FunctionName="default", MemorySize=16384)
    assert lam.get_function_configuration(FunctionName="default")["MemorySize"] == 16384


def test_a_function_cannot_name_a_provider_that_does_not_exist(
    lam: Any, make_function: Any
) -> None:
    missing = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:missing"
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        make_function("orphan", CapacityProviderConfig=_on(missing))


def test_versions_on_a_provider_and_deleting_one_in_use(lam: Any, make_function: Any) -> None:
    arn = _provider(lam)["CapacityProviderArn"]
    make_function("worker", CapacityProviderConfig=_on(arn))
    lam.publish_version(FunctionName="worker")
    make_function("plain")
    lam.publish_version(FunctionName="plain")
    versions = lam.list_function_versions_by_capacity_provider(CapacityProviderName="general")
    assert versions["CapacityProviderArn"] == arn
    assert [
        (v["FunctionArn"].split(":", 6)[-1], v["State"]) for v in versions["FunctionVersions"]
    ] == [("worker:1", "Active")]
    with pytest.raises(ClientError) as in_use:
        lam.delete_capacity_provider(CapacityProviderName="general")
    assert in_use.value.response["Error"]["Code"] == "ResourceConflictException"


def test_a_provider_is_deleting_then_gone(account: Any, lam: Any) -> None:
    account.knobs.capacity_provider_seconds = 0.3
    _provider(lam)
    deleted = lam.delete_capacity_provider(CapacityProviderName="general")["CapacityProvider"]
    assert deleted["State"] == "Deleting"
    from .conftest import wait_for

    wait_for(lambda: lam.list_capacity_providers()["CapacityProviders"] == [])
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_capacity_provider(CapacityProviderName="general")


def test_function_scaling_config_of_a_published_version(lam: Any, make_function: Any) -> None:
    arn = _provider(lam)["CapacityProviderArn"]
    make_function("worker", CapacityProviderConfig=_on(arn))
    lam.publish_version(FunctionName="worker")
    put = lam.put_function_scaling_config(
        FunctionName="worker",
        Qualifier="1",
        FunctionScalingConfig={"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 12},
    )
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 202 and put["FunctionState"] == "Active"
    read = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
    assert read["FunctionArn"].endswith(":function:worker:1")
    wanted = {"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 12}
    assert read["RequestedFunctionScalingConfig"] == wanted
    assert read["AppliedFunctionScalingConfig"] == wanted
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.put_function_scaling_config(
            FunctionName="worker",
            Qualifier="1",
            FunctionScalingConfig={"MinExecutionEnvironments": 5, "MaxExecutionEnvironments": 2},
        )


def test_scaling_config_needs_a_managed_instances_function(lam: Any, make_function: Any) -> None:
    make_function("plain")
    lam.publish_version(FunctionName="plain")
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.get_function_scaling_config(FunctionName="plain", Qualifier="1")
