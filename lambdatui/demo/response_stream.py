"""InvokeWithResponseStream, as AWS documents it (moto 5.2.5 does not have it).

``POST /2021-11-15/functions/{FunctionName}/response-streaming-invocations``: the reply is
``200`` with ``X-Amz-Executed-Version`` and ``Content-Type: application/vnd.amazon.eventstream``,
its body a sequence of event-stream messages: ``PayloadChunk`` events (the payload bytes as the
event's payload) and, last, one ``InvokeComplete`` event (JSON: ``ErrorCode``, ``ErrorDetails``,
``LogResult`` = base64 of the last 4 KB of the log when ``X-Amz-Log-Type: Tail``).

The runner's Python handlers return their response whole (Python has no streaming response
API on Lambda); such a response is sent in chunks of ``CHUNK_BYTES``. ``InvocationType`` is
RequestResponse or DryRun (204, no body); Event is refused as Lambda does.

The event-stream framing (AWS "Event Stream Encoding"): each message is a 12-byte prelude
(total length, headers length, CRC32 of those 8 bytes), the headers (name length, name, value
type 7 = string, value length, value), the payload, and the CRC32 of everything before it.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct
from typing import Any

from .invoke import function_spec, resolve_request
from .runner import Runner
from .wire import LambdaRequest, Reply, error_reply

CHUNK_BYTES = 16 * 1024
CONTENT_TYPE = "application/vnd.amazon.eventstream"
PATH = r"^/2021-11-15/functions/(?P<name>[^/]+)/response-streaming-invocations/?$"
_STRING = 7


def _header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode(), value.encode()
    return (
        struct.pack(">B", len(raw_name))
        + raw_name
        + struct.pack(">BH", _STRING, len(raw_value))
        + raw_value
    )


def encode_message(headers: dict[str, str], payload: bytes) -> bytes:
    """One event-stream message (see the module docstring)."""
    head = b"".join(_header(name, value) for name, value in headers.items())
    total = 12 + len(head) + len(payload) + 4
    prelude = struct.pack(">II", total, len(head))
    prelude += struct.pack(">I", binascii.crc32(prelude) & 0xFFFFFFFF)
    message = prelude + head + payload
    return message + struct.pack(">I", binascii.crc32(message) & 0xFFFFFFFF)


def event(event_type: str, payload: bytes, content_type: str) -> bytes:
    return encode_message(
        {":event-type": event_type, ":content-type": content_type, ":message-type": "event"},
        payload,
    )


def invoke_with_response_stream(req: LambdaRequest, match: re.Match[str], runner: Runner) -> Reply:
    resolved = resolve_request(req, match)
    if isinstance(resolved, Reply):
        return resolved
    fn, version, invoked_arn = resolved

    invocation_type = req.header("X-Amz-Invocation-Type") or "RequestResponse"
    if invocation_type not in ("RequestResponse", "DryRun"):
        return error_reply(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{invocation_type}' at 'invocationType' failed "
            "to satisfy constraint: Member must satisfy enum value set: [RequestResponse, DryRun]",
        )
    try:
        payload = json.loads(req.body) if req.body.strip() else {}
    except ValueError as exc:
        return error_reply(
            400,
            "InvalidRequestContentException",
            f"Could not parse request body into json: Could not parse payload into json: {exc}",
        )
    if invocation_type == "DryRun":
        return Reply(status=204)

    outcome = runner.invoke(function_spec(req, fn, version, invoked_arn), payload)
    frames: list[bytes] = []
    complete: dict[str, Any] = {}
    if outcome.function_error:
        try:
            doc = json.loads(outcome.payload)
        except ValueError:
            doc = {}
        complete["ErrorCode"] = str(doc.get("errorType") or outcome.function_error)
        complete["ErrorDetails"] = str(doc.get("errorMessage") or "")
    else:
        body = outcome.payload
        for start in range(0, len(body), CHUNK_BYTES):
            chunk = body[start : start + CHUNK_BYTES]
            frames.append(event("PayloadChunk", chunk, "application/octet-stream"))
    if req.header("X-Amz-Log-Type") == "Tail":
        complete["LogResult"] = base64.b64encode(outcome.log_tail).decode()
    frames.append(event("InvokeComplete", json.dumps(complete).encode(), "application/json"))
    headers = [
        ("Content-Type", CONTENT_TYPE),
        ("X-Amz-Executed-Version", outcome.executed_version),
        ("x-amzn-RequestId", outcome.request_id),
    ]
    return Reply(status=200, headers=headers, body=b"".join(frames))
