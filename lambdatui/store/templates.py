"""Sample events to start a test event from, one per common trigger.

Each is the shape AWS documents for that trigger (the Lambda developer guide's "Using Lambda
with …" pages and ``sam local generate-event``), with made-up identifiers in account
123456789012, us-east-1. Derived fields are computed rather than typed in, so they are right:
the SQS ``md5OfBody`` is the MD5 of the body, Kinesis ``data`` is base64, and the CloudWatch
Logs ``awslogs.data`` is gzip + base64 of the documented subscription JSON, as Lambda receives
it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["TEMPLATES", "Template", "by_id", "cloudwatch_logs_data"]

ACCOUNT = "123456789012"
REGION = "us-east-1"


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    payload: str  # pretty-printed JSON


def _pretty(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _api_gateway_rest() -> dict[str, Any]:
    """REST API (payload format 1.0) Lambda proxy integration."""
    headers = {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Host": "abcdef1234.execute-api.us-east-1.amazonaws.com",
        "User-Agent": "curl/8.5.0",
        "X-Amzn-Trace-Id": "Root=1-6742c0de-1a2b3c4d5e6f708192a3b4c5",
        "X-Forwarded-For": "203.0.113.10",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    }
    return {
        "resource": "/orders/{orderId}",
        "path": "/orders/42",
        "httpMethod": "POST",
        "headers": headers,
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": {"verbose": "true"},
        "multiValueQueryStringParameters": {"verbose": ["true"]},
        "pathParameters": {"orderId": "42"},
        "stageVariables": None,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": "abcdef1234",
            "domainName": "abcdef1234.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "abcdef1234",
            "extendedRequestId": "BkYoxF3LIAMEbXw=",
            "httpMethod": "POST",
            "identity": {
                "accessKey": None,
                "accountId": None,
                "caller": None,
                "cognitoAuthenticationProvider": None,
                "cognitoAuthenticationType": None,
                "cognitoIdentityId": None,
                "cognitoIdentityPoolId": None,
                "principalOrgId": None,
                "sourceIp": "203.0.113.10",
                "user": None,
                "userAgent": "curl/8.5.0",
                "userArn": None,
            },
            "path": "/prod/orders/42",
            "protocol": "HTTP/1.1",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "requestTime": "24/Nov/2026:06:00:00 +0000",
            "requestTimeEpoch": 1795500000000,
            "resourceId": "a1b2c3",
            "resourcePath": "/orders/{orderId}",
            "stage": "prod",
        },
        "body": '{"quantity": 2}',
        "isBase64Encoded": False,
    }


def _http_api(
    domain: str, *, stage: str, route: str, account: str, authorizer: dict[str, Any] | None
) -> dict[str, Any]:
    """Payload format 2.0: HTTP APIs and function URLs share it."""
    context: dict[str, Any] = {
        "accountId": account,
        "apiId": domain.split(".")[0],
    }
    if authorizer is not None:
        context["authorizer"] = authorizer
    context.update(
        {
            "domainName": domain,
            "domainPrefix": domain.split(".")[0],
            "http": {
                "method": "POST",
                "path": "/orders/42",
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.10",
                "userAgent": "curl/8.5.0",
            },
            "requestId": "f6f8b8a4-2a3b-4c5d-8e9f-0a1b2c3d4e5f",
            "routeKey": route,
            "stage": stage,
            "time": "24/Nov/2026:06:00:00 +0000",
            "timeEpoch": 1795500000000,
        }
    )
    return {
        "version": "2.0",
        "routeKey": route,
        "rawPath": "/orders/42",
        "rawQueryString": "verbose=true&tag=a&tag=b",
        "cookies": ["session=abc123"],
        "headers": {
            "accept": "application/json",
            "content-type": "application/json",
            "content-length": "15",
            "host": domain,
            "user-agent": "curl/8.5.0",
            "x-amzn-trace-id": "Root=1-6742c0de-1a2b3c4d5e6f708192a3b4c5",
            "x-forwarded-for": "203.0.113.10",
            "x-forwarded-port": "443",
            "x-forwarded-proto": "https",
        },
        "queryStringParameters": {"verbose": "true", "tag": "a,b"},
        "requestContext": context,
        "body": '{"quantity": 2}',
        "isBase64Encoded": False,
    }


def _http_api_v2() -> dict[str, Any]:
    event = _http_api(
        "abcdef1234.execute-api.us-east-1.amazonaws.com",
        stage="$default",
        route="POST /orders/{orderId}",
        account=ACCOUNT,
        authorizer={
            "jwt": {
                "claims": {"sub": "8d1e5c1a-0000-4000-8000-000000000001", "scope": "orders"},
                "scopes": ["orders"],
            }
        },
    )
    event["pathParameters"] = {"orderId": "42"}
    event["stageVariables"] = {"tableName": "orders"}
    return event


def _function_url() -> dict[str, Any]:
    # A function URL with AuthType NONE: the caller is "anonymous", no authorizer, no path
    # parameters, route and stage $default.
    return _http_api(
        "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6.lambda-url.us-east-1.on.aws",
        stage="$default",
        route="$default",
        account="anonymous",
        authorizer=None,
    )


def _alb() -> dict[str, Any]:
    return {
        "requestContext": {
            "elb": {
                "targetGroupArn": (
                    f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:"
                    "targetgroup/lambda-orders/6d0ecf831eec9f09"
                )
            }
        },
        "httpMethod": "GET",
        "path": "/orders",
        "queryStringParameters": {"status": "open"},
        "headers": {
            "accept": "application/json",
            "accept-encoding": "gzip",
            "connection": "keep-alive",
            "host": "orders-alb-123456789.us-east-1.elb.amazonaws.com",
            "user-agent": "curl/8.5.0",
            "x-amzn-trace-id": "Root=1-6742c0de-1a2b3c4d5e6f708192a3b4c5",
            "x-forwarded-for": "203.0.113.10",
            "x-forwarded-port": "80",
            "x-forwarded-proto": "http",
        },
        "body": "",
        "isBase64Encoded": False,
    }


def _s3_put() -> dict[str, Any]:
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventTime": "2026-11-24T06:00:00.000Z",
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:AIDAEXAMPLEUSERID"},
                "requestParameters": {"sourceIPAddress": "203.0.113.10"},
                "responseElements": {
                    "x-amz-request-id": "C3D13FE58DE4C810",
                    "x-amz-id-2": (
                        "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"
                    ),
                },
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "on-upload",
                    "bucket": {
                        "name": "acme-uploads",
                        "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                        "arn": "arn:aws:s3:::acme-uploads",
                    },
                    "object": {
                        "key": "incoming/photo+1.jpg",  # keys arrive URL-encoded
                        "size": 1024,
                        "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                        "sequencer": "0A1B2C3D4E5F678901",
                    },
                },
            }
        ]
    }


def _sqs() -> dict[str, Any]:
    body = '{"orderId": 42, "action": "ship"}'
    return {
        "Records": [
            {
                "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
                "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": "1795500000000",
                    "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                    "ApproximateFirstReceiveTimestamp": "1795500000005",
                },
                "messageAttributes": {},
                "md5OfBody": hashlib.md5(body.encode()).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders-queue",
                "awsRegion": REGION,
            }
        ]
    }


def _sns() -> dict[str, Any]:
    topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:order-events"
    return {
        "Records": [
            {
                "EventVersion": "1.0",
                "EventSubscriptionArn": f"{topic}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
                "EventSource": "aws:sns",
                "Sns": {
                    "SignatureVersion": "1",
                    "Timestamp": "2026-11-24T06:00:00.000Z",
                    "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0Q==",
                    "SigningCertUrl": (
                        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-"
                        "0000000000000000000000.pem"
                    ),
                    "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                    "Message": '{"orderId": 42, "status": "shipped"}',
                    "MessageAttributes": {"kind": {"Type": "String", "Value": "order"}},
                    "Type": "Notification",
                    "UnsubscribeUrl": (
                        "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&"
                        f"SubscriptionArn={topic}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55"
                    ),
                    "TopicArn": topic,
                    "Subject": "Order shipped",
                },
            }
        ]
    }


def _scheduled() -> dict[str, Any]:
    return {
        "version": "0",
        "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": "2026-11-24T06:00:00Z",
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/nightly-cleanup"],
        "detail": {},
    }


def _dynamodb_stream() -> dict[str, Any]:
    arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders/stream/2026-11-24T00:00:00.000"
    return {
        "Records": [
            {
                "eventID": "c4ca4238a0b923820dcc509a6f75849b",
                "eventName": "INSERT",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": REGION,
                "dynamodb": {
                    "ApproximateCreationDateTime": 1795500000,
                    "Keys": {"orderId": {"N": "42"}},
                    "NewImage": {
                        "orderId": {"N": "42"},
                        "status": {"S": "open"},
                        "items": {"L": [{"S": "book"}]},
                    },
                    "SequenceNumber": "111",
                    "SizeBytes": 26,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
                "eventSourceARN": arn,
            },
            {
                "eventID": "c81e728d9d4c2f636f067f89cc14862c",
                "eventName": "MODIFY",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": REGION,
                "dynamodb": {
                    "ApproximateCreationDateTime": 1795500001,
                    "Keys": {"orderId": {"N": "42"}},
                    "NewImage": {"orderId": {"N": "42"}, "status": {"S": "shipped"}},
                    "OldImage": {"orderId": {"N": "42"}, "status": {"S": "open"}},
                    "SequenceNumber": "222",
                    "SizeBytes": 59,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
                "eventSourceARN": arn,
            },
        ]
    }


def _kinesis() -> dict[str, Any]:
    data = base64.b64encode(b'{"page": "/checkout", "user": "u-17"}').decode("ascii")
    sequence = "49590338271490256608559692538361571095921575989136588898"
    return {
        "Records": [
            {
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": "u-17",
                    "sequenceNumber": sequence,
                    "data": data,
                    "approximateArrivalTimestamp": 1795500000.123,
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": f"shardId-000000000006:{sequence}",
                "eventName": "aws:kinesis:record",
                "invokeIdentityArn": f"arn:aws:iam::{ACCOUNT}:role/clickstream-role",
                "awsRegion": REGION,
                "eventSourceARN": f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/clickstream",
            }
        ]
    }


#: The subscription message a CloudWatch Logs template carries (before gzip + base64).
CLOUDWATCH_LOGS_MESSAGE: dict[str, Any] = {
    "messageType": "DATA_MESSAGE",
    "owner": ACCOUNT,
    "logGroup": "/aws/lambda/order-processor",
    "logStream": "2026/11/24/[$LATEST]6d2f3c1e0a9b4c8d9e7f6a5b4c3d2e1f",
    "subscriptionFilters": ["errors-to-alerts"],
    "logEvents": [
        {
            "id": "37923937834937401234567890123456789012345678901234567890",
            "timestamp": 1795500000000,
            "message": "[ERROR] 2026-11-24T06:00:00.000Z 1f2e3d4c order 42 failed: timeout\n",
        },
        {
            "id": "37923937834937401234567890123456789012345678901234567891",
            "timestamp": 1795500000100,
            "message": "[ERROR] 2026-11-24T06:00:00.100Z 1f2e3d4c retrying order 42\n",
        },
    ],
}


def cloudwatch_logs_data(message: dict[str, Any]) -> str:
    """``awslogs.data`` for a subscription message: gzip, then base64 (as Lambda gets it)."""
    raw = json.dumps(message, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, mtime=0)).decode("ascii")


def _cloudwatch_logs() -> dict[str, Any]:
    return {"awslogs": {"data": cloudwatch_logs_data(CLOUDWATCH_LOGS_MESSAGE)}}


def _cognito_pre_sign_up() -> dict[str, Any]:
    return {
        "version": "1",
        "region": REGION,
        "userPoolId": "us-east-1_EXAMPLE1",
        "userName": "jane.doe",
        "callerContext": {
            "awsSdkVersion": "aws-sdk-unknown-unknown",
            "clientId": "1example23456789",
        },
        "triggerSource": "PreSignUp_SignUp",
        "request": {
            "userAttributes": {"email": "jane.doe@example.com", "name": "Jane Doe"},
            "validationData": {},
            "clientMetadata": {},
        },
        "response": {
            "autoConfirmUser": False,
            "autoVerifyEmail": False,
            "autoVerifyPhone": False,
        },
    }


TEMPLATES: list[Template] = [
    Template("apigateway-rest", "API Gateway REST API proxy (v1)", _pretty(_api_gateway_rest())),
    Template("apigateway-http", "API Gateway HTTP API proxy (v2)", _pretty(_http_api_v2())),
    Template("function-url", "Function URL request", _pretty(_function_url())),
    Template("alb", "Application Load Balancer request", _pretty(_alb())),
    Template("s3-put", "S3 object created (Put)", _pretty(_s3_put())),
    Template("sqs", "SQS message", _pretty(_sqs())),
    Template("sns", "SNS notification", _pretty(_sns())),
    Template("eventbridge-scheduled", "EventBridge scheduled event", _pretty(_scheduled())),
    Template("dynamodb-stream", "DynamoDB stream (insert, modify)", _pretty(_dynamodb_stream())),
    Template("kinesis", "Kinesis data stream record", _pretty(_kinesis())),
    Template(
        "cloudwatch-logs", "CloudWatch Logs subscription (gzip+base64)", _pretty(_cloudwatch_logs())
    ),
    Template(
        "cognito-pre-sign-up",
        "Cognito user pool pre sign-up trigger",
        _pretty(_cognito_pre_sign_up()),
    ),
]


def by_id(template_id: str) -> Template:
    for template in TEMPLATES:
        if template.id == template_id:
            return template
    raise KeyError(template_id)
