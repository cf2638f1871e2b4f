"""Typing and pasting into the invoke editor: key to screen, against a bare TextArea.

The editor checks the payload (JSON, size) and colours it as it changes. Neither may make
typing lag: each figure is measured in a headless app, and reported as a ratio against the
same keys sent, in the same run, to a bare Textual ``TextArea`` (what Textual itself costs,
with no checking and no colours).

(a) 4 KB of JSON typed in one burst (the keys arrive together, as a fast typist or a paste
    without bracketed paste over SSH sends them): until the last key is in the editor, the
    check line says so and the screen is painted;
(b) 100 KB of JSON pasted (one bracketed paste): until checked and painted;
(c) one key typed at the end of that 100 KB payload: key to screen, median of 20.

Target: (a) and (b) within 2x the bare TextArea, (c) within 2x or + 5 ms.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))
from common import isolate  # noqa: E402

KEY_ROUNDS = 20


def payload(size: int) -> str:
    """Pretty JSON of about ``size`` bytes, as a test event looks."""
    items = []
    while len(json.dumps(items, indent=2)) < size:
        n = len(items)
        items.append({"id": n, "name": f"item {n}", "price": n * 1.5, "tags": ["a", "b"]})
    return json.dumps({"items": items}, indent=2)


def keys_for(text: str) -> list[Any]:
    from textual import events
    from textual.keys import _character_to_key

    keys = []
    for char in text:
        if char == "\n":
            keys.append(events.Key("enter", "\r"))
        elif char.isalnum():
            keys.append(events.Key(char, char))
        else:
            keys.append(events.Key(_character_to_key(char), char))
    return keys


class Bare:
    """A bare TextArea in an app: the baseline."""

    def __init__(self) -> None:
        from textual.app import App
        from textual.widgets import TextArea

        class BareApp(App[None]):
            def compose(self) -> Any:
                yield TextArea(soft_wrap=False, show_line_numbers=True, id="area")

        self.app = BareApp()

    @property
    def area(self) -> Any:
        return self.app.query_one("#area")

    def done(self, text: str) -> bool:
        return bool(self.area.text == text)


class Editor:
    """The invoke screen's editor, in the real app."""

    def __init__(self, endpoint: str) -> None:
        from lambdatui.aws.target import resolve_target
        from lambdatui.ui.app import LambdaTUI

        target = resolve_target(endpoint_url=endpoint, region="us-east-1")
        self.app = LambdaTUI(target, use_cache=False)

    @property
    def area(self) -> Any:
        return self.app.screen.editor

    def done(self, text: str) -> bool:
        line = str(self.app.screen.query_one("#invoke-validation").render())
        return bool(self.area.text == text and line.startswith("✓ JSON"))


async def open_editor(harness: Any, pilot: Any) -> None:
    from lambdatui.ui.invoke.screen import InvokeScreen

    if isinstance(harness, Editor):
        await harness.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        await harness.app.workers.wait_for_complete()
        assert isinstance(harness.app.screen, InvokeScreen)
    await pilot.pause()
    harness.area.focus()
    await pilot.pause()


async def until(harness: Any, pilot: Any, text: str, start: float) -> float:
    while not harness.done(text):
        await asyncio.sleep(0.0005)
        if time.perf_counter() - start > 120:
            raise TimeoutError("the editor never caught up")
    await pilot.pause()  # and painted
    return time.perf_counter() - start


async def measure(harness: Any) -> dict[str, float]:
    from textual import events

    typed, pasted = payload(4 * 1024), payload(100 * 1024)
    figures: dict[str, float] = {}
    async with harness.app.run_test(size=(120, 40)) as pilot:
        await open_editor(harness, pilot)
        harness.area.load_text("")
        await pilot.pause()
        start = time.perf_counter()
        for key in keys_for(typed):
            harness.app.post_message(key)
        figures["burst"] = await until(harness, pilot, typed, start)

        harness.area.load_text("")
        await pilot.pause()
        start = time.perf_counter()
        harness.app.post_message(events.Paste(pasted))
        figures["paste"] = await until(harness, pilot, pasted, start)

        harness.area.move_cursor(harness.area.document.end)
        one: list[float] = []
        text = pasted
        for _ in range(KEY_ROUNDS):
            text += " "
            start = time.perf_counter()
            harness.app.post_message(events.Key("space", " "))
            one.append(await until(harness, pilot, text, start))
        figures["key"] = statistics.median(one)
    return figures


def main() -> None:
    isolate()
    from lambdatui.demo.server import start_local_account
    from tests.invoke_functions import ECHO, make_function

    account = start_local_account()
    make_function(account, "echo", ECHO)
    bare = asyncio.run(measure(Bare()))
    ours = asyncio.run(measure(Editor(account.endpoint_url)))
    labels = {
        "burst": "(a) 4 KB typed in one burst",
        "paste": "(b) 100 KB pasted",
        "key": "(c) one key into 100 KB",
    }
    for name, label in labels.items():
        b, o = bare[name] * 1000, ours[name] * 1000
        ratio = o / b if b else float("inf")
        ok = ratio <= 2 or (name == "key" and o - b <= 5)
        print(
            f"{label}: {o:.0f} ms; bare TextArea (baseline) {b:.0f} ms; "
            f"{ratio:.2f}x baseline {'OK' if ok else 'OVER BUDGET'}"
        )


if __name__ == "__main__":
    main()
