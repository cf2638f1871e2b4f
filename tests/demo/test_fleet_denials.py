"""The local account refuses an access key's action in one region as IAM does, and the demo's
fleet seeds its regions and profiles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import botocore.exceptions
import pytest

from lambdatui.demo import catalog
from lambdatui.demo import fleet as demo_fleet


def _lambda(account: Any, key: str, region: str) -> Any:
    return boto3.client(
        "lambda",
        endpoint_url=account.endpoint_url,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=key,
    )


def test_a_denied_action_answers_as_aws_words_it(account: Any) -> None:
    account.knobs.denials.add(("stagingkey", "eu-west-1", "lambda:ListFunctions"))
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        _lambda(account, "stagingkey", "eu-west-1").list_functions()
    error = raised.value.response["Error"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error["Code"] == "AccessDeniedException"
    assert error["Message"] == (
        f"User: arn:aws:iam::{account.account_id}:user/stagingkey is not authorized to "
        "perform: lambda:ListFunctions on resource: * because no identity-based policy "
        "allows the lambda:ListFunctions action"
    )
    # only that key, that region, that action
    assert _lambda(account, "stagingkey", "us-east-1").list_functions()["Functions"] == []
    assert _lambda(account, "other", "eu-west-1").list_functions()["Functions"] == []
    assert "AccountLimit" in _lambda(account, "stagingkey", "eu-west-1").get_account_settings()
    account.reset()
    assert account.knobs.denials == set()


def test_the_demo_fleet_seeds_its_regions_and_writes_two_profiles(
    account: Any, tmp_path: Path
) -> None:
    import boto3 as b

    iam = b.client("iam", endpoint_url=account.endpoint_url, region_name="us-east-1")
    iam.create_role(
        RoleName="acme-lambda-basic", Path="/service-role/", AssumeRolePolicyDocument="{}"
    )
    demo_fleet.seed_regions(account.account_id, account.knobs, ("us-west-2", "sa-east-1"))
    listed = _lambda(account, "demo", "sa-east-1").list_functions(MaxItems=50)["Functions"]
    zips = [fn for fn in catalog.FUNCTIONS if fn.runtime and fn.durable is None]
    expected = {fn.name for fn in zips if not fn.managed_instances}
    assert {f["FunctionName"] for f in listed} == expected and len(expected) >= 30
    assert ("demostaging", "eu-west-1", "lambda:ListFunctions") in account.knobs.denials
    demo_fleet.write_profiles(tmp_path / "c", tmp_path / "k", "us-east-1")
    assert "[profile demo-staging]" in (tmp_path / "c").read_text()
    assert "aws_access_key_id = demostaging" in (tmp_path / "k").read_text()
    assert len(demo_fleet.REGIONS) >= 8 and len(demo_fleet.PROFILES) >= 2
