"""The local account itself: where it listens, whom it serves, and reset."""

from __future__ import annotations

import re
from typing import Any

from lambdatui.demo.server import running_account

from .conftest import client


def test_listens_on_loopback_with_moto_default_account(account: Any) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", account.endpoint_url)
    assert account.region == "us-east-1"
    assert account.account_id == "123456789012"
    identity = client(account, "sts").get_caller_identity()
    assert identity["Account"] == account.account_id
    assert running_account(account.endpoint_url) is account


def test_reset_empties_the_account(account: Any, make_function: Any) -> None:
    make_function("to-be-forgotten")
    lam = client(account, "lambda")
    lam.invoke(FunctionName="to-be-forgotten", Payload=b"{}")
    assert lam.list_functions()["Functions"]

    account.reset()

    assert lam.list_functions()["Functions"] == []
    assert client(account, "logs").describe_log_groups()["logGroups"] == []
    assert client(account, "iam").list_roles()["Roles"] == []


def test_other_services_pass_through_untouched(account: Any) -> None:
    sqs = client(account, "sqs")
    url = sqs.create_queue(QueueName="plain")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="hello")
    messages = sqs.receive_message(QueueUrl=url)["Messages"]
    assert [m["Body"] for m in messages] == ["hello"]


def test_unknown_function_is_a_404_resource_not_found(account: Any) -> None:
    import botocore.exceptions
    import pytest

    lam = client(account, "lambda")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        lam.get_function(FunctionName="nope")
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke(FunctionName="nope", Payload=b"{}")
