"""Every template parses and has the fields AWS documents for its trigger."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from typing import Any

import pytest

from lambdatui.store.templates import CLOUDWATCH_LOGS_MESSAGE, TEMPLATES, by_id


def payload(template_id: str) -> Any:
    return json.loads(by_id(template_id).payload)


def test_the_issue_s_triggers_all_have_a_template():
    assert [t.id for t in TEMPLATES] == [
        "apigateway-rest",
        "apigateway-http",
        "function-url",
        "alb",
        "s3-put",
        "sqs",
        "sns",
        "eventbridge-scheduled",
        "dynamodb-stream",
        "kinesis",
        "cloudwatch-logs",
        "cognito-pre-sign-up",
    ]
    assert len({t.title for t in TEMPLATES}) == len(TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_every_template_is_pretty_json_an_object(template):
    value = json.loads(template.payload)
    assert isinstance(value, dict)
    assert template.payload == json.dumps(value, indent=2, ensure_ascii=False)


def test_api_gateway_rest_proxy_v1():
    event = payload("apigateway-rest")
    assert "version" not in event  # format 1.0 has none
    for key in (
        "resource",
        "path",
        "httpMethod",
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "pathParameters",
        "requestContext",
        "body",
        "isBase64Encoded",
    ):
        assert key in event, key
    assert event["requestContext"]["resourcePath"] == event["resource"]
    assert event["requestContext"]["identity"]["sourceIp"]
    assert all(event["multiValueHeaders"][k] == [v] for k, v in event["headers"].items())


def test_http_api_v2_and_function_url_use_payload_format_2():
    http = payload("apigateway-http")
    url = payload("function-url")
    for event in (http, url):
        assert event["version"] == "2.0"
        assert {
            "routeKey",
            "rawPath",
            "rawQueryString",
            "headers",
            "requestContext",
            "body",
            "isBase64Encoded",
        } <= set(event)
        assert event["requestContext"]["http"]["method"] == "POST"
        assert event["requestContext"]["http"]["path"] == event["rawPath"]
        assert event["headers"]["host"] == event["requestContext"]["domainName"]
    assert http["routeKey"] == "POST /orders/{orderId}"
    assert "jwt" in http["requestContext"]["authorizer"]
    assert url["routeKey"] == url["requestContext"]["stage"] == "$default"
    assert url["requestContext"]["domainName"].endswith(".lambda-url.us-east-1.on.aws")
    assert "authorizer" not in url["requestContext"]  # AuthType NONE
    assert "pathParameters" not in url


def test_alb():
    event = payload("alb")
    assert event["requestContext"]["elb"]["targetGroupArn"].startswith(
        "arn:aws:elasticloadbalancing:"
    )
    assert {
        "httpMethod",
        "path",
        "queryStringParameters",
        "headers",
        "body",
        "isBase64Encoded",
    } <= set(event)


def test_s3_put():
    record = payload("s3-put")["Records"][0]
    assert (record["eventSource"], record["eventName"]) == ("aws:s3", "ObjectCreated:Put")
    assert record["s3"]["bucket"]["arn"] == f"arn:aws:s3:::{record['s3']['bucket']['name']}"
    assert {"key", "size", "eTag", "sequencer"} <= set(record["s3"]["object"])


def test_sqs_md5_of_body_is_the_body_s_md5():
    record = payload("sqs")["Records"][0]
    assert record["eventSource"] == "aws:sqs"
    assert record["md5OfBody"] == hashlib.md5(record["body"].encode()).hexdigest()
    assert {
        "messageId",
        "receiptHandle",
        "attributes",
        "messageAttributes",
        "eventSourceARN",
        "awsRegion",
    } <= set(record)


def test_sns():
    record = payload("sns")["Records"][0]
    assert record["EventSource"] == "aws:sns"
    sns = record["Sns"]
    assert sns["Type"] == "Notification"
    assert record["EventSubscriptionArn"].startswith(sns["TopicArn"] + ":")
    assert {"MessageId", "Message", "Timestamp", "Signature", "MessageAttributes"} <= set(sns)


def test_eventbridge_scheduled():
    event = payload("eventbridge-scheduled")
    assert (event["source"], event["detail-type"]) == ("aws.events", "Scheduled Event")
    assert event["detail"] == {}
    assert event["resources"][0].startswith("arn:aws:events:")


def test_dynamodb_stream_images_are_attribute_values():
    records = payload("dynamodb-stream")["Records"]
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY"]
    for record in records:
        assert record["eventSource"] == "aws:dynamodb"
        image = record["dynamodb"]["NewImage"]
        assert all(
            len(value) == 1 and next(iter(value)) in {"S", "N", "L", "M", "BOOL"}
            for value in image.values()
        )
    assert "OldImage" in records[1]["dynamodb"]


def test_kinesis_data_is_base64():
    record = payload("kinesis")["Records"][0]
    assert record["eventSource"] == "aws:kinesis"
    assert record["eventName"] == "aws:kinesis:record"
    decoded = json.loads(base64.b64decode(record["kinesis"]["data"], validate=True))
    assert decoded == {"page": "/checkout", "user": "u-17"}
    assert record["eventID"].endswith(record["kinesis"]["sequenceNumber"])


def test_cloudwatch_logs_data_is_gzip_then_base64_of_the_subscription_message():
    data = payload("cloudwatch-logs")["awslogs"]["data"]
    message = json.loads(gzip.decompress(base64.b64decode(data, validate=True)))
    assert message == CLOUDWATCH_LOGS_MESSAGE
    assert message["messageType"] == "DATA_MESSAGE"
    assert {"owner", "logGroup", "logStream", "subscriptionFilters", "logEvents"} <= set(message)
    assert all({"id", "timestamp", "message"} == set(e) for e in message["logEvents"])


def test_cognito_pre_sign_up():
    event = payload("cognito-pre-sign-up")
    assert event["triggerSource"] == "PreSignUp_SignUp"
    assert {
        "version",
        "region",
        "userPoolId",
        "userName",
        "callerContext",
        "request",
        "response",
    } <= set(event)
    assert set(event["response"]) == {"autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone"}
    assert "userAttributes" in event["request"]


def test_unknown_template_id():
    with pytest.raises(KeyError):
        by_id("nope")
