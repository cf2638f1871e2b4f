"""A function's code through the gateway: GetFunction's package and layers on the local account,
a layer version in full, and the download of a package from its link, checked while it streams
(a real HTTP server on 127.0.0.1 plays S3)."""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import zipfile
from pathlib import Path
from typing import Any

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.code import CodeInfo, parse_layer_arn
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.store.code_cache import CodeCache
from tests.wire import delayed_proxy, served_files

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


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _sha(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def _gateway(endpoint: str, region: str) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region=region))


def _function_with_layer(account: Any) -> tuple[bytes, str]:
    """A zip function 'shop' using layer 'shared' version 1; (its package, the layer's ARN)."""
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    iam = boto3.client("iam", endpoint_url=account.endpoint_url, region_name=account.region)
    role = iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    layer = lam.publish_layer_version(
        LayerName="shared",
        Description="helpers",
        Content={"ZipFile": _zip({"python/helpers.py": "X = 1\n"})},
        CompatibleRuntimes=["python3.12", "python3.13"],
        CompatibleArchitectures=["arm64"],
    )
    package = _zip({"app.py": "def handler(event, context):\n    return event\n"})
    lam.create_function(
        FunctionName="shop",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": package},
        Layers=[layer["LayerVersionArn"]],
    )
    lam.publish_version(FunctionName="shop")
    return package, str(layer["LayerVersionArn"])


async def test_function_code_describes_a_zip_package_and_its_layers(account) -> None:  # type: ignore[no-untyped-def]
    package, layer_arn = _function_with_layer(account)
    async with _gateway(account.endpoint_url, account.region) as gw:
        latest = await gw.function_code("shop")
        first = await gw.function_code("shop", "1")
        with pytest.raises(errors.NotFound):
            await gw.function_code("nowhere")
    assert latest.package_type == "Zip" and not latest.is_image
    assert latest.sha256 == _sha(package) and latest.size == len(package)
    assert latest.version == "$LATEST" and first.version == "1" and first.qualifier == "1"
    assert latest.image_config is None and latest.image_uri == ""
    assert [(ref.arn, ref.name, ref.version) for ref in latest.layers] == [(layer_arn, "shared", 1)]
    assert latest.layers[0].size > 0


async def test_a_layer_in_full_even_where_get_layer_version_by_arn_is_missing(plain_moto) -> None:  # type: ignore[no-untyped-def]
    _, layer_arn = _function_with_layer(plain_moto)
    with delayed_proxy(plain_moto.endpoint_url) as (proxy, seen):
        async with _gateway(proxy, plain_moto.region) as gw:
            layer = await gw.layer_info(layer_arn)
    assert layer.arn == layer_arn and layer.name == "shared" and layer.version == 1
    assert layer.compatible_runtimes == ("python3.12", "python3.13")
    assert layer.compatible_architectures == ("arm64",)
    assert layer.description == "helpers" and layer.size > 0 and layer.sha256
    # plain moto answers ByArn with an error page: asked by name instead
    assert any("find=LayerVersion" in line for line in seen)
    assert seen[-1].startswith("GET /2018-10-31/layers/")


