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


def _auth(service: str) -> dict[str, str]:
    scope = f"AKIA/20261207/us-east-1/{service}/aws4_request"
    signed = f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Signature=x"
    return {"Authorization": signed}


def test_local_account_keeps_connections(account: Any, make_function: Any) -> None:
    """As AWS does (werkzeug alone closes each one): requests follow each other on one
    connection, whether the application read the body it was sent or not; a chunked body,
    whose end the server cannot know beforehand, still closes it."""
    import http.client
    from urllib.parse import urlsplit

    make_function("kept")
    where = urlsplit(account.endpoint_url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=5)
    sockets = set()
    lam = "/2015-03-31/functions/"

    def ask(method: str, path: str, service: str = "lambda", **kwargs: Any) -> tuple[int, Any]:
        headers = {**_auth(service), **kwargs.pop("headers", {})}
        connection.request(method, path, headers=headers, **kwargs)
        reply = connection.getresponse()
        body = reply.read()
        sockets.add(id(connection.sock))
        return reply.status, (reply.getheader("Connection"), body)

    assert ask("GET", lam)[0] == 200
    # a body nobody reads (moto ignores a GET's body): the next request must not start in it
    assert ask("GET", f"{lam}kept", body=b"GET / HTTP/1.1\r\n\r\n" * 3)[0] == 200
    status, (_, body) = ask("POST", f"{lam}kept/invocations", body=b'{"n": 1}')
    assert status == 200, body
    status, (closing, _) = ask("GET", f"{lam}kept")
    assert status == 200 and closing is None and len(sockets) == 1  # one connection throughout

    status, (closing, _) = ask(
        "POST",
        f"{lam}kept/invocations",
        body=iter([b'{"n"', b": 2}"]),
        encode_chunked=True,
        headers={"Transfer-Encoding": "chunked"},
    )
    assert status == 200 and closing == "close"
