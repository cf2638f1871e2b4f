"""GetFunctionConfiguration carries what a function was given, as the console shows it:
layers, VPC, tracing, /tmp size, DLQ, KMS key, SnapStart, file systems, runtime version."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .conftest import zip_of

DLQ = "arn:aws:sqs:us-east-1:123456789012:orders-dlq"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
EFS = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"


@pytest.fixture
def layer_arn(lam: Any) -> str:
    layer = lam.publish_layer_version(
        LayerName="shared-deps", Content={"ZipFile": zip_of({"python/dep.py": "X = 1\n"})}
    )
    return str(layer["LayerVersionArn"])


def test_everything_create_was_given_is_returned(
    lam: Any, make_function: Any, layer_arn: str
) -> None:
    make_function(
        "loaded",
        Layers=[layer_arn],
        VpcConfig={
            "SubnetIds": ["subnet-0a1b2c3d"],
            "SecurityGroupIds": ["sg-0a1b2c3d"],
            "Ipv6AllowedForDualStack": True,
        },
        TracingConfig={"Mode": "Active"},
        EphemeralStorage={"Size": 2048},
        DeadLetterConfig={"TargetArn": DLQ},
        KMSKeyArn=KEY,
        FileSystemConfigs=[{"Arn": EFS, "LocalMountPath": "/mnt/data"}],
    )
    config = lam.get_function_configuration(FunctionName="loaded")
    assert [layer["Arn"] for layer in config["Layers"]] == [layer_arn]
    assert config["VpcConfig"]["SubnetIds"] == ["subnet-0a1b2c3d"]
    assert config["VpcConfig"]["SecurityGroupIds"] == ["sg-0a1b2c3d"]
    assert config["VpcConfig"]["Ipv6AllowedForDualStack"] is True
    assert config["TracingConfig"] == {"Mode": "Active"}
    assert config["EphemeralStorage"] == {"Size": 2048}
    assert config["DeadLetterConfig"] == {"TargetArn": DLQ}
    assert config["KMSKeyArn"] == KEY
    assert config["FileSystemConfigs"] == [{"Arn": EFS, "LocalMountPath": "/mnt/data"}]
    assert config["State"] == "Active" and config["LastUpdateStatus"] == "Successful"
    assert re.fullmatch(
        r"arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}",
        config["RuntimeVersionConfig"]["RuntimeVersionArn"],
    )
    listed = lam.list_functions()["Functions"][0]
    assert listed["DeadLetterConfig"] == {"TargetArn": DLQ}


def test_a_plain_function_leaves_the_optional_fields_out(lam: Any, make_function: Any) -> None:
    config = make_function("plain")
    for absent in ("Layers", "DeadLetterConfig", "FileSystemConfigs", "VpcConfig", "KMSKeyArn"):
        assert absent not in config
    assert config["SnapStart"] == {"ApplyOn": "None", "OptimizationStatus": "Off"}
    assert config["TracingConfig"] == {"Mode": "PassThrough"}
    assert config["EphemeralStorage"] == {"Size": 512}


def test_update_changes_the_fields_moto_would_ignore(lam: Any, make_function: Any) -> None:
    make_function(
        "evolving",
        TracingConfig={"Mode": "Active"},
        EphemeralStorage={"Size": 2048},
        DeadLetterConfig={"TargetArn": DLQ},
        KMSKeyArn=KEY,
    )
    lam.publish_version(FunctionName="evolving")
    updated = lam.update_function_configuration(
        FunctionName="evolving",
        TracingConfig={"Mode": "PassThrough"},
        EphemeralStorage={"Size": 1024},
        DeadLetterConfig={"TargetArn": ""},
        KMSKeyArn="",
    )
    assert updated["TracingConfig"] == {"Mode": "PassThrough"}
    assert updated["EphemeralStorage"] == {"Size": 1024}
    assert "DeadLetterConfig" not in updated
    assert "KMSKeyArn" not in updated
    assert lam.get_function_configuration(FunctionName="evolving")["EphemeralStorage"] == {
        "Size": 1024
    }

    v1 = lam.get_function_configuration(FunctionName="evolving", Qualifier="1")
    assert v1["TracingConfig"] == {"Mode": "Active"}  # published before the change
    assert v1["EphemeralStorage"] == {"Size": 2048}
    assert v1["DeadLetterConfig"] == {"TargetArn": DLQ}
    assert v1["KMSKeyArn"] == KEY


def test_snapstart_is_on_for_published_versions_only(lam: Any, role_arn: str) -> None:
    lam.create_function(
        FunctionName="ledger",
        Runtime="java21",
        Role=role_arn,
        Handler="com.acme.Handler::handleRequest",
        Code={"ZipFile": zip_of({"com/acme/Handler.class": "x"})},
        SnapStart={"ApplyOn": "PublishedVersions"},
    )
    latest = lam.get_function_configuration(FunctionName="ledger")
    assert latest["SnapStart"] == {"ApplyOn": "PublishedVersions", "OptimizationStatus": "Off"}
    published = lam.publish_version(FunctionName="ledger")
    assert published["SnapStart"] == {"ApplyOn": "PublishedVersions", "OptimizationStatus": "On"}


def test_bad_values_are_refused_before_anything_changes(lam: Any, make_function: Any) -> None:
    make_function("strict")
    for bad, code in (
        ({"TracingConfig": {"Mode": "Sometimes"}}, "InvalidParameterValueException"),
        ({"SnapStart": {"ApplyOn": "Always"}}, "InvalidParameterValueException"),
        ({"EphemeralStorage": {"Size": 20480}}, "ValidationException"),  # a model constraint
    ):
        with pytest.raises(ClientError) as caught:
            lam.update_function_configuration(FunctionName="strict", Description="x", **bad)
        assert caught.value.response["Error"]["Code"] == code
    assert lam.get_function_configuration(FunctionName="strict")["Description"] == ""


def test_a_container_image_without_image_config_has_no_image_config_response(
    lam: Any, role_arn: str
) -> None:
    created = lam.create_function(
        FunctionName="image",
        Role=role_arn,
        PackageType="Image",
        Code={"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"},
    )
    assert "ImageConfigResponse" not in created
    assert "RuntimeVersionConfig" not in created
    lam.update_function_configuration(FunctionName="image", ImageConfig={"Command": ["app.main"]})
    config = lam.get_function_configuration(FunctionName="image")
    assert config["ImageConfigResponse"]["ImageConfig"]["Command"] == ["app.main"]
