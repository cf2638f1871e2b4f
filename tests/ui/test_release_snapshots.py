"""Snapshots at 80x24: the shift pane mid-step (a fixed reading on a fixed clock, so it is the
same at every run) and the alias form on a released function."""

from __future__ import annotations

import pytest

from lambdatui.release.guards import Counts, Reading
from lambdatui.release.plan import parse_steps
from lambdatui.release.shift import ShiftEngine
from lambdatui.release.state import Guards, ShiftState
from lambdatui.ui.release.runner import RunningShift
from lambdatui.ui.release.shift_pane import ShiftScreen
from tests.release.helpers import released
from tests.ui.helpers import make_app, press_id, settle
from tests.ui.release_helpers import open_tab

NOW = 1_800_000_000.0


@pytest.mark.slow
def test_shift_pane(snap_compare, account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(account.endpoint_url, use_cache=False)
    state = ShiftState(
        function="coupon-validator",
        alias="live",
        old="1",
        new="2",
        plan=parse_steps("10:30s,50:1m,100"),
        guards=Guards(0.01, 20, ""),
        place=(None, "us-east-1", account.endpoint_url),
        started=NOW - 42,
        step=1,
        weight=0.5,
        step_started=NOW - 12,
    )

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        engine = ShiftEngine(app.gateway, state, clock=lambda: NOW)
        engine.reading = Reading(Counts(38, 0), Counts(121, 1))
        shift = RunningShift(engine)
        shift.log = ["10:00:00 step: 10% to 2", "10:00:30 step: 50% to 2"]
        app.push_screen(ShiftScreen(shift))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.slow
def test_alias_form(snap_compare, account) -> None:  # type: ignore[no-untyped-def]
    released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_tab(pilot, "shop", "aliases")
        await press_id(pilot, "release.edit-alias")
        await settle(pilot)
        await pilot.press("tab", "tab", "2", "tab", *"10")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
