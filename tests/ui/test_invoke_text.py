"""What the invoke screen writes of a result, for replies the local account never sends."""

from __future__ import annotations

from lambdatui.aws.invoke_gateway import InvokeResult
from lambdatui.ui.invoke.text import summary_text


def _result(**kw: object) -> InvokeResult:
    values: dict[str, object] = {
        "function": "fn",
        "qualifier": None,
        "invocation_type": "RequestResponse",
        "status_code": 200,
        "request_id": "r-1",
        "executed_version": "$LATEST",
        "function_error": "",
        "payload": b"{}",
        "log_tail": "",
        "elapsed_ms": 12.0,
    }
    values.update(kw)
    return InvokeResult(**values)  # type: ignore[arg-type]


def test_a_reply_without_executed_version_leaves_no_empty_slot() -> None:
    assert summary_text(_result(executed_version=""), "x86_64").plain == (
        "✓ 200 · 12 ms round trip · 2 B"
    )
    failed = _result(executed_version="", function_error="Unhandled", payload=b"{}")
    assert summary_text(failed, "x86_64").plain == "✗ Unhandled error · 12 ms round trip · 2 B"
