"""boto3 clients for talking to the local account, sealed off from the user's AWS set-up.

They sign with fixed dummy credentials and never read ``~/.aws`` (config, credentials or a
profile named in ``AWS_PROFILE``), so seeding the demo can neither use nor need real access.
"""

from __future__ import annotations

import os
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

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
