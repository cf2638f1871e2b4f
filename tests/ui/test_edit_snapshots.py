"""Snapshots of the edit form and its diff confirmation at 80x24, on the seeded demo account
(orders-api at 512 MB with environment variables, the usual first edit)."""

from __future__ import annotations

import pytest

from tests.ui.helpers import make_app, press_id, settle


@pytest.fixture
def demo_account(shared_demo):  # type: ignore[no-untyped-def]
    """The seeded demo, shared by this module's tests: they only read it."""
    return shared_demo


async def _edit_orders_api(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press_id(pilot, "functions.filter")
    await pilot.press(*"orders-api")
    await press_id(pilot, "filter.done")
    await press_id(pilot, "functions.edit")
    await settle(pilot)


@pytest.mark.slow
def test_edit_form(snap_compare, demo_account) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _edit_orders_api(pilot)
        await pilot.press("end", "ctrl+u", *"1769")
        await pilot.pause()

    app = make_app(demo_account.endpoint_url, demo=True, use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.slow
def test_edit_diff_confirmation(snap_compare, demo_account) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _edit_orders_api(pilot)
        await pilot.press("end", "ctrl+u", *"1769", "tab", "tab", "tab")
        await pilot.press("end", "ctrl+u", "5", "enter")
        await settle(pilot)

    app = make_app(demo_account.endpoint_url, demo=True, use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
