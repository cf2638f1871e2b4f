"""The release guards moto lacks, as AWS documents them: PublishVersion with a CodeSha256 that
is not $LATEST's is refused (400 InvalidParameterValueException, nothing published), and a
version an alias references (as its version or its weighted second one) cannot be deleted
(409 ResourceConflictException)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

OTHER_SHA = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def _versions(lam: Any, name: str) -> list[str]:
    return [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]]


def test_publish_with_the_current_code_sha256_publishes(lam: Any, make_function: Any) -> None:
    sha = make_function("rel")["CodeSha256"]
    published = lam.publish_version(FunctionName="rel", CodeSha256=sha, Description="one")
    assert (published["Version"], published["Description"]) == ("1", "one")


def test_publish_with_another_code_sha256_is_refused_and_publishes_nothing(
    lam: Any, make_function: Any
) -> None:
    sha = make_function("rel")["CodeSha256"]
    with pytest.raises(ClientError) as caught:
        lam.publish_version(FunctionName="rel", CodeSha256=OTHER_SHA)
    error = caught.value.response["Error"]
    assert error["Code"] == "InvalidParameterValueException"
    assert error["Message"] == (
        f"CodeSHA256 ({OTHER_SHA}) is different from current CodeSHA256 in $LATEST ({sha}). "
        "Please try again with the CodeSHA256 in $LATEST."
    )
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert _versions(lam, "rel") == ["$LATEST"]


@pytest.mark.parametrize("routing", [False, True])
def test_a_version_an_alias_references_cannot_be_deleted(
    lam: Any, make_function: Any, routing: bool
) -> None:
    make_function("rel")
    lam.publish_version(FunctionName="rel")
    lam.update_function_configuration(FunctionName="rel", Description="two")
    lam.publish_version(FunctionName="rel")
    params: dict[str, Any] = {"FunctionName": "rel", "Name": "live", "FunctionVersion": "1"}
    if routing:
        params["RoutingConfig"] = {"AdditionalVersionWeights": {"2": 0.1}}
    lam.create_alias(**params)
    referenced = "2" if routing else "1"

    with pytest.raises(ClientError) as caught:
        lam.delete_function(FunctionName="rel", Qualifier=referenced)
    assert caught.value.response["Error"]["Code"] == "ResourceConflictException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert "live" in caught.value.response["Error"]["Message"]
    assert _versions(lam, "rel") == ["$LATEST", "1", "2"]

    unreferenced = "1" if routing else "2"
    if not routing:
        lam.delete_function(FunctionName="rel", Qualifier=unreferenced)
        assert _versions(lam, "rel") == ["$LATEST", "1"]
    lam.delete_alias(FunctionName="rel", Name="live")
    lam.delete_function(FunctionName="rel", Qualifier=referenced)
    assert referenced not in _versions(lam, "rel")
