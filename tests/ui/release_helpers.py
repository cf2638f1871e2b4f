"""Helpers for the release UI tests: a released function open in its view, on a tab."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from lambdatui.ui.release.runner import runner_of
from tests.release.helpers import FastClock, lam_of
from tests.ui.helpers import press_id, settle, wait_until


async def open_tab(pilot: Pilot[Any], name: str, tab: str) -> Any:
    """From the list: filter to ``name``, open it, show ``tab``; the function screen."""
    from lambdatui.ui.screens.function import FunctionScreen

    await settle(pilot)
    await press_id(pilot, "functions.filter")
    await pilot.press(*name)
    await press_id(pilot, "filter.done")
    await press_id(pilot, "functions.open")
    await settle(pilot)
    await press_id(pilot, f"function.tab-{tab}")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FunctionScreen)
    await wait_until(pilot, lambda: screen.versions() and screen.aliases())
    return screen


async def replace_field(pilot: Pilot[Any], text: str) -> None:
    """Clear the focused field and type ``text``."""
    await pilot.press("end", "ctrl+u", *text)


def fast_shifts(pilot: Pilot[Any], endpoint: str, name: str, per_sleep: int = 10) -> FastClock:
    """Shifts in this app run on a fast clock that sends ``per_sleep`` invocations through
    ``name:live`` at each of the engine's sleeps."""
    import time

    clock = FastClock(lam_of(endpoint), name, per_sleep, time.time())
    runner_of(pilot.app).options = {"clock": clock, "sleep": clock.sleep, "check_every": 30.0}
    return clock
