"""The log view's buffer: its lines cost the cyclic collector nothing, and it behaves the same
as lines pour through it (dropped, compacted, filtered, wrapped, found again).

A bare app with one `LogView`, fed directly: no account, no screen around it.
"""

from __future__ import annotations

import gc
import re

from textual.app import App, ComposeResult
from textual.strip import Strip

from lambdatui.aws.log_records import LogLine
from lambdatui.ui.widgets.log_view import LogView
from tests.ui.helpers import wait_until

STREAM = "2026/01/02/[$LATEST]0123456789abcdef"


class ViewApp(App[None]):
    def __init__(self, max_lines: int) -> None:
        super().__init__()
        self.max_lines = max_lines

    def compose(self) -> ComposeResult:
        yield LogView(max_lines=self.max_lines)


def lines(start: int, count: int) -> list[LogLine]:
    out = []
    for n in range(start, start + count):
        level = "ERROR" if n % 10 == 7 else "INFO"
        message = f"[{level}]\t2026-01-02T03:04:05.678Z\treq-{n // 5}\tline {n}"
        out.append(LogLine(1_767_323_045_678 + n, STREAM, message, event_id=str(n)))
    return out


def tracked() -> int:
    gc.collect()
    return len(gc.get_objects())


async def test_the_lines_kept_are_not_objects_the_collector_walks() -> None:
    """At 5,000 lines a second the collector's full passes over a buffer of line objects were
    the slow keys (issue 21). 20,000 more lines kept, filtered (so each is parsed and cleaned)
    and drawn leave the count of tracked objects where it was (the screen's own objects aside,
    the same both times), where it was one or more a line."""
    app = ViewApp(max_lines=50_000)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(LogView)
        view.set_filter(lambda text: "line" in text, re.compile("line"), min_severity=20)
        counts = []
        for start in range(0, 40_000, 1_000):
            view.append(lines(start, 1_000))
            view.flush()
            if start + 1_000 in (20_000, 40_000):
                await pilot.pause()
                counts.append(tracked())
        assert view.total == view.shown == 40_000
        grown = counts[1] - counts[0]
        assert grown < 1_000, f"{grown} more objects tracked for 20,000 more lines"


async def test_a_small_buffer_turning_over_keeps_the_newest_lines_and_finds_them() -> None:
    """Thousands of lines through a buffer of 100 (its columns cut and compacted many times),
    wrapped and filtered: the counts, the lines shown, the next ERROR and earlier lines."""
    app = ViewApp(max_lines=100)
    async with app.run_test(size=(60, 5)) as pilot:  # fewer rows than the ERROR lines
        view = app.query_one(LogView)
        view.set_option(wrap=True)
        for start in range(0, 10_000, 250):
            view.append(lines(start, 250))
            view.flush()
        view.append(["── a marker ──"])
        view.flush()
        await pilot.pause()
        assert (view.total, view.dropped) == (99, 9_901)  # the marker is kept, never counted
        entries = view.visible_entries()
        assert [e.message.rsplit(" ", 1)[1] for e in (entries[0], entries[-1])] == [
            "9901",
            "9999",
        ]
        assert view.shown == 99

        view.set_filter(None, None, min_severity=40)  # ERROR only
        await pilot.pause()
        assert view.shown == 10  # 9907, 9917, … 9997
        view.action_top()
        first = view.next_error()
        assert first is not None and first.message.endswith("line 9907")
        assert first.severity == 40
        second = view.next_error()
        assert second is not None and second.message.endswith("line 9917")

        view.set_filter(None, None, min_severity=0)
        view.clear()
        view.append(lines(20_000, 10))
        view.flush()
        assert view.prepend(lines(19_995, 5)) == 5
        await pilot.pause()
        got = [e.message.rsplit(" ", 1)[1] for e in view.visible_entries()]
        assert got == [str(n) for n in range(19_995, 20_010)]


