"""The ``aws lambda invoke …`` command line for the call the invoke screen makes, written for
the AWS CLI the user has: ``aws --version`` is asked once per ``aws`` (in a thread, cached).

The two major versions differ in how they read a blob parameter such as ``--payload``: v1 takes
the text as is (and base64-encodes it itself), v2 expects base64 unless told otherwise with
``--cli-binary-format raw-in-base64-out``, a flag v1 refuses ("Unknown options"). No ``aws`` on
PATH, or one that does not answer, and v2 is assumed: it is what AWS installs today.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass

from ...aws.target import Target

#: Payloads longer than this go to a file in the command (a shell line has its limits).
INLINE_PAYLOAD_LIMIT = 4096
#: How long ``aws --version`` may take (v1 starts a Python: about a second on a slow machine).
VERSION_TIMEOUT_S = 5.0

_VERSION = re.compile(r"\baws-cli/(\d+)\.(\d+)\.(\d+)")


@dataclass(frozen=True)
class AwsCli:
    """The AWS CLI a command line is written for."""

    major: int
    #: ``aws-cli/1.29.0`` as ``aws --version`` printed it; "" when the version is assumed.
    found: str = ""
    #: Why it was assumed ("no aws found"), when it was.
    why: str = ""

    @property
    def v1(self) -> bool:
        return self.major == 1

    def describe(self) -> str:
        """'AWS CLI v1 (aws-cli/1.29.0 found)' or 'AWS CLI v2 (no aws found; assumed)'."""
        if self.found:
            return f"AWS CLI v{self.major} ({self.found} found)"
        return f"AWS CLI v{self.major} ({self.why}; assumed)"


#: What AWS installs today, assumed when the user's ``aws`` can't tell.
V2_ASSUMED = AwsCli(2, why="no aws found")


def parse_aws_version(text: str) -> AwsCli | None:
    """The CLI that printed ``text`` (``aws --version``'s stdout and stderr), None if unknown."""
    match = _VERSION.search(text)
    if match is None:
        return None
    return AwsCli(int(match.group(1)), found=match.group(0))


_detected: dict[str, AwsCli] = {}


def detect_aws_cli() -> AwsCli:
    """The ``aws`` on PATH, asked once per executable (it blocks: call it in a thread)."""
    path = shutil.which("aws")
    if path is None:
        return V2_ASSUMED
    if path not in _detected:
        _detected[path] = _ask(path)
    return _detected[path]


def _ask(path: str) -> AwsCli:
    try:
        done = subprocess.run(  # the user's own aws, no shell
            [path, "--version"],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=VERSION_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return AwsCli(2, why=f"aws --version did not answer in {VERSION_TIMEOUT_S:g} s")
    except OSError:
        return AwsCli(2, why="aws --version failed")
    # older v1 releases (on Python 2) printed the version on stderr, newer ones on stdout.
    found = parse_aws_version(f"{done.stdout}\n{done.stderr}")
    return found or AwsCli(2, why="aws --version said no version")


def aws_cli_command(
    target: Target,
    function: str,
    qualifier: str | None,
    invocation_type: str,
    payload: str,
    client_context: str | None = None,
    tenant_id: str = "",
    cli: AwsCli = V2_ASSUMED,
) -> tuple[str, str]:
    """(command line, note). ``client_context`` is the header value (base64) if any: both
    versions take it so."""
    parts = ["aws", "lambda", "invoke", "--function-name", function]
    if qualifier and qualifier != "$LATEST":
        parts += ["--qualifier", qualifier]
    parts += ["--invocation-type", invocation_type]
    if invocation_type == "RequestResponse":
        parts += ["--log-type", "Tail"]
    if client_context:
        parts += ["--client-context", client_context]
    notes = []
    if tenant_id:
        parts += ["--tenant-id", tenant_id]
        notes.append(
            "--tenant-id needs a recent AWS CLI: an older one answers "
            "'Unknown options: --tenant-id'."
        )
    if not cli.v1:
        parts += ["--cli-binary-format", "raw-in-base64-out"]
    if len(payload) > INLINE_PAYLOAD_LIMIT:
        parts += ["--payload", "file://payload.json"]
        notes.append(
            f"The payload ({len(payload):,} characters) is too long for one line: "
            "save it as payload.json."
        )
    else:
        parts += ["--payload", payload]
    if target.profile:
        parts += ["--profile", target.profile]
    parts += ["--region", target.region]
    endpoint = target.endpoint_for("lambda")
    if endpoint:
        parts += ["--endpoint-url", endpoint]
    parts.append("response.json")
    return " ".join(shlex.quote(part) for part in parts), " ".join(notes)
