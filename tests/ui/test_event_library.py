"""The event library modal, through Pilot: sections, picking, rename/delete/import/export/share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, OptionList

import lambdatui.ui
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.demo.schemas import STATE
from lambdatui.store.events import SHAREABLE, SHARED, TEMPLATE, EventLibrary, SavedEvent
from lambdatui.store.templates import TEMPLATES
from lambdatui.ui.bindings import CONFIRM_BINDINGS
from lambdatui.ui.dialogs.confirm import ConfirmScreen
from lambdatui.ui.dialogs.prompt import PROMPT_BINDINGS, PromptScreen
from lambdatui.ui.invoke.library import EVENT_LIBRARY_BINDINGS, EventLibraryScreen
from tests.ui.helpers import type_burst

_BY_ID = {b.id: b for b in (*EVENT_LIBRARY_BINDINGS, *PROMPT_BINDINGS, *CONFIRM_BINDINGS)}
UNSET = object()


class Harness(App[None]):
    """A bare app that opens the event library for ``function`` and keeps what it returns."""

    CSS_PATH = str(Path(lambdatui.ui.__file__).parent / "app.tcss")  # the app's one stylesheet

    def __init__(self, function: str, library: EventLibrary, gateway: Gateway | None) -> None:
        super().__init__()
        self.function, self.library, self.gateway = function, library, gateway
        self.result: Any = UNSET
        self.owns_gateway = False

    def on_mount(self) -> None:
        self.push_screen(
            EventLibraryScreen(self.function, library=self.library), callback=self._done
        )

    def _done(self, result: Any) -> None:
        self.result = result

    async def on_unmount(self) -> None:
        if self.owns_gateway and self.gateway is not None:
            await self.gateway.close()


@pytest.fixture
def library(tmp_path: Path) -> EventLibrary:
    lib = EventLibrary(tmp_path / "events")
    lib.save(SavedEvent("smoke", '{"orderId": 1}', "orders-api", "tiny order"))
    lib.save(SavedEvent("big order", '{"items": [1, 2, 3]}', "orders-api"))
    lib.save(SavedEvent("ping", '{"ping": true}', SHARED))
    lib.save(SavedEvent("elsewhere", "{}", "other-fn"))
    return lib


@pytest.fixture
async def gateway(account: Any):  # type: ignore[no-untyped-def]
    gw = Gateway(resolve_target(endpoint_url=account.endpoint_url, region="us-east-1"))
    yield gw
    await gw.close()


async def press_id(pilot: Any, binding_id: str) -> None:
    await pilot.press(_BY_ID[binding_id].key.split(",")[0])


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Any, screen_type: type) -> None:
    """Pause until ``screen_type`` is on top (a prompt's worker waits on it, so no settle)."""
    for _ in range(100):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{screen_type.__name__} did not open; {pilot.app.screen} is on top")


def library_screen(app: App[None]) -> EventLibraryScreen:
    screen = next(s for s in app.screen_stack if isinstance(s, EventLibraryScreen))
    return screen


def lines(app: App[None]) -> list[str]:
    olist = library_screen(app).query_one(OptionList)
    return [str(olist.get_option_at_index(i).prompt) for i in range(olist.option_count)]


def highlight(app: App[None], name: str, kind: str | None = None) -> None:
    screen = library_screen(app)
    olist = screen.query_one(OptionList)
    for option_id, row in screen.rows.items():
        if row.event.name == name and (kind is None or row.kind == kind):
            olist.highlighted = olist.get_option_index(option_id)
            return
    raise AssertionError(f"{name} is not listed")


async def type_text(pilot: Any, text: str) -> None:
    """Type into the prompt's field, every key at once (a long tmp path cost Pilot's idle
    wait on each of its 70-odd keys)."""
    field = pilot.app.screen.query_one(Input)
    await type_burst(pilot, text, lambda: field.value.endswith(text))


def plain(text: list[str]) -> list[str]:
    return [line.strip() for line in text]


async def test_sections_list_own_shared_shareable_status_and_templates(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = plain(lines(app))
    assert shown[:5] == [
        "Events of orders-api",
        "big order",
        "smoke  tiny order",
        "Shared events (any function)",
        "ping",
    ]
    assert "elsewhere" not in shown  # another function's event
    assert "Shareable events (in the account)" in shown
    assert "no shareable events" in shown
    assert "New from template" in shown
    for template in TEMPLATES:
        assert template.title in shown


async def test_enter_uses_the_highlighted_event(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # from "big order" to "smoke"
        await press_id(pilot, "events.pick")
        await settle(pilot)
    assert app.result == library.load("orders-api", "smoke")


async def test_escape_closes_with_nothing(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "events.close")
        await settle(pilot)
    assert app.result is None


async def test_a_template_comes_back_as_a_new_unsaved_event(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "sqs")
        await press_id(pilot, "events.pick")
        await settle(pilot)
    assert app.result.group == TEMPLATE and not app.result.in_library
    assert json.loads(app.result.payload)["Records"][0]["eventSource"] == "aws:sqs"


async def test_shareable_events_from_the_console_are_listed_and_usable(library, gateway):
    await gateway.put_shared_event("orders-api", "team-event", '{"from": "console"}')
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "team-event" in plain(lines(app))
        highlight(app, "team-event")
        await press_id(pilot, "events.pick")
        await settle(pilot)
    assert app.result.group == SHAREABLE
    assert json.loads(app.result.payload) == {"from": "console"}


async def test_enter_right_away_takes_the_first_event_not_a_template(tmp_path, gateway):
    """The shareable list arrives after the list is shown; if nothing was moved meanwhile the
    highlight goes to its first event (events come before templates), not the first template.
    Once the user has moved, the highlight stays where they put it."""
    library = EventLibrary(tmp_path / "nothing-saved")
    await gateway.put_shared_event("orders-api", "team-event", '{"from": "console"}')
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "events.pick")
        await settle(pilot)
    assert app.result.group == SHAREABLE and app.result.name == "team-event"

    library_two = Harness("orders-api", library, gateway)
    async with library_two.run_test(size=(80, 24)) as pilot:
        screen = library_screen(library_two)
        screen.shareable_status = None  # as if the account had not answered yet
        screen.shareable = []
        screen._rebuild()
        await pilot.press("down")  # the user moves to the second template
        await pilot.pause()
        chosen = screen._current()
        screen.load_shareable()
        await settle(pilot)
        assert screen._current() == chosen


async def test_no_permission_is_said_in_the_shareable_list_alone(library, gateway):
    STATE.deny("DescribeSchema")
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = plain(lines(app))
        assert "not permitted: schemas:DescribeSchema" in shown
        assert "smoke  tiny order" in shown  # local events keep working
        assert not app._notifications  # no error popup for it
        highlight(app, "smoke")
        await press_id(pilot, "events.pick")
        await settle(pilot)
    assert app.result.name == "smoke"


async def test_corrupt_files_are_listed_by_name(library, gateway):
    (library.root / "orders-api" / "broken.json").write_text("{oops")
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = plain(lines(app))
    assert any(line.startswith("⚠ unreadable, skipped: broken.json") for line in shown)
    assert (library.root / "orders-api" / "broken.json").read_text() == "{oops"


async def test_rename(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "smoke")
        await press_id(pilot, "events.rename")
        await until(pilot, PromptScreen)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("ctrl+u")  # clear the old name… or select-all; type after it
        for _ in range(10):
            await pilot.press("backspace")
        await type_text(pilot, "smoke-2")
        await pilot.press("enter")
        await settle(pilot)
        assert "smoke-2  tiny order" in plain(lines(app))
        current = library_screen(app)._current()
        assert current is not None and current.event.name == "smoke-2"
    assert [e.name for e in library.list_group("orders-api")[0]] == ["big order", "smoke-2"]


async def test_rename_onto_an_existing_name_is_refused_and_loses_nothing(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "smoke")
        await press_id(pilot, "events.rename")
        await until(pilot, PromptScreen)
        for _ in range(10):
            await pilot.press("backspace")
        await type_text(pilot, "big order")
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    assert any("already exists" in m for m in messages)
    assert sorted(e.name for e in library.list_group("orders-api")[0]) == ["big order", "smoke"]


async def test_delete_asks_first(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "smoke")
        await press_id(pilot, "events.delete")
        await until(pilot, ConfirmScreen)
        assert isinstance(app.screen, ConfirmScreen)
        await press_id(pilot, "confirm.no")
        await settle(pilot)
        assert "smoke  tiny order" in plain(lines(app))
        highlight(app, "smoke")
        await press_id(pilot, "events.delete")
        await until(pilot, ConfirmScreen)
        await press_id(pilot, "confirm.yes")
        await settle(pilot)
        assert "smoke  tiny order" not in plain(lines(app))
    assert [e.name for e in library.list_group("orders-api")[0]] == ["big order"]


async def test_delete_a_shareable_event(library, gateway):
    await gateway.put_shared_event("orders-api", "a", "{}")
    await gateway.put_shared_event("orders-api", "b", "{}")
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "a", "shareable")
        await press_id(pilot, "events.delete")
        await until(pilot, ConfirmScreen)
        await press_id(pilot, "confirm.yes")
        await settle(pilot)
        shown = plain(lines(app))
        assert "a" not in shown and "b" in shown
    assert [e.name for e in await gateway.list_shared_events("orders-api")] == ["b"]


@pytest.mark.slow
async def test_import_and_export(library, gateway, tmp_path: Path):
    source = tmp_path / "from-disk.json"
    source.write_text('{"imported": true}')
    bad = tmp_path / "bad.json"
    bad.write_text("{\n  nope\n}")
    out = tmp_path / "out"
    out.mkdir()
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "events.import")
        await until(pilot, PromptScreen)
        await type_text(pilot, str(source))
        await pilot.press("enter")
        await settle(pilot)
        assert "from-disk" in plain(lines(app))

        await press_id(pilot, "events.import")
        await until(pilot, PromptScreen)
        await type_text(pilot, str(bad))
        await pilot.press("enter")
        await settle(pilot)
        assert any("line 2, column 3" in n.message for n in app._notifications)

        highlight(app, "smoke")
        await press_id(pilot, "events.export")
        await until(pilot, PromptScreen)
        await type_text(pilot, str(out))
        await pilot.press("enter")
        await settle(pilot)
    assert json.loads(library.load("orders-api", "from-disk").payload) == {"imported": True}
    assert json.loads((out / "smoke.json").read_text()) == {"orderId": 1}


