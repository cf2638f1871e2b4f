"""The JSON editor and response view: pygments highlight maps, large documents stay editable."""

from __future__ import annotations

import json

from textual.app import App, ComposeResult

from lambdatui.ui.invoke.editor import JsonArea, json_error, json_highlights, pretty_json
from lambdatui.ui.invoke.response import JsonView, Prepared
from tests.ui.helpers import type_burst, wait_until


def test_highlights_in_bytes_for_the_text_area_and_characters_for_the_view() -> None:
    text = '{\n  "é": [1, true, null, "x"]\n}'
    in_bytes = json_highlights(text)
    assert (2, 6, "json.label") in in_bytes[1]  # '"é"' is 4 bytes
    assert (9, 10, "number") in in_bytes[1] and (12, 16, "boolean") in in_bytes[1]
    in_chars = json_highlights(text, byte_offsets=False)
    assert (2, 5, "json.label") in in_chars[1]
    assert (23, 26, "string") in in_chars[1]


def test_highlighting_stops_at_the_limit() -> None:
    text = pretty_json({"items": [{"n": n} for n in range(2000)]})
    capped = json_highlights(text, limit=1000)
    assert max(capped) < 200 < len(text.splitlines())


def test_pretty_json_matches_json_dumps() -> None:
    value = {"a": [1, {"b": None}], "ü": "ö"}
    assert pretty_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_json_error_names_line_and_column() -> None:
    assert json_error('{"a": 1}') == ""
    assert json_error('{"a": 1,\n "b" 2}') == "Expecting ':' delimiter at line 2, column 6"
    assert json_error('{"a": "b') == "Unterminated string starting at line 1, column 7"


class _Editor(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonArea("{}", live=True, soft_wrap=False, id="editor")
        yield JsonView(id="view")


async def test_a_large_payload_stays_editable() -> None:
    big = pretty_json({"items": [{"n": n, "text": "y" * 40} for n in range(8000)]})
    app = _Editor()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.query_one(JsonArea)
        editor.load_text(big)
        await pilot.pause()
        lines = big.count("\n") + 1
        assert editor.virtual_size.height == lines
        editor.focus()
        editor.move_cursor((1, 0))
        wide = '"wide": "' + "w" * 120 + '",'
        await type_burst(pilot, wide, lambda: wide in editor.text)
        assert editor.text.splitlines()[1].startswith('"wide": "www')
        assert editor.virtual_size.width >= 130  # grew with the edited line
        assert editor.wrapped_document.height == lines
        await pilot.press("enter")
        assert editor.wrapped_document.height == lines + 1  # the cached height follows edits


async def test_the_view_draws_only_what_is_shown() -> None:
    app = _Editor()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(JsonView)
        text = pretty_json({"rows": list(range(30000))})
        view.show(Prepared(text, json_highlights(text, byte_offsets=False)))
        await pilot.pause()
        assert view.line_count == 30004 and view.virtual_size.height == 30004
        assert view.highlighted and view.text == text
        view.append("\n  tail")
        assert view.line_count == 30005


async def test_a_text_response_is_wrapped_and_scrolls() -> None:
    from lambdatui.ui.invoke.text import render_response

    words = [f"word{n:04d}" for n in range(600)]  # one 5,999-character line of text
    app = _Editor()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(JsonView)
        view.show(render_response(" ".join(words).encode()))
        await pilot.pause()
        region = view.content_region
        rows = [
            line.text[region.x : region.right] for line in view.render_lines(region.reset_offset)
        ]
        shown = " ".join(" ".join(rows).split())
        assert shown.startswith("word0000 word0001") and len(rows[0].rstrip()) > 60
        assert all(word in shown for word in words[:40])  # no line cut at the right edge
        assert view.max_scroll_y > 0  # the rest is below: it scrolls
        view.focus()
        await pilot.press("end")

        def bottom() -> str:
            return " ".join(line.text for line in view.render_lines(region.reset_offset))

        await wait_until(pilot, lambda: "word0599" in bottom())
        assert view.text == " ".join(words)  # what y copies: the text itself