async def test_a_layer_by_arn_from_the_local_account_in_one_call(account) -> None:  # type: ignore[no-untyped-def]
    _, layer_arn = _function_with_layer(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with _gateway(proxy, account.region) as gw:
            layer = await gw.layer_info(layer_arn)
    assert (layer.arn, layer.name, layer.version) == (layer_arn, "shared", 1)
    assert layer.location.startswith(account.endpoint_url)  # served by the account itself
    assert len(seen) == 1 and "find=LayerVersion" in seen[0]


async def test_a_layer_from_get_layer_version_by_arn_where_the_endpoint_has_it() -> None:
    arn = "arn:aws:lambda:us-east-1:999999999999:layer:vendor-tools:7"
    reply = {
        "LayerVersionArn": arn,
        "LayerArn": arn.rsplit(":", 1)[0],
        "Version": 7,
        "Content": {"CodeSha256": "c2hh", "CodeSize": 4096, "Location": "https://x"},
        "CompatibleRuntimes": ["nodejs22.x"],
    }
    # an endpoint that answers as AWS does (the local account has no GetLayerVersionByArn)
    with served_files({"/2018-10-31/layers": (200, json.dumps(reply).encode())}) as (url, seen):
        async with _gateway(url, "us-east-1") as gw:
            layer = await gw.layer_info(arn)
    assert (layer.name, layer.version, layer.size) == ("vendor-tools", 7, 4096)
    assert layer.compatible_runtimes == ("nodejs22.x",)
    assert len(seen) == 1 and "find=LayerVersion" in seen[0]  # no second call


def test_image_code_shows_uri_digest_and_config() -> None:
    reply = {
        "Configuration": {
            "FunctionName": "img",
            "PackageType": "Image",
            "CodeSha256": "abc=",
            "CodeSize": 0,
            "Version": "$LATEST",
            "ImageConfigResponse": {
                "ImageConfig": {
                    "EntryPoint": ["/lambda-entrypoint.sh"],
                    "Command": ["app.handler"],
                    "WorkingDirectory": "/var/task",
                }
            },
        },
        "Code": {
            "RepositoryType": "ECR",
            "ImageUri": "1.dkr.ecr.us-east-1.amazonaws.com/img:latest",
            "ResolvedImageUri": "1.dkr.ecr.us-east-1.amazonaws.com/img@sha256:feed",
        },
    }
    info = CodeInfo.from_api(reply, "img")
    assert info.is_image and info.location == "" and info.image_digest == "sha256:feed"
    assert info.image_config is not None
    assert info.image_config.command == ("app.handler",)
    assert info.image_config.entry_point == ("/lambda-entrypoint.sh",)
    assert info.image_config.working_directory == "/var/task"


def test_layer_arns_are_parsed() -> None:
    arn = "arn:aws:lambda:eu-west-1:123456789012:layer:my-layer:12"
    assert parse_layer_arn(arn) == (arn.rsplit(":", 1)[0], "my-layer", 12)
    assert parse_layer_arn("arn:aws:lambda:eu-west-1:1:function:f") is None


PACKAGE = bytes(range(256)) * 4000  # ~1 MB, several pieces
S3_EXPIRED = (
    b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired</Message></Error>"
)


@pytest.fixture
def s3() -> Any:
    routes = {
        "/ok": (200, PACKAGE),
        "/tampered": (200, PACKAGE[:-1] + b"!"),
        "/expired": (403, S3_EXPIRED),
        "/broken": (500, b"<html><title>500 Internal Server Error</title></html>"),
    }
    with served_files(routes, chunk=100_000) as (url, seen):
        yield url, seen


async def test_a_download_streams_into_the_cache_with_progress(s3, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = s3
    cache = CodeCache(tmp_path / "code")
    sha = _sha(PACKAGE)
    steps: list[tuple[int, int]] = []
    async with _gateway("http://127.0.0.1:9", "us-east-1") as gw:
        with cache.incoming(sha) as sink:
            got = await gw.download(
                f"{url}/ok?X-Amz-Signature=s", sha, len(PACKAGE), lambda *s: steps.append(s), sink
            )
    assert got == len(PACKAGE)
    kept = cache.get(sha)
    assert kept is not None and kept.read_bytes() == PACKAGE
    assert steps[0] == (0, len(PACKAGE)) and steps[-1] == (len(PACKAGE), len(PACKAGE))
    assert len(steps) > 2 and all(b >= a for (a, _), (b, _) in itertools.pairwise(steps))


async def test_a_package_that_is_not_the_one_described_is_not_kept(s3, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = s3
    cache = CodeCache(tmp_path / "code")
    sha = _sha(PACKAGE)
    async with _gateway("http://127.0.0.1:9", "us-east-1") as gw:
        with pytest.raises(errors.PackageMismatch) as raised, cache.incoming(sha) as sink:
            await gw.download(f"{url}/tampered", sha, len(PACKAGE), lambda *_: None, sink)
        # longer than Lambda said: stopped as soon as it is
        with (
            pytest.raises(errors.PackageMismatch, match="longer than"),
            cache.incoming(sha) as sink,
        ):
            await gw.download(f"{url}/ok", sha, 1000, lambda *_: None, sink)
    assert raised.value.title == "Package check failed"
    assert "not kept" in raised.value.message and "Refresh" in raised.value.hint
    assert cache.get(sha) is None and list((tmp_path / "code").iterdir()) == []


async def test_an_expired_link_says_to_refresh(s3) -> None:  # type: ignore[no-untyped-def]
    url, _ = s3
    async with _gateway("http://127.0.0.1:9", "us-east-1") as gw:
        with pytest.raises(errors.DownloadExpired) as raised:
            await gw.download(f"{url}/expired?X-Amz-Signature=secret", "x", 10, print, io.BytesIO())
        with pytest.raises(errors.EndpointPage, match="HTTP 500"):
            await gw.download(f"{url}/broken", "x", 10, print, io.BytesIO())
    assert raised.value.title == "Download link expired"
    assert "Refresh (r)" in raised.value.hint
    assert "secret" not in str(raised.value)


async def test_an_unreachable_link_is_a_gateway_error() -> None:
    with served_files({}) as (url, _):
        dead = url  # the server is gone once the block ends
    async with _gateway("http://127.0.0.1:9", "us-east-1") as gw:
        with pytest.raises(errors.EndpointUnreachable) as raised:
            await gw.download(f"{dead}/ok?X-Amz-Signature=secret", "x", 10, print, io.BytesIO())
    assert str(raised.value).startswith("Could not reach 127.0.0.1 to download the package.")
    assert "secret" not in str(raised.value)


async def test_plain_motos_code_link_is_unreachable_and_says_so(plain_moto) -> None:  # type: ignore[no-untyped-def]
    """Plain moto hands out links to AWS's own S3 host without serving them: the error names
    the host (never the signed link) and why, instead of the HTTP client's text."""
    from tests.cli.code_helpers import two_versions

    two_versions(plain_moto)
    async with _gateway(plain_moto.endpoint_url, plain_moto.region) as gw:
        info = await gw.function_code("shop")
        with pytest.raises(errors.EndpointUnreachable) as raised:
            await gw.download(info.location, info.sha256, info.size, print, io.BytesIO())
    host = info.location.split("/")[2]
    assert host.endswith(".amazonaws.com")
    assert raised.value.message == f"Could not reach {host} to download the package."
    assert "plain moto" in raised.value.hint
    assert info.location not in str(raised.value)