async def test_make_a_local_event_shareable(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "smoke")
        await press_id(pilot, "events.share")
        await until(pilot, PromptScreen)
        await pilot.press("enter")  # keep the proposed name
        await settle(pilot)
        assert "smoke" in [line for line in plain(lines(app))]
        assert any(row.kind == "shareable" for row in library_screen(app).rows.values())
    shared = await gateway.list_shared_events("orders-api")
    assert [(e.name, json.loads(e.payload)) for e in shared] == [("smoke", {"orderId": 1})]


async def test_templates_cannot_be_renamed_or_deleted(library, gateway):
    app = Harness("orders-api", library, gateway)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "sqs")
        await press_id(pilot, "events.rename")
        await settle(pilot)
        await press_id(pilot, "events.delete")
        await settle(pilot)
        assert isinstance(app.screen, EventLibraryScreen)
        messages = [n.message for n in app._notifications]
    assert any("Only saved events can be renamed" in m for m in messages)
    assert any("Templates cannot be deleted" in m for m in messages)


async def test_untrusted_names_and_payloads_are_shown_not_interpreted(tmp_path: Path):
    lib = EventLibrary(tmp_path / "events")
    lib.save(SavedEvent("[bold red]x[/] \x1b]52;c;aGk=\x07", '{"k": "[link=x]y\x1b[2J"}', "fn"))
    app = Harness("fn", lib, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = plain(lines(app))
        assert "[bold red]x[/]" in shown
        preview = str(library_screen(app).query_one("#events-preview").render())
        assert "not available here" in shown  # no gateway: the shareable list says so
        await press_id(pilot, "events.rename")
        await until(pilot, PromptScreen)
        from tests.ui.helpers import screen_text

        assert "Rename [bold red]x[/]" in screen_text(app)  # the title is not markup
    assert all("\x1b" not in line for line in shown)
    assert "\x1b" not in preview


# -- through the invoke screen of the real app --------------------------------------------


async def _invoke_screen(pilot: Any) -> Any:
    from lambdatui.ui.invoke.screen import InvokeScreen
    from tests.ui import helpers

    await helpers.settle(pilot)
    await helpers.press_id(pilot, "functions.invoke")
    await helpers.settle(pilot)
    assert isinstance(pilot.app.screen, InvokeScreen)
    await helpers.press_id(pilot, "invoke.events")
    await until(pilot, EventLibraryScreen)
    await settle(pilot)
    return pilot.app.screen_stack[-2]


@pytest.mark.slow
async def test_a_console_event_is_invoked_from_the_invoke_screen(account: Any, gateway):
    from tests.invoke_functions import ECHO, make_function
    from tests.ui import helpers
    from tests.ui.helpers import make_app, screen_text

    make_function(account, "echo", ECHO)
    await gateway.put_shared_event("echo", "from-console", '{"team": "orders"}')
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        invoke = await _invoke_screen(pilot)
        highlight(app, "from-console", "shareable")
        await press_id(pilot, "events.pick")
        await settle(pilot)
        assert app.screen is invoke
        assert json.loads(invoke.editor.text) == {"team": "orders"}
        assert "│ from shareable from-console" in screen_text(app)  # not saved here
        await helpers.press_id(pilot, "invoke.send")
        await settle(pilot)
        assert '"team": "orders"' in screen_text(app)  # echoed back by the function


@pytest.mark.slow
async def test_a_template_fills_the_editor_and_permissions_stay_in_their_list(
    account: Any, gateway
):
    from tests.invoke_functions import ECHO, make_function
    from tests.ui.helpers import make_app, screen_text

    make_function(account, "echo", ECHO)
    STATE.deny("DescribeSchema")
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        invoke = await _invoke_screen(pilot)
        assert "not permitted: schemas:DescribeSchema" in plain(lines(app))
        assert not app._notifications
        highlight(app, "cloudwatch-logs")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is invoke
        assert "awslogs" in json.loads(invoke.editor.text)
        assert invoke.event_name == ""  # a template is not a saved event
        assert "│ from template CloudWatch Logs" in screen_text(app)


@pytest.mark.slow
async def test_the_invoke_header_gives_the_event_the_width_there_is(account: Any, gateway):
    from tests.invoke_functions import ECHO, make_function
    from tests.ui.helpers import make_app, screen_text

    make_function(account, "echo", ECHO)
    STATE.deny("DescribeSchema")
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        invoke = await _invoke_screen(pilot)
        highlight(app, "eventbridge-scheduled")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is invoke
        header = screen_text(app).splitlines()[0].rstrip()
        assert header.endswith("│ from template EventBridge scheduled event"), header
        await pilot.resize_terminal(80, 24)
        invoke.editor.insert(" ")
        await settle(pilot)
        header = screen_text(app).splitlines()[0].rstrip()
        assert "│ from template EventBridge" in header and header.endswith("… (edited)"), header


def test_snapshot_of_the_library(snap_compare, tmp_path: Path, account: Any) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    lib = EventLibrary(tmp_path / "events")
    used = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    lib.save(SavedEvent("smoke", '{"orderId": 1}', "orders-api", "one small order", used))
    lib.save(SavedEvent("big order", '{"items": [1, 2, 3]}', "orders-api"))
    lib.save(SavedEvent("ping", '{"ping": true}', SHARED))
    (lib.root / "orders-api" / "broken.json").write_text("{oops")
    gw = Gateway(resolve_target(endpoint_url=account.endpoint_url, region="us-east-1"))
    STATE.deny("DescribeSchema")
    app = Harness("orders-api", lib, gw)
    app.owns_gateway = True
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


async def test_read_only_refuses_sharing_with_a_clear_message(library, account: Any):
    gw = Gateway(
        resolve_target(endpoint_url=account.endpoint_url, region="us-east-1", read_only=True)
    )
    app = Harness("orders-api", library, gw)
    app.owns_gateway = True
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "smoke")
        await press_id(pilot, "events.share")
        await until(pilot, PromptScreen)
        await pilot.press("enter")
        await until(pilot, EventLibraryScreen)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    assert any("read-only" in m for m in messages), messages
    assert library.load("orders-api", "smoke").name == "smoke"  # the local event is untouched


