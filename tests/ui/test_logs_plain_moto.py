"""The logs pane against plain moto (``moto_server``, not the faithful account), the way the
README invites people to try the app, with StartLiveTail counted at the server's side.

Plain moto 5.2.5's Live Tail answers with one update holding every event so far (and of the
last log group created, whichever was asked for) and closes the stream; its Invoke without
Docker writes one "error running docker" line per call, with a float timestamp. Denied and
throttled Live Tail are injected at the wire (``delayed_proxy(refuse=...)``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import pytest

from lambdatui.ui.screens.logs import LogsScreen
from tests.plain_moto import seed_like_a_real_account
from tests.ui.helpers import make_app, press_id, screen_text
from tests.ui.test_logs import LIVE_ONLY, open_logs, wait_until
from tests.wire import delayed_proxy

LINE = "error running docker"
FIRST_ROWS = 3  # the header


def _live_tail_calls(seen: list[str]) -> int:
    return sum(1 for request in seen if request == "POST / StartLiveTail")


async def _two_more_polls(pilot: Any, seen: list[str]) -> None:
    """Wait for two more FilterLogEvents polls: each reads the last seconds again, so a line
    shown twice (or another group's) would have come by then."""
    before = seen.count("POST / FilterLogEvents")
    await wait_until(pilot, lambda: seen.count("POST / FilterLogEvents") >= before + 2)


def _invoke(moto: Any, name: str = "orders") -> None:
    moto.client("lambda").invoke(FunctionName=name, Payload=b"{}")


def _header(app: Any) -> str:
    return " ".join(screen_text(app).splitlines()[:FIRST_ROWS])


def _refusing(code: str, status: int) -> Callable[[str, str], tuple[int, str, str] | None]:
    def refuse(method: str, path: str) -> tuple[int, str, str] | None:
        if path.endswith(" StartLiveTail"):
            return (status, code, "refused by the test")
        return None

    return refuse


async def test_a_live_tail_that_replays_and_ends_shows_each_line_once_then_polls(
    plain_moto: Any,
) -> None:
    seed_like_a_real_account(plain_moto)
    _invoke(plain_moto)  # before the pane opens: shown as history, above the marker
    with delayed_proxy(plain_moto.endpoint_url) as (url, seen):
        app = make_app(url)
        async with app.run_test(size=(100, 24)) as pilot:
            screen = await open_logs(pilot, "orders")
            await wait_until(pilot, lambda: "── live from" in screen_text(app))
            assert screen.view.total == 1 and "1 line in the last 10 min" in screen_text(app)
            _invoke(plain_moto)
            await wait_until(pilot, lambda: screen.view.total >= 2)
            # Each of the three sessions replays both lines, then polls read them again.
            await wait_until(pilot, lambda: "ended 3 times at once" in _header(app))
            await _two_more_polls(pilot, seen)
            assert screen.view.total == 2, screen_text(app)
            assert screen_text(app).count(LINE) == 2
            header = _header(app)
            assert "polling: Live Tail ended 3 times at once (r: try Live Tail)" in header
            assert "Live Tail │" not in header
            assert _live_tail_calls(seen) <= 3  # not 343 in 7 seconds
            assert "Live Tail" in [key.description for key in _footer_keys(app)]

            before = _live_tail_calls(seen)
            await press_id(pilot, "logs.live-tail")  # try again: the same thing happens
            await wait_until(pilot, lambda: _live_tail_calls(seen) > before)
            await wait_until(pilot, lambda: "ended 3 times at once" in _header(app))
            assert _live_tail_calls(seen) == before + 3
            assert screen.view.total == 2  # nothing shown twice across the retry


async def test_from_an_hour_back_each_line_once_and_never_another_groups(plain_moto: Any) -> None:
    """Issue 27: moto's Live Tail sends the last group created (here a shared group with
    other lines): the view keeps its own group's lines only."""
    seed_like_a_real_account(plain_moto)
    _invoke(plain_moto)
    logs = plain_moto.client("logs")
    logs.create_log_group(logGroupName="/shared/app-logs")
    logs.create_log_stream(logGroupName="/shared/app-logs", logStreamName="app")
    logs.put_log_events(
        logGroupName="/shared/app-logs",
        logStreamName="app",
        logEvents=[
            {"timestamp": int(time.time() * 1000), "message": f"foreign {n}"} for n in range(5)
        ],
    )
    with delayed_proxy(plain_moto.endpoint_url) as (url, seen):
        app = make_app(url)
        async with app.run_test(size=(100, 24)) as pilot:
            screen = await open_logs(pilot, "orders")
            await press_id(pilot, "logs.since")
            await pilot.press(*"1h", "enter")
            await wait_until(pilot, lambda: screen.view.total >= 1)
            _invoke(plain_moto)
            await wait_until(pilot, lambda: "ended 3 times at once" in _header(app))
            await wait_until(pilot, lambda: screen.view.total >= 2)
            await _two_more_polls(pilot, seen)
            text = screen_text(app)
            assert screen.view.total == 2 and text.count(LINE) == 2
            assert "foreign" not in text
            assert "/aws/lambda/orders (all streams)" in text


@pytest.mark.parametrize(
    ("code", "status", "header"),
    [
        ("AccessDeniedException", 403, "polling: not permitted: logs:StartLiveTail"),
        ("ThrottlingException", 400, "polling: Live Tail throttled"),
    ],
    ids=["denied", "throttled"],
)
async def test_live_tail_refused_polls_and_says_why(
    plain_moto: Any, code: str, status: int, header: str
) -> None:
    seed_like_a_real_account(plain_moto)
    _invoke(plain_moto)  # the log group exists
    refuse = _refusing(code, status)
    with delayed_proxy(plain_moto.endpoint_url, refuse=refuse) as (url, seen):
        app = make_app(url, config=LIVE_ONLY)
        async with app.run_test(size=(100, 24)) as pilot:
            screen = await open_logs(pilot, "orders")
            await wait_until(pilot, lambda: screen.active_mode == "polling")
            _invoke(plain_moto)
            await wait_until(pilot, lambda: screen.view.total == 1)
            assert f"{header} (r: try Live Tail)" in _header(app)
            assert _live_tail_calls(seen) == 1
            assert isinstance(app.screen, LogsScreen)


def _footer_keys(app: Any) -> list[Any]:
    from lambdatui.ui.widgets.footer import KeyFooter

    with contextlib.suppress(Exception):
        return list(app.screen.query_one(KeyFooter).entries)
    return []
