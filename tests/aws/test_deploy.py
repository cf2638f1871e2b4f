"""Deploying code through the gateway, against the local account: UpdateFunctionCode with the
RevisionId seen, followed to Successful, PublishVersion guarded by CodeSha256; and what must
never happen: a deploy under --read-only, over a stale RevisionId, over the size limit, or
sent twice when its reply is lost."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.deploy_gateway import DIRECT_UPLOAD_LIMIT, code_sha256
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.code.pack import DIRECT_UPLOAD_LIMIT as PACK_LIMIT
from tests.aws.test_edit import make_function
from tests.wire import delayed_proxy

CODE_PATH = "/2015-03-31/functions/shop/code"


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


NEW = _zip({"app.py": "def handler(event, context):\n    return 'new'\n"})


def _gateway(endpoint: str, region: str, *, read_only: bool = False) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region=region, read_only=read_only))


def _lam(account: Any) -> Any:
    return boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)


def _code_puts(seen: list[str]) -> list[str]:
    return [line for line in seen if line.startswith(f"PUT {CODE_PATH}")]


def test_the_gateway_and_the_packer_agree_on_the_limit() -> None:
    assert DIRECT_UPLOAD_LIMIT == PACK_LIMIT


async def test_deploy_updates_the_code_and_publishes_a_version_of_it(account: Any) -> None:
    lam = make_function(account)
    before = lam.get_function(FunctionName="shop")
    progress: list[str] = []
    async with _gateway(account.endpoint_url, account.region) as gw:
        info = await gw.function_code("shop")
        deployed = await gw.deploy_code(
            "shop",
            NEW,
            info.revision_id,
            publish=True,
            previous_sha256=info.sha256,
            on_status=progress.append,
        )
        served = await gw.function_code("shop")
        chunks: list[bytes] = []

        class Sink:
            def write(self, data: bytes, /) -> int:
                chunks.append(data)
                return len(data)

        await gw.download(served.location, served.sha256, served.size, lambda *_: None, Sink())
    assert info.revision_id == before["Configuration"]["RevisionId"]
    assert deployed.sha256 == code_sha256(NEW) and deployed.size == len(NEW)
    assert deployed.previous_sha256 == before["Configuration"]["CodeSha256"]
    assert deployed.version == "3" and not deployed.recovered
    assert deployed.revision_id == lam.get_function_configuration(FunctionName="shop")["RevisionId"]
    assert b"".join(chunks) == NEW  # what GetFunction's Location now serves
    version = lam.get_function_configuration(FunctionName="shop", Qualifier="3")
    assert version["CodeSha256"] == code_sha256(NEW)
    assert progress[0].startswith("UpdateFunctionCode") and "PublishVersion…" in progress
    assert "LastUpdateStatus: Successful" in progress


async def test_without_publish_no_version_is_made(account: Any) -> None:
    lam = make_function(account)
    async with _gateway(account.endpoint_url, account.region) as gw:
        info = await gw.function_code("shop")
        deployed = await gw.deploy_code("shop", NEW, info.revision_id)
    assert deployed.version == ""
    versions = lam.list_versions_by_function(FunctionName="shop")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2"]


async def test_a_stale_revision_id_deploys_nothing(account: Any) -> None:
    lam = make_function(account)
    async with _gateway(account.endpoint_url, account.region) as gw:
        info = await gw.function_code("shop")
        lam.update_function_configuration(FunctionName="shop", Description="someone else")
        with pytest.raises(errors.ChangedMeanwhile, match="changed by someone else"):
            await gw.deploy_code("shop", NEW, info.revision_id)
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == info.sha256


async def test_read_only_refuses_before_anything_is_sent(account: Any) -> None:
    make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with _gateway(proxy, account.region, read_only=True) as gw:
            info = await gw.function_code("shop")
            with pytest.raises(errors.ReadOnlyRefused, match="UpdateFunctionCode"):
                await gw.deploy_code("shop", NEW, info.revision_id)
    assert _code_puts(seen) == [] and seen  # the read went out, the deploy did not


async def test_a_package_over_the_direct_upload_limit_is_refused_naming_s3(account: Any) -> None:
    make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with _gateway(proxy, account.region) as gw:
            with pytest.raises(errors.PackageTooLarge) as caught:
                await gw.deploy_code("shop", b"\0" * (DIRECT_UPLOAD_LIMIT + 1), "rev")
    assert "50 MB" in str(caught.value) and "S3" in str(caught.value)
    assert seen == []


async def test_a_lost_reply_is_not_sent_again_the_function_is_read_back(account: Any) -> None:
    """The reply to UpdateFunctionCode comes too late (the deploy applied): it is not resent
    (a resend would be refused as stale, or deploy twice), the function is read back."""
    lam = make_function(account)
    holder: dict[str, list[str]] = {}

    def delay() -> float:
        return 2.0 if holder["seen"][-1].startswith(f"PUT {CODE_PATH}") else 0.0

    with delayed_proxy(account.endpoint_url, delay) as (proxy, seen):
        holder["seen"] = seen
        async with _gateway(proxy, account.region) as gw:
            gw.deploy_read_timeout = 0.5
            info = await gw.function_code("shop")
            deployed = await gw.deploy_code("shop", NEW, info.revision_id)
    assert deployed.recovered and deployed.sha256 == code_sha256(NEW)
    assert len(_code_puts(seen)) == 1
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == code_sha256(NEW)


async def test_a_failed_update_reports_lambdas_reason(account: Any) -> None:
    make_function(account)

    def failed(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "GET" and path.endswith("/configuration"):
            body["LastUpdateStatus"] = "Failed"
            body["LastUpdateStatusReason"] = "Unzipped size must be smaller than 262144000 bytes"
            body["LastUpdateStatusReasonCode"] = "InvalidZipFileException"
        return body

    with delayed_proxy(account.endpoint_url, rewrite=failed) as (proxy, _seen):
        async with _gateway(proxy, account.region) as gw:
            info = await gw.function_code("shop")
            with pytest.raises(errors.UpdateFailed) as caught:
                await gw.deploy_code("shop", NEW, info.revision_id)
    assert "Unzipped size must be smaller" in str(caught.value)
    assert "InvalidZipFileException" in str(caught.value)
    assert caught.value.operation == "UpdateFunctionCode"
