"""Snapshots of the logs pane at 80x24 and 120x40: a request's lines, levels, a cold start,
under the marker row where the (here empty) history of the last 10 minutes ends.

Deterministic: lines written while the pane follows, stamped at a fixed time of day and shown
in UTC (`t`), in a stream with a fixed name.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from typing import Any

import pytest

from lambdatui.ui.screens.logs import LogsScreen
from tests.logs_helpers import make_function, put_lines
from tests.ui.helpers import make_app, press_id, settle
from tests.ui.test_logs import wait_until

SIZES = [(80, 24), (120, 40)]
RID = "6f1c2a9e-3b7d-4c1e-9a55-0c4a0b0e6d11"
# Yesterday at 03:04:05 UTC: the rows show only the time, and CloudWatch Logs refuses events
# more than 14 days old.
_YESTERDAY = datetime.now(UTC).date() - timedelta(days=1)
AT = int(datetime.combine(_YESTERDAY, dtime(3, 4, 5), tzinfo=UTC).timestamp() * 1000)
LINES = [
    "INIT_START Runtime Version: python:3.12.v38",
    f"START RequestId: {RID} Version: 3",
    f"[INFO]\t2026-01-02T03:04:05.100Z\t{RID}\tGET /orders/42",
    json.dumps({"level": "WARN", "message": "slow query", "table": "orders", "ms": 812}),
    json.dumps({"level": "ERROR", "message": "payment declined", "orderId": 42}),
    f"END RequestId: {RID}",
    f"REPORT RequestId: {RID}\tDuration: 912.40 ms\tBilled Duration: 913 ms\t"
    "Memory Size: 512 MB\tMax Memory Used: 61 MB\tInit Duration: 230.11 ms",
]


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.slow
def test_logs_pane(snap_compare: Any, account: Any, utc: None, size: tuple[int, int]) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "orders-api")
    stream = "2026/01/02/[3]0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    put_lines(account, "/aws/lambda/orders-api", stream, "before the pane opened", at=AT - 1)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await press_id(pilot, "functions.logs")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, LogsScreen))
        screen = pilot.app.screen
        await wait_until(pilot, lambda: screen.active_mode)
        for n, message in enumerate(LINES):  # written while the pane follows
            put_lines(account, "/aws/lambda/orders-api", stream, message, at=AT + n * 7)
        await wait_until(pilot, lambda: screen.view.total == len(LINES))
        await press_id(pilot, "logs.timestamps")  # UTC
        await pilot.pause()

    # The app's clock (the marker row's "live from" time): fixed, a minute before the lines.
    opened = datetime.combine(_YESTERDAY, dtime(3, 3, 5), tzinfo=UTC)
    app = make_app(account.endpoint_url, use_cache=False, clock=lambda: opened)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
