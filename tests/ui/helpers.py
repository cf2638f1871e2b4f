"""Helpers for Pilot tests: build the real app on a target, press keys by binding id."""

from __future__ import annotations

import os
import shlex
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from lambdatui.aws.target import resolve_target
from lambdatui.ui import bindings
from lambdatui.ui.app import LambdaTUI

#: Every binding the app defines, by id.
_BY_ID = {b.id: b for b in bindings.every_binding()}


def three_days_later() -> datetime:
    """A clock three days ahead: ages read '3d ago' whenever the test runs."""
    return datetime.now(UTC) + timedelta(days=3)


def make_app(endpoint: str, region: str = "us-east-1", **kw: Any) -> LambdaTUI:
    read_only = kw.pop("read_only", False)
    target = resolve_target(endpoint_url=endpoint, region=region, read_only=read_only)
    kw.setdefault("clock", three_days_later)
    return LambdaTUI(target, **kw)


async def press_id(pilot: Pilot[Any], binding_id: str) -> None:
    """Press the (first) key of the binding with this id, as a user would."""
    binding = _BY_ID[binding_id]
    await pilot.press(binding.key.split(",")[0])


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for every worker, then for the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot: Pilot[Any], check: Callable[[], Any], timeout: float = 10.0) -> None:
    """Let the app run until ``check()`` is true (for what follows a refresh, a timer or a
    stream that never finishes, where ``settle`` does not apply); fail with the screen."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; the screen shows:\n{screen_text(pilot.app)}")
        await pilot.pause(0.05)


async def type_burst(pilot: Pilot[Any], text: str, done: Callable[[], Any]) -> None:
    """Type ``text`` (one key per character) as a fast typist's terminal sends it: every key
    event at once, each handled as usual, without Pilot's idle wait after each key (about
    0.05-0.1 s a key); then wait until ``done()``."""
    from textual import events
    from textual.keys import _character_to_key

    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        pilot.app.post_message(events.Key(key, char))
    await wait_until(pilot, done)


def notifications(app: LambdaTUI) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def screen_text(app: LambdaTUI) -> str:
    """Everything on screen as plain text (what the user reads)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_invoke(pilot: Pilot[Any]) -> Any:
    """From the function list: `i` on the selected function; the invoke screen."""
    from lambdatui.ui.invoke.screen import InvokeScreen

    await settle(pilot)
    await press_id(pilot, "functions.invoke")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InvokeScreen)
    return screen


def fake_aws(folder: Path, out: str = "", err: str = "", code: int = 0) -> Path:
    """An ``aws`` that prints ``out`` and ``err`` for ``--version``, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "aws"
    script.write_text(
        f"#!/bin/sh\nprintf '%s' {shlex.quote(out)}\nprintf '%s' {shlex.quote(err)} >&2\n"
        f"exit {code}\n"
    )
    script.chmod(0o755)
    return folder


def on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, alone: bool = False) -> None:
    """Put ``folder`` first on PATH for this test (or ``alone`` on it)."""
    path = str(folder) if alone else f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"
    monkeypatch.setenv("PATH", path)
