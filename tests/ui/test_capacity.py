"""User stories of capacity providers: C (or the palette) lists them, enter shows one with the
function versions on it, enter on a version opens that function's view at that version."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.ui.screens.capacity import CapacityProviderScreen, CapacityProvidersScreen
from lambdatui.ui.screens.function import FunctionScreen
from tests.ui.helpers import make_app, press_id, screen_text, settle


@pytest.fixture
def demo_account(shared_demo: Any) -> Any:
    """The seeded demo, shared by this module's tests: they only read it."""
    return shared_demo


@pytest.mark.slow
async def test_providers_a_provider_and_the_function_on_it(demo_account: Any) -> None:
    app = make_app(demo_account.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.capacity")
        await settle(pilot)
        assert isinstance(app.screen, CapacityProvidersScreen)
        text = screen_text(app)
        assert "acme-general" in text and "Active" in text
        assert "arm64 · m8g.*" in text and "Auto, ≤64 vCPU" in text
        await press_id(pilot, "capacity.open")
        await settle(pilot)
        assert isinstance(app.screen, CapacityProviderScreen)
        text = screen_text(app)
        assert "Capacity provider acme-general" in text
        assert "subnet-0a4c1e2b3d5f67890" in text and "acme-capacity-operator" in text
        assert "catalog-search" in text and "3–12 environments" in text
        provider = app.screen
        await press_id(pilot, "capacity.function")
        await settle(pilot)
        assert isinstance(app.screen, FunctionScreen)
        assert app.screen.function.name == "catalog-search" and app.screen.qualifier == "1"
        assert "qualifier: 1" in screen_text(app)
        await press_id(pilot, "function.back")
        await settle(pilot)
        assert app.screen is provider  # back where the function was opened from


@pytest.mark.slow
async def test_the_palette_offers_capacity_providers(demo_account: Any) -> None:
    app = make_app(demo_account.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "app.palette")
        await settle(pilot)
        await pilot.press(*"capacity providers")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CapacityProvidersScreen)
