"""User stories of the logs pane's history: it opens on the last minutes (config
``[logs] history_minutes``), marks where live lines begin, loads earlier pages with `e`, and
shows the request just made when opened from the invoke screen.

Lines are written into the local account with past timestamps (PutLogEvents); its Live Tail
streams only what is ingested after a session starts, as AWS's does.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from lambdatui.store.config import Config
from lambdatui.ui.screens.logs import LogsScreen
from tests.logs_helpers import client, make_function, put_lines, today
from tests.ui.helpers import make_app, notifications, open_invoke, press_id, screen_text
from tests.ui.test_logs import fast, open_logs, rows, wait_until

GROUP = "/aws/lambda/history"
MINUTE = 60_000


def _ago(minutes: float) -> int:
    return int(time.time() * 1000 - minutes * MINUTE)


def _lines(app: Any) -> list[str]:
    """The rows under the header, less the scrollbar (its thumb moves as lines are added)."""
    return [row[:-2] for row in rows(app)]


def _write(account: Any, label: str, count: int, minutes_ago: float) -> None:
    stream = f"{today()}/[$LATEST]feedface"
    at = _ago(minutes_ago)
    for n in range(count):  # one event each: distinct timestamps, kept in order
        put_lines(account, GROUP, stream, f"{label} {n:02d}", at=at + n)


@pytest.mark.slow
async def test_e_loads_earlier_pages_above_without_moving_the_view(account: Any) -> None:
    fast(account)
    make_function(account, "history")
    _write(account, "older", 5, 45)  # two pages back: the window doubles past an empty one
    _write(account, "old", 30, 25)  # one page back (10 minutes, doubled once to 20)
    _write(account, "recent", 30, 3)  # within the last 10 minutes: shown at opening
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "history")
        await wait_until(pilot, lambda: "── live from" in screen_text(app))
        assert screen.view.total == 30 and "30 lines in the last 10 min above" in screen_text(app)
        assert "old 29" not in screen_text(app)
        before = _lines(app)

        await press_id(pilot, "logs.earlier")  # following: the end stays in view
        await wait_until(pilot, lambda: screen.view.total == 60)
        assert screen.view.following and _lines(app) == before
        assert screen.view.scroll_offset.y == screen.view.max_scroll_y
        messages = [entry.message for entry in screen.view.visible_entries()]
        assert messages[:2] == ["old 00", "old 01"] and messages[29:31] == ["old 29", "recent 00"]
        assert any("30 earlier lines" in n for n in notifications(app))

        await press_id(pilot, "log-view.top")  # scrolled to the top: those rows stay put
        top = _lines(app)
        assert "old 00" in top[0]
        await press_id(pilot, "logs.earlier")
        await wait_until(pilot, lambda: screen.view.total == 65)
        assert _lines(app) == top and not screen.view.following
        assert screen.view.scroll_offset.y == 5  # the five older rows are above, out of view
        await press_id(pilot, "log-view.top")
        assert "older 00" in rows(app)[0]
        await press_id(pilot, "logs.earlier")  # nothing in the day before: said, nothing added
        await wait_until(pilot, lambda: any("No lines from" in n for n in notifications(app)))
        assert screen.view.total == 65
        assert any("e looks further back" in n for n in notifications(app))


@pytest.mark.slow
async def test_earlier_before_the_log_group_exists_says_so(account: Any) -> None:
    make_function(account, "history")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "history")
        await press_id(pilot, "logs.earlier")
        await wait_until(pilot, lambda: any("does not exist yet" in n for n in notifications(app)))
        assert screen.view.total == 0 and "Not found" not in " ".join(notifications(app))


@pytest.mark.slow
@pytest.mark.parametrize("minutes", [2, 0])
async def test_history_minutes_is_honoured_and_zero_is_live_only(
    account: Any, minutes: int
) -> None:
    fast(account)
    make_function(account, "history")
    _write(account, "five minutes ago", 1, 5)
    _write(account, "a minute ago", 1, 1)
    app = make_app(account.endpoint_url, config=Config(log_history_minutes=minutes))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_logs(pilot, "history")
        if minutes:
            await wait_until(pilot, lambda: "── live from" in screen_text(app))
            assert "1 line in the last 2 min above" in screen_text(app)
            assert [e.message for e in screen.view.visible_entries()] == ["a minute ago 00"]
        _write(account, "live", 1, 0)
        await wait_until(pilot, lambda: "live 00" in screen_text(app))
        text = screen_text(app)
        assert "five minutes ago" not in text
        assert ("a minute ago" in text) == bool(minutes)
        assert ("── live from" in text) == bool(minutes)


@pytest.mark.slow
async def test_logs_from_the_invoke_screen_show_the_request_just_made(account: Any) -> None:
    fast(account)
    make_function(account, "greeter")
    client(account, "lambda").invoke(FunctionName="greeter", Payload=b'"earlier call"')
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        invoke = await open_invoke(pilot)
        invoke.editor.load_text('"just now"')
        await pilot.pause()
        await press_id(pilot, "invoke.send")
        await wait_until(pilot, lambda: invoke.result is not None)
        invoke.query_one("#invoke-response").focus()
        await press_id(pilot, "invoke.logs")
        await wait_until(pilot, lambda: isinstance(app.screen, LogsScreen))
        await wait_until(pilot, lambda: "hello from just now" in screen_text(app))
        text = screen_text(app)
        assert "λ greeter logs" in text and "hello from earlier call" in text
        # At once: read as history (above the marker), not waited for as a live line.
        await wait_until(pilot, lambda: "── live from" in screen_text(app))
        shown = rows(app)
        marker = next(n for n, row in enumerate(shown) if "── live from" in row)
        assert any("hello from just now" in row for row in shown[:marker])
        await press_id(pilot, "logs.back")
        assert app.screen is invoke
        # Opened over the logs (`i` there), `l` goes back to them rather than opening more.
        await press_id(pilot, "invoke.logs")
        await wait_until(pilot, lambda: isinstance(app.screen, LogsScreen))
        logs = app.screen
        await press_id(pilot, "logs.invoke")
        await wait_until(pilot, lambda: app.screen is not logs)
        app.screen.query_one("#invoke-response").focus()
        await press_id(pilot, "invoke.logs")
        await wait_until(pilot, lambda: app.screen is logs)
        assert len(app.screen_stack) == 3  # list, invoke, logs: nothing piled up