async def test_help_lists_the_library_keys(account: Any):
    from textual.widgets import Static

    from lambdatui.ui.screens.help import HelpScreen
    from tests.invoke_functions import ECHO, make_function
    from tests.ui.helpers import make_app

    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _invoke_screen(pilot)
        await pilot.press("question_mark")
        await until(pilot, HelpScreen)
        assert isinstance(app.screen_stack[-2], EventLibraryScreen)
        rows = app.screen.rows
        table = app.screen.query_one("#help-table", Static)
        assert table is not None
    saved = [(keys, text) for section, keys, text, _what in rows if section == "Saved events"]
    assert ("enter", "Use event") in saved
    assert ("r", "Rename") in saved and ("s", "Make shareable") in saved


@pytest.mark.slow
async def test_an_endpoint_without_the_registry_is_one_line_and_asked_once_a_session(
    account: Any,
):
    from tests.invoke_functions import ECHO, make_function
    from tests.ui import helpers
    from tests.ui.helpers import make_app, screen_text
    from tests.wire import HtmlPage, delayed_proxy

    make_function(account, "echo", ECHO)

    def refuse(method: str, path: str) -> Any:
        return HtmlPage(500, "Internal Server Error") if path.startswith("/v1/") else None

    with delayed_proxy(account.endpoint_url, refuse=refuse) as (url, seen):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _invoke_screen(pilot)
            shown = plain(lines(app))
            status = (
                "not available: HTTP 500 from the endpoint: Internal Server Error "
                "(schemas:DescribeSchema)"
            )
            assert status in shown
            i = shown.index("Shareable events (in the account)")
            assert shown[i + 1 : i + 3] == [status, "New from template"]  # one line, no more
            text = screen_text(app).lower()
            assert "<html" not in text and "<!doctype" not in text
            await pilot.press("escape")
            await helpers.settle(pilot)
            await helpers.press_id(pilot, "invoke.events")  # again: the same line, no request
            await until(pilot, EventLibraryScreen)
            await settle(pilot)
            assert status in plain(lines(app))
    assert [line for line in seen if line.split(" ", 1)[1].startswith("/v1/")] == [
        "GET /v1/registries/name/lambda-testevent-schemas/schemas/name/_echo-schema"
    ]
