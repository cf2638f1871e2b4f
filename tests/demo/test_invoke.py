"""Invoke answers as Lambda does: status codes, headers, qualifiers, alias routing, errors."""

from __future__ import annotations

import base64
import json
from collections import Counter
from typing import Any

import pytest
from botocore.exceptions import ClientError

from lambdatui.demo.seed import seed_demo

from .conftest import zip_of

ECHO_CONTEXT = """
def handler(event, context):
    return {
        "event": event,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_ms": context.get_remaining_time_in_millis(),
    }
"""


def payload(reply: dict[str, Any]) -> Any:
    return json.loads(reply["Payload"].read())


@pytest.mark.slow
def test_a_seeded_python_function_returns_its_real_result(account: Any, lam: Any) -> None:
    seed_demo(account.endpoint_url)
    reply = lam.invoke(FunctionName="hello-world", Payload=json.dumps({"name": "tests"}))

    assert reply["StatusCode"] == 200
    assert "FunctionError" not in reply
    assert reply["ExecutedVersion"] == "$LATEST"
    result = payload(reply)
    assert result["message"] == "Hello, tests!"
    assert result["function"] == "hello-world"
    assert result["request_id"] == reply["ResponseMetadata"]["RequestId"]

    order = lam.invoke(
        FunctionName="orders-api",
        Qualifier="staging",
        Payload=json.dumps({"httpMethod": "GET", "pathParameters": {"id": "ord-1001"}}),
    )
    response = payload(order)
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["status"] == "SHIPPED"


def test_context_describes_the_invocation(lam: Any, make_function: Any) -> None:
    make_function("ctx", files={"app.py": ECHO_CONTEXT}, MemorySize=256, Timeout=7)
    lam.publish_version(FunctionName="ctx")
    arn = lam.get_function_configuration(FunctionName="ctx")["FunctionArn"]
    lam.create_alias(FunctionName="ctx", Name="prod", FunctionVersion="1")

    reply = lam.invoke(FunctionName="ctx", Qualifier="prod", Payload=b'{"k": 1}')
    result = payload(reply)
    assert result["event"] == {"k": 1}
    assert result["function_name"] == "ctx"
    assert result["function_version"] == "1"
    assert result["invoked_function_arn"] == f"{arn}:prod"
    assert result["memory_limit_in_mb"] == "256"
    assert result["aws_request_id"] == reply["ResponseMetadata"]["RequestId"]
    assert result["log_group_name"] == "/aws/lambda/ctx"
    assert result["log_stream_name"].endswith("[1]" + result["log_stream_name"][-32:])
    assert 0 < result["remaining_ms"] <= 7000


def test_qualifier_selects_a_version(lam: Any, make_function: Any) -> None:
    make_function("versions", files={"app.py": "def handler(e, c):\n    return 'one'\n"})
    lam.publish_version(FunctionName="versions")
    lam.update_function_code(
        FunctionName="versions",
        ZipFile=zip_of({"app.py": "def handler(e, c):\n    return 'two'\n"}),
    )
    arn = lam.get_function_configuration(FunctionName="versions")["FunctionArn"]

    for name, qualifier, expected, version in [
        ("versions", "1", "one", "1"),
        ("versions", None, "two", "$LATEST"),
        ("versions", "$LATEST", "two", "$LATEST"),
        ("versions:1", None, "one", "1"),
        (f"{arn}:1", None, "one", "1"),
    ]:
        params = {"FunctionName": name, "Payload": b"{}"}
        if qualifier:
            params["Qualifier"] = qualifier
        reply = lam.invoke(**params)
        assert (payload(reply), reply["ExecutedVersion"]) == (expected, version), name

    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke(FunctionName="versions", Qualifier="9", Payload=b"{}")


@pytest.mark.slow
def test_weighted_alias_routes_a_share_of_invocations(account: Any, lam: Any) -> None:
    seed_demo(account.endpoint_url)  # orders-api:live is version 3 with 10 % on version 4
    versions = Counter(
        lam.invoke(FunctionName="orders-api", Qualifier="live", Payload=b"{}")["ExecutedVersion"]
        for _ in range(200)
    )
    assert set(versions) == {"3", "4"}
    assert 5 <= versions["4"] <= 45


