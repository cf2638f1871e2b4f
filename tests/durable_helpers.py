"""A small durable function on the local account, whose executions end within a second (or
wait an hour when asked), for the gateway and UI tests of durable executions."""

from __future__ import annotations

import json
from typing import Any

import boto3

from tests.demo.conftest import TRUST, wait_for, zip_of

HANDLER = (
    "def handler(event, context):\n"
    "    if event.get('card') == 'declined':\n"
    "        raise ValueError('card declined')\n"
    "    return {'order': event.get('order'), 'status': 'shipped'}\n"
)
PLAN = {
    "operations": [
        {"step": "validate-order", "seconds": 0.05},
        {"step": "reserve-stock", "seconds": 0.05, "retries": 1},
        {"wait": "cool-off", "seconds": 0.1, "secondsFrom": "coolOff"},
        {"step": "charge-card", "seconds": 0.05, "handler": True},
        {"step": "ship", "seconds": 0.05},
    ]
}


def lambda_client(account: Any) -> Any:
    return boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)


def make_flow(account: Any, name: str = "flow") -> Any:
    """A durable function ``name`` with version 1; its Lambda client."""
    iam = boto3.client("iam", endpoint_url=account.endpoint_url, region_name=account.region)
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    lam = lambda_client(account)
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": zip_of({"app.py": HANDLER, "durable.json": json.dumps(PLAN)})},
        DurableConfig={"ExecutionTimeout": 3600},
    )
    lam.publish_version(FunctionName=name)
    return lam


def start(lam: Any, execution: str, payload: dict[str, Any], name: str = "flow") -> str:
    """Start an execution of version 1 (asynchronously); its ARN."""
    reply = lam.invoke(
        FunctionName=name,
        Qualifier="1",
        InvocationType="Event",
        DurableExecutionName=execution,
        Payload=json.dumps(payload).encode(),
    )
    return str(reply["DurableExecutionArn"])


def settled(lam: Any, arn: str) -> str:
    """Wait until the execution has ended; its status."""

    def done() -> str | None:
        status = str(lam.get_durable_execution(DurableExecutionArn=arn)["Status"])
        return None if status == "RUNNING" else status

    return str(wait_for(done))
