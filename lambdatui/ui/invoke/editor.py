"""JSON in a TextArea, highlighted with pygments (no tree-sitter needed).

Textual highlights a ``TextArea`` through tree-sitter, which this install does not have. The
TextArea only needs a map ``line → [(start byte, end byte, highlight name)]`` to colour what it
draws, so ``json_highlights`` builds that map from pygments' JSON tokens. The TextArea draws only
the lines on screen, so a 1 MB response scrolls freely; the map for a large response is built
off the event loop (``JsonArea.show``), and only its first ``HIGHLIGHT_LIMIT`` bytes are
highlighted: the rest is shown as it is. The editor (``live``) colours a line when it is
drawn, remembering each line's colours by its text: a key re-lexes the one line it changed,
whatever the payload's size (lexing the whole payload on each key made a burst of typing
lag by seconds).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from functools import lru_cache
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Size
from textual.widgets import TextArea

from ...aws.payload import json_error
from ...sanitize import visible_controls

__all__ = ["JsonArea", "json_error", "json_highlights", "pretty_json"]

#: Bytes of a document that get highlighted; beyond, the text is shown plain.
HIGHLIGHT_LIMIT = 512 * 1024
#: The editor colours a line up to here; the rest of a longer line shows plain (lexing it
#: again on each key would lag).
LINE_HIGHLIGHT_LIMIT = 8 * 1024

#: A document this long gets the cheaper paths below (no bracket matching, incremental size).
LARGE_LINES = 2000

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


def yield_gil() -> None:
    """Let the event loop's thread run now (called every so often by work done in a thread).

    A thread holding the GIL makes the event loop wait up to the switch interval (5 ms) each
    time it wakes up; giving it up often keeps input and painting responsive meanwhile.
    """
    time.sleep(0)


def pretty_json(value: Any, *, cooperative: bool = True) -> str:
    """``json.dumps(value, indent=2)``, giving the GIL away every few thousand pieces."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    parts: list[str] = []
    for count, piece in enumerate(encoder.iterencode(value)):
        parts.append(piece)
        if cooperative and not count % 1000:
            yield_gil()
    return "".join(parts)


def json_highlights(
    text: str, limit: int = HIGHLIGHT_LIMIT, *, byte_offsets: bool = True
) -> Highlights:
    """The highlight map of ``text`` (its first ``limit`` characters): columns in UTF-8 bytes
    (what the TextArea wants) or, with ``byte_offsets=False``, in characters."""
    from pygments.lexers.data import JsonLexer

    names = _names()
    highlights: Highlights = defaultdict(list)
    line = column = 0
    measure = (lambda piece: len(piece.encode())) if byte_offsets else len
    for count, (_index, kind, value) in enumerate(JsonLexer().get_tokens_unprocessed(text[:limit])):
        if not count % 500:
            yield_gil()
        name = names.get(kind)
        if name is None:
            parent = kind.parent
            while parent is not None and name is None:
                name = names.get(parent)
                parent = parent.parent
        if "\n" in value:
            pieces = value.split("\n")
            line += len(pieces) - 1
            column = measure(pieces[-1])
            continue
        width = measure(value)
        if name is not None and name != "error":
            highlights[line].append((column, column + width, name))
        column += width
    return highlights


@lru_cache(maxsize=2048)
def line_highlights(line: str) -> tuple[tuple[int, int | None, str], ...]:
    """The colours of one line of JSON (byte columns), remembered by its text: a key
    re-lexes only the line it changed. A JSON token never spans lines, so a line is lexed
    on its own."""
    return tuple(json_highlights(line[:LINE_HIGHLIGHT_LIMIT]).get(0, ()))


class _DrawnLines(dict[int, tuple[tuple[int, int | None, str], ...]]):
    """The editor's highlight map, filled as lines are drawn: a key typed into a 100 KB payload
    lexes the lines on screen (most from the cache), not the whole document."""

    def __init__(self, area: TextArea) -> None:
        super().__init__()
        self._area = area

    def __bool__(self) -> bool:
        return True  # TextArea skips colouring when its map is empty

    def __missing__(self, index: int) -> tuple[tuple[int, int | None, str], ...]:
        lines = self._area.document.lines
        found = line_highlights(lines[index]) if index < len(lines) else ()
        self[index] = found
        return found


class _CountedWrap(WrappedDocument):
    """Textual recomputes ``height`` (a sum over every line) for each line it draws: with a
    40,000-line payload that is most of a keystroke. Kept here until the document changes."""

    _cached_height: int | None = None

    @property
    def height(self) -> int:
        if self._cached_height is None:
            self._cached_height = sum(len(offsets) + 1 for offsets in self._wrap_offsets)
        return self._cached_height

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        self._cached_height = None
        super().wrap(width, tab_width)

    def wrap_range(self, start: Any, old_end: Any, new_end: Any) -> None:
        self._cached_height = None
        super().wrap_range(start, old_end, new_end)
        self._cached_height = None


class JsonArea(TextArea):
    """A TextArea that colours JSON. ``live`` re-highlights after each edit (the editor)."""

    def __init__(self, text: str = "", *, live: bool = False, **kwargs: Any) -> None:
        # Set first: TextArea.__init__ builds the highlight map.
        self.live = live
        self._given: Highlights | None = None
        self._widest = 0
        super().__init__(text, **kwargs)

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        if self.live and self._given is None:
            if not isinstance(self._highlights, _DrawnLines):
                # Textual's private map declares lists of highlights; it only reads them,
                # and these are the cached tuples of `line_highlights`.
                self._highlights = _DrawnLines(self)  # type: ignore[assignment]
            self._highlights.clear()  # each line is lexed again when drawn (or cached)
            return
        highlights = self._highlights = defaultdict(list)
        if self._given is not None:
            highlights.update(self._given)

    def _set_document(self, text: str, language: str | None) -> None:
        self._widest = 0
        super()._set_document(text, language)
        self.wrapped_document.__class__ = _CountedWrap

    def _refresh_size(self) -> None:
        # Textual measures every line on every edit; past a few thousand lines, measure the
        # document once and then only the line being edited (the view can only grow wider).
        lines = self.document.lines
        if self.soft_wrap or len(lines) < LARGE_LINES:
            super()._refresh_size()
            return
        if not self._widest:
            self._widest = self.document.get_size(self.indent_width).width
        row = min(self.cursor_location[0], len(lines) - 1)
        self._widest = max(self._widest, cell_len(lines[row].expandtabs(self.indent_width)))
        self.virtual_size = Size(self._widest + self.gutter_width + 1, len(lines))
        self._refresh_scrollbars()

    def get_line(self, line_index: int) -> Text:
        # A payload may hold control characters (a saved event is a file anyone may share):
        # drawn as visible stand-ins of the same length, so offsets and highlights still hold.
        line = super().get_line(line_index)
        shown = visible_controls(line.plain)
        if shown is not line.plain:
            line.plain = shown
        return line

    def find_matching_bracket(self, bracket: str, search_from: Any) -> Any:
        # Textual scans the whole document for the match on every cursor move: only worth it
        # (and only affordable) for a small payload.
        if len(self.document.lines) > LARGE_LINES:
            return None
        return super().find_matching_bracket(bracket, search_from)

    def show(self, text: str, highlights: Highlights | None) -> None:
        """Replace the text with ``highlights`` computed beforehand (e.g. in a thread)."""
        self._given = highlights or {}
        self.load_text(text)
