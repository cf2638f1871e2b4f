"""InvokeWithResponseStream in the local account, as AWS documents it: an event stream of
PayloadChunk events then one InvokeComplete, each message framed with its CRCs."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.eventstream import EventStreamBuffer

from lambdatui.demo.response_stream import CHUNK_BYTES, encode_message

BIG = """
def handler(event, context):
    print("building", event["n"])
    return {"rows": ["r" * 100 for _ in range(event["n"])]}
"""
FAIL = "def handler(event, context):\n    raise KeyError('missing')\n"


def _decode(raw: bytes) -> list[Any]:
    buffer = EventStreamBuffer()
    buffer.add_data(raw)
    return list(buffer)  # raises on a bad prelude or message CRC


def test_frames_decode_with_botocore() -> None:
    raw = encode_message({":event-type": "PayloadChunk", ":message-type": "event"}, b"abc")
    (message,) = _decode(raw)
    assert message.headers == {":event-type": "PayloadChunk", ":message-type": "event"}
    assert message.payload == b"abc"
    with pytest.raises(Exception, match="Checksum mismatch"):
        _decode(raw[:-1] + bytes([raw[-1] ^ 1]))


def test_payload_arrives_in_chunks_then_invoke_complete(lam: Any, make_function: Any) -> None:
    make_function("big", files={"app.py": BIG})
    reply = lam.invoke_with_response_stream(
        FunctionName="big", Payload=json.dumps({"n": 500}), LogType="Tail"
    )
    assert reply["StatusCode"] == 200 and reply["ExecutedVersion"] == "$LATEST"
    assert reply["ResponseStreamContentType"] == "application/vnd.amazon.eventstream"
    events = list(reply["EventStream"])
    chunks = [e["PayloadChunk"]["Payload"] for e in events if "PayloadChunk" in e]
    assert len(chunks) == -(-len(b"".join(chunks)) // CHUNK_BYTES) >= 3
    assert len(json.loads(b"".join(chunks))["rows"]) == 500
    assert "InvokeComplete" in events[-1] and len(events) == len(chunks) + 1
    complete = events[-1]["InvokeComplete"]
    assert "ErrorCode" not in complete
    tail = base64.b64decode(complete["LogResult"]).decode()
    assert "building 500" in tail and "REPORT RequestId:" in tail


def test_a_function_error_is_reported_in_invoke_complete(lam: Any, make_function: Any) -> None:
    make_function("fail", files={"app.py": FAIL})
    reply = lam.invoke_with_response_stream(FunctionName="fail", Payload=b"{}")
    events = list(reply["EventStream"])
    assert [list(e) for e in events] == [["InvokeComplete"]]
    complete = events[0]["InvokeComplete"]
    assert complete["ErrorCode"] == "KeyError" and "missing" in complete["ErrorDetails"]
    assert "LogResult" not in complete  # no Tail asked for


def test_dry_run_and_event(lam: Any, make_function: Any) -> None:
    make_function("big", files={"app.py": BIG})
    reply = lam.invoke_with_response_stream(FunctionName="big", InvocationType="DryRun")
    assert reply["StatusCode"] == 204
    with pytest.raises(lam.exceptions.ClientError, match="ValidationException"):
        lam.invoke_with_response_stream(FunctionName="big", InvocationType="Event", Payload=b"{}")


def test_unknown_function_is_not_found(lam: Any) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke_with_response_stream(FunctionName="absent", Payload=b"{}")
