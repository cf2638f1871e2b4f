"""The traffic shift from the Aliases tab (`t`), against the local account on a fast clock: a
shift that completes, one the broken version rolls back on its own, escape's three endings,
the pane left and reopened while the shift goes on, and the resume of a shift an earlier run
left unfinished."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from lambdatui.release.plan import parse_steps
from lambdatui.release.shift import ShiftEngine, prepare
from lambdatui.release.state import Guards
from lambdatui.store import shifts
from lambdatui.ui.release.runner import runner_of
from lambdatui.ui.release.shift_pane import ShiftChoiceScreen, ShiftScreen
from tests.release.helpers import BROKEN, gateway, released
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until
from tests.ui.release_helpers import fast_shifts, open_tab, replace_field


def _routing(lam: Any) -> tuple[str, dict[str, float]]:
    alias = lam.get_alias(FunctionName="shop", Name="live")
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return alias["FunctionVersion"], weights


async def _start_shift(pilot: Any, plan: str, min_invocations: str = "20") -> ShiftScreen:
    await press_id(pilot, "release.shift")
    await settle(pilot)
    await replace_field(pilot, plan)  # the plan field has the focus
    await pilot.press("tab", "tab")
    await replace_field(pilot, min_invocations)
    await press_id(pilot, "release.form-review")
    await settle(pilot)
    await press_id(pilot, "release.apply")  # the confirmation: current → new
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ShiftScreen))
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_a_shift_completes_and_the_pane_shows_the_counts(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "aliases")
        fast_shifts(pilot, account.endpoint_url, "shop")
        pane = await _start_shift(pilot, "10:1m,50:1m,100")
        await wait_until(pilot, lambda: pane.shift.state.status == "done", timeout=30)
        await pilot.pause()
        text = screen_text(app)
        assert "DONE" in text and "100% on 2" in text
        assert "step: 10% to 2" in text and "step: 50% to 2" in text
        assert pane.shift.engine.reading is not None
        assert pane.shift.engine.reading.new.invocations > 0
        assert str(pane.shift.engine.reading.new.invocations) in text
    assert _routing(lam) == ("2", {})


async def test_the_broken_version_rolls_back_on_its_own(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url, second=BROKEN)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "aliases")
        fast_shifts(pilot, account.endpoint_url, "shop", per_sleep=20)
        pane = await _start_shift(pilot, "50:5m,100", min_invocations="5")
        await wait_until(pilot, lambda: pane.shift.state.status == "rolled_back", timeout=30)
        await pilot.pause()
        text = screen_text(app)
        assert "ROLLED BACK: version 2 failed" in text
        assert any("Shift rolled back" in n for n in notifications(app))
    assert _routing(lam) == ("1", {})


@pytest.mark.parametrize(
    ("key", "status", "routing"),
    [
        ("shift.keep", "kept", ("1", {"2": 0.1})),
        ("shift.rollback", "rolled_back", ("1", {})),
        ("shift.finish", "done", ("2", {})),
    ],
)
async def test_escape_asks_and_each_answer_ends_the_shift(account, key, status, routing) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "aliases")
        runner_of(app).options = {"check_every": 3600.0}  # a real sleep, woken by the answer
        pane = await _start_shift(pilot, "10:1h,100")
        await wait_until(pilot, lambda: pane.shift.state.step == 0)
        await press_id(pilot, "shift.ask")  # (no settle: the shift's worker runs on)
        await wait_until(pilot, lambda: isinstance(app.screen, ShiftChoiceScreen))
        await press_id(pilot, "shift.continue")  # go on watching: nothing changes
        await pilot.pause()
        assert app.screen is pane and pane.shift.running
        await press_id(pilot, "shift.ask")
        await wait_until(pilot, lambda: isinstance(app.screen, ShiftChoiceScreen))
        await press_id(pilot, key)
        await wait_until(pilot, lambda: pane.shift.state.status == status)
    assert _routing(lam) == routing


async def test_the_shift_goes_on_when_the_pane_is_left_and_reopens_from_the_alias(account) -> None:  # type: ignore[no-untyped-def]
    released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "shop", "aliases")
        runner_of(app).options = {"check_every": 3600.0}
        pane = await _start_shift(pilot, "10:1h,100")
        await wait_until(pilot, lambda: pane.shift.state.step == 0)
        await press_id(pilot, "shift.back")
        await wait_until(pilot, lambda: app.screen is screen)
        assert pane.shift.running
        await press_id(pilot, "release.shift")
        await wait_until(pilot, lambda: isinstance(app.screen, ShiftScreen))
        assert isinstance(app.screen, ShiftScreen) and app.screen.shift is pane.shift
        # from the list, the palette's Traffic shifts opens it too
        await press_id(pilot, "shift.back")
        await wait_until(pilot, lambda: app.screen is screen)
        await press_id(pilot, "function.back")
        await wait_until(pilot, lambda: not isinstance(app.screen, type(screen)))
        await press_id(pilot, "app.palette")
        await pilot.pause(0.3)
        await pilot.press(*"Traffic shifts")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ShiftScreen))
        assert app.screen.shift is pane.shift
        pane.shift.choose("rollback")
        await wait_until(pilot, lambda: pane.shift.state.status == "rolled_back")


async def _leave_unfinished(endpoint: str) -> None:
    """A shift to 10% whose process 'dies' in its first hold: saved as running."""
    async with gateway(endpoint) as gw:
        state = await prepare(gw, "shop", "live", "2", parse_steps("10:1h,100"), Guards())
        never = asyncio.Event()

        async def hold(_seconds: float) -> None:
            await never.wait()

        engine = ShiftEngine(gw, state, sleep=hold, check_every=3600.0)
        task = asyncio.create_task(engine.run())
        for _ in range(200):
            await asyncio.sleep(0.05)
            if engine.state.step == 0:
                break
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_an_unfinished_shift_is_offered_at_start_and_rolled_back(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    await _leave_unfinished(account.endpoint_url)
    assert _routing(lam) == ("1", {"2": 0.1})
    assert shifts.unfinished()
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        # asked once the list is on screen: the question's screen is current before it is drawn
        await wait_until(pilot, lambda: "Unfinished shift of shop:live" in screen_text(app))
        assert isinstance(app.screen, ShiftChoiceScreen)
        await press_id(pilot, "shift.rollback")
        await wait_until(pilot, lambda: any("rolled back" in n for n in notifications(app)))
    assert _routing(lam) == ("1", {})
    assert not shifts.unfinished()


async def test_an_unfinished_shift_left_for_later_stays_unfinished(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    await _leave_unfinished(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ShiftChoiceScreen))
        await press_id(pilot, "shift.continue")
        await settle(pilot)
        assert not isinstance(app.screen, ShiftChoiceScreen)
    assert _routing(lam) == ("1", {"2": 0.1})
    assert shifts.unfinished()


async def test_someone_elses_change_stops_the_shift_and_says_what_the_alias_is(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "aliases")
        runner_of(app).options = {"check_every": 0.2}
        pane = await _start_shift(pilot, "10:1h,100")
        await wait_until(pilot, lambda: pane.shift.state.step == 0)
        lam.update_alias(FunctionName="shop", Name="live", FunctionVersion="1", RoutingConfig={})
        await wait_until(pilot, lambda: pane.shift.state.status == "stopped")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "STOPPED: shop:live was changed by someone else: it is now → 1" in text
    assert _routing(lam) == ("1", {})  # nothing overwritten


async def test_the_shift_form_checks_as_typed_and_refuses_before_asking(account) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.ui.release.shift_form import ShiftFormScreen

    released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "aliases")
        await press_id(pilot, "release.shift")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ShiftFormScreen)
        assert form.query_one("#shift-to").value == "2"  # the newest other version

        def said() -> str:
            return str(form.query_one("#shift-error").render())

        assert said() == "1 → 2: 10% for 5m, 100%"
        await replace_field(pilot, "50:30s,10:1m,100")
        assert "step 2 (10:1m): each step sends more traffic than the last" in said()
        await replace_field(pilot, "canary10-5x")
        assert "'5x' is not a duration" in said()
        await press_id(pilot, "release.form-review")
        await settle(pilot)
        assert app.screen is form  # nothing asked
        await replace_field(pilot, "all")
        await pilot.press("shift+tab")
        await replace_field(pilot, "1")
        assert "points at version 1 already" in said()
