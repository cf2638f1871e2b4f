"""User stories of the logs pane: `l` follows a function's logs live, filtered and safe.

Lines are written into the local account (PutLogEvents into Lambda-named streams, or a real
invocation) while the pane is open; Live Tail updates come every 0.2 s here.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from lambdatui.store.config import Config
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.logs import LogsScreen
from lambdatui.ui.widgets.log_view import LogView
from tests.logs_helpers import client, make_function, put_lines, today
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until


async def open_logs(pilot: Pilot[Any], name: str) -> LogsScreen:
    """From the function list: the cursor on ``name``'s row, then `l`. (Not by typing the
    name into the filter: Pilot waits for the process to idle after each key.)"""
    await settle(pilot)
    pilot.app.screen.table.move_cursor_to_key(name)
    await press_id(pilot, "functions.logs")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, LogsScreen))
    screen = pilot.app.screen
    assert isinstance(screen, LogsScreen)
    await wait_until(pilot, lambda: screen.active_mode != "")
    return screen


def rows(app: Any) -> list[str]:
    return screen_text(app).splitlines()[3:-1]  # under the 3-row header, above the footer


#: For the stories about what arrives while the pane is open: no history read at the start.
LIVE_ONLY = Config(log_history_minutes=0)


def fast(account: Any) -> None:
    account.logs_knobs.update_interval = 0.2


@pytest.mark.slow
async def test_l_opens_on_the_last_minutes_then_follows_live_after_a_marker(
    account: Any,
) -> None:
    """The lines the user came for (an invocation just before `l`) are on screen at once,
    above a marker row; what is logged afterwards comes below it, each line once."""
    fast(account)
    make_function(account, "greeter")
    make_function(account, "other")
    lam = client(account, "lambda")
    lam.invoke(FunctionName="greeter", Payload=b'"warm-up"')
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "greeter")
        await wait_until(pilot, lambda: "── live from" in screen_text(app))
        text = screen_text(app)
        assert "λ greeter logs │ /aws/lambda/greeter (all streams)" in text
        assert "Live Tail │ following" in text
        assert "hello from warm-up" in text  # history: there at once, nothing new logged
        assert "5 lines in the last 10 min above · e: earlier ──" in text
        lam.invoke(FunctionName="other", Payload=b'"not this one"')
        lam.invoke(FunctionName="greeter", Payload=b'"visitor"')
        await wait_until(pilot, lambda: "hello from visitor" in screen_text(app))
        await wait_until(pilot, lambda: screen.view.total == 9)  # START, line, END, REPORT
        text = screen_text(app)
        assert "not this one" not in text
        assert "START" in text and "END" in text
        assert "memory" in text and "billed" in text  # REPORT shown compactly
        rows_now = rows(app)
        marker = next(n for n, row in enumerate(rows_now) if "── live from" in row)
        warm = next(n for n, row in enumerate(rows_now) if "hello from warm-up" in row)
        visitor = [n for n, row in enumerate(rows_now) if "hello from visitor" in row]
        assert warm < marker and len(visitor) == 1 and visitor[0] > marker
        assert sum("warm-up" in row for row in rows_now) == 1  # not repeated across the seam
        # the marker is not counted as a line (the count is drawn on the next refresh)
        await wait_until(pilot, lambda: "9 lines" in screen_text(app))


@pytest.mark.slow
async def test_i_invokes_over_the_logs_and_escape_comes_back_to_its_lines(account: Any) -> None:
    """The one-keystroke loop: logs open, `i` invokes with the event in the editor, escape
    returns to the logs, where that invocation's lines have arrived meanwhile."""
    from lambdatui.ui.invoke.screen import InvokeScreen

    fast(account)
    make_function(account, "greeter")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        logs = await open_logs(pilot, "greeter")
        await press_id(pilot, "logs.invoke")  # (no settle(): the logs follow for ever)
        await wait_until(pilot, lambda: isinstance(app.screen, InvokeScreen))
        invoke = app.screen
        assert isinstance(invoke, InvokeScreen) and invoke.function.name == "greeter"
        invoke.editor.load_text('"from the logs"')
        await pilot.pause()
        await press_id(pilot, "invoke.send")
        await wait_until(pilot, lambda: invoke.result is not None)
        assert invoke.result is not None and invoke.result.status_code == 200
        await press_id(pilot, "invoke.back")
        assert app.screen is logs  # still following underneath
        await wait_until(pilot, lambda: "hello from from the logs" in screen_text(app))
        assert "REPORT" in screen_text(app) or "memory" in screen_text(app)