def test_log_type_tail_returns_the_last_4_kb_of_the_log(lam: Any, make_function: Any) -> None:
    source = "def handler(e, c):\n    for i in range(1000):\n        print(f'line {i:04d}')\n"
    make_function("chatty", files={"app.py": source})

    reply = lam.invoke(FunctionName="chatty", Payload=b"{}", LogType="Tail")
    tail = base64.b64decode(reply["LogResult"])
    assert 3500 < len(tail) <= 4096
    text = tail.decode()
    assert "line 0999\n" in text
    assert "line 0000" not in text
    assert text.splitlines()[-1].startswith("REPORT RequestId: ")

    assert "LogResult" not in lam.invoke(FunctionName="chatty", Payload=b"{}")


@pytest.mark.slow
def test_an_exception_is_an_unhandled_function_error(account: Any, lam: Any) -> None:
    seed_demo(account.endpoint_url)
    reply = lam.invoke(
        FunctionName="payment-webhook",
        Payload=json.dumps({"payment": {"amount": "10", "card": "4000000000000002"}}),
    )

    assert reply["StatusCode"] == 200
    assert reply["FunctionError"] == "Unhandled"
    error = payload(reply)
    assert set(error) == {"errorMessage", "errorType", "requestId", "stackTrace"}
    assert error["errorType"] == "PaymentDeclinedError"
    assert error["errorMessage"] == "card ending 0002 was declined"
    assert error["requestId"] == reply["ResponseMetadata"]["RequestId"]
    assert any('File "/var/task/payment_webhook.py"' in frame for frame in error["stackTrace"])


def test_event_invocation_is_accepted_with_202(lam: Any, make_function: Any) -> None:
    make_function("async")
    reply = lam.invoke(FunctionName="async", InvocationType="Event", Payload=b"{}")
    assert reply["StatusCode"] == 202
    assert reply["Payload"].read() == b""


def test_dry_run_checks_access_and_runs_nothing(lam: Any, logs: Any, make_function: Any) -> None:
    make_function("dry")
    reply = lam.invoke(FunctionName="dry", InvocationType="DryRun", Payload=b"{}")
    assert reply["StatusCode"] == 204
    assert logs.describe_log_groups()["logGroups"] == []


def test_a_payload_that_is_not_json_is_refused(lam: Any, make_function: Any) -> None:
    make_function("strict")
    with pytest.raises(ClientError) as caught:
        lam.invoke(FunctionName="strict", Payload=b"{not json")
    assert caught.value.response["Error"]["Code"] == "InvalidRequestContentException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_other_runtimes_echo_the_event(lam: Any, make_function: Any) -> None:
    make_function(
        "node",
        files={"index.mjs": "export const handler = async (e) => e;\n"},
        runtime="nodejs20.x",
        handler="index.handler",
    )
    reply = lam.invoke(FunctionName="node", Payload=b'{"echo": true}')
    assert reply["StatusCode"] == 200
    assert payload(reply) == {"echo": True}
    assert reply["ExecutedVersion"] == "$LATEST"


@pytest.mark.parametrize(
    ("files", "handler", "error_type", "message"),
    [
        ({"app.py": "x = 1\n"}, "missing.handler", "Runtime.ImportModuleError",
         "Unable to import module 'missing': No module named 'missing'"),
        ({"app.py": "x = 1\n"}, "app.handler", "Runtime.HandlerNotFound",
         "Handler 'handler' missing on module 'app'"),
        ({"app.py": "def handler(:\n"}, "app.handler", "Runtime.UserCodeSyntaxError",
         "Syntax error in module 'app'"),
        ({"app.py": "raise RuntimeError('no config')\n"}, "app.handler", "RuntimeError",
         "no config"),
    ],
)  # fmt: skip
def test_code_that_cannot_load_is_reported_like_the_runtime_does(
    lam: Any, make_function: Any, files: dict[str, str], handler: str, error_type: str,
    message: str,
) -> None:  # fmt: skip
    make_function("broken", files=files, handler=handler)
    reply = lam.invoke(FunctionName="broken", Payload=b"{}")
    assert reply["FunctionError"] == "Unhandled"
    error = payload(reply)
    assert error["errorType"] == error_type
    assert error["errorMessage"].startswith(message)


def test_a_result_that_is_not_json_is_a_marshal_error(lam: Any, make_function: Any) -> None:
    make_function("sets", files={"app.py": "def handler(e, c):\n    return {1, 2}\n"})
    reply = lam.invoke(FunctionName="sets", Payload=b"{}")
    assert reply["FunctionError"] == "Unhandled"
    error = payload(reply)
    assert error["errorType"] == "Runtime.MarshalError"
    assert error["errorMessage"].startswith("Unable to marshal response:")
