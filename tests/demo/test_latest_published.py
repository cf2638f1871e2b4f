"""$LATEST.PUBLISHED on the local account: a Lambda Managed Instances function publishes to it
with ``PublishTo=LATEST_PUBLISHED`` (PublishVersion, or CreateFunction/UpdateFunctionCode with
``Publish``), and then GetFunction, GetFunctionConfiguration, Invoke and
GetFunctionScalingConfig take it as a qualifier (botocore 1.43's model; the Lambda guide's
"$LATEST.PUBLISHED version in Lambda Managed Instances" for the unqualified invoke)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .conftest import zip_of

LP = "$LATEST.PUBLISHED"
VPC = {"SubnetIds": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]}
OPERATOR = "arn:aws:iam::123456789012:role/lambda-capacity-operator"
ECHO = {"app.py": "def handler(event, context):\n    return {'said': 'first'}\n"}
SECOND = {"app.py": "def handler(event, context):\n    return {'said': 'second'}\n"}


@pytest.fixture
def on_provider(lam: Any) -> dict[str, Any]:
    arn = lam.create_capacity_provider(
        CapacityProviderName="general",
        VpcConfig=VPC,
        PermissionsConfig={"CapacityProviderOperatorRoleArn": OPERATOR},
    )["CapacityProvider"]["CapacityProviderArn"]
    return {"LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arn}}


def _said(lam: Any, **params: Any) -> tuple[str, str]:
    reply = lam.invoke(FunctionName="worker", **params)
    return json.loads(reply["Payload"].read())["said"], reply["ExecutedVersion"]


def test_publish_to_latest_published_makes_it_a_qualifier(
    lam: Any, make_function: Any, on_provider: dict[str, Any]
) -> None:
    make_function("worker", ECHO, CapacityProviderConfig=on_provider)
    published = lam.publish_version(FunctionName="worker", PublishTo="LATEST_PUBLISHED")
    assert published["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert published["Version"] == LP
    assert published["FunctionArn"].endswith(f":function:worker:{LP}")
    assert published["CapacityProviderConfig"] == on_provider
    config = lam.get_function_configuration(FunctionName="worker", Qualifier=LP)
    assert (config["Version"], config["FunctionArn"]) == (LP, published["FunctionArn"])
    assert config["ConfigSha256"] == published["ConfigSha256"]
    got = lam.get_function(FunctionName=f"worker:{LP}")
    assert got["Configuration"]["Version"] == LP
    assert _said(lam, Qualifier=LP) == ("first", LP)
    # No numbered version was published on the way.
    versions = lam.list_versions_by_function(FunctionName="worker")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST"]


def test_republishing_replaces_it_and_leaves_latest_alone(
    lam: Any, make_function: Any, on_provider: dict[str, Any]
) -> None:
    make_function("worker", ECHO, CapacityProviderConfig=on_provider)
    lam.publish_version(FunctionName="worker", PublishTo="LATEST_PUBLISHED")
    lam.update_function_code(FunctionName="worker", ZipFile=zip_of(SECOND))
    assert _said(lam, Qualifier=LP) == ("first", LP)  # still what was published
    lam.publish_version(FunctionName="worker", PublishTo="LATEST_PUBLISHED")
    assert _said(lam, Qualifier=LP) == ("second", LP)


def test_create_and_update_code_publish_to_it(
    lam: Any, make_function: Any, on_provider: dict[str, Any]
) -> None:
    created = make_function(
        "worker",
        ECHO,
        CapacityProviderConfig=on_provider,
        Publish=True,
        PublishTo="LATEST_PUBLISHED",
    )
    assert created["Version"] == "$LATEST"
    assert _said(lam, Qualifier=LP) == ("first", LP)
    updated = lam.update_function_code(
        FunctionName="worker", ZipFile=zip_of(SECOND), Publish=True, PublishTo="LATEST_PUBLISHED"
    )
    assert updated["Version"] == LP
    assert _said(lam, Qualifier=LP) == ("second", LP)
    versions = lam.list_versions_by_function(FunctionName="worker")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST"]


def test_before_anything_is_published(
    lam: Any, make_function: Any, on_provider: dict[str, Any]
) -> None:
    make_function("worker", ECHO, CapacityProviderConfig=on_provider)
    with pytest.raises(lam.exceptions.NoPublishedVersionException):
        lam.invoke(FunctionName="worker", Qualifier=LP)
    with pytest.raises(lam.exceptions.NoPublishedVersionException):
        lam.invoke(FunctionName="worker")  # unqualified goes to $LATEST.PUBLISHED
    # The read calls do not list NoPublishedVersionException among their errors.
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_function_configuration(FunctionName="worker", Qualifier=LP)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_function(FunctionName="worker", Qualifier=LP)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_function_scaling_config(FunctionName="worker", Qualifier=LP)


def test_an_unqualified_invoke_of_a_managed_instances_function_runs_latest_published(
    lam: Any, make_function: Any, on_provider: dict[str, Any]
) -> None:
    make_function("worker", ECHO, CapacityProviderConfig=on_provider)
    lam.publish_version(FunctionName="worker", PublishTo="LATEST_PUBLISHED")
    lam.update_function_code(FunctionName="worker", ZipFile=zip_of(SECOND))
    assert _said(lam) == ("first", LP)
    assert _said(lam, Qualifier="$LATEST") == ("second", "$LATEST")


def test_scaling_config_of_latest_published(
    lam: Any, make_function: Any, on_provider: dict[str, Any]
) -> None:
    make_function("worker", ECHO, CapacityProviderConfig=on_provider)
    lam.publish_version(FunctionName="worker", PublishTo="LATEST_PUBLISHED")
    wanted = {"MinExecutionEnvironments": 1, "MaxExecutionEnvironments": 4}
    lam.put_function_scaling_config(
        FunctionName="worker", Qualifier=LP, FunctionScalingConfig=wanted
    )
    read = lam.get_function_scaling_config(FunctionName="worker", Qualifier=LP)
    assert read["FunctionArn"].endswith(f":function:worker:{LP}")
    assert read["RequestedFunctionScalingConfig"] == wanted


def test_only_managed_instances_functions_publish_to_it(lam: Any, make_function: Any) -> None:
    make_function("plain", ECHO)
    with pytest.raises(ClientError) as refused:
        lam.publish_version(FunctionName="plain", PublishTo="LATEST_PUBLISHED")
    assert refused.value.response["Error"]["Code"] == "InvalidParameterValueException"
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        make_function("other", ECHO, Publish=True, PublishTo="LATEST_PUBLISHED")
    with pytest.raises(lam.exceptions.NoPublishedVersionException):
        lam.invoke(FunctionName="plain", Qualifier=LP)
    assert json.loads(lam.invoke(FunctionName="plain")["Payload"].read()) == {"said": "first"}
