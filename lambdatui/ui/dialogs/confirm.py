"""Questions over the current screen: a yes/no (`enter` yes, `escape` no), and a change shown
before it is made, guarded on production accounts by a name to type."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ...sanitize import clean, escape_markup, one_line
from ..bindings import CONFIRM_BINDINGS, hint, key_hint
from ..screens.base import after_typing
from ..widgets.footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    """Asks ``question``; dismisses with True (enter) or False (escape)."""

    BINDINGS = CONFIRM_BINDINGS

    def __init__(self, title: str, question: str, *, yes: str = "yes", no: str = "not now") -> None:
        super().__init__()
        self.title_text, self.question, self.yes, self.no = title, question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="yesno-body"):
            yield Static(clean(self.title_text), id="yesno-title", markup=False)
            yield Static(clean(self.question), id="yesno-question", markup=False)
            yes, no = key_hint(self, "confirm.yes"), key_hint(self, "confirm.no")
            yield Static(f"{yes}: {self.yes}   {no}: {self.no}", id="yesno-keys", markup=False)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class GuardedConfirmScreen(ModalScreen[bool]):
    """A change shown before it is made: a production banner (with ``name`` to type there), a
    read-only warning, the change itself (``body``); the screen's confirm key calls
    ``confirm``, escape goes back. ``keys`` are the (binding id, words) pairs its border names.
    Edits and stopping an execution ask this way."""

    def __init__(
        self,
        *,
        name: str,
        title: str,
        keys: tuple[tuple[str, str], ...],
        refused: str,
        mismatch: str,
        production: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.name_to_type = name
        self.title_text, self.keys, self.refused, self.mismatch = title, keys, refused, mismatch
        self.production = production
        self.read_only = read_only

    def body(self) -> Widget:
        """What will change (a subclass's)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            if self.production:
                yield Static("⚠ PRODUCTION account/profile", id="confirm-production", markup=False)
            if self.read_only:
                yield Static(self.refused, id="confirm-read-only", markup=False)
            yield self.body()
            if self.production:
                yield Label(
                    f"Type {escape_markup(self.name_to_type)} to confirm:", id="confirm-prompt"
                )
                yield Input(placeholder=one_line(self.name_to_type), id="confirm-name")
            yield Static("", id="confirm-error", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one("#confirm-body")
        body.border_title = escape_markup(one_line(self.title_text))  # titles are markup
        body.border_subtitle = hint(self, *self.keys)
        if self.production:
            self.query_one("#confirm-name", Input).focus()

    def confirm(self) -> None:
        """Go ahead, once the keys typed before it are in (and the name matches on production)."""
        after_typing(self, self._confirmed)

    def _confirmed(self) -> None:
        if self.production:
            typed = self.query_one("#confirm-name", Input).value.strip()
            if typed != self.name_to_type:
                self.query_one("#confirm-error", Static).update(self.mismatch)
                return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
