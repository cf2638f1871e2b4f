"""The tuning flow by keyboard at 80x24: `M` on the function view, the form, the notice, the
run's progress and results with the plot, `enter` on a row opens the edit form with that
memory (applied through its confirmation); escape mid-run stops and restores; read-only does
not offer it."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from lambdatui.ui.dialogs.confirm import ConfirmScreen
from lambdatui.ui.edit.screen import ConfirmEditScreen, EditScreen
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.tune.form import TuneFormScreen
from lambdatui.ui.tune.notice import TuneNoticeScreen
from lambdatui.ui.tune.run_screen import ResultsTable, TuneRunScreen
from tests.tune.helpers import snapshot, tunable
from tests.ui.helpers import (
    make_app,
    notifications,
    press_id,
    screen_text,
    settle,
    wait_until,
)

SLOW = "import time\ndef handler(event, context):\n    time.sleep(0.2)\n    return {}\n"


async def _type(pilot: Any, text: str) -> None:
    await pilot.press("end", "ctrl+u", *text)


async def _form(pilot: Any) -> TuneFormScreen:
    await settle(pilot)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)
    await press_id(pilot, "function.tune")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, TuneFormScreen)
    return form


async def _start(pilot: Any, sizes: str, runs: str) -> TuneRunScreen:
    form = await _form(pilot)
    assert form.query_one("#tune-sizes", Input).value == "128, 256, 512, 1024, 1769, 3008"
    await _type(pilot, sizes)
    await pilot.press("tab")
    await _type(pilot, runs)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TuneNoticeScreen)
    text = screen_text(pilot.app)
    assert "really runs shop 4 times" in text or "really runs shop 20 times" in text
    assert "side effects" in text and "goes back to 256 MB" in text
    await press_id(pilot, "tune.start")
    await pilot.pause()
    run = pilot.app.screen
    assert isinstance(run, TuneRunScreen)
    return run


async def test_done_when_a_run_shows_results_and_a_row_opens_the_edit_form(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await _start(pilot, "128,512", "2")
        await wait_until(pilot, lambda: run.outcome is not None, timeout=60)
        await settle(pilot)
        assert run.outcome is not None and run.outcome.status == "done"
        text = screen_text(app)
        assert "Done · memory back to 256 MB, nothing left" in text
        assert "★ cost: " in text
        assert "● median duration" in text  # the plot's legend
        assert snapshot(lam) == before
        table = run.query_one(ResultsTable)
        assert [r.memory_mb for r in table.rows()] == [128, 512]
        chosen = run.outcome.recommendation
        assert chosen is not None and table.cursor_row is not None
        assert table.cursor_row.memory_mb == chosen.memory_mb
        table.move_cursor_to_key("512")
        await press_id(pilot, "tune.apply")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen)
        assert form.query_one("#edit-memory_mb", Input).value == "512"
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)
        assert "256 MB → 512 MB" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    assert snapshot(lam)["aliases"] == before["aliases"]
    assert snapshot(lam)["versions"] == before["versions"]


async def test_escape_mid_run_stops_and_restores(account: Any) -> None:
    lam = tunable(account.endpoint_url, source=SLOW)
    before = snapshot(lam)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await _start(pilot, "128,512", "10")
        await wait_until(pilot, lambda: "128 MB: 2/10 runs" in screen_text(app), timeout=30)
        await press_id(pilot, "tune.stop")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press_id(pilot, "confirm.yes")
        await wait_until(pilot, lambda: run.outcome is not None, timeout=30)
        await settle(pilot)
        assert run.outcome is not None and run.outcome.status == "stopped"
        assert "Stopped · memory back to 256 MB, nothing left" in screen_text(app)
        assert [r.memory_mb for r in run.outcome.results] == [128]
    assert snapshot(lam) == before


async def test_read_only_does_not_offer_it(account: Any) -> None:
    tunable(account.endpoint_url)
    app = make_app(account.endpoint_url, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "function.tune")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        assert any("Read-only mode: tuning" in n for n in notifications(app))


async def test_a_dead_runs_clean_up_is_offered_at_start_and_done_from_the_palette(
    account: Any,
) -> None:
    """A run killed after it set 512 MB, published and aliased: the next start says so, and
    the palette's command puts the function back."""
    import subprocess
    import time

    from lambdatui.store import tune_plans

    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    dead = subprocess.Popen(["true"])
    dead.wait()
    tune_plans.save(
        {
            "function": "shop",
            "profile": None,
            "region": "us-east-1",
            "endpoint": account.endpoint_url,
            "status": tune_plans.RUNNING,
            "pid": dead.pid,
            "started": time.time(),
            "original_memory": 256,
            "versions_before": ["$LATEST", "1"],
            "aliases_before": ["live"],
            "reports": [],
        }
    )
    lam.update_function_configuration(FunctionName="shop", MemorySize=512)
    version = lam.publish_version(FunctionName="shop", Description="lambdatui tune 512 MB")
    lam.create_alias(
        FunctionName="shop", Name="lambdatui-tune-512", FunctionVersion=version["Version"]
    )
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: any("did not finish" in n for n in notifications(app)))
        await press_id(pilot, "app.palette")
        await pilot.press(*"finish tuning")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: any("MemorySize back to 256" in n for n in notifications(app))
        )
    assert snapshot(lam) == before
    assert tune_plans.unfinished() == []


async def test_on_production_the_notice_wants_the_name_typed(account: Any) -> None:
    from lambdatui.store.config import Config

    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    app = make_app(account.endpoint_url, config=Config(production_pattern=r"^123456789012$"))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _form(pilot)
        await _type(pilot, "128")
        await pilot.press("tab")
        await _type(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TuneNoticeScreen)
        assert "PRODUCTION" in screen_text(app) and "Type shop to confirm" in screen_text(app)
        await press_id(pilot, "tune.start")
        await settle(pilot)
        assert isinstance(app.screen, TuneNoticeScreen)  # not without the name
        assert snapshot(lam) == before
        await press_id(pilot, "tune.back")
        await settle(pilot)
        assert app.screen is form
    assert snapshot(lam) == before


async def test_ctrl_e_takes_the_payload_from_a_saved_event(account: Any) -> None:
    from lambdatui.store.events import EventLibrary

    tunable(account.endpoint_url)
    EventLibrary().save_payload("shop", "six-pages", '{\n  "pages": 6\n}')
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _form(pilot)
        await press_id(pilot, "tune.event")
        await settle(pilot)
        assert form.query_one("#tune-payload", Input).value == '{"pages": 6}'
        assert "event six-pages" in screen_text(app)
