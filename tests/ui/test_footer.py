"""The footer follows the keys of what has focus, and rebuilds only when they change."""

from __future__ import annotations

from lambdatui.demo.seed import seed_functions
from lambdatui.ui.widgets.footer import KeyFooter
from tests.ui.helpers import make_app, press_id, settle


def _footer_text(app) -> list[str]:  # type: ignore[no-untyped-def]
    from textual.widgets._footer import FooterKey

    footer = app.screen.query_one(KeyFooter)
    return [key.description for key in footer.query(FooterKey)]


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


async def test_footer_does_not_rebuild_for_the_same_keys(account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="foot")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        rebuilds = 0
        original = footer.recompose

        async def counting() -> None:
            nonlocal rebuilds
            rebuilds += 1
            await original()

        monkeypatch.setattr(footer, "recompose", counting)
        for _ in range(3):
            app.screen.refresh_bindings()  # "may have changed", as every focus move says
            await settle(pilot)
        assert rebuilds == 0
        await press_id(pilot, "functions.filter")  # now they really change
        await settle(pilot)
        assert rebuilds == 1
