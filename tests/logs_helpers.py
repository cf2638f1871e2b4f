"""Shared builders for the logs tests: functions and log lines in the local account.

Lines are written with PutLogEvents into streams named as Lambda names them, so a test
controls which function, version and time each line belongs to.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
import zipfile
from datetime import UTC, datetime
from typing import Any

import boto3

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
CODE = (
    "import logging\ndef handler(event, context):\n    print('hello from', event)\n    return 1\n"
)


def client(account: Any, service: str) -> Any:
    return boto3.client(service, endpoint_url=account.endpoint_url, region_name=account.region)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", CODE)
    return buffer.getvalue()


def make_function(account: Any, name: str, group: str | None = None) -> None:
    iam = client(account, "iam")
    try:
        role = iam.get_role(RoleName="logs-test")["Role"]["Arn"]
    except iam.exceptions.NoSuchEntityException:
        role = iam.create_role(RoleName="logs-test", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    params: dict[str, Any] = {}
    if group:
        params["LoggingConfig"] = {"LogGroup": group}
    client(account, "lambda").create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": _zip()},
        **params,
    )


def today() -> str:
    return datetime.now(UTC).strftime("%Y/%m/%d")


def put_lines(account: Any, group: str, stream: str, *messages: str, at: int | None = None) -> None:
    logs = client(account, "logs")
    with contextlib.suppress(logs.exceptions.ResourceAlreadyExistsException):
        logs.create_log_group(logGroupName=group)
    with contextlib.suppress(logs.exceptions.ResourceAlreadyExistsException):
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
    stamp = at if at is not None else int(time.time() * 1000)
    logs.put_log_events(
        logGroupName=group,
        logStreamName=stream,
        logEvents=[{"timestamp": stamp, "message": m} for m in messages],
    )
