"""What waits for the first frame at start-up (issue 20), through the real app."""

from __future__ import annotations

import asyncio
import gc
import sys

import pytest
from textual.screen import Screen

from lambdatui.aws.records import FunctionSummary
from lambdatui.cli import STARTUP_SWITCH_INTERVAL, SWITCH_INTERVAL
from lambdatui.demo.seed import seed_functions
from lambdatui.store import cache
from lambdatui.ui.app import LambdaTUI
from lambdatui.ui.screens.functions import HEAD_ROWS, FunctionListScreen, cache_head
from tests.ui.helpers import make_app, screen_text, settle, wait_until
from tests.wire import delayed_proxy


def _cached_app(endpoint: str) -> LambdaTUI:
    app = make_app(endpoint)
    cached = FunctionSummary.from_api({"FunctionName": "from-disk", "FunctionArn": "arn:x"})
    cache.save_functions(app.target.cache_key, [cached])
    return app


@pytest.mark.slow
async def test_the_sdk_and_the_list_call_wait_for_the_first_frame(account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cached rows are painted first; only then does the app make its gateway (the SDK's
    import, in a thread, would share the GIL with that paint) and ask for the list. Textual's
    Ready comes before that paint: what waits for the frame must wait for the frame itself."""
    order: list[str] = []
    display, start = LambdaTUI._display, FunctionListScreen.start_loading

    def _display(self: LambdaTUI, screen: Screen[object], update: object) -> None:
        if update is not None and not self._batch_count and not order:
            drawn = update.render_segments(self.console)  # type: ignore[attr-defined]
            order.append(
                f"frame with the cached row: {'from-disk' in drawn}, "
                f"gateway made: {self._gateway is not None}"
            )
        display(self, screen, update)  # type: ignore[arg-type]

    def start_loading(self: FunctionListScreen) -> None:
        order.append("list asked for")
        start(self)

    monkeypatch.setattr(LambdaTUI, "_display", _display)
    monkeypatch.setattr(FunctionListScreen, "start_loading", start_loading)
    with delayed_proxy(account.endpoint_url) as (url, seen):
        app = _cached_app(url)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
    assert order == ["frame with the cached row: True, gateway made: False", "list asked for"]
    assert any("/functions" in request for request in seen)


async def test_the_list_is_not_drawn_while_textual_holds_the_paint(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The list is pushed once the app is mounted, and its first frame written at once.
    Pushed while the app mounted, it was drawn then, the drawing thrown away (Textual paints
    nothing until the mount is done), and the cached rows reached the terminal only at some
    later refresh, ~35 ms on."""
    held: list[str] = []
    display = LambdaTUI._display

    def _display(self: LambdaTUI, screen: Screen[object], update: object) -> None:
        if update is not None and self._batch_count:
            held.append(type(screen).__name__)
        display(self, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(LambdaTUI, "_display", _display)
    app = _cached_app("http://127.0.0.1:9")  # the discard port: the rows come from the cache
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "from-disk" in screen_text(app))
        assert isinstance(app.screen, FunctionListScreen)
    assert "FunctionListScreen" not in held


async def test_the_collector_and_the_switch_interval_are_back_after_the_first_frame(
    account,
) -> None:  # type: ignore[no-untyped-def]
    """The command line turns the cyclic collector off and shortens the thread switch
    interval for start-up; the first frame puts both back (a long session must collect its
    cycles, and need not switch threads five times as often)."""
    app = make_app(account.endpoint_url)
    gc.disable()
    sys.setswitchinterval(STARTUP_SWITCH_INTERVAL)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, gc.isenabled, timeout=5)
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    finally:
        gc.enable()
        gc.unfreeze()
        sys.setswitchinterval(SWITCH_INTERVAL)


async def test_the_rules_parsed_after_the_first_frame_change_nothing_on_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """app.tcss's first part is parsed before the first frame, the rest (screens opened later)
    after it: a rule for the first screen's widgets put past the line would change the list
    once it is shown (a flash), and its first frame would not be the one a user keeps."""
    styles: list[dict[str, str]] = []
    add_later = LambdaTUI._add_later_rules

    def _add_later_rules(self: LambdaTUI) -> None:
        styles.append({repr(node): node.styles.css for node in self.walk_children()})
        add_later(self)
        styles.append({repr(node): node.styles.css for node in self.walk_children()})

    monkeypatch.setattr(LambdaTUI, "_add_later_rules", _add_later_rules)
    app = _cached_app("http://127.0.0.1:9")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(styles) == 2)
    before, after = styles
    assert any("FunctionTable" in node for node in before)
    assert before == after


