"""Clients and small builders for the local-account tests (the account itself is in tests/)."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from typing import Any

import boto3
import pytest

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


def client(account: Any, service: str) -> Any:
    return boto3.client(service, endpoint_url=account.endpoint_url, region_name=account.region)


@pytest.fixture
def lam(account: Any) -> Any:
    return client(account, "lambda")


@pytest.fixture
def logs(account: Any) -> Any:
    return client(account, "logs")


@pytest.fixture
def role_arn(account: Any) -> str:
    iam = client(account, "iam")
    return str(iam.create_role(RoleName="test-role", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"])


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, source in files.items():
            archive.writestr(path, source)
    return buffer.getvalue()


@pytest.fixture
def make_function(lam: Any, role_arn: str) -> Callable[..., dict[str, Any]]:
    """Create a Python function from source files; returns the CreateFunction reply."""

    def make(
        name: str,
        files: dict[str, str] | None = None,
        handler: str = "app.handler",
        runtime: str = "python3.12",
        **params: Any,
    ) -> dict[str, Any]:
        files = files or {"app.py": "def handler(event, context):\n    return event\n"}
        return dict(
            lam.create_function(
                FunctionName=name,
                Runtime=runtime,
                Role=role_arn,
                Handler=handler,
                Code={"ZipFile": zip_of(files)},
                **params,
            )
        )

    return make


def wait_for(check: Callable[[], Any], timeout: float = 15.0) -> Any:
    """Poll ``check`` until it returns something truthy (for work done in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        time.sleep(0.05)


def log_messages(logs: Any, group: str, request_id: str | None = None) -> list[str]:
    """Every message in a log group (optionally only those mentioning a request id)."""
    params: dict[str, Any] = {"logGroupName": group}
    if request_id:
        params["filterPattern"] = f'"{request_id}"'
    messages: list[str] = []
    try:
        for page in logs.get_paginator("filter_log_events").paginate(**params):
            messages.extend(event["message"] for event in page["events"])
    except logs.exceptions.ResourceNotFoundException:
        return []  # no invocation has written to it yet
    return messages


@pytest.fixture
def released(lam: Any, make_function: Callable[..., dict[str, Any]]) -> str:
    """A function "shop" with versions 1 and 2 published and alias "live" → 1; its name."""
    make_function("shop")
    lam.publish_version(FunctionName="shop")
    lam.update_function_configuration(FunctionName="shop", Description="second release")
    lam.publish_version(FunctionName="shop")
    lam.create_alias(FunctionName="shop", Name="live", FunctionVersion="1")
    return "shop"
