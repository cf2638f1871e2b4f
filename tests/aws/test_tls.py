"""One TLS context per verify setting (aws/tls.py): built once for many clients, and still
verifying exactly what its setting asks."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiobotocore.httpsession import AIOHTTPSession

from lambdatui.aws import errors, tls
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import Target
from lambdatui.demo.seed import seed_functions
from tests.fleet_helpers import fleet as targets
from tests.fleet_helpers import listed, write_profiles
from tests.wire import json_server, serving


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The verify settings aiobotocore built a TLS context for, from an empty share."""
    seen: list[object] = []
    original = AIOHTTPSession._build_ssl_contexts

    def counted(self: Any, proxy_url: str | None) -> Any:
        seen.append(self._verify)
        return original(self, proxy_url)

    monkeypatch.setattr(tls, "_built", {})
    monkeypatch.setattr(AIOHTTPSession, "_build_ssl_contexts", counted)
    return seen


def test_a_fleet_loads_the_ca_bundle_once(account: Any, builds: list[object]) -> None:
    """2 profiles × 3 regions: six clients, one TLS context (each client built its own, each
    loading the CA bundle: most of the fleet's CPU)."""
    write_profiles()
    regions = ["us-east-1", "eu-west-1", "ap-northeast-1"]
    for region in regions:
        seed_functions(account.endpoint_url, 1, region, prefix=region)
    result = listed(targets(account.endpoint_url, ["default", "staging"], regions))
    assert result.failures == []
    assert len(result.rows) == 6
    assert len(builds) == 1  # the default setting (certifi's bundle, or AWS_CA_BUNDLE's)


@contextmanager
def https_endpoint(folder: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS endpoint on 127.0.0.1 with a self-signed certificate, answering ListFunctions
    with one function; yields its URL and the certificate's file (a CA bundle that trusts it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "lambdatui test endpoint")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "endpoint.pem", folder / "endpoint.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    listing = {"Functions": [{"FunctionName": "behind-tls", "FunctionArn": "arn:aws:lambda:x"}]}
    server = json_server(lambda _path: (200, listing))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with serving(server) as url:
        yield url.replace("http://", "https://"), cert_file


def _names(target: Target) -> list[str]:
    async def run() -> list[str]:
        async with Gateway(target) as gateway:
            return [fn.name for fn in await gateway.list_functions()]

    return asyncio.run(run())


def test_a_shared_context_verifies_what_its_setting_asks(
    tmp_path: Path, builds: list[object]
) -> None:
    """The endpoint's certificate is trusted through its CA bundle only: the default setting's
    context (shared too) does not pick the bundle up, nor the other way round."""
    with https_endpoint(tmp_path) as (url, bundle):
        trusting = Target(None, "us-east-1", endpoint_url=url, ca_bundle=str(bundle))
        default = Target(None, "us-east-1", endpoint_url=url)
        assert _names(trusting) == ["behind-tls"]
        with pytest.raises(errors.GatewayError) as refused:
            _names(default)
        # said as what it is, with where trust comes from: not "could not reach"
        assert refused.value.message == (
            f"The endpoint {url} presented a TLS certificate that is not trusted"
            " (self-signed certificate)."
        )
        assert "AWS_CA_BUNDLE" in refused.value.hint
        assert _names(replace_region(trusting, "eu-west-1")) == ["behind-tls"]
        with pytest.raises(errors.GatewayError):
            _names(replace_region(default, "eu-west-1"))
    # one context each setting: the second region's clients shared them
    assert len(builds) == 2
    assert builds[0] == str(bundle)


def replace_region(target: Target, region: str) -> Target:
    from dataclasses import replace

    return replace(target, region=region)