async def test_the_collector_comes_back_when_the_list_never_says_it_was_drawn(
    account, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The list says when the first frame is drawn; should it never say so (a screen opened
    over it first, a change to the list), the collector still comes back a moment on:
    left off, a long session's cycles are never collected (+90 MB after 200,000 log lines)."""
    from lambdatui.ui import app as app_module

    monkeypatch.setattr(FunctionListScreen, "on_screen_resume", lambda self: None)
    monkeypatch.setattr(app_module, "FIRST_FRAME_AT_LATEST", 1.0)
    app = make_app(account.endpoint_url)
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
            assert not gc.isenabled()  # the list has not said it
            await wait_until(pilot, gc.isenabled, timeout=4)
    finally:
        gc.enable()
        gc.unfreeze()
        sys.setswitchinterval(SWITCH_INTERVAL)


@pytest.mark.slow
async def test_with_the_start_up_child_the_deferred_work_waits_for_its_rows(
    account, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Cold start: the list's first frame is empty and the child's first page follows. The
    work deferred to the first frame (later stylesheet rules, the collector, offers reading
    files: ~25 ms) waits for the frame with the child's rows: run after the empty one, it
    held the page back just as it arrived (cold start 1.31x the one-shot boto3 page)."""
    from lambdatui.aws.first_pages import spawn
    from lambdatui.ui import app as app_module

    seed_functions(account.endpoint_url, 3, region=account.region, prefix="kid")
    monkeypatch.setattr(app_module, "FIRST_FRAME_AT_LATEST", 60.0)  # not the fallback's doing
    frames: list[bool] = []  # whether each frame drawn had the child's row
    deferred_after: list[int] = []  # the frames drawn when the deferred work ran
    display, shown = LambdaTUI._display, LambdaTUI._first_frame_shown

    def _display(self: LambdaTUI, screen: Screen[object], update: object) -> None:
        if update is not None and not self._batch_count:
            frames.append("kid-0" in update.render_segments(self.console))  # type: ignore[attr-defined]
        display(self, screen, update)  # type: ignore[arg-type]

    def _first_frame_shown(self: LambdaTUI) -> None:
        deferred_after.append(len(frames))
        shown(self)

    monkeypatch.setattr(LambdaTUI, "_display", _display)
    monkeypatch.setattr(LambdaTUI, "_first_frame_shown", _first_frame_shown)
    gc.disable()
    try:
        with delayed_proxy(account.endpoint_url, 0.3) as (url, _):  # after the empty frame
            app = make_app(url)
            app.first_pages = spawn(app.target)
            async with app.run_test(size=(80, 24)) as pilot:
                await wait_until(pilot, lambda: "3 functions" in screen_text(app), timeout=30)
                await wait_until(pilot, gc.isenabled, timeout=5)
    finally:
        gc.enable()
        gc.unfreeze()
        sys.setswitchinterval(SWITCH_INTERVAL)
    assert frames[0] is False  # the empty list came first
    assert deferred_after and any(frames[: deferred_after[0]])  # then the rows, then the rest


@pytest.mark.slow
async def test_a_start_up_child_without_rows_lets_the_deferred_work_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A child that fails before its first page (here: nothing listens) has no rows to wait
    for: the deferred work runs then, not at the 2 s fallback."""
    from lambdatui.aws.first_pages import spawn
    from lambdatui.ui import app as app_module

    monkeypatch.setattr(app_module, "FIRST_FRAME_AT_LATEST", 60.0)
    app = make_app("http://127.0.0.1:9")
    gc.disable()
    try:
        app.first_pages = spawn(app.target)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, gc.isenabled, timeout=30)
    finally:
        gc.enable()
        gc.unfreeze()
        sys.setswitchinterval(SWITCH_INTERVAL)


@pytest.mark.slow
async def test_the_first_rows_are_drawn_at_once_not_at_the_next_frame_tick(
    account, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Textual paints on a grid of frame ticks (60 a second); the child's first page is drawn
    as soon as it is read. With ticks 60 s apart, only that drawing can show the rows."""
    import textual.screen

    from lambdatui.aws.first_pages import spawn

    seed_functions(account.endpoint_url, 3, region=account.region, prefix="kid")
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 60.0)
    drawn: list[bool] = []  # whether each frame drawn had the child's row
    display = LambdaTUI._display

    def _display(self: LambdaTUI, screen: Screen[object], update: object) -> None:
        if update is not None and not self._batch_count:
            drawn.append("kid-0" in update.render_segments(self.console))  # type: ignore[attr-defined]
        display(self, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(LambdaTUI, "_display", _display)
    with delayed_proxy(account.endpoint_url, 0.3) as (url, _):  # after the empty frame
        app = make_app(url)
        app.first_pages = spawn(app.target)
        try:
            async with app.run_test(size=(80, 24)):
                # not the pilot's pauses: they draw the screen themselves
                for _ in range(400):
                    if any(drawn):
                        break
                    await asyncio.sleep(0.05)
                assert any(drawn) and drawn[0] is False  # the empty list, then the rows
        finally:
            gc.enable()  # the first frame turns it on; a failure must not leave it off
            gc.unfreeze()
            sys.setswitchinterval(SWITCH_INTERVAL)


def _many_functions() -> list[FunctionSummary]:
    """401 functions; the last by name has the longest name, and a state none before it has."""
    functions = [
        FunctionSummary.from_api(
            {
                "FunctionName": f"fn-{i:04d}",
                "FunctionArn": f"arn:aws:lambda:us-east-1:123456789012:function:fn-{i:04d}",
                "Runtime": "python3.12",
                "State": "Active",
            }
        )
        for i in range(400)
    ]
    functions.append(  # sorted last, far past the head: only the widths bring it to frame one
        FunctionSummary.from_api(
            {
                "FunctionName": "zz-a-name-longer-than-any-other-on-the-list",
                "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:zz",
                "Runtime": "python3.12",
                "State": "Inactive",
            }
        )
    )
    return functions


async def _first_frame(
    url: str, monkeypatch: pytest.MonkeyPatch, *, head: bool
) -> tuple[object, ...]:
    """The first frame with the cached list's first row: how many rows the table held, the
    text on screen and the table's scroll length; then the rows once the rest is read."""
    functions = _many_functions()
    first: list[tuple[object, ...]] = []
    display = LambdaTUI._display

    def _display(self: LambdaTUI, screen: Screen[object], update: object) -> None:
        display(self, screen, update)  # type: ignore[arg-type]
        if not first and isinstance(screen, FunctionListScreen) and "fn-0000" in screen_text(self):
            table = screen.table
            first.append((table.total_count, screen_text(self), table.virtual_size))

    monkeypatch.setattr(LambdaTUI, "_display", _display)
    app = make_app(url)
    if head:
        rows, widths = cache_head(functions, app.age_now)
        assert len(rows) == HEAD_ROWS < len(functions)
        cache.save_functions(app.target.cache_key, functions, head=rows, widths=widths)
    else:
        cache.save_functions(app.target.cache_key, functions)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: first)
        table = app.screen.table  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: table.total_count == len(functions))
        await pilot.press("end")  # the whole list is there: its last row
        await wait_until(pilot, lambda: "zz-a-name-longer-than-any" in screen_text(app))
    monkeypatch.undo()
    return first[0]


@pytest.mark.slow
async def test_a_warm_start_paints_the_cached_head_as_the_whole_list_shows_it(  # type: ignore[no-untyped-def]
    account, monkeypatch
) -> None:
    """The first frame reads only the cache's head (the first screen's rows, and the widths
    of the whole list); the rest comes once it is drawn. The frame is the one the whole list
    gives: the widest name and state (past the head) size their columns, the count and the
    scroll length are the whole list's."""
    with delayed_proxy(account.endpoint_url, 30.0) as (url, _seen):  # no answer meanwhile
        from_head = await _first_frame(url, monkeypatch, head=True)
        from_whole = await _first_frame(url, monkeypatch, head=False)
    assert from_head[0] == HEAD_ROWS and from_whole[0] == 401
    assert from_head[1:] == from_whole[1:]
    assert "401 functions" in str(from_head[1])