@pytest.mark.slow
async def test_a_shared_group_is_narrowed_and_a_version_to_its_streams(account: Any) -> None:
    fast(account)
    make_function(account, "checkout", group="/acme/shop")
    make_function(account, "refunds", group="/acme/shop")
    lam = client(account, "lambda")
    lam.publish_version(FunctionName="checkout")
    day = today()
    put_lines(account, "/acme/shop", f"{day}/checkout[1]aaaa", "seed")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.filter")
        await pilot.press(*"checkout", "enter")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        function = app.screen
        assert isinstance(function, FunctionScreen)
        function.qualifier = "1"  # as `enter` on version 1 in the versions tab does
        await press_id(pilot, "function.logs")
        await wait_until(pilot, lambda: isinstance(app.screen, LogsScreen))
        screen = app.screen
        assert isinstance(screen, LogsScreen)
        await wait_until(pilot, lambda: screen.active_mode != "")
        assert "/acme/shop (checkout's streams, version 1)" in screen_text(app)
        put_lines(account, "/acme/shop", f"{day}/refunds[1]bbbb", "refunds v1")
        put_lines(account, "/acme/shop", f"{day}/checkout[$LATEST]cccc", "checkout latest")
        put_lines(account, "/acme/shop", f"{day}/checkout[1]aaaa", "checkout v1")
        await wait_until(pilot, lambda: "checkout v1" in screen_text(app))
        # The other two were ingested before it: had they been let through, they would show.
        text = screen_text(app)
        assert "refunds v1" not in text and "checkout latest" not in text


@pytest.mark.slow
async def test_forced_polling_says_so_and_follows(account: Any) -> None:
    make_function(account, "polled")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/polled", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    app.logs_mode = "polling"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "polled")
        put_lines(account, "/aws/lambda/polled", stream, "fresh line")
        await wait_until(pilot, lambda: "fresh line" in screen_text(app))
        assert "polling │ following │ 1 lines" in screen_text(app)
        assert screen.view.total == 1


@pytest.mark.slow
async def test_live_tail_not_permitted_falls_back_to_polling_and_says_why(account: Any) -> None:
    account.logs_knobs.denied = {"StartLiveTail"}
    make_function(account, "locked")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/locked", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_logs(pilot, "locked")
        await wait_until(pilot, lambda: "polling" in screen_text(app))
        assert "polling: not permitted: logs:StartLiveTail (r: try Live Tail)" in screen_text(app)
        put_lines(account, "/aws/lambda/locked", stream, "still shown")
        await wait_until(pilot, lambda: "still shown" in screen_text(app))

        account.logs_knobs.denied = set()  # permitted now: `r` tries Live Tail again
        fast(account)
        await press_id(pilot, "logs.live-tail")
        await wait_until(pilot, lambda: "Live Tail │ following │ 1 lines" in screen_text(app))
        assert account.logs_knobs.sessions_started == 1
        put_lines(account, "/aws/lambda/locked", stream, "live again")
        await wait_until(pilot, lambda: "live again" in screen_text(app))
        assert [e.message for e in screen.view.visible_entries()] == [
            "still shown",
            "live again",
        ]  # the catch-up when Live Tail opened repeated nothing


@pytest.mark.slow
async def test_no_group_yet_says_so_and_follows_once_it_appears(account: Any) -> None:
    fast(account)
    make_function(account, "newborn")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 24)) as pilot:
        await open_logs(pilot, "newborn")
        await wait_until(pilot, lambda: "no log group yet" in screen_text(app))
        client(account, "lambda").invoke(FunctionName="newborn", Payload=b'"first ever"')
        await wait_until(pilot, lambda: "hello from first ever" in screen_text(app), timeout=15)
        assert "no log group yet" not in screen_text(app)


