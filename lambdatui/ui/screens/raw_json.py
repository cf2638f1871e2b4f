"""A document's raw JSON, highlighted with pygments; large documents capped, still viewable."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...sanitize import clean, escape_markup, one_line
from ..bindings import RAW_JSON_BINDINGS, hint
from ..widgets.footer import KeyFooter

#: Highlighting is per character: beyond this many, the rest is shown as plain text.
HIGHLIGHT_LIMIT = 100_000


def plain(value: Any) -> Any:
    """Read-only mappings and tuples (how records keep documents) → dicts and lists."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def to_json(document: Mapping[str, Any] | Any) -> str:
    """Pretty JSON of an API document; control characters can never reach the terminal."""
    text = json.dumps(plain(document), indent=2, default=str, ensure_ascii=False)
    return clean(text)


def renderable(text: str, *, theme: str = "ansi_dark") -> Group:
    head, tail = text[:HIGHLIGHT_LIMIT], text[HIGHLIGHT_LIMIT:]
    if tail:  # end the highlighted part at a line break
        cut = head.rfind("\n")
        if cut > 0:
            head, tail = head[:cut], head[cut + 1 :] + tail
    parts: list[Any] = [
        Syntax(head, "json", theme=theme, word_wrap=True, background_color="default")
    ]
    if tail:
        note = f"… {len(tail):,} more characters, shown without highlighting:"
        parts += [Text(note, style="italic"), Text(tail)]
    return Group(*parts)


class RawJsonScreen(ModalScreen[None]):
    """The raw document behind a line of the configuration or triggers pane."""

    BINDINGS = RAW_JSON_BINDINGS

    def __init__(self, title: str, document: Mapping[str, Any] | Any) -> None:
        super().__init__()
        self.title_text = clean(title)
        self.text = to_json(document)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="raw-body"):
            yield Static(renderable(self.text), id="raw-json")
        yield KeyFooter()  # its own keys, not those of the screen underneath

    def on_mount(self) -> None:
        body = self.query_one("#raw-body")
        body.border_title = escape_markup(one_line(self.title_text))  # titles are markup
        body.border_subtitle = hint(self, ("raw.copy", "copy"), ("raw.close", "close"))
        body.focus()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("Copied the JSON to the clipboard (OSC 52)", markup=False)

    def action_close(self) -> None:
        self.dismiss()
