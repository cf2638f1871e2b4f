"""Functions with real handlers for the invoke tests (aws, twin, UI), in the local account."""

from __future__ import annotations

import io
import json
import zipfile
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

ECHO = """
def handler(event, context):
    print("echo got", type(event).__name__)
    return {"echo": event, "version": context.function_version}
"""

FAILING = """
def handler(event, context):
    raise ValueError("bad order: " + str(event.get("id")))
"""

#: Fails with an error that has no type (``event["message"]`` as its message), or no message.
UNTYPED = """
def handler(event, context):
    if event.get("message"):
        raise type("", (Exception,), {})(event["message"])
    raise ValueError()
"""

#: Sleeps ``event["seconds"]`` and says when it starts and ends: one START line per execution.
SLOW = """
import time

def handler(event, context):
    print("slow start")
    time.sleep(float(event.get("seconds", 1)))
    print("slow done")
    return {"slept": event.get("seconds", 1)}
"""

#: Prints ``event["lines"]`` numbered lines: more than the 4 KB tail holds.
CHATTY = """
def handler(event, context):
    for n in range(int(event.get("lines", 10))):
        print(f"line {n:04d} " + "x" * 60)
    return {"lines": event.get("lines", 10)}
"""

#: Returns a large document (``event["kb"]`` kilobytes of items).
BIG = """
def handler(event, context):
    return {"items": [{"n": n, "text": "y" * 90} for n in range(int(event.get("kb", 64)) * 10)]}
"""


def lambda_client(endpoint: str, region: str = "us-east-1") -> Any:
    return boto3.client("lambda", endpoint_url=endpoint, region_name=region)


def logs_client(endpoint: str, region: str = "us-east-1") -> Any:
    return boto3.client("logs", endpoint_url=endpoint, region_name=region)


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


def role_arn(endpoint: str, region: str = "us-east-1", name: str = "invoke-test-role") -> str:
    """The ARN of the IAM role ``name`` that Lambda may assume, created on first use."""
    iam = boto3.client("iam", endpoint_url=endpoint, region_name=region)
    try:
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
    except iam.exceptions.EntityAlreadyExistsException:
        role = iam.get_role(RoleName=name)
    return str(role["Role"]["Arn"])


def python_function(
    endpoint: str,
    name: str,
    source: str = ECHO,
    *,
    region: str = "us-east-1",
    role: str = "invoke-test-role",
    **params: Any,
) -> dict[str, Any]:
    """Create a python3.12 function running ``source`` (app.py, handler app.handler) in
    ``region``, as IAM role ``role`` (created on first use); ``params`` go to CreateFunction."""
    lam = lambda_client(endpoint, region)
    return dict(
        lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role_arn(endpoint, region, role),
            Handler="app.handler",
            Code={"ZipFile": _zip(source)},
            **params,
        )
    )


def make_function(account: Any, name: str, source: str = ECHO, **params: Any) -> dict[str, Any]:
    """Create a python3.12 function running ``source`` in the account's region."""
    return python_function(account.endpoint_url, name, source, region=account.region, **params)


def log_messages(account: Any, group: str) -> list[str]:
    logs = logs_client(account.endpoint_url, account.region)
    messages: list[str] = []
    try:
        for page in logs.get_paginator("filter_log_events").paginate(logGroupName=group):
            messages.extend(event["message"] for event in page["events"])
    except logs.exceptions.ResourceNotFoundException:
        return []
    return messages


def starts(account: Any, name: str) -> list[str]:
    """The START lines of ``name``'s runs: how many times its code really ran."""
    return [m for m in log_messages(account, f"/aws/lambda/{name}") if m.startswith("START ")]
