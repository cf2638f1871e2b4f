"""Releases from the function view against the local account: publish (and its guards),
aliases, version deletes refused with the reason, undo, and read-only refusals at the key."""

from __future__ import annotations

from lambdatui.store import release_journal as rj
from lambdatui.ui.dialogs.prompt import PromptScreen
from lambdatui.ui.release.alias_form import AliasFormScreen
from lambdatui.ui.release.confirm import ConfirmReleaseScreen
from tests.cli.code_helpers import zip_of
from tests.release.helpers import GOOD, released
from tests.ui.helpers import make_app, notifications, press_id, settle, wait_until
from tests.ui.release_helpers import open_tab, replace_field


def _versions(lam, name: str = "shop") -> list[str]:  # type: ignore[no-untyped-def]
    found = lam.list_versions_by_function(FunctionName=name)["Versions"]
    return [v["Version"] for v in found]


async def test_publish_shows_the_code_asks_and_lists_the_new_version(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    lam.update_function_code(FunctionName="shop", ZipFile=zip_of({"app.py": GOOD + "# 3\n"}))
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "shop", "versions")
        await press_id(pilot, "release.publish")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        sha = lam.get_function(FunctionName="shop")["Configuration"]["CodeSha256"]
        assert sha in str(app.screen.query_one("#prompt-note").render())
        await pilot.press(*"third", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)
        assert "$LATEST → version 3" in str(app.screen.rows)
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: "3" in [v.version for v in screen.versions()])
        await wait_until(pilot, lambda: any("Published" in n for n in notifications(app)))
        assert _versions(lam)[-1] == "3"
        last = rj.last_release(
            "shop", profile=None, region="us-east-1", endpoint=account.endpoint_url
        )
        assert last is not None and (last.action, last.qualifier) == (rj.PUBLISH, "3")
        # U: the publish undone, by deleting the version no alias routes to
        await press_id(pilot, "release.undo")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)
        assert "delete version 3 of shop" in str(app.screen.rows)
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: "3" not in [v.version for v in screen.versions()])
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_publish_of_an_unchanged_latest_says_nothing_was_published(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "versions")
        await press_id(pilot, "release.publish")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: any("nothing published" in n for n in notifications(app)))
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_publish_after_a_change_meanwhile_publishes_nothing(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    lam.update_function_code(FunctionName="shop", ZipFile=zip_of({"app.py": GOOD + "# 3\n"}))
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "shop", "versions")
        await press_id(pilot, "release.publish")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        # someone deploys while the confirmation is open
        lam.update_function_code(FunctionName="shop", ZipFile=zip_of({"app.py": GOOD + "# 4\n"}))
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: any("changed" in n for n in notifications(app)))
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_read_only_refuses_publish_and_alias_changes_at_the_key(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "shop", "versions")
        await press_id(pilot, "release.publish")
        await settle(pilot)
        assert app.screen is screen
        await press_id(pilot, "function.tab-aliases")
        for binding in ("release.new-alias", "release.edit-alias", "release.shift"):
            await press_id(pilot, binding)
            await settle(pilot)
            assert app.screen is screen, binding
        assert sum("Read-only" in n for n in notifications(app)) == 4
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_a_version_an_alias_routes_to_is_not_deleted_and_says_why(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "shop", "versions")
        await pilot.press("down")  # version 1: live's
        await press_id(pilot, "release.delete-version")
        await settle(pilot)
        assert app.screen is screen  # refused before asking
        assert any("alias live" in n for n in notifications(app)), notifications(app)
        await pilot.press("up")  # $LATEST
        await press_id(pilot, "release.delete-version")
        await settle(pilot)
        assert any("$LATEST goes only with the whole function" in n for n in notifications(app))
        await pilot.press("down", "down")  # version 2: no alias, deleted once confirmed
        await press_id(pilot, "release.delete-version")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: "2" not in [v.version for v in screen.versions()])
    assert _versions(lam) == ["$LATEST", "1"]


async def test_alias_create_update_undo_and_delete(account) -> None:  # type: ignore[no-untyped-def]
    lam = released(account.endpoint_url)
    app = make_app(account.endpoint_url, use_cache=False)

    def alias(name: str):  # type: ignore[no-untyped-def]
        return lam.get_alias(FunctionName="shop", Name=name)

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "shop", "aliases")
        await press_id(pilot, "release.new-alias")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AliasFormScreen)
        await pilot.press(*"beta", "tab")
        await replace_field(pilot, "2")
        await pilot.press("tab", *"testers", "tab", "2", "tab", *"10")
        await settle(pilot)
        assert "already alias beta's version" in str(form.query_one("#alias-error").render())
        await pilot.press("shift+tab")
        await replace_field(pilot, "1")
        await press_id(pilot, "release.form-review")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)
        assert "(none) → v2 90% / v1 10%" in str(app.screen.rows)
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: "beta" in [a.name for a in screen.aliases()])
        assert alias("beta")["RoutingConfig"]["AdditionalVersionWeights"] == {"1": 0.1}

        # edit: the weighted routing removed
        await wait_until(pilot, lambda: screen.query_one("#aliases-table").cursor_row is not None)
        await pilot.press("home")  # beta sorts first
        await press_id(pilot, "release.edit-alias")
        await settle(pilot)
        await pilot.press("tab", "tab")  # to + version
        await replace_field(pilot, "")
        await press_id(pilot, "release.form-review")
        await settle(pilot)
        await press_id(pilot, "release.apply")
        await wait_until(
            pilot,
            lambda: not alias("beta").get("RoutingConfig", {}).get("AdditionalVersionWeights"),
        )

        # undo: the routing back
        await press_id(pilot, "release.undo")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)
        await press_id(pilot, "release.apply")
        await wait_until(
            pilot,
            lambda: (
                alias("beta").get("RoutingConfig", {}).get("AdditionalVersionWeights") == {"1": 0.1}
            ),
        )

        # delete
        await settle(pilot)
        await pilot.press("home")
        await press_id(pilot, "release.delete-alias")
        await settle(pilot)
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: "beta" not in [a.name for a in screen.aliases()])
    names = [a["Name"] for a in lam.list_aliases(FunctionName="shop")["Aliases"]]
    assert names == ["live"]


async def test_on_production_an_alias_change_needs_the_name_typed(account) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.store.config import Config
    from tests.ui.helpers import screen_text

    lam = released(account.endpoint_url)
    app = make_app(
        account.endpoint_url, use_cache=False, config=Config(production_pattern=r"^123456789012$")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, "shop", "aliases")
        await press_id(pilot, "release.delete-alias")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)
        assert "PRODUCTION" in screen_text(app) and "Type shop to confirm" in screen_text(app)
        await press_id(pilot, "release.apply")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReleaseScreen)  # not without the name
        await pilot.press(*"shop")
        await press_id(pilot, "release.apply")
        await wait_until(pilot, lambda: not screen.aliases())
    assert lam.list_aliases(FunctionName="shop")["Aliases"] == []
