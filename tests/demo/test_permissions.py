"""Resource policies: one for the function and one per version or alias, with statements
written the way Lambda writes them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError


def policy(lam: Any, name: str, qualifier: str | None = None) -> dict[str, Any]:
    params = {"FunctionName": name, **({"Qualifier": qualifier} if qualifier else {})}
    return dict(json.loads(lam.get_policy(**params)["Policy"]))


def test_an_alias_policy_is_separate_from_the_functions(lam: Any, released: str) -> None:
    arn = lam.get_function(FunctionName=released)["Configuration"]["FunctionArn"]
    lam.add_permission(
        FunctionName=released,
        StatementId="s3",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::uploads",
        SourceAccount="123456789012",
    )
    lam.add_permission(
        FunctionName=released,
        Qualifier="live",
        StatementId="partner",
        Action="lambda:InvokeFunction",
        Principal="210987654321",
    )

    function = policy(lam, released)
    assert function["Version"] == "2012-10-17" and function["Id"] == "default"
    assert function["Statement"] == [
        {
            "Sid": "s3",
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "lambda:InvokeFunction",
            "Resource": arn,
            "Condition": {
                "StringEquals": {"AWS:SourceAccount": "123456789012"},
                "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads"},
            },
        }
    ]
    assert policy(lam, released, "live")["Statement"] == [
        {
            "Sid": "partner",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": "lambda:InvokeFunction",
            "Resource": f"{arn}:live",
        }
    ]
    assert policy(lam, f"{released}:live")["Statement"][0]["Sid"] == "partner"
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName=released, Qualifier="1")  # the version behind it has none


def test_function_url_permissions_carry_their_conditions(lam: Any, make_function: Any) -> None:
    make_function("site")
    lam.add_permission(
        FunctionName="site",
        StatementId="url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )
    [statement] = policy(lam, "site")["Statement"]
    assert statement["Principal"] == "*"
    assert statement["Condition"] == {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}


def test_the_policy_revision_is_the_functions_and_moves_with_each_change(
    lam: Any, make_function: Any
) -> None:
    before = make_function("rev")["RevisionId"]
    lam.add_permission(
        FunctionName="rev", StatementId="a", Action="lambda:InvokeFunction", Principal="*"
    )
    after = lam.get_policy(FunctionName="rev")["RevisionId"]
    assert after != before
    assert lam.get_function(FunctionName="rev")["Configuration"]["RevisionId"] == after
    with pytest.raises(ClientError) as caught:
        lam.add_permission(
            FunctionName="rev",
            StatementId="b",
            Action="lambda:InvokeFunction",
            Principal="*",
            RevisionId=before,
        )
    assert caught.value.response["Error"]["Code"] == "PreconditionFailedException"


def test_statement_ids_are_unique_per_policy(lam: Any, released: str) -> None:
    params = {"StatementId": "same", "Action": "lambda:InvokeFunction", "Principal": "*"}
    lam.add_permission(FunctionName=released, **params)
    lam.add_permission(FunctionName=released, Qualifier="live", **params)  # another policy
    with pytest.raises(ClientError) as caught:
        lam.add_permission(FunctionName=released, **params)
    assert caught.value.response["Error"]["Code"] == "ResourceConflictException"


def test_remove_takes_one_statement_from_one_policy(lam: Any, released: str) -> None:
    params = {"Action": "lambda:InvokeFunction", "Principal": "*"}
    lam.add_permission(FunctionName=released, StatementId="a", **params)
    lam.add_permission(FunctionName=released, StatementId="b", **params)
    lam.add_permission(FunctionName=released, Qualifier="live", StatementId="a", **params)

    lam.remove_permission(FunctionName=released, StatementId="a")
    assert [s["Sid"] for s in policy(lam, released)["Statement"]] == ["b"]
    assert [s["Sid"] for s in policy(lam, released, "live")["Statement"]] == ["a"]

    lam.remove_permission(FunctionName=released, Qualifier="live", StatementId="a")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName=released, Qualifier="live")
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as caught:
        lam.remove_permission(FunctionName=released, StatementId="zzz")
    assert caught.value.response["Error"]["Message"] == (
        "Statement zzz is not found in resource policy."
    )


def test_bad_principals_and_latest_are_refused(lam: Any, released: str) -> None:
    with pytest.raises(ClientError) as caught:
        lam.add_permission(
            FunctionName=released, StatementId="x", Action="lambda:*", Principal="nobody"
        )
    assert caught.value.response["Error"]["Code"] == "InvalidParameterValueException"
    with pytest.raises(ClientError) as caught:
        lam.add_permission(
            FunctionName=released,
            Qualifier="$LATEST",
            StatementId="x",
            Action="lambda:InvokeFunction",
            Principal="*",
        )
    assert caught.value.response["Error"]["Message"] == (
        "We currently do not support adding policies for $LATEST."
    )


def test_a_function_without_a_policy_is_not_found(lam: Any, make_function: Any) -> None:
    make_function("bare")
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as caught:
        lam.get_policy(FunctionName="bare")
    assert caught.value.response["Error"]["Message"] == "The resource you requested does not exist."
