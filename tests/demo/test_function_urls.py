"""Function URLs: one for the function and one per alias, each with a realistic, stable
address, its own AuthType, Cors and InvokeMode."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

URL = re.compile(r"^https://[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws/$")


def code_of(caught: pytest.ExceptionInfo[ClientError]) -> tuple[int, str]:
    response = caught.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]


def test_create_answers_like_lambda(lam: Any, make_function: Any) -> None:
    arn = make_function("site")["FunctionArn"]
    created = lam.create_function_url_config(FunctionName="site", AuthType="NONE")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert URL.match(created["FunctionUrl"])
    assert created["FunctionArn"] == arn
    assert created["AuthType"] == "NONE"
    assert created["InvokeMode"] == "BUFFERED"
    assert "Cors" not in created
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$", created["CreationTime"])

    got = lam.get_function_url_config(FunctionName="site")
    assert got["FunctionUrl"] == created["FunctionUrl"]
    assert got["LastModifiedTime"] == got["CreationTime"] == created["CreationTime"]


def test_an_alias_has_its_own_url_and_settings(lam: Any, released: str) -> None:
    function = lam.create_function_url_config(FunctionName=released, AuthType="NONE")
    alias = lam.create_function_url_config(
        FunctionName=released,
        Qualifier="live",
        AuthType="AWS_IAM",
        InvokeMode="RESPONSE_STREAM",
        Cors={"AllowOrigins": ["https://example.com"], "MaxAge": 300},
    )
    assert alias["FunctionUrl"] != function["FunctionUrl"]
    assert alias["FunctionArn"] == f"{function['FunctionArn']}:live"

    got = lam.get_function_url_config(FunctionName=released, Qualifier="live")
    assert got["AuthType"] == "AWS_IAM"
    assert got["InvokeMode"] == "RESPONSE_STREAM"
    assert got["Cors"] == {"AllowOrigins": ["https://example.com"], "MaxAge": 300}
    assert lam.get_function_url_config(FunctionName=released)["AuthType"] == "NONE"
    assert lam.get_function_url_config(FunctionName=f"{released}:live")["AuthType"] == "AWS_IAM"


def test_the_address_is_stable_for_a_function_and_qualifier(
    account: Any, lam: Any, make_function: Any
) -> None:
    make_function("stable")
    first = lam.create_function_url_config(FunctionName="stable", AuthType="NONE")["FunctionUrl"]
    lam.delete_function_url_config(FunctionName="stable")
    again = lam.create_function_url_config(FunctionName="stable", AuthType="NONE")["FunctionUrl"]
    assert again == first


def test_listing_shows_the_function_and_its_aliases(lam: Any, released: str) -> None:
    lam.create_function_url_config(FunctionName=released, AuthType="NONE")
    lam.create_function_url_config(FunctionName=released, Qualifier="live", AuthType="AWS_IAM")
    listed = lam.list_function_url_configs(FunctionName=released)["FunctionUrlConfigs"]
    assert [c["FunctionArn"].rsplit(":", 1)[-1] for c in listed] == [released, "live"]
    assert all(URL.match(c["FunctionUrl"]) and c["LastModifiedTime"] for c in listed)
    first = lam.list_function_url_configs(FunctionName=released, MaxItems=1)
    assert len(first["FunctionUrlConfigs"]) == 1 and first["NextMarker"]


def test_update_changes_only_what_it_names(lam: Any, make_function: Any) -> None:
    make_function("site")
    created = lam.create_function_url_config(
        FunctionName="site", AuthType="AWS_IAM", Cors={"AllowMethods": ["GET"]}
    )
    updated = lam.update_function_url_config(FunctionName="site", InvokeMode="RESPONSE_STREAM")
    assert updated["AuthType"] == "AWS_IAM"
    assert updated["Cors"] == {"AllowMethods": ["GET"]}
    assert updated["InvokeMode"] == "RESPONSE_STREAM"
    assert updated["FunctionUrl"] == created["FunctionUrl"]
    assert updated["LastModifiedTime"] >= updated["CreationTime"]
    public = lam.update_function_url_config(FunctionName="site", AuthType="NONE")
    assert public["AuthType"] == "NONE" and public["InvokeMode"] == "RESPONSE_STREAM"


def test_a_second_url_for_the_same_target_is_a_conflict(lam: Any, make_function: Any) -> None:
    arn = make_function("site")["FunctionArn"]
    lam.create_function_url_config(FunctionName="site", AuthType="NONE")
    with pytest.raises(ClientError) as caught:
        lam.create_function_url_config(FunctionName="site", AuthType="AWS_IAM")
    assert code_of(caught) == (409, "ResourceConflictException")
    assert caught.value.response["Error"]["Message"] == (
        f"Failed to create function url config for [functionArn = {arn}]. "
        "Error message:  FunctionUrlConfig exists for this Lambda function"
    )


def test_a_version_cannot_have_a_url(lam: Any, released: str) -> None:
    with pytest.raises(ClientError) as caught:
        lam.create_function_url_config(FunctionName=released, Qualifier="1", AuthType="NONE")
    assert code_of(caught) == (400, "ValidationException")


def test_missing_urls_functions_and_aliases_are_not_found(lam: Any, released: str) -> None:
    for params in (
        {"FunctionName": released},
        {"FunctionName": released, "Qualifier": "nope"},
        {"FunctionName": "nope"},
    ):
        with pytest.raises(ClientError) as caught:
            lam.get_function_url_config(**params)
        assert code_of(caught) == (404, "ResourceNotFoundException")
    with pytest.raises(ClientError) as caught:
        lam.delete_function_url_config(FunctionName=released)
    assert code_of(caught) == (404, "ResourceNotFoundException")


def test_bad_auth_type_or_invoke_mode_is_refused(lam: Any, make_function: Any) -> None:
    make_function("site")
    with pytest.raises(ClientError) as caught:
        lam.create_function_url_config(FunctionName="site", AuthType="OPEN")
    assert code_of(caught) == (400, "ValidationException")
    with pytest.raises(ClientError) as caught:
        lam.create_function_url_config(FunctionName="site", AuthType="NONE", InvokeMode="FAST")
    assert code_of(caught) == (400, "ValidationException")


def test_deleting_the_alias_deletes_its_url(lam: Any, released: str) -> None:
    lam.create_function_url_config(FunctionName=released, Qualifier="live", AuthType="NONE")
    lam.delete_alias(FunctionName=released, Name="live")
    lam.create_alias(FunctionName=released, Name="live", FunctionVersion="1")
    assert lam.list_function_url_configs(FunctionName=released)["FunctionUrlConfigs"] == []
