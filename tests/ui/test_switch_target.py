"""Switching profile and region at runtime, with two fake profiles in a temporary AWS config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.store import state
from lambdatui.ui.screens.functions import FunctionListScreen
from lambdatui.ui.screens.target_picker import TargetPicker
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle


def _profiles() -> None:
    config = Path(os.environ["AWS_CONFIG_FILE"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "[profile alpha]\nregion = us-east-1\n[profile beta]\nregion = eu-west-1\n"
        "[profile corp-sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n"
    )
    Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]).write_text(
        "[alpha]\naws_access_key_id = a\naws_secret_access_key = a\n"
        "[beta]\naws_access_key_id = b\naws_secret_access_key = b\n"
    )


async def _pick(pilot, binding_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    await press_id(pilot, binding_id)
    await settle(pilot)
    assert isinstance(pilot.app.screen, TargetPicker)
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.slow
async def test_switch_profile_then_region_reloads_the_list_for_each(account) -> None:  # type: ignore[no-untyped-def]
    _profiles()
    seed_functions(account.endpoint_url, 3, region="us-east-1", prefix="east")
    seed_functions(account.endpoint_url, 2, region="eu-west-1", prefix="west")
    app = make_app(account.endpoint_url, region="us-east-1")
    app.target = app.target.__class__(**{**app.target.__dict__, "profile": "alpha"})
    app.gateway = app.gateway.__class__(app.target)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.table.total_count == 3, notifications(app)
        await press_id(pilot, "app.profile")
        await settle(pilot)
        picker = screen_text(app)
        assert "beta   (keys · eu-west-1)" in picker and "corp-sso   (sso)" in picker
        await pilot.press("escape")  # nothing changes
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen) and app.target.profile == "alpha"

        await _pick(pilot, "app.profile", "beta")
        assert (app.target.profile, app.target.region) == ("beta", "eu-west-1")
        assert isinstance(app.screen, FunctionListScreen)
        assert sorted(f.name for f in app.screen.table.visible_rows()) == [
            "west-00000",
            "west-00001",
        ]
        assert "beta │ eu-west-1" in screen_text(app)

        await _pick(pilot, "app.region", "us-east-1")
        assert (app.target.profile, app.target.region) == ("beta", "us-east-1")
        assert app.screen.table.total_count == 3
        assert "beta │ us-east-1" in screen_text(app)

        await press_id(pilot, "app.profile")
        await settle(pilot)
        lines = [line for line in screen_text(app).splitlines() if "recent" in line]
        assert "beta · eu-west-1" in lines[0] and "alpha · us-east-1" in lines[1]
        await pilot.press("enter")  # the first recent one: back to beta in eu-west-1
        await settle(pilot)
        assert (app.target.profile, app.target.region) == ("beta", "eu-west-1")
        assert app.screen.table.total_count == 2
    assert state.load().recent[0] == state.RecentTarget("beta", "eu-west-1")


@pytest.mark.slow
async def test_a_region_botocore_does_not_know_can_be_typed(account) -> None:  # type: ignore[no-untyped-def]
    """New or opt-in regions can be typed; one the endpoint refuses is a message, no crash."""
    app = make_app(account.endpoint_url, region="us-east-1")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_id(pilot, "app.region")
        await settle(pilot)
        await pilot.press(*"ap-east-9")
        await settle(pilot)
        assert "use 'ap-east-9'" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.target.region == "ap-east-9"
        assert isinstance(app.screen, FunctionListScreen)
        assert "ap-east-9" in screen_text(app)
        assert not [n for n in notifications(app) if "Traceback" in n]


@pytest.mark.slow
async def test_the_palette_switches_to_a_profile_by_name(account) -> None:  # type: ignore[no-untyped-def]
    _profiles()
    seed_functions(account.endpoint_url, 2, region="eu-west-1", prefix="west")
    app = make_app(account.endpoint_url, region="us-east-1")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_id(pilot, "app.palette")
        await settle(pilot)
        await pilot.press(*"profile beta")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert (app.target.profile, app.target.region) == ("beta", "eu-west-1")
        assert app.screen.table.total_count == 2
