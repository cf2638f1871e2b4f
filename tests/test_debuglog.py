"""--debug: botocore's wire log in a private file, with every secret redacted."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.debuglog import REDACTED, redact, start_debug_log
from lambdatui.demo.seed import seed_functions

SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN"
KEY_ID = "ASIAEXAMPLEKEYID1234"
ENV_SECRET = "correct-horse-battery-staple"


@pytest.fixture
def root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_redact_covers_signatures_tokens_keys_and_env_values() -> None:
    line = (
        "{'Authorization': b'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEYID1234/20261124/us-east-1"
        "/lambda/aws4_request, SignedHeaders=host, Signature=0a1b2c3d4e5f', "
        f"'X-Amz-Security-Token': b'{SESSION_TOKEN}'}} "
        f'b\'{{"Environment":{{"Variables":{{"DB_PASSWORD":"{ENV_SECRET}","MODE":"x"}}}}}}\' '
        f"aws_secret_access_key = {SECRET_KEY}"
    )
    out = redact(line)
    for secret in (KEY_ID, SESSION_TOKEN, ENV_SECRET, SECRET_KEY, "0a1b2c3d4e5f", '"x"'):
        assert secret not in out, secret
    assert "DB_PASSWORD" in out and "MODE" in out  # keys stay: they help debugging
    assert out.count(REDACTED) >= 6


async def test_debug_log_records_aws_calls_without_secrets(  # type: ignore[no-untyped-def]
    account, monkeypatch, tmp_path: Path, root_logging
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_SESSION_TOKEN", SESSION_TOKEN)
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="secretive")
    lam.update_function_configuration(
        FunctionName="secretive-00000", Environment={"Variables": {"DB_PASSWORD": ENV_SECRET}}
    )
    path = start_debug_log(tmp_path / "log" / "debug.log")
    target = resolve_target(endpoint_url=account.endpoint_url, region=account.region)
    async with Gateway(target) as gateway:
        detail = await gateway.get_function_detail("secretive-00000")
    assert detail.name == "secretive-00000"
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "GetFunction" in text and "secretive" in text  # the wire log is there
    for secret in (KEY_ID, SECRET_KEY, SESSION_TOKEN, ENV_SECRET):
        assert secret not in text, secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
