"""Snapshots of the key screens at 80x24 and 120x40, on the seeded demo account.

Deterministic: seeded names and packages, the demo's past counted back from a fixed moment
with the app's clock a minute after it (ages read '2h ago', '6d ago' or a date: see
tests/demo_time.py), and the demo status line (no random port). Update with
`./run test --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.demo_time import a_minute_after_seeding
from tests.ui.helpers import make_app, press_id, settle

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def demo_account(shared_demo):  # type: ignore[no-untyped-def]
    """The seeded demo, shared by this module's tests: they only read it."""
    return shared_demo


async def _open_orders_api(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press_id(pilot, "functions.filter")
    await pilot.press(*"orders-api")
    await press_id(pilot, "filter.done")
    await press_id(pilot, "functions.open")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.slow
def test_function_list(snap_compare, demo_account, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_function_list_filtered(snap_compare, demo_account, size) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press_id(pilot, "functions.filter")
        await pilot.press(*"order")

    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.slow
def test_function_view_aliases(snap_compare, demo_account, size) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_orders_api(pilot)
        await press_id(pilot, "function.tab-aliases")
        await pilot.pause()

    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, demo_account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The help text ends with the config file's path: under the test's tmp dir, whose length
    # (pytest-9 or pytest-10, an xdist worker's popen-gw0/) would move the scrollbar.
    monkeypatch.setattr(
        "lambdatui.store.config.config_path",
        lambda: Path("/home/me/.config/lambdatui/config.toml"),
    )

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press_id(pilot, "app.help")

    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.slow
def test_configuration_pane(snap_compare, demo_account, size) -> None:  # type: ignore[no-untyped-def]
    """Environment values stay masked in the snapshot (the seed has a DB_PASSWORD)."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_orders_api(pilot)
        await press_id(pilot, "function.tab-configuration")
        await pilot.press("end")  # the environment and later sections at 80x24
        await pilot.pause()

    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.slow
def test_triggers_pane(snap_compare, demo_account, size) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_orders_api(pilot)
        await press_id(pilot, "function.tab-triggers")
        await pilot.pause()

    app = make_app(
        demo_account.endpoint_url, demo=True, use_cache=False, clock=a_minute_after_seeding
    )
    assert snap_compare(app, terminal_size=size, run_before=run_before)