@pytest.mark.slow
async def test_json_and_plain_lines_levels_filters_and_highlight(account: Any) -> None:
    fast(account)
    make_function(account, "mixed")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/mixed", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_logs(pilot, "mixed")
        error = json.dumps({"level": "ERROR", "message": "payment failed", "orderId": 7})
        put_lines(
            account,
            "/aws/lambda/mixed",
            stream,
            "plain start",
            error,
            '{"level": "DEBUG", "message": "cache miss"}',
            "[WARNING]\t2026-01-02T03:04:05.678Z\tabc\tslow disk",
        )
        await wait_until(pilot, lambda: screen.view.total == 4)
        text = screen_text(app)
        assert "ERROR  payment failed orderId=7" in text  # level as a word, message first
        assert "WARN   slow disk" in text and "DEBUG  cache miss" in text

        await press_id(pilot, "logs.level")  # ≥ DEBUG: the plain line has no level
        await press_id(pilot, "logs.level")  # ≥ INFO
        await press_id(pilot, "logs.level")  # ≥ WARN
        text = screen_text(app)
        assert "payment failed" in text and "slow disk" in text and "cache miss" not in text
        assert "level ≥ WARN" in text
        for _ in range(2):  # ERROR, then back to all
            await press_id(pilot, "logs.level")
        assert screen.view.shown == 4

        await press_id(pilot, "logs.filter")
        await pilot.press(*"re:pay|disk")
        await pilot.pause()
        assert screen.view.shown == 2
        strips = [screen.view.render_line(y) for y in range(screen.view.size.height)]
        highlighted = [
            seg.text for strip in strips for seg in strip if seg.style and seg.style.reverse
        ]
        assert "pay" in highlighted and "disk" in highlighted
        await pilot.press("ctrl+a", "ctrl+k", *"!cache")
        await pilot.pause()
        assert screen.view.shown == 3 and "cache miss" not in screen_text(app)
        await press_id(pilot, "filter.done")

        await press_id(pilot, "logs.raw")
        assert '{"level": "ERROR", "message": "payment failed", "orderId": 7}' in screen_text(app)


@pytest.mark.slow
async def test_scrolling_up_pauses_counts_new_lines_and_end_resumes(account: Any) -> None:
    fast(account)
    make_function(account, "steady")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/steady", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "steady")
        put_lines(account, "/aws/lambda/steady", stream, *[f"line {n}" for n in range(40)])
        await wait_until(pilot, lambda: screen.view.total == 40)
        assert "line 39" in screen_text(app)  # following: the end is in view
        await pilot.press("up")
        assert "paused, 0 new lines" in screen_text(app)
        put_lines(account, "/aws/lambda/steady", stream, "new 1", "new 2", "new 3")
        await wait_until(pilot, lambda: "paused, 3 new lines" in screen_text(app))
        assert "new 3" not in screen_text(app)
        await press_id(pilot, "logs.follow")
        text = screen_text(app)
        assert "following" in text and "new 3" in text
        await press_id(pilot, "logs.pause")
        assert "paused" in screen_text(app)
        await press_id(pilot, "logs.pause")
        assert "following" in screen_text(app)


HOSTILE = [
    "title \x1b]0;pwned-title\x07 after",
    "clip \x1b]52;c;cHduZWQ=\x07 after",
    "wipe \x1b[2J\x1b[H after",
    "dcs \x1bP+q544e\x1b\\ after",
    "c1 \x9b31m after",
    "bare \x1b escape",
    "bell \x07 ring",
    "back\x08\x08\x08space",
    "carriage\rreturn",
    "markup [red]red[/red] [@click=app.quit]click[/]",
    "link \x1b]8;;http://evil.example\x1b\\text\x1b]8;;\x1b\\ after",
]


@pytest.mark.slow
async def test_hostile_lines_are_shown_never_interpreted(account: Any) -> None:
    fast(account)
    make_function(account, "hostile")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/hostile", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_logs(pilot, "hostile")
        put_lines(account, "/aws/lambda/hostile", stream, *HOSTILE)
        await wait_until(pilot, lambda: screen.view.total == len(HOSTILE))
        await pilot.pause()
        text = screen_text(app)
        assert "markup [red]red[/red] [@click=app.quit]click[/]" in text
        assert "pwned-title" not in text and "cHduZWQ" not in text
        assert "carriage␍return" in text and "bell ␇ ring" in text
        assert "back␈␈␈space" in text
        assert isinstance(app.screen, LogsScreen)  # the click markup did not quit
        # Every character that reaches the screen is printable.
        view = screen.query_one(LogView)
        for y in range(view.size.height):
            for segment in view.render_line(y):
                assert segment.text.isprintable(), repr(segment.text)
        # The bytes the terminal would receive for this screen (what Textual's driver writes).
        update = app.screen._compositor.render_update(full=True)
        sequence = update.render_segments(app.console)
        for forbidden in ("\x1b]", "\x1bP", "\x07", "\x08", "\x9b", "\x90", "\x9d", "\r"):
            assert forbidden not in sequence, repr(forbidden)
        assert "\x1b[2J" not in sequence


