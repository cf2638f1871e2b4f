"""Target resolution follows the AWS CLI, and honours AWS_REGION (boto3 alone does not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lambdatui.aws.target import NoRegionError, resolve_target


def test_region_flag_wins_over_environment() -> None:
    env = {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"}
    assert resolve_target(region="ap-south-1", env=env).region == "ap-south-1"


def test_aws_region_is_honoured_before_aws_default_region() -> None:
    env = {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"}
    assert resolve_target(env=env).region == "eu-west-1"
    assert resolve_target(env={"AWS_DEFAULT_REGION": "us-east-2"}).region == "us-east-2"


def test_region_comes_from_the_profile_in_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text("[default]\nregion = eu-central-1\n[profile prod]\nregion = us-west-2\n")
    env = {"AWS_CONFIG_FILE": str(config)}
    assert resolve_target(env=env).region == "eu-central-1"
    assert resolve_target(profile="prod", env=env).region == "us-west-2"
    assert resolve_target(env={**env, "AWS_PROFILE": "prod"}).profile == "prod"


def test_no_region_anywhere_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    with pytest.raises(NoRegionError, match="--region"):
        resolve_target(profile="dev", env={"AWS_CONFIG_FILE": str(tmp_path / "missing")})


def test_endpoint_flag_wins_and_service_variables_apply_per_service() -> None:
    env = {
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": "http://general:1",
        "AWS_ENDPOINT_URL_LAMBDA": "http://lambda:2",
        "AWS_ENDPOINT_URL_LOGS": "http://logs:3",
    }
    target = resolve_target(env=env)
    assert target.endpoint_for("lambda") == "http://lambda:2"
    assert target.endpoint_for("logs") == "http://logs:3"
    assert target.endpoint_for("sts") == "http://general:1"
    flagged = resolve_target(endpoint_url="http://flag:9", env=env)
    assert {flagged.endpoint_for(s) for s in ("lambda", "logs", "sts")} == {"http://flag:9"}


def test_real_aws_has_no_custom_endpoint_and_cache_keys_differ_per_target() -> None:
    a = resolve_target(env={"AWS_REGION": "us-east-1"})
    b = resolve_target(env={"AWS_REGION": "us-east-2"})
    c = resolve_target(endpoint_url="http://127.0.0.1:5000", env={"AWS_REGION": "us-east-1"})
    assert a.custom_endpoint is None
    assert len({a.cache_key, b.cache_key, c.cache_key}) == 3
    assert "/" not in c.cache_key and ":" not in c.cache_key
