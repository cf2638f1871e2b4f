"""MODIFIED ages stay true: to the minute, from one moment for every screen, moved on once a
minute (only the cells whose text changed are redrawn), a date past a week, new after an edit.

The app's clock is faked; `LambdaTUI.refresh_ages` is what its once-a-minute timer calls.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.geometry import Region

from lambdatui.aws.records import parse_time
from lambdatui.demo.seed import seed_functions
from lambdatui.ui.edit.screen import ConfirmEditScreen, EditScreen
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.ui.helpers import make_app, press_id, screen_text, settle

AGE = re.compile(r"<1m ago|just now|\d+(?:s|m|h|d|mo|y) ago|\d{4}-\d\d-\d\d")


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _modified(app: Any) -> dict[str, datetime]:
    """LastModified of every function of the list."""
    moments = {f.name: parse_time(f.last_modified) for f in app.screen.table.visible_rows()}
    assert None not in moments.values()
    return moments  # type: ignore[return-value]


def _row_ages(app: Any, prefix: str) -> dict[str, str]:
    """The MODIFIED text of each function row on screen, by name."""
    ages: dict[str, str] = {}
    for line in screen_text(app).splitlines():
        name = re.search(rf"{prefix}-\d+", line)
        if name:
            match = AGE.search(line[name.end() :])
            assert match, line
            ages[name.group()] = match.group()
    return ages


def _field(app: Any, label: str) -> str:
    """The value of a configuration line on screen."""
    for line in screen_text(app).splitlines():
        if f"  {label}" in line:
            return line.split(label, 1)[1].strip(" │▕▏▎▍▌▋▊▉█")
    raise AssertionError(f"no {label!r} line on screen:\n{screen_text(app)}")


async def test_rows_scrolled_in_later_agree_and_ages_move_on_once_a_minute(account: Any) -> None:
    seed_functions(account.endpoint_url, 60, region=account.region, prefix="age")
    clock = Clock(datetime.now(UTC))
    app = make_app(account.endpoint_url, clock=clock)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        moments = _modified(app)
        # Two minutes and a half after the newest change, then painted.
        clock.now = max(moments.values()) + timedelta(seconds=150)
        app.refresh_ages()
        start = clock.now
        await pilot.pause()
        first = _row_ages(app, "age")
        assert len(first) > 10
        assert first == {name: _age(moments[name], start) for name in first}

        clock.now += timedelta(seconds=40)  # the minute timer has not fired yet
        await pilot.press("end")
        await pilot.pause()
        later = _row_ages(app, "age")
        assert "age-00059" in later and not set(later) & set(first)
        # Counted from the same moment as the rows painted first, not from when they came in.
        assert later == {name: _age(moments[name], start) for name in later}

        clock.now += timedelta(seconds=30)  # a minute after `start`: the timer fires
        app.refresh_ages()
        await pilot.pause()
        now = clock.now
        assert _row_ages(app, "age") == {name: _age(moments[name], now) for name in later}
        await pilot.press("home")  # rows painted before the tick are new too
        await pilot.pause()
        assert _row_ages(app, "age") == {name: _age(moments[name], now) for name in first}
        assert set(_row_ages(app, "age").values()) != set(first.values())


def _age(moment: datetime, now: datetime) -> str:
    """What a user expects to read: whole minutes, hours, days; a date past a week."""
    seconds = (now - moment).total_seconds()
    if seconds >= 7 * 86400:
        return moment.astimezone().strftime("%Y-%m-%d")
    if seconds >= 86400:
        return f"{int(seconds // 86400)}d ago"
    if seconds >= 3600:
        return f"{int(seconds // 3600)}h ago"
    if seconds >= 60:
        return f"{int(seconds // 60)}m ago"
    return "<1m ago"


async def test_an_idle_list_redraws_only_the_age_cells_whose_text_changed(account: Any) -> None:
    seed_functions(account.endpoint_url, 40, region=account.region, prefix="age")
    clock = Clock(datetime.now(UTC))
    app = make_app(account.endpoint_url, clock=clock)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        table = app.screen.table
        clock.now = max(_modified(app).values()) + timedelta(seconds=130)
        app.refresh_ages()
        await pilot.pause()
        redrawn: list[Region] = []
        original = table.refresh

        def spy(*regions: Region, **kw: Any) -> Any:
            redrawn.extend(regions or [Region(0, 0, 0, 0)])
            return original(*regions, **kw)

        table.refresh = spy  # type: ignore[method-assign]
        clock.now += timedelta(seconds=20)  # no age changes its minute
        app.refresh_ages()
        await pilot.pause()
        assert redrawn == []

        clock.now += timedelta(seconds=60)  # every row on screen is a minute older
        app.refresh_ages()
        await pilot.pause()
        rows = len(_row_ages(app, "age"))
        # One cell per row, the MODIFIED column's width: nothing else of the screen.
        assert len(redrawn) == rows
        assert {(r.width, r.height) for r in redrawn} == {(10, 1)}
        assert len({r.x for r in redrawn}) == 1


async def test_the_list_and_the_function_view_say_the_same_age(account: Any) -> None:
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="age")
    clock = Clock(datetime.now(UTC))
    app = make_app(account.endpoint_url, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        moment = _modified(app)["age-00000"]
        clock.now = moment + timedelta(seconds=170)  # 2m50s: "2m ago"
        app.refresh_ages()
        await pilot.pause()
        row = _row_ages(app, "age")["age-00000"]
        assert row == "2m ago"

        clock.now += timedelta(seconds=20)  # 3m10s, the minute timer not yet fired
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        assert _field(app, "Last modified") == row

        below = app.screen_stack[-2].table
        drawn: list[Any] = []
        original = below.refresh
        below.refresh = lambda *a, **kw: drawn.append(a) or original(*a, **kw)  # type: ignore[method-assign]
        clock.now += timedelta(minutes=2)  # the view stays open: its age moves on too
        app.refresh_ages()
        await pilot.pause()
        assert _field(app, "Last modified") == "5m ago"
        # The list below draws nothing now (Textual would write it again through the view).
        assert drawn == []
        await press_id(pilot, "function.back")
        await settle(pilot)
        assert _row_ages(app, "age")["age-00000"] == "5m ago"


async def test_past_a_week_an_age_is_a_date(account: Any) -> None:
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="age")
    clock = Clock(datetime.now(UTC))
    app = make_app(account.endpoint_url, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        moment = _modified(app)["age-00000"]
        clock.now = moment + timedelta(days=6, hours=23)
        app.refresh_ages()
        await pilot.pause()
        assert _row_ages(app, "age")["age-00000"] == "6d ago"

        clock.now = moment + timedelta(days=8)
        app.refresh_ages()
        await pilot.pause()
        date = moment.astimezone().strftime("%Y-%m-%d")
        assert _row_ages(app, "age")["age-00000"] == date  # whole, at 80 columns
        await pilot.press("enter")
        await settle(pilot)
        assert _field(app, "Last modified") == date


@pytest.mark.slow
async def test_after_an_edit_the_rows_age_is_new(account: Any) -> None:
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="age")
    later = datetime.now(UTC) + timedelta(hours=5)  # the edit is made five hours later
    clock = Clock(later)
    account.knobs.clock = lambda: later
    app = make_app(account.endpoint_url, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _row_ages(app, "age")["age-00000"] == "5h ago"
        await pilot.press("enter")  # the function's view, then its edit form
        await settle(pilot)
        assert _field(app, "Last modified") == "5h ago"
        await press_id(pilot, "function.edit")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        await pilot.press("tab", "end", "ctrl+u", *"17", "enter")  # timeout 17 s, review
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        assert _field(app, "Last modified") == "<1m ago"
        await press_id(pilot, "function.back")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)
        assert _row_ages(app, "age")["age-00000"] == "<1m ago"
        assert " 17 " in next(line for line in screen_text(app).splitlines() if "age-00000" in line)
