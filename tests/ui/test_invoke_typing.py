"""Typing and pasting into the invoke editor keep up: the check line and the colours follow a
burst of keys or a 100 KB paste (bench/bench_typing.py measures the same against a bare
TextArea)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import TextArea

from lambdatui.ui.invoke.text import size_label
from tests.invoke_functions import ECHO, make_function
from tests.ui.helpers import make_app, open_invoke, screen_text


def _payload(size: int) -> str:
    items: list[dict[str, Any]] = []
    while len(json.dumps(items, indent=2)) < size:
        items.append({"id": len(items), "name": f"item {len(items)}", "tags": ["a", "b"]})
    return json.dumps({"items": items}, indent=2)


def _keys(text: str) -> list[events.Key]:
    keys = []
    for char in text:
        if char == "\n":
            keys.append(events.Key("enter", "\r"))
        elif char.isalnum():
            keys.append(events.Key(char, char))
        else:
            keys.append(events.Key(_character_to_key(char), char))
    return keys


async def _burst(app: App[Any], pilot: Any, area: TextArea, text: str, done: Any) -> float:
    start = time.perf_counter()
    for key in _keys(text):
        app.post_message(key)
    while not done():
        await asyncio.sleep(0.001)
        assert time.perf_counter() - start < 120, "never caught up"
    await pilot.pause()
    return time.perf_counter() - start


class _Bare(App[None]):
    def compose(self) -> Any:
        yield TextArea(soft_wrap=False, show_line_numbers=True)


@pytest.mark.slow
async def test_a_burst_of_typed_keys_is_checked_as_fast_as_a_bare_text_area(account: Any) -> None:
    """2 KB typed in one burst: the editor (checked, coloured) catches up about as fast as
    Textual's own TextArea (it took 26x as long, re-lexing the whole payload per key)."""
    text = _payload(2048)
    bare = _Bare()
    async with bare.run_test(size=(120, 40)) as pilot:
        area = bare.query_one(TextArea)
        area.focus()
        await pilot.pause()
        baseline = await _burst(bare, pilot, area, text, lambda: area.text == text)
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_invoke(pilot)
        screen.editor.load_text("")
        await pilot.pause()

        def checked() -> bool:
            return screen.editor.text == text and "✓ JSON" in screen_text(app)

        took = await _burst(app, pilot, screen.editor, text, checked)
    assert took < 4 * baseline + 0.5, (took, baseline)


@pytest.mark.slow
async def test_a_100_kb_paste_is_checked_and_coloured(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    pasted = _payload(100 * 1024)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        screen.editor.load_text("")
        await pilot.pause()
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.pause()
        assert screen.editor.text == pasted
        assert f"✓ JSON · {size_label(len(pasted))} of 6 MB" in screen_text(app)
        # The lines on screen are coloured (a payload over 64 KB used to stay plain).
        # The lines on screen (the end of the paste) are coloured: strings apart from
        # punctuation (a payload over 64 KB used to stay plain).
        _gutter, *text = list(screen.editor.render_line(1))
        colours = {seg.style.color for seg in text if seg.style}
        assert len(colours) >= 2, text
