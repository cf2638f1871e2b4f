"""JSON in a TextArea, highlighted with pygments (no tree-sitter needed).

Textual highlights a ``TextArea`` through tree-sitter, which this install does not have. The
TextArea only needs a map ``line → [(start byte, end byte, highlight name)]`` to colour what it
draws, so ``json_highlights`` builds that map from pygments' JSON tokens. The TextArea draws only
the lines on screen, so a 1 MB response scrolls freely; the map for a large document is built
off the event loop (``JsonArea.load``), and only its first ``HIGHLIGHT_LIMIT`` bytes are
highlighted: the rest is shown as it is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from textual.widgets import TextArea

#: Bytes of a document that get highlighted; beyond, the text is shown plain.
HIGHLIGHT_LIMIT = 512 * 1024
#: The editor re-highlights on every edit up to this size; larger payloads stay plain.
EDIT_HIGHLIGHT_LIMIT = 64 * 1024

Highlights = dict[int, list[tuple[int, int | None, str]]]


def _names() -> dict[Any, str]:
    from pygments.token import Token

    return {
        Token.Name.Tag: "json.label",
        Token.Literal.String.Double: "string",
        Token.Literal.Number.Integer: "number",
        Token.Literal.Number.Float: "number",
        Token.Keyword.Constant: "boolean",
        Token.Punctuation: "punctuation.bracket",
        Token.Error: "error",
    }


def json_highlights(text: str, limit: int = HIGHLIGHT_LIMIT) -> Highlights:
    """The TextArea highlight map of ``text`` (its first ``limit`` characters)."""
    from pygments.lexers.data import JsonLexer

    names = _names()
    highlights: Highlights = defaultdict(list)
    line = column = 0  # column in UTF-8 bytes, as the TextArea wants
    for _index, kind, value in JsonLexer().get_tokens_unprocessed(text[:limit]):
        name = names.get(kind)
        if name is None:
            parent = kind.parent
            while parent is not None and name is None:
                name = names.get(parent)
                parent = parent.parent
        if "\n" in value:
            pieces = value.split("\n")
            line += len(pieces) - 1
            column = len(pieces[-1].encode())
            continue
        width = len(value.encode())
        if name is not None and name != "error":
            highlights[line].append((column, column + width, name))
        column += width
    return highlights


def json_error(text: str) -> str:
    """'' when ``text`` parses as JSON, else 'line 3, column 7: Expecting value'."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except RecursionError:
        return "nested too deeply"
    return ""


class JsonArea(TextArea):
    """A TextArea that colours JSON. ``live`` re-highlights after each edit (the editor)."""

    def __init__(self, text: str = "", *, live: bool = False, **kwargs: Any) -> None:
        # Set first: TextArea.__init__ builds the highlight map.
        self.live = live
        self._given: Highlights | None = None
        super().__init__(text, **kwargs)

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        if self._given is not None:
            highlights.update(self._given)
            return
        if not self.live:
            return
        text = self.text
        if len(text) <= EDIT_HIGHLIGHT_LIMIT:
            highlights.update(json_highlights(text))

    def show(self, text: str, highlights: Highlights | None) -> None:
        """Replace the text with ``highlights`` computed beforehand (e.g. in a thread)."""
        self._given = highlights or {}
        self.load_text(text)