@pytest.mark.slow
async def test_the_buffer_keeps_the_newest_lines_and_marks_the_drop(account: Any) -> None:
    fast(account)
    make_function(account, "flood")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/flood", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    app.logs_max_lines = 100
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "flood")
        put_lines(account, "/aws/lambda/flood", stream, *[f"line {n}" for n in range(250)])
        await wait_until(pilot, lambda: screen.view.dropped == 150)
        assert screen.view.total == 100
        entries = screen.view.visible_entries()
        assert entries[0].message == "line 150" and entries[-1].message == "line 249"
        await pilot.press("home")
        assert "… 150 older lines dropped (the buffer keeps 100)" in screen_text(app)


@pytest.mark.slow
async def test_save_writes_the_lines_shown_and_says_where(account: Any) -> None:
    fast(account)
    make_function(account, "saver")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/saver", stream, "old")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "saver")
        put_lines(account, "/aws/lambda/saver", stream, "keep me", "\x1b]0;x\x07and me")
        await wait_until(pilot, lambda: screen.view.total == 2)
        await press_id(pilot, "logs.save")  # written in a thread
        await wait_until(pilot, lambda: any("Saved" in n for n in notifications(app)))
        saved = [n for n in notifications(app) if "Saved 2 lines to" in n]
        assert saved
        path = Path(saved[0].split(" to ", 1)[1])
        lines = path.read_text().splitlines()
        assert [line.split("\t")[-1] for line in lines] == ["keep me", "and me"]
        assert all(line.split("\t")[1] == stream for line in lines)
        assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.slow
async def test_save_keeps_each_message_whole(account: Any) -> None:
    fast(account)
    make_function(account, "long")
    stream = f"{today()}/[$LATEST]feedface"
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "long")
        long = "".join(f"{n:05d} " for n in range(4000))  # 24,000 characters
        put_lines(account, "/aws/lambda/long", stream, long + "\x1b[2Jend\x07")
        await wait_until(pilot, lambda: screen.view.total == 1)
        await press_id(pilot, "logs.save")  # written in a thread
        await wait_until(pilot, lambda: any("Saved" in n for n in notifications(app)))
        saved = [n for n in notifications(app) if "Saved 1 lines to" in n]
        message = Path(saved[0].split(" to ", 1)[1]).read_text().rstrip("\n").split("\t")[-1]
        assert message == long + "end\u2407"  # whole; the escape gone, the bell shown as on screen


@pytest.mark.slow
async def test_sampled_updates_are_marked_in_the_header(account: Any) -> None:
    account.logs_knobs.update_interval = 0.3
    account.logs_knobs.max_events_per_update = 5
    make_function(account, "sampled")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/sampled", stream, "old")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_logs(pilot, "sampled")
        put_lines(account, "/aws/lambda/sampled", stream, *[str(n) for n in range(30)])
        await wait_until(pilot, lambda: screen.view.total >= 5)
        assert "sampling: 5 of 5+ lines shown" in screen_text(app)


