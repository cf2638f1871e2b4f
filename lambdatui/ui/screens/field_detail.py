"""One line of the configuration or triggers pane read whole: its value wrapped to the width
(a long description, a role ARN, a list of subnets), or a whole section on a heading."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...sanitize import clean, escape_markup, one_line
from ..bindings import FIELD_DETAIL_BINDINGS, hint
from ..render.fields import Field
from ..widgets.footer import KeyFooter


def detail_text(field: Field, section: Sequence[Field] = ()) -> tuple[str, Text]:
    """(title, body) for ``field``; a heading shows every line of its ``section``."""
    if not field.heading:
        return f"{field.section}: {field.label}", Text(clean(field.shown_value))
    body = Text()
    for line in section:
        if line.heading:
            continue
        if body:
            body.append("\n")
        if line.label:
            body.append(clean(line.label), style="bold")
            body.append("\n")
        body.append(clean(line.shown_value))
        body.append("\n")
    return field.section, body


class FieldDetailScreen(ModalScreen[None]):
    """A line's whole value, wrapped and scrollable; ``y`` copies it (unless masked)."""

    BINDINGS = FIELD_DETAIL_BINDINGS

    def __init__(self, field: Field, section: Sequence[Field] = ()) -> None:
        super().__init__()
        self.field = field
        self.title_text, self.body = detail_text(field, section)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(self.body, id="detail-text")
        yield KeyFooter()  # its own keys, not those of the screen underneath

    def on_mount(self) -> None:
        body = self.query_one("#detail-body")
        body.border_title = escape_markup(one_line(self.title_text))  # titles are markup
        body.border_subtitle = hint(self, ("detail.copy", "copy"), ("detail.close", "close"))
        body.focus()

    def action_copy(self) -> None:
        field = self.field
        if field.masked:
            self.notify("Reveal the values (v) before copying one", markup=False)
            return
        self.app.copy_to_clipboard(field.value if not field.heading else self.body.plain)
        self.notify("Copied to the clipboard (OSC 52)", markup=False)

    def action_close(self) -> None:
        self.dismiss()
