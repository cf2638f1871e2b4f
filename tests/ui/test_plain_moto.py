"""The app against PLAIN moto (``moto.server`` as users run it), seeded like a real account.

Plain moto answers what it lacks with HTML pages (GetAccountSettings and the provisioned
concurrency calls: 404; the Schemas registry: 500), sends X-Amz-Function-Error on a DryRun and
cannot run code without Docker. Every view either completes or says in one line what it could
not read; no HTML reaches the screen; an idle view sends nothing. (The log view and
``lambdatui logs`` on plain moto are covered with the logs code.)

Requests are counted through ``delayed_proxy``'s ``seen`` while each view sits idle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from lambdatui.store.history import InvocationHistory
from lambdatui.ui.edit.screen import EditScreen
from lambdatui.ui.invoke.library import EventLibraryScreen
from lambdatui.ui.invoke.screen import InvokeScreen
from lambdatui.ui.screens.function import FunctionScreen
from tests.plain_moto import seed_like_a_real_account
from tests.ui.helpers import make_app, press_id, screen_text, settle
from tests.wire import delayed_proxy

#: Seconds each view sits idle while requests are counted.
IDLE_S = 2.0


@pytest.fixture
def moto(plain_moto: Any) -> Any:
    seed_like_a_real_account(plain_moto)
    return plain_moto


def _no_page(text: str) -> None:
    lowered = text.lower()
    assert "<html" not in lowered and "<!doctype" not in lowered and "<title" not in lowered


async def _idle(pilot: Any, seen: list[str], view: str) -> None:
    """The view sits idle: not one request meanwhile."""
    await settle(pilot)
    before = len(seen)
    await pilot.pause(IDLE_S)
    assert seen[before:] == [], f"{view} sent requests while idle: {seen[before:]}"
    _no_page(screen_text(pilot.app))


def _pane(screen: FunctionScreen, pane: str) -> dict[str, str]:
    table = screen.query_one(f"#{pane}-table")
    return {f"{f.section}/{f.label}": f.shown_value for f in table.visible_rows()}


async def test_list_function_view_and_edit_forms(moto: Any) -> None:
    lam = moto.client("lambda")
    with delayed_proxy(moto.endpoint_url) as (url, seen):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _idle(pilot, seen, "the list")
            text = screen_text(app)
            assert "orders" in text and "billing" in text
            app.screen.table.move_cursor_to_key("orders")
            await press_id(pilot, "functions.open")
            view = app.screen
            assert isinstance(view, FunctionScreen)
            await _idle(pilot, seen, "the configuration")
            config = _pane(view, "configuration")
            assert config["General/Runtime"] == "python3.12"
            assert config["Concurrency/Reserved"] == "50"  # GetFunctionConcurrency answered
            assert config["Concurrency/Provisioned"] == (
                "not available: HTTP 404 from the endpoint: Not Found "
                "(lambda:ListProvisionedConcurrencyConfigs)"
            )
            assert config["Account/not available"] == (
                "HTTP 404 from the endpoint: Not Found (lambda:GetAccountSettings)"
            )
            for tab in ("triggers", "versions", "aliases"):
                await press_id(pilot, f"function.tab-{tab}")
                await _idle(pilot, seen, f"the {tab} tab")
            assert "live" in screen_text(app)

            # The function's own form: the account's limits are context, the edit goes through.
            await press_id(pilot, "function.tab-configuration")
            await press_id(pilot, "function.edit")
            form = app.screen
            assert isinstance(form, EditScreen)
            await _idle(pilot, seen, "the edit form")
            assert "floor (100) is not checked here" in " ".join(screen_text(app).split())
            memory = form.query_one("#edit-memory_mb", Input)
            assert memory.value == "128"
            memory.value = "256"
            await pilot.pause()
            await press_id(pilot, "edit.review")
            await settle(pilot)
            await press_id(pilot, "edit.apply")
            await settle(pilot)
            assert app.screen is view
            _no_page(screen_text(app))

            # The alias's form: plain moto has no provisioned concurrency call; said in place.
            await press_id(pilot, "function.tab-aliases")
            await press_id(pilot, "function.qualifier")
            await settle(pilot)
            assert view.qualifier == "live"
            await press_id(pilot, "function.tab-configuration")  # (e in Aliases: the alias form)
            await press_id(pilot, "function.edit")
            await _idle(pilot, seen, "the alias's edit form")
            text = " ".join(screen_text(app).split())
            assert (
                "Could not load the current settings: Unexpected reply: HTTP 404 from the "
                "endpoint: Not Found (lambda:GetProvisionedConcurrencyConfig)"
            ) in text
            assert "^l tries again · esc goes back" in text
            await press_id(pilot, "edit.cancel")
            await settle(pilot)
            assert app.screen is view
    assert lam.get_function_configuration(FunctionName="orders")["MemorySize"] == 256


async def test_invoke_all_three_types_and_the_event_library(moto: Any) -> None:
    with delayed_proxy(moto.endpoint_url) as (url, seen):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.screen.table.move_cursor_to_key("orders")
            await press_id(pilot, "functions.invoke")
            screen = app.screen
            assert isinstance(screen, InvokeScreen)
            await _idle(pilot, seen, "the invoke screen")
            # RequestResponse: plain moto cannot run code without Docker; said as the error.
            await press_id(pilot, "invoke.send")
            await _idle(pilot, seen, "a RequestResponse result")
            assert "✗ Handled error" in screen_text(app)
            await press_id(pilot, "invoke.type")
            assert screen.invocation_type == "Event"
            await press_id(pilot, "invoke.send")
            await _idle(pilot, seen, "an Event result")
            assert "202 accepted" in screen_text(app) and "Handled" not in screen_text(app)
            await press_id(pilot, "invoke.type")
            assert screen.invocation_type == "DryRun"
            await press_id(pilot, "invoke.send")
            await _idle(pilot, seen, "a DryRun result")
            assert "204 DryRun · permitted; nothing ran" in screen_text(app)
            assert "Handled" not in screen_text(app)

            await press_id(pilot, "invoke.events")
            await settle(pilot)
            assert isinstance(app.screen, EventLibraryScreen)
            await _idle(pilot, seen, "the event library")
            olist = app.screen.query_one(OptionList)
            shown = [
                str(olist.get_option_at_index(i).prompt).strip() for i in range(olist.option_count)
            ]
            assert (
                "not available: HTTP 500 from the endpoint: Internal Server Error "
                "(schemas:DescribeSchema)"
            ) in shown  # one line (the modal wraps it)
    statuses = {
        e.invocation_type: e.status
        for e in InvocationHistory(scope=app.target.cache_key).list("orders")
    }
    assert statuses == {"RequestResponse": "Handled", "Event": "202", "DryRun": "204"}
    assert sum("/schemas/" in line for line in seen) == 1  # no retries of the same page


def _twin(moto: Any, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AWS_DEFAULT_REGION": moto.region}
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", *args, "--endpoint-url", moto.endpoint_url],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_the_twins(moto: Any) -> None:
    memory = _twin(moto, "set", "orders", "--memory", "1024", "--timeout", "30", "--yes")
    assert memory.returncode == 0, memory.stderr
    assert memory.stdout.rstrip().endswith("orders: applied")
    refused = _twin(moto, "set", "orders", "--memory", "99999", "--yes")
    assert refused.returncode == 2
    assert refused.stderr == "lambdatui: set: Memory must be 128–10240 MB (got 99999).\n"

    dry = _twin(moto, "invoke", "orders", "--type", "DryRun")
    assert dry.returncode == 0, dry.stderr
    assert dry.stderr == "DryRun: permitted (204); nothing ran\n"
    event = _twin(moto, "invoke", "orders", "--type", "Event")
    assert event.returncode == 0, event.stderr
    assert event.stderr.startswith("accepted (202)") and "error" not in event.stderr
    run = _twin(moto, "invoke", "orders")
    assert run.returncode == 1  # plain moto cannot run it without Docker: a function error
    assert len(run.stderr.splitlines()) == 1

    remote = _twin(moto, "events", "list", "orders", "--remote")
    assert remote.returncode == 2
    assert remote.stderr == (
        "lambdatui: shareable events not available: HTTP 500 from the endpoint: "
        "Internal Server Error (schemas:DescribeSchema)\n"
    )
    for done in (memory, refused, dry, event, run, remote):
        _no_page(done.stdout + done.stderr)
    lam = moto.client("lambda")
    config = lam.get_function_configuration(FunctionName="orders")
    assert (config["MemorySize"], config["Timeout"]) == (1024, 30)