@pytest.mark.slow
async def test_next_error_timestamps_wrap_and_start_position(account: Any) -> None:
    fast(account)
    make_function(account, "history")
    stream = f"{today()}/[$LATEST]feedface"
    now = int(time.time() * 1000)
    put_lines(account, "/aws/lambda/history", stream, "two hours ago", at=now - 7_200_000)
    put_lines(account, "/aws/lambda/history", stream, "ten minutes ago", at=now - 600_000)
    put_lines(account, "/aws/lambda/history", stream, "[ERROR] Boom: first", at=now - 500_000)
    put_lines(account, "/aws/lambda/history", stream, *[f"filler {n}" for n in range(40)])
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_logs(pilot, "history")
        await press_id(pilot, "logs.since")
        await pilot.press(*"bogus", "enter")
        await pilot.pause()
        assert "not a start position" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"1h", "enter")
        await wait_until(pilot, lambda: screen.view.total == 42)
        assert "two hours ago" not in {e.message for e in screen.view.visible_entries()}
        assert "since" in screen_text(app)

        await press_id(pilot, "logs.next-error")
        assert "ERROR  Boom: first" in screen_text(app).splitlines()[3]  # under the header
        assert "paused" in screen_text(app)

        first = screen_text(app).splitlines()[3]
        await press_id(pilot, "logs.timestamps")  # UTC
        assert screen_text(app).splitlines()[3].split(" ")[0].endswith("Z")
        await press_id(pilot, "logs.timestamps")  # hidden
        assert screen_text(app).splitlines()[3] != first

        put_lines(account, "/aws/lambda/history", stream, "x" * 200)
        await wait_until(pilot, lambda: screen.view.total == 43)
        await press_id(pilot, "logs.follow")
        await press_id(pilot, "logs.wrap")
        await asyncio.sleep(0)
        await pilot.pause()
        tail = rows(app)
        assert tail[-1].strip().startswith("x") and tail[-2].strip().endswith("x")
        await press_id(pilot, "logs.back")
        assert not isinstance(app.screen, LogsScreen)


@pytest.mark.slow
async def test_demo_invocations_appear_in_the_open_pane(account: Any) -> None:
    """The seeded demo: orders-api's alias `live` (v3 90% / v4 10%), invoked while its logs
    are open, shows the invocation's lines; a custom-group function shows its own."""
    from lambdatui.demo.seed import seed_demo

    fast(account)
    seed_demo(account.endpoint_url, account.region)
    lam = client(account, "lambda")
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_logs(pilot, "order-processor")
        assert "/acme/orders/processor" in screen_text(app)
        batch = {"Records": [{"messageId": "m-1", "body": json.dumps({"id": "o-7", "total": "5"})}]}
        reply = lam.invoke(FunctionName="order-processor", Payload=json.dumps(batch))
        request_id = reply["ResponseMetadata"]["RequestId"]
        await wait_until(
            pilot, lambda: any(e.kind == "report" for e in screen.view.visible_entries())
        )
        assert {e.request_id for e in screen.view.visible_entries() if e.request_id} == {request_id}
        assert all("order-processor[" in e.stream for e in screen.view.visible_entries())


@pytest.mark.slow
async def test_a_cloudwatch_pattern_is_sent_to_the_service(account: Any) -> None:
    fast(account)
    make_function(account, "patterned")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/patterned", stream, "old")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_logs(pilot, "patterned")
        await press_id(pilot, "logs.filter")
        await pilot.press(*"cw:ERROR")
        await press_id(pilot, "filter.done")
        await wait_until(pilot, lambda: "pattern ERROR" in screen_text(app))
        # The new session's first batch clears "starting…": it streams what comes from now on.
        await wait_until(pilot, lambda: screen.active_mode and screen.status == "")
        assert account.logs_knobs.sessions_started >= 2  # a new session carries the pattern
        put_lines(account, "/aws/lambda/patterned", stream, "INFO fine", "ERROR broken")
        await wait_until(pilot, lambda: "ERROR broken" in screen_text(app))
        # "INFO fine" was ingested with it: had the pattern let it through, it would show.
        assert "INFO fine" not in screen_text(app) and screen.view.total == 1


@pytest.mark.slow
async def test_requests_collapse_to_one_row_each_and_expand_again(account: Any) -> None:
    fast(account)
    make_function(account, "grouped")
    lam = client(account, "lambda")
    lam.invoke(FunctionName="grouped", Payload=b'"warm"')
    app = make_app(account.endpoint_url, config=LIVE_ONLY)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_logs(pilot, "grouped")
        first = lam.invoke(FunctionName="grouped", Payload=b'"one"')["ResponseMetadata"]
        second = lam.invoke(FunctionName="grouped", Payload=b'"two"')["ResponseMetadata"]
        await wait_until(pilot, lambda: screen_text(app).count("REPORT") == 2)
        assert screen.view.shown == 8  # START, the print, END, REPORT, twice
        await press_id(pilot, "logs.requests")
        text = screen_text(app)
        assert screen.view.shown == 2 and "one row per request" in text
        for meta in (first, second):
            assert f"▸ {meta['RequestId'][:8]} · 4 lines · " in text
        assert "billed" in text  # the REPORT's summary is on the request's row
        await press_id(pilot, "logs.requests")
        assert screen.view.shown == 8 and "hello from two" in screen_text(app)