def test_a_parsed_line_is_an_untracked_tuple() -> None:
    """What a line says is kept as an exact tuple of str and int: after one pass of the
    collector it is no longer tracked (a NamedTuple or a class would be)."""
    from lambdatui.ui.widgets.log_buffer import LogBuffer

    buffer = LogBuffer()
    seq = buffer.append(lines(0, 1)[0])
    fields = buffer.fields(seq)
    gc.collect()
    assert type(fields) is tuple and not gc.is_tracked(fields)
    assert fields[0] == "app" and fields[1] == 20 and fields[3] == "req-0"


def cyclic_garbage() -> list[object]:
    """What a full collection finds unreachable now (kept aside to look at, then let go)."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


async def test_rows_drawn_again_in_another_look_leave_no_cyclic_garbage() -> None:
    """Each `t` (and each filter) draws the rows on screen afresh and forgets those drawn
    before. Textual's LRUCache left them in a ring of lists, a reference cycle: at `t` every
    0.25 s while following, some 900 strips a second for the collector's full passes alone
    to free, most of what they freed (issue 21). Forgotten rows now go at once."""
    app = ViewApp(max_lines=50_000)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(LogView)
        await pilot.pause()
        cyclic_garbage()
        gc.disable()
        try:
            for step in range(12):
                view.append(lines(step * 100, 100))
                view.flush()
                view.set_option(timestamps=("utc", "off", "local")[step % 3])
                await pilot.pause()  # a frame: the rows on screen drawn again
            found = cyclic_garbage()
        finally:
            gc.enable()
        width = view.scrollable_content_region.width
        drawn = [  # the rows the view drew for a line (Textual's own strips are not its rows)
            o
            for o in found
            if type(o) is list and o and all(type(s) is Strip and s.cell_length == width for s in o)
        ]
        assert not drawn, f"{len(drawn)} lines' rows drawn by the view left for the collector"
        assert view.visible_entries()[-1].message.endswith("line 1199")
        assert view.timestamps == "local"


def test_drawn_rows_keep_the_lines_drawn_last() -> None:
    """The cache of drawn rows keeps ``maxsize`` lines, dropping the least recently drawn."""
    from lambdatui.ui.widgets.log_view import DrawnRows

    rows = DrawnRows(2)
    rows[(1, 80, 0)], rows[(2, 80, 0)] = [Strip([])], [Strip([])]
    assert rows.get((1, 80, 0)) is not None  # 1 drawn again: 2 is now the oldest
    rows[(3, 80, 0)] = [Strip([])]
    assert rows.get((2, 80, 0)) is None and len(rows) == 2
    rows.grow(3)
    rows[(4, 80, 0)] = [Strip([])]
    assert [rows.get((n, 80, 0)) is not None for n in (1, 3, 4)] == [True, True, True]
    rows.clear()
    assert len(rows) == 0 and rows.get((4, 80, 0)) is None


async def test_a_view_growing_past_its_screen_is_not_laid_out_again() -> None:
    """While the buffer fills, each frame made the view longer, and a new virtual size laid
    the whole screen out again (8-19 ms a frame at 5,000 lines a second, issue 21). Once the
    view is longer than its screen, growing changes only its scroll range and its scrollbar:
    no layout, and the end is still followed, the scrollbar's thumb still sized."""
    app = ViewApp(max_lines=50_000)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(LogView)
        view.append(lines(0, 100))
        view.flush()
        await wait_until(pilot, lambda: view.show_vertical_scrollbar)  # laid out for them
        await pilot.pause()
        screen, layouts = app.screen, list[int]()
        lay_out = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(view.virtual_size.height)
            lay_out(*args, **kwargs)  # type: ignore[arg-type]

        screen._refresh_layout = counted  # type: ignore[method-assign]
        for start in range(100, 1_100, 100):
            view.append(lines(start, 100))
            view.flush()
            await pilot.pause()
        assert len(layouts) == 0
        height = view.scrollable_content_region.height
        assert view.virtual_size.height == view.vertical_scrollbar.window_virtual_size == 1_100
        assert view.scroll_offset.y == view.max_scroll_y == 1_100 - height
        assert view.render_line(height - 1).text.rstrip().endswith("line 1099")
