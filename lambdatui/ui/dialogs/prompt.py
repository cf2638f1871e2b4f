"""One line of text asked over the current screen: a name, a file path, a client context, a
tenant id, where the logs start. `enter` answers (once ``check`` finds nothing wrong with it),
`escape` cancels."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...sanitize import clean, escape_markup, one_line
from ..bindings import PROMPT_BINDINGS


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line under ``title``, starting from ``value``; dismisses with the text
    typed, or None when cancelled. ``note`` says what the text is for. ``check`` returns why
    the text cannot be used ("" when it can): the reason is shown under the field, which
    stays open."""

    BINDINGS = PROMPT_BINDINGS

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        note: str = "",
        placeholder: str = "",
        check: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.value, self.note = title, value, note
        self.placeholder, self.check = placeholder, check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-body") as box:
            box.border_title = escape_markup(one_line(self.title_text))  # titles are markup
            box.border_subtitle = "enter ok · esc cancel"
            # An Input draws control characters as they are: shown cleaned (see _submitted).
            yield Input(
                one_line(self.value), placeholder=one_line(self.placeholder), id="prompt-input"
            )
            if self.note:
                yield Static(Text(clean(self.note)), id="prompt-note")
            yield Static("", id="prompt-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = self.value if event.value == one_line(self.value) else event.value  # untouched
        problem = self.check(value) if self.check else ""
        error = self.query_one("#prompt-error", Static)
        error.update(clean(problem))
        error.set_class(bool(problem), "-shown")
        if not problem:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
