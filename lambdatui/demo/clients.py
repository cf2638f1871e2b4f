"""boto3 clients for talking to the local account, sealed off from the user's AWS set-up.

They sign with fixed dummy credentials and never read ``~/.aws`` (config, credentials or a
profile named in ``AWS_PROFILE``), so seeding the demo can neither use nor need real access.
"""

from __future__ import annotations

import functools
import os
import threading
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from .catalog import ACCOUNT_ID

DUMMY_ACCESS_KEY = "testing"
DUMMY_SECRET_KEY = "testing"

_SEALED_VARS = {
    "profile": (None, None, None, None),
    "config_file": (None, None, os.devnull, None),
    "credentials_file": (None, None, os.devnull, None),
}


def local_session(region: str) -> boto3.session.Session:
    core = botocore.session.Session(session_vars=dict(_SEALED_VARS))
    return boto3.session.Session(
        botocore_session=core,
        aws_access_key_id=DUMMY_ACCESS_KEY,
        aws_secret_access_key=DUMMY_SECRET_KEY,
        region_name=region,
    )


def client_config(pool: int = 10) -> Config:
    return Config(retries={"max_attempts": 3, "mode": "standard"}, max_pool_connections=pool)


def local_client(service: str, endpoint_url: str, region: str, pool: int = 10) -> Any:
    """A client for ``service`` on the local account at ``endpoint_url``."""
    return local_session(region).client(
        service, endpoint_url=endpoint_url, config=client_config(pool)
    )


class SeedAccount:
    """The clients one seeding run needs, created once."""

    def __init__(self, endpoint_url: str, region: str) -> None:
        self.region = region

        session = local_session(region)  # one session: service models load once

        def client(service: str, pool: int = 10) -> Any:
            return session.client(service, endpoint_url=endpoint_url, config=client_config(pool))

        self.lam = client("lambda", pool=16)
        self.iam = client("iam")
        self._client = client

    # The others are made on first use (~40 ms each): the demo's list waits only for the
    # functions (Lambda and IAM); the trigger sources and the log history come behind it.

    @functools.cached_property
    def sqs(self) -> Any:
        return self._client("sqs")

    @functools.cached_property
    def ddb(self) -> Any:
        return self._client("dynamodb")

    @functools.cached_property
    def kinesis(self) -> Any:
        return self._client("kinesis")

    @functools.cached_property
    def s3(self) -> Any:
        return self._client("s3")

    @functools.cached_property
    def sns(self) -> Any:
        return self._client("sns")

    @functools.cached_property
    def events(self) -> Any:
        return self._client("events")

    @functools.cached_property
    def logs(self) -> Any:
        """CloudWatch Logs: only the log history, behind the list, needs it."""
        return self._client("logs")

    def arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{ACCOUNT_ID}:{resource}"

    def function_arn(self, name: str) -> str:
        return self.arn("lambda", f"function:{name}")


_accounts: dict[tuple[str, str], SeedAccount] = {}
_accounts_lock = threading.Lock()


def seed_account(endpoint_url: str, region: str) -> SeedAccount:
    """The clients for an endpoint, made once per process (a client's models take a while)."""
    with _accounts_lock:
        key = (endpoint_url, region)
        if key not in _accounts:
            _accounts[key] = SeedAccount(endpoint_url, region)
        return _accounts[key]
