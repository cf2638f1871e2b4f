"""The code twins' tests share these: a function whose code changed between two versions, and
`lambdatui CMD …` run as a subprocess against an endpoint."""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
import urllib.request
import zipfile
from typing import Any

import boto3

from tests.invoke_functions import role_arn

#: Version 1's package; $LATEST (and version 2) change app.py, add new.py, remove lib/util.py.
FIRST: dict[str, str | bytes] = {
    "app.py": "def handler(event, context):\n    return 'one'\n",
    "lib/util.py": "HELPER = 1\n",
    "data.bin": b"\x00\x01\x02binary\xff",
}
SECOND: dict[str, str | bytes] = {
    "app.py": "def handler(event, context):\n    return 'two'\n",
    "new.py": "ADDED = True\n",
    "data.bin": b"\x00\x01\x02binary\xff",
}


def zip_of(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def lam_of(account: Any) -> Any:
    return boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)


def two_versions(account: Any, name: str = "shop") -> Any:
    """``name`` with version 1 (FIRST) and version 2 = $LATEST (SECOND)."""
    role = role_arn(account.endpoint_url, account.region, "code-role")
    lam = lam_of(account)
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": zip_of(FIRST)},
    )
    lam.publish_version(FunctionName=name)
    lam.update_function_code(FunctionName=name, ZipFile=zip_of(SECOND))
    lam.publish_version(FunctionName=name)
    return lam


def served_code(lam: Any, name: str, qualifier: str = "") -> bytes:
    """What GetFunction's Location serves now, fetched as anyone would."""
    extra = {"Qualifier": qualifier} if qualifier else {}
    location = lam.get_function(FunctionName=name, **extra)["Code"]["Location"]
    with urllib.request.urlopen(location, timeout=10) as reply:
        return bytes(reply.read())


def twin(
    endpoint: str, region: str, *args: str, stdin: Any = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", *args, "--endpoint-url", endpoint, "--region", region],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=stdin,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a twin prints on stderr for an error (exit 2), checked to be one."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lambdatui: "), result.stderr
    return lines[0]
