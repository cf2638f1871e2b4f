"""Snapshot of the invoke screen with a result at 80x24.

The result is a fixed one (a real invocation's request id, durations and round trip change
from run to run), shown through the screen's own ``_show_result``.
"""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.aws.invoke_gateway import InvokeResult
from lambdatui.ui.invoke.screen import InvokeScreen
from tests.invoke_functions import ECHO, make_function
from tests.ui.helpers import make_app, press_id, settle

REQUEST = "0f4e2a61-7a1c-4a55-9d7e-3c1b0e9a8d21"
TAIL = (
    "INIT_START Runtime Version: python:3.12.v38\tRuntime Version ARN: arn:aws:lambda:"
    "us-east-1::runtime:abc\n"
    f"START RequestId: {REQUEST} Version: 3\n"
    "echo got dict\n"
    f"END RequestId: {REQUEST}\n"
    f"REPORT RequestId: {REQUEST}\tDuration: 12.34 ms\tBilled Duration: 13 ms\t"
    "Memory Size: 256 MB\tMax Memory Used: 81 MB\tInit Duration: 150.27 ms\t\n"
)
RESULT = InvokeResult(
    function="orders-api",
    qualifier="live",
    invocation_type="RequestResponse",
    status_code=200,
    request_id=REQUEST,
    executed_version="3",
    function_error="",
    payload=b'{"statusCode": 200, "body": {"orders": [{"id": "ord-1001", "total": 42.5, '
    b'"shipped": true, "note": null}]}}',
    log_tail=TAIL,
    elapsed_ms=31.0,
)


@pytest.mark.slow
def test_invoke_screen_with_a_result(snap_compare, account: Any) -> None:  # type: ignore[no-untyped-def]
    make_function(account, "orders-api", ECHO, MemorySize=256, Timeout=10)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press_id(pilot, "functions.invoke")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InvokeScreen)
        screen.editor.cursor_blink = False  # a blinking cursor would make the picture flaky
        screen.qualifier = "live"
        screen.editor.load_text('{\n  "orderId": "ord-1001",\n  "action": "ship"\n}')
        screen.result = RESULT
        await screen._show_result(RESULT)
        screen._render_header()
        await pilot.pause()

    app = make_app(account.endpoint_url, use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
