"""The config file in the running app: custom keys, theme (and remembering a pick), problems."""

from __future__ import annotations

import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.store import state
from lambdatui.store.config import Config, ConfigProblem
from lambdatui.ui.screens.help import HelpScreen, help_rows
from tests.ui.helpers import make_app, notifications, screen_text, settle, wait_until


async def test_custom_keys_replace_the_defaults_everywhere(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="keys")
    app = make_app(account.endpoint_url, config=Config(keys={"functions.sort": "o"}))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        table = app.screen.table
        before = table.sort_column
        rows = dict((desc, keys) for _s, keys, desc, _what in help_rows(app.screen))
        assert rows["Sort"] == "o"
        await pilot.press("s")  # the old key does nothing now
        await settle(pilot)
        assert table.sort_column == before
        await pilot.press("o")
        await settle(pilot)
        assert table.sort_column != before
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_custom_keys_remap_a_widget_key_too(account) -> None:  # type: ignore[no-untyped-def]
    """The list's own keys are in the binding table: `[keys]` moves its next-row key."""
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="widget-keys")
    app = make_app(account.endpoint_url, config=Config(keys={"table.cursor-down": "n"}))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert not notifications(app)  # a known binding id: no complaint
        table = app.screen.table
        first = table.cursor_row
        rows = dict((desc, keys) for _s, keys, desc, _what in help_rows(app.screen))
        assert rows["Next row"] == "n"
        await pilot.press("j")  # the old keys do nothing now
        await pilot.press("down")
        await settle(pilot)
        assert table.cursor_row == first
        await pilot.press("n")
        await settle(pilot)
        assert table.cursor_index == 1
        assert table.cursor_row != first


async def test_palette_and_dialog_hints_name_the_custom_keys(account) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Static

    from lambdatui.ui.commands import FunctionCommands
    from lambdatui.ui.dialogs.confirm import ConfirmScreen

    seed_functions(account.endpoint_url, 1, region=account.region, prefix="hint-keys")
    keys = {"functions.invoke": "I", "functions.filter": "f", "confirm.no": "n"}
    app = make_app(account.endpoint_url, config=Config(keys=keys))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        hints = {title: key for title, _action, key in FunctionCommands(app.screen)._actions()}
        assert hints["Invoke the function"] == "I"
        assert hints["Filter functions"] == "f in the list"
        assert hints["Logs of the function"] == "l"  # not remapped: the table's own key
        app.push_screen(ConfirmScreen("Sure?", "Really?"))
        await settle(pilot)
        shown = app.screen.query_one("#yesno-keys", Static).render()
        assert str(shown) == "enter: yes   n: not now"


@pytest.mark.slow
async def test_config_theme_then_a_picked_theme_is_remembered(account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(account.endpoint_url, config=Config(theme="nord"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # what ctrl+p → "Change theme" does
        await settle(pilot)
        await app.workers.wait_for_complete()
    assert state.load().theme == "gruvbox"
    again = make_app(account.endpoint_url, config=Config(theme="nord"))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"
    edited = make_app(account.endpoint_url, config=Config(theme="dracula"))
    async with edited.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert edited.theme == "dracula"  # config.toml changed since: it wins


async def test_config_problems_are_shown_once_with_file_and_line(account, tmp_path) -> None:  # type: ignore[no-untyped-def]
    problem = ConfigProblem(tmp_path / "config.toml", 3, "[ui] mouse must be true or false")
    app = make_app(
        account.endpoint_url,
        config=Config(theme="no-such-theme", keys={"nope.nothing": "x"}),
        config_problems=[problem],
    )
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        shown = "\n".join(notifications(app))
        assert f"{tmp_path / 'config.toml'}:3: [ui] mouse must be true or false" in shown
        assert "theme 'no-such-theme'" in shown
        assert "'nope.nothing' is not a binding id" in shown
        assert app.theme == "textual-dark"


@pytest.mark.slow
async def test_clipboard_show_also_shows_what_was_copied(account) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    from lambdatui.ui.screens.copied import CopiedScreen
    from lambdatui.ui.screens.function import FunctionScreen
    from tests.ui.helpers import press_id

    seed_functions(account.endpoint_url, 1, region=account.region, prefix="clip")
    for clipboard, shown in (("osc52", False), ("show", True)):
        app = make_app(account.endpoint_url, config=Config(clipboard=clipboard))
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press_id(pilot, "functions.open")
            await settle(pilot)
            assert isinstance(app.screen, FunctionScreen)
            await press_id(pilot, "function.copy")
            await settle(pilot)
            assert isinstance(app.screen, CopiedScreen) is shown
            if shown:
                text = app.screen.query_one("#copied-text", TextArea).text
                assert text.endswith(":function:clip-00000")
                await press_id(pilot, "copied.close")
                await settle(pilot)
                assert isinstance(app.screen, FunctionScreen)


def test_a_light_theme_is_readable(account, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The function list in Textual's light theme (a snapshot: text dark on light)."""
    seed_functions(account.endpoint_url, 4, region=account.region, prefix="light")
    app = make_app(
        account.endpoint_url, config=Config(theme="textual-light"), use_cache=False, demo=True
    )

    async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


async def test_log_views_take_buffer_size_and_utc_from_the_config(account) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.ui.screens.logs import LogsScreen

    seed_functions(account.endpoint_url, 1, region=account.region, prefix="tz")
    app = make_app(account.endpoint_url, config=Config(timezone="UTC", log_buffer_lines=2000))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(LogsScreen("tz-00000"))
        await wait_until(pilot, lambda: "λ tz-00000 logs" in screen_text(app))  # mounted
        screen = app.screen
        assert isinstance(screen, LogsScreen)
        assert screen.view.timestamps == "utc"
        assert screen._max_lines == 2000
