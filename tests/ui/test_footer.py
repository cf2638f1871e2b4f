"""The footer follows the keys of what has focus, and repaints only when they change."""

from __future__ import annotations

import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.ui.widgets.footer import KeyFooter
from tests.ui.helpers import make_app, open_invoke, press_id, screen_text, settle, wait_until


def _footer_text(app) -> list[str]:  # type: ignore[no-untyped-def]
    return app.screen.query_one(KeyFooter).descriptions()


async def test_footer_shows_the_filter_keys_while_filtering_and_back(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="foot")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert "Refresh" in _footer_text(app)
        await press_id(pilot, "functions.filter")
        await settle(pilot)
        assert "Keep filter" in _footer_text(app)
        await press_id(pilot, "filter.clear")
        await settle(pilot)
        shown = _footer_text(app)
        assert "Refresh" in shown and "Keep filter" not in shown


async def test_footer_does_not_repaint_for_the_same_keys(account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="foot")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        rebuilds = 0
        original = footer.refresh

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal rebuilds
            rebuilds += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(footer, "refresh", counting)
        for _ in range(3):
            app.screen.refresh_bindings()  # "may have changed", as every focus move says
            await settle(pilot)
        assert rebuilds == 0
        await press_id(pilot, "functions.filter")  # now they really change
        await settle(pilot)
        assert rebuilds == 1


@pytest.mark.slow
async def test_every_footer_fits_80_columns(account) -> None:  # type: ignore[no-untyped-def]
    """No key is cut off at 80x24: on every screen and tab, and wherever focus goes."""
    from tests.invoke_functions import ECHO, lambda_client, make_function

    make_function(account, "echo", ECHO)
    lam = lambda_client(account.endpoint_url)
    lam.publish_version(FunctionName="echo")
    lam.create_alias(FunctionName="echo", Name="live", FunctionVersion="1")
    app = make_app(account.endpoint_url, use_cache=False)
    seen: dict[str, list[str]] = {}

    def cut_off() -> list[str]:
        """The footer's keys not shown in full on the bottom row."""
        bottom = screen_text(app).splitlines()[-1]
        return [d for d in _footer_text(app) if f" {d}" not in f"{bottom} "]

    async def check(where: str) -> None:
        await settle(pilot)
        seen[where] = _footer_text(app)
        assert not cut_off(), (where, screen_text(app).splitlines()[-1])

    async with app.run_test(size=(80, 24)) as pilot:
        await check("list")
        await press_id(pilot, "functions.filter")
        await check("list, filtering")
        await press_id(pilot, "filter.clear")
        await press_id(pilot, "functions.open")
        for tab in ("configuration", "triggers", "versions", "aliases"):
            await press_id(pilot, f"function.tab-{tab}")
            await check(f"function view, {tab}")
        # the release forms are dialogs over the view (no palette there): their keys fit
        await press_id(pilot, "release.edit-alias")
        await settle(pilot)
        assert not cut_off() and _footer_text(app) == ["Cancel", "Review"]
        await press_id(pilot, "release.form-cancel")
        await press_id(pilot, "release.shift")
        await settle(pilot)
        assert not cut_off() and _footer_text(app) == ["Cancel", "Review"]
        await press_id(pilot, "release.form-cancel")
        await settle(pilot)
        await press_id(pilot, "function.tab-configuration")
        await press_id(pilot, "function.invoke")
        await check("invoke, editor")
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        app.screen.query_one("#invoke-tabs Tabs").focus()
        await check("invoke, result")
        await press_id(pilot, "invoke.back")
        await press_id(pilot, "function.edit")
        await check("edit")
        await press_id(pilot, "edit.cancel")
        await settle(pilot)
        await press_id(pilot, "function.logs")
        # not settle(): the logs screen follows for ever; its footer once it has started
        await wait_until(pilot, lambda: getattr(app.screen, "active_mode", "") != "")
        await wait_until(pilot, lambda: "Back" in _footer_text(app))
        assert not cut_off(), screen_text(app).splitlines()[-1]
    for where, shown in seen.items():  # the way to everything else is always there
        assert "Palette" in shown, where
        if not where.startswith(("list, filtering", "invoke, editor", "edit")):
            assert {"Help", "Quit"} <= set(shown), where  # (typed into a text field there)
    assert seen["function view, aliases"][0] == "Use"
    # too many keys on the result side: the screen's last ones give way, not the essentials
    assert seen["invoke, result"][:5] == ["Copy", "CLI", "Logs", "Back", "Invoke"], seen
    assert "History" not in seen["invoke, result"] and "History" in seen["invoke, editor"]


@pytest.mark.slow
async def test_a_wider_terminal_shows_the_keys_that_gave_way(account) -> None:  # type: ignore[no-untyped-def]
    from tests.invoke_functions import ECHO, make_function

    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        screen.query_one("#invoke-tabs Tabs").focus()
        await settle(pilot)
        assert "History" not in _footer_text(app)
        await pilot.resize_terminal(130, 24)
        await settle(pilot)
        assert "History" in _footer_text(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "History" not in _footer_text(app)
