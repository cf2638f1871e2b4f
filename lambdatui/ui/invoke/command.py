"""The ``aws lambda invoke …`` command line for the call the invoke screen makes."""

from __future__ import annotations

import shlex

from ...aws.target import Target

#: Payloads longer than this go to a file in the command (a shell line has its limits).
INLINE_PAYLOAD_LIMIT = 4096


def aws_cli_command(
    target: Target,
    function: str,
    qualifier: str | None,
    invocation_type: str,
    payload: str,
    client_context: str | None = None,
    tenant_id: str = "",
) -> tuple[str, str]:
    """(command line, note). ``client_context`` is the header value (base64) if any."""
    parts = ["aws", "lambda", "invoke", "--function-name", function]
    if qualifier and qualifier != "$LATEST":
        parts += ["--qualifier", qualifier]
    parts += ["--invocation-type", invocation_type]
    if invocation_type == "RequestResponse":
        parts += ["--log-type", "Tail"]
    if client_context:
        parts += ["--client-context", client_context]
    if tenant_id:
        parts += ["--tenant-id", tenant_id]
    note = ""
    parts += ["--cli-binary-format", "raw-in-base64-out"]
    if len(payload) > INLINE_PAYLOAD_LIMIT:
        parts += ["--payload", "file://payload.json"]
        note = (
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
    return " ".join(shlex.quote(part) for part in parts), note
