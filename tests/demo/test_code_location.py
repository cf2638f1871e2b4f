"""The local account serves the code it deploys: a Location from GetFunction or the layer
calls downloads exactly the bytes of that version (SHA-256 as CodeSha256 says), for 10
minutes, and refuses a changed or expired URL as S3 refuses a presigned one."""

from __future__ import annotations

import base64
import hashlib
import io
import urllib.error
import urllib.request
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import botocore.exceptions
import pytest

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _package(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("app.py", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(info, f"def handler(event, context):\n    return {text!r}\n")
    return buffer.getvalue()


def _sha(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def _download(url: str) -> bytes:
    with _opener.open(url, timeout=10) as reply:
        return bytes(reply.read())


def _refusal(url: str) -> tuple[int, str]:
    with pytest.raises(urllib.error.HTTPError) as caught:
        _download(url)
    return caught.value.code, caught.value.read().decode()


@pytest.fixture
def deploy(lam: Any, role_arn: str) -> Any:
    def create(name: str, code: bytes, **params: Any) -> dict[str, Any]:
        return dict(
            lam.create_function(
                FunctionName=name,
                Runtime="python3.12",
                Role=role_arn,
                Handler="app.handler",
                Code={"ZipFile": code},
                **params,
            )
        )

    return create


def _served(lam: Any, name: str, qualifier: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """What GetFunction's Location serves, and the configuration it came with."""
    params = {"FunctionName": name} | ({"Qualifier": qualifier} if qualifier else {})
    reply = lam.get_function(**params)
    return _download(reply["Code"]["Location"]), reply["Configuration"]


def test_latest_location_serves_the_deployed_zip_for_ten_minutes(
    lam: Any, deploy: Any, account: Any
) -> None:
    code = _package("first")
    deploy("shop", code)
    reply = lam.get_function(FunctionName="shop")
    location = urlsplit(reply["Code"]["Location"])
    assert reply["Code"]["RepositoryType"] == "S3"
    assert f"{location.scheme}://{location.netloc}" == account.endpoint_url
    query = parse_qs(location.query)
    assert query["X-Amz-Expires"] == ["600"]
    assert datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
    served = _download(reply["Code"]["Location"])
    assert served == code
    assert _sha(served) == reply["Configuration"]["CodeSha256"] == _sha(code)
    assert len(served) == reply["Configuration"]["CodeSize"]


def test_after_an_update_latest_serves_the_new_code_and_a_version_keeps_its_own(
    lam: Any, deploy: Any
) -> None:
    first, second = _package("first"), _package("second")
    deploy("shop", first)
    lam.publish_version(FunctionName="shop")
    lam.update_function_code(FunctionName="shop", ZipFile=second)

    latest, latest_config = _served(lam, "shop")
    version, version_config = _served(lam, "shop", "1")
    assert latest == second and _sha(latest) == latest_config["CodeSha256"]
    assert version == first and _sha(version) == version_config["CodeSha256"]
    assert len(version) == version_config["CodeSize"]


def test_an_alias_serves_its_versions_code(lam: Any, deploy: Any) -> None:
    first, second = _package("first"), _package("second")
    deploy("shop", first, Publish=True)
    lam.update_function_code(FunctionName="shop", ZipFile=second, Publish=True)
    lam.create_alias(FunctionName="shop", Name="live", FunctionVersion="1")

    served, config = _served(lam, "shop", "live")
    assert served == first
    assert _sha(served) == config["CodeSha256"]
    by_arn, _ = _served(lam, f"{config['FunctionArn'].rsplit(':', 1)[0]}:live")
    assert by_arn == first


def test_an_image_function_has_no_location(lam: Any, role_arn: str) -> None:
    uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:latest"
    lam.create_function(
        FunctionName="shop", Role=role_arn, PackageType="Image", Code={"ImageUri": uri}
    )
    code = lam.get_function(FunctionName="shop")["Code"]
    assert code["RepositoryType"] == "ECR"
    assert code["ImageUri"] == uri
    assert "Location" not in code


def test_an_expired_location_is_refused(lam: Any, deploy: Any, account: Any) -> None:
    deploy("shop", _package("first"))
    url = lam.get_function(FunctionName="shop")["Code"]["Location"]
    issued = datetime.now(UTC)

    account.knobs.clock = lambda: issued + timedelta(seconds=590)
    assert _download(url)
    account.knobs.clock = lambda: issued + timedelta(minutes=11)
    status, body = _refusal(url)
    assert status == 403
    assert "<Code>AccessDenied</Code><Message>Request has expired</Message>" in body
    assert "<X-Amz-Expires>600</X-Amz-Expires>" in body


def test_the_lifetime_is_a_knob(lam: Any, deploy: Any, account: Any) -> None:
    deploy("shop", _package("first"))
    account.knobs.code_url_seconds = 5
    url = lam.get_function(FunctionName="shop")["Code"]["Location"]
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["5"]
    issued = datetime.now(UTC)
    account.knobs.clock = lambda: issued + timedelta(seconds=30)
    assert _refusal(url)[0] == 403


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.replace("X-Amz-Expires=600", "X-Amz-Expires=6000"),
        lambda url: url.replace("/shop/", "/shap/"),
        lambda url: url[:-4] + ("0000" if not url.endswith("0000") else "1111"),
    ],
    ids=["lifetime", "path", "signature"],
)
def test_a_changed_location_is_refused(lam: Any, deploy: Any, tamper: Any) -> None:
    deploy("shop", _package("first"))
    url = lam.get_function(FunctionName="shop")["Code"]["Location"]
    status, body = _refusal(tamper(url))
    assert status == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in body


def test_a_location_without_its_signature_is_refused(lam: Any, deploy: Any) -> None:
    deploy("shop", _package("first"))
    url = lam.get_function(FunctionName="shop")["Code"]["Location"]
    status, body = _refusal(url.split("?", 1)[0])
    assert status == 403
    assert "<Code>AccessDenied</Code>" in body


def test_a_deleted_functions_location_serves_nothing(lam: Any, deploy: Any) -> None:
    deploy("shop", _package("first"))
    url = lam.get_function(FunctionName="shop")["Code"]["Location"]
    lam.delete_function(FunctionName="shop")
    status, body = _refusal(url)
    assert status == 404
    assert "<Code>NoSuchKey</Code>" in body


def test_a_stale_revision_id_does_not_change_the_code(lam: Any, deploy: Any) -> None:
    first, second = _package("first"), _package("second")
    stale = deploy("shop", first)["RevisionId"]
    lam.update_function_configuration(FunctionName="shop", Description="moved on")
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        lam.update_function_code(FunctionName="shop", ZipFile=second, RevisionId=stale)
    error = refused.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert error["Error"]["Code"] == "PreconditionFailedException"
    assert error["Error"]["Message"].startswith(
        "The Revision Id provided does not match the latest Revision Id."
    )
    assert _served(lam, "shop")[0] == first

    current = lam.get_function(FunctionName="shop")["Configuration"]["RevisionId"]
    lam.update_function_code(FunctionName="shop", ZipFile=second, RevisionId=current)
    assert _served(lam, "shop")[0] == second


def _layer_archive(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("python/helper.py", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(info, f"NAME = {text!r}\n")
    return buffer.getvalue()


def test_a_layer_version_serves_its_archive_by_name_and_by_arn(lam: Any) -> None:
    first, second = _layer_archive("one"), _layer_archive("two")
    published = lam.publish_layer_version(LayerName="helpers", Content={"ZipFile": first})
    lam.publish_layer_version(LayerName="helpers", Content={"ZipFile": second})
    assert _download(published["Content"]["Location"]) == first

    by_name = lam.get_layer_version(LayerName="helpers", VersionNumber=1)["Content"]
    by_arn = lam.get_layer_version_by_arn(Arn=published["LayerVersionArn"])
    assert by_arn["Version"] == 1
    assert by_arn["LayerVersionArn"] == published["LayerVersionArn"]
    for content in (by_name, by_arn["Content"]):
        served = _download(content["Location"])
        assert served == first
        assert _sha(served) == content["CodeSha256"]
        assert len(served) == content["CodeSize"]
    assert (
        _download(
            lam.get_layer_version(LayerName="helpers", VersionNumber=2)["Content"]["Location"]
        )
        == second
    )


def test_get_layer_version_by_arn_refuses_unknown_and_malformed_arns(lam: Any) -> None:
    arn = lam.publish_layer_version(LayerName="helpers", Content={"ZipFile": _layer_archive("x")})[
        "LayerVersionArn"
    ]
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_layer_version_by_arn(Arn=arn[:-1] + "7")
    with pytest.raises(botocore.exceptions.ClientError) as malformed:
        lam.get_layer_version_by_arn(Arn=arn.replace(":layer:", ":function:"))
    assert malformed.value.response["Error"]["Code"] == "ValidationException"


def test_every_seeded_function_and_layer_serves_its_code(shared_demo: Any) -> None:
    from tests.demo.conftest import client

    lam = client(shared_demo, "lambda")
    layer_arns: set[str] = set()
    checked = 0
    for page in lam.get_paginator("list_functions").paginate(FunctionVersion="ALL"):
        for config in page["Functions"]:
            reply = lam.get_function(
                FunctionName=config["FunctionName"], Qualifier=config["Version"]
            )
            layer_arns.update(layer["Arn"] for layer in config.get("Layers", []))
            if config.get("PackageType") == "Image":
                assert "Location" not in reply["Code"]
                continue
            served = _download(reply["Code"]["Location"])
            assert _sha(served) == reply["Configuration"]["CodeSha256"] == config["CodeSha256"]
            checked += 1
    assert checked > 5 and layer_arns
    for arn in layer_arns:
        content = lam.get_layer_version_by_arn(Arn=arn)["Content"]
        assert _sha(_download(content["Location"])) == content["CodeSha256"]


def test_an_image_version_keeps_its_image_after_latest_changes(lam: Any, role_arn: str) -> None:
    repo = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop"
    lam.create_function(
        FunctionName="shop",
        Role=role_arn,
        PackageType="Image",
        Code={"ImageUri": f"{repo}:v1"},
        Publish=True,
    )
    lam.update_function_code(FunctionName="shop", ImageUri=f"{repo}:v2")
    assert lam.get_function(FunctionName="shop", Qualifier="1")["Code"]["ImageUri"] == f"{repo}:v1"
    assert lam.get_function(FunctionName="shop")["Code"]["ImageUri"] == f"{repo}:v2"
