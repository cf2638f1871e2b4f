"""User stories of the function view: versions, aliases with weights, the qualifier."""

from __future__ import annotations

import boto3
import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.ui.helpers import make_app, press_id, screen_text, settle


def _seed_canary(account) -> str:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="checkout")
    name = "checkout-00000"
    client = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    for n in range(4):
        client.update_function_configuration(FunctionName=name, Description=f"build {n}")
        client.publish_version(FunctionName=name, Description=f"release {n + 1}")
    client.create_alias(
        FunctionName=name,
        Name="live",
        FunctionVersion="3",
        RoutingConfig={"AdditionalVersionWeights": {"4": 0.1}},
        Description="production traffic",
    )
    client.create_alias(FunctionName=name, Name="beta", FunctionVersion="4")
    return name


@pytest.mark.slow
async def test_enter_opens_versions_and_aliases_and_selects_a_qualifier(account) -> None:  # type: ignore[no-untyped-def]
    name = _seed_canary(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FunctionScreen)
        assert screen.function.name == name
        await press_id(pilot, "function.tab-versions")
        await pilot.pause()
        text = screen_text(app)
        assert "$LATEST" in text and "release 4" in text
        versions = [v.version for v in screen.query_one("#versions-table").visible_rows()]
        assert versions == ["$LATEST", "1", "2", "3", "4"]
        assert "qualifier: $LATEST" in text

        await pilot.press("down", "down", "down")  # version 3
        await press_id(pilot, "function.qualifier")
        assert screen.qualifier == "3"
        assert "qualifier: 3" in screen_text(app)

        await press_id(pilot, "function.tab-aliases")
        await pilot.pause()
        text = screen_text(app)
        assert "v3 90% / v4 10%" in text and "production traffic" in text
        aliases = screen.query_one("#aliases-table")
        aliases.move_cursor_to_key("live")
        await press_id(pilot, "function.qualifier")
        assert screen.qualifier == "live"
        assert "qualifier: live (v3 90% / v4 10%)" in screen_text(app)

        await press_id(pilot, "function.latest")
        assert screen.qualifier == "$LATEST"
        await press_id(pilot, "function.back")
        assert isinstance(app.screen, FunctionListScreen)


@pytest.mark.slow
async def test_function_without_aliases_says_so(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="plain")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        await press_id(pilot, "function.tab-aliases")
        await pilot.pause()
        assert "No aliases" in screen_text(app)


async def test_function_deleted_meanwhile_shows_not_found(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="gone")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        boto3.client(
            "lambda", endpoint_url=account.endpoint_url, region_name=account.region
        ).delete_function(FunctionName="gone-00000")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        assert "Not found" in screen_text(app)


@pytest.mark.slow
async def test_palette_goes_to_a_function_by_fuzzy_name(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="ledger")
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="mailer")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for target in ("mailer-00002", "ledger-00001"):  # the second from the first's view
            await press_id(pilot, "app.palette")
            await pilot.press(*f"open {target}")
            await settle(pilot)  # the palette's search is a worker
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, FunctionScreen)
            assert app.screen.function.name == target
        assert len(app.screen_stack) == 2  # the list, one function view


@pytest.mark.slow
async def test_latest_published_is_a_qualifier_neither_version_nor_alias(account) -> None:  # type: ignore[no-untyped-def]
    """A Managed Instances function publishes to $LATEST.PUBLISHED (ListVersionsByFunction
    lists it): it sorts after $LATEST, is selected like a version, and has no URL to ask for."""
    from typing import Any

    from tests.wire import delayed_proxy

    name = _seed_canary(account)

    def rewrite(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if path.split("?")[0].endswith("/versions") and body.get("Versions"):
            published = dict(body["Versions"][-1], Version="$LATEST.PUBLISHED")
            published["FunctionArn"] = published["FunctionArn"].rsplit(":", 1)[0] + (
                ":$LATEST.PUBLISHED"
            )
            body["Versions"].append(published)
        return body

    with delayed_proxy(account.endpoint_url, rewrite=rewrite) as (url, seen):
        app = make_app(url)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press_id(pilot, "functions.open")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FunctionScreen) and screen.function.name == name
            await press_id(pilot, "function.tab-versions")
            await pilot.pause()
            versions = [v.version for v in screen.query_one("#versions-table").visible_rows()]
            assert versions == ["$LATEST", "$LATEST.PUBLISHED", "1", "2", "3", "4"]
            assert "$LATEST.PUBLISHED" in screen_text(app)  # not cut to "$LATEST.P…"
            await pilot.press("down")
            await press_id(pilot, "function.qualifier")
            await settle(pilot)
            assert screen.qualifier == "$LATEST.PUBLISHED"
            assert "qualifier: $LATEST.PUBLISHED" in screen_text(app)
            assert app.is_running
    asked = [line for line in seen if "/url" in line and "PUBLISHED" in line]
    assert asked == []  # a published version has no function URL: nothing is asked


async def test_the_function_view_names_the_account_the_list_learnt(account) -> None:  # type: ignore[no-untyped-def]
    """The list's status line learns the account (GetCallerIdentity) and tells the app, whose
    other screens say it in their header."""
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="acct")
    sts = boto3.client("sts", endpoint_url=account.endpoint_url, region_name=account.region)
    account_id = sts.get_caller_identity()["Account"]
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.account == account_id
        await press_id(pilot, "functions.open")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        assert account_id in screen_text(app).splitlines()[1]
