"""Profiles from the user's AWS files (temporary ones here), and Lambda's regions."""

from __future__ import annotations

import os
from pathlib import Path

from lambdatui.aws.profiles import (
    KEYS,
    OTHER,
    PROCESS,
    ROLE,
    SSO,
    AwsProfile,
    lambda_regions,
    list_profiles,
)


def _write(config: str, credentials: str = "") -> None:
    Path(os.environ["AWS_CONFIG_FILE"]).parent.mkdir(parents=True, exist_ok=True)
    Path(os.environ["AWS_CONFIG_FILE"]).write_text(config)
    Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]).write_text(credentials)


def test_every_kind_of_profile_is_listed_default_first() -> None:
    _write(
        """
[default]
region = us-east-1
[profile dev-sso]
sso_session = acme
sso_account_id = 111111111111
sso_role_name = Dev
region = eu-west-1
[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = eu-west-1
[profile vault]
credential_process = /usr/bin/vault-creds
[profile Admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::111111111111:mfa/me
[profile bare]
output = json
""",
        "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n"
        "[ci]\naws_access_key_id = AKIAEXAMPLE2\naws_secret_access_key = y\n",
    )
    assert list_profiles() == [
        AwsProfile("default", KEYS, "us-east-1"),
        AwsProfile("Admin", ROLE, None, needs_mfa=True),
        AwsProfile("bare", OTHER),
        AwsProfile("ci", KEYS),
        AwsProfile("dev-sso", SSO, "eu-west-1"),
        AwsProfile("vault", PROCESS),
    ]


def test_no_files_no_profiles() -> None:
    assert list_profiles() == []


def test_lambda_regions_include_the_usual_ones() -> None:
    regions = lambda_regions()
    assert {"us-east-1", "eu-west-1", "ap-southeast-2"} <= set(regions)
    assert regions == sorted(regions)


async def test_a_hung_credential_process_is_a_message_not_a_frozen_app(  # type: ignore[no-untyped-def]
    account, monkeypatch, tmp_path
) -> None:
    from lambdatui.aws import errors, gateway
    from lambdatui.aws.gateway import Gateway
    from lambdatui.aws.target import resolve_target

    script = tmp_path / "creds.sh"
    script.write_text("#!/bin/sh\nsleep 30\n")
    script.chmod(0o755)
    _write(f"[profile slow]\ncredential_process = {script}\nregion = {account.region}\n")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setattr(gateway, "CREDENTIALS_TIMEOUT", 0.5)
    target = resolve_target(profile="slow", endpoint_url=account.endpoint_url)
    async with Gateway(target) as gw:
        try:
            await gw.list_functions()
        except errors.TimedOut as exc:
            assert "profile 'slow'" in exc.message and "0.5 s" in exc.message
            assert "credential_process" in exc.hint
        else:
            raise AssertionError("no timeout")


async def test_credential_process_credentials_are_used(account, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.aws.gateway import Gateway
    from lambdatui.aws.target import resolve_target

    script = tmp_path / "creds.sh"
    script.write_text(
        '#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "s"}\'\n'
    )
    script.chmod(0o755)
    _write(f"[profile proc]\ncredential_process = {script}\n")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    target = resolve_target(
        profile="proc", region=account.region, endpoint_url=account.endpoint_url
    )
    async with Gateway(target) as gw:
        assert await gw.list_functions() == []
