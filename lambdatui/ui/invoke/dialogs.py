"""The invoke screen's own modals: a list to pick from (save, discard or keep editing) and the
equivalent ``aws lambda invoke`` command line. Its one-line questions (an event name, a client
context, a tenant id) are the app's prompt (``ui/dialogs/prompt.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...sanitize import clean, one_line
from ..bindings import INVOKE_COMMAND_BINDINGS, INVOKE_DIALOG_BINDINGS
from ..widgets.footer import KeyFooter

T = TypeVar("T")


class InvokeDialog(ModalScreen[T], Generic[T]):
    BINDINGS = INVOKE_DIALOG_BINDINGS

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(InvokeDialog[str | None]):
    """Pick one of ``choices`` (id, label); the id, or None when cancelled."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self.title_text, self.choices, self.note = title, list(choices), note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter pick · esc cancel"
            yield OptionList(
                *[Option(Text(one_line(label, 200)), id=key) for key, label in self.choices],
                id="choose-list",
            )
            if self.note:
                yield Static(self.note, classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class CommandLine(InvokeDialog[None]):
    """The ``aws lambda invoke`` command for the same call; ``y`` copies it."""

    BINDINGS = INVOKE_COMMAND_BINDINGS

    def __init__(self, command: str, note: str = "", written_for: str = "") -> None:
        super().__init__()
        self.command, self.note, self.written_for = command, note, written_for

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "The same call with the AWS CLI"
            box.border_subtitle = "y copy · esc close"
            if self.written_for:  # "AWS CLI v1 (aws-cli/1.29.0 found)"
                yield Static(f"For {self.written_for}:", id="command-cli", markup=False)
            yield Static(Text(clean(self.command)), id="command-text")
            if self.note:
                yield Static(self.note, classes="dialog-note", markup=False)
        yield KeyFooter()  # its own keys, not those of the screen underneath

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.command)
        self.notify("Copied the command line (OSC 52)", markup=False)
