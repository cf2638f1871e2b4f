"""Plain moto: ``moto.server`` as users run it (``moto_server``), in its own process.

Not the project's faithful local account: no middleware, none of the behaviours the demo adds.
Users point the app at moto and LocalStack, so plain moto's quirks (Live Tail that replays and
ends, HTML 404/500 pages for what it lacks, float timestamps, Invoke without Docker) must not
break the app. moto keeps its state in module-level backends, so a second moto in the tests'
process would share the faithful account's state: this one runs in a subprocess.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3

REGION = "us-east-1"
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _open(url: str, method: str = "GET", timeout: float = 5.0) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    with opener.open(urllib.request.Request(url, method=method), timeout=timeout) as reply:
        return bytes(reply.read())


@dataclass
class PlainMoto:
    """A running ``moto.server`` subprocess on 127.0.0.1."""

    endpoint_url: str
    process: subprocess.Popen[bytes]
    region: str = REGION

    def reset(self) -> None:
        _open(f"{self.endpoint_url}/moto-api/reset", method="POST", timeout=30)

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.endpoint_url, region_name=self.region)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_plain_moto() -> PlainMoto:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _open(f"{url}/moto-api/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("moto.server did not start") from None
            time.sleep(0.1)
    return PlainMoto(url, process)


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, source in files.items():
            archive.writestr(path, source)
    return buffer.getvalue()


def seed_like_a_real_account(
    moto: PlainMoto, names: tuple[str, ...] = ("orders", "billing")
) -> None:
    """What a user seeds plain moto with through boto3: a role, functions, a version and an
    alias, reserved concurrency, tags, and one log group per function."""
    iam = moto.client("iam")
    lam = moto.client("lambda")
    role = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    code = zip_of({"app.py": "def handler(event, context):\n    return event\n"})
    for name in names:
        lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": code},
            Description=f"The {name} function",
            Environment={"Variables": {"STAGE": "test"}},
            Tags={"team": "platform"},
        )
    first = names[0]
    version = lam.publish_version(FunctionName=first)["Version"]
    lam.create_alias(FunctionName=first, Name="live", FunctionVersion=version)
    lam.put_function_concurrency(FunctionName=first, ReservedConcurrentExecutions=50)


def plain_moto_server() -> Iterator[PlainMoto]:
    """Body of the session fixture (tests/conftest.py)."""
    moto = start_plain_moto()
    try:
        yield moto
    finally:
        moto.stop()
