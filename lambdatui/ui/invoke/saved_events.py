"""The invoke screen's events: load one from the library (ctrl+l), save the editor as one
(ctrl+s), and never lose unsaved edits when another event is loaded (save, discard or stay).

A mixin of ``InvokeScreen``: it uses the screen's editor, function, event name and group,
``baseline`` (the text last loaded or saved) and ``dirty``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ...store.events import TEMPLATE
from ..bindings import key_word
from ..screens.base import ScreenMixin

if TYPE_CHECKING:
    from .editor import JsonArea


class EventActions(ScreenMixin):
    """Load and save the editor's event (see the module docstring)."""

    function: FunctionSummary
    baseline: str
    event_name: str
    event_group: str
    event_origin: str

    if TYPE_CHECKING:  # the screen's (declared only: a body here would shadow them)

        @property
        def editor(self) -> JsonArea: ...
        @property
        def dirty(self) -> bool: ...

        def _validate(self) -> str: ...
        def _render_header(self) -> None: ...

    def _load_payload(self, payload: str, name: str, group: str, origin: str = "") -> None:
        """Put ``payload`` in the editor as event ``name`` of ``group`` ("": not saved yet,
        ``origin`` then says where it came from: a shareable event or a template)."""
        self.baseline = payload
        self.event_name, self.event_group = name, group
        self.event_origin = origin
        self.editor.load_text(payload)
        self._validate()
        self._render_header()

    def action_events(self) -> None:
        self._unless_dirty(self._open_library)

    def _open_library(self) -> None:
        """The event library modal (saved, shared, shareable events and templates)."""
        from .library import EventLibraryScreen

        def chosen(event: Any) -> None:
            if event is None:
                return
            if getattr(event, "in_library", True):
                self._load_payload(event.payload, event.name, event.group)
            else:  # a shareable event or a template: not saved here yet
                origin = (
                    f"template {event.description}"
                    if event.group == TEMPLATE
                    else f"shareable {event.name}"
                )
                self._load_payload(event.payload, "", self.function.name, one_line(origin))
            self.editor.focus()

        gateway = self.app.gateway
        self.app.push_screen(EventLibraryScreen(self.function.name, gateway=gateway), chosen)

    def action_save(self) -> None:
        self._save_then(None)

    def _save_then(self, after: Any) -> None:
        """Save the editor as an event (asking for a name if it has none), then ``after()``.
        A payload that is not JSON (NaN included) is refused before a name is asked for."""
        from ...aws.payload import json_error

        problem = json_error(self.editor.text)
        if problem:
            self.notify(
                f"Not saved: the payload is not JSON ({problem}).",
                title="Invalid JSON",
                severity="error",
                markup=False,
            )
            return
        if self.event_name and self.event_group:
            self._write_event(self.event_name, self.event_group, then=after)
            return
        from ..dialogs.prompt import PromptScreen

        def named(name: str | None) -> None:
            if name and name.strip():
                self._write_event(name.strip(), self.function.name, new=True, then=after)

        self.app.push_screen(
            PromptScreen(
                "Save the event as",
                note=f"Saved for {self.function.name}; {key_word(self, 'invoke.events')} lists "
                "saved events.",
                placeholder="event name",
            ),
            named,
        )

    def _write_event(
        self, name: str, group: str, *, new: bool = False, then: Callable[[], Any] | None = None
    ) -> None:
        """Save the editor as event ``name``: a new one (refused if the name is taken), or
        over the loaded one, keeping its description and last use; then ``then``. The file
        is written (with fsync) in a thread."""
        self._write_event_file(self.editor.text, name, group, new, then)

    @work(thread=True, group="save-event", name="save event", exit_on_error=False)
    def _write_event_file(
        self, text: str, name: str, group: str, new: bool, then: Callable[[], Any] | None
    ) -> None:
        from ...store.events import EventLibrary, EventStoreError, SavedEvent

        library = EventLibrary()
        try:
            if new:
                library.save(SavedEvent(name=name, payload=text, group=group), replace=False)
            else:
                library.save_payload(group, name, text)
        except (EventStoreError, OSError, ValueError) as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Not saved", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._event_written, text, name, group, then)

    def _event_written(
        self, text: str, name: str, group: str, then: Callable[[], Any] | None
    ) -> None:
        from ...aws.payload import fit_warning

        self.baseline, self.event_name, self.event_group = text, name, group
        self._render_header()
        warning = fit_warning(len(text.encode()))
        if warning:
            self.notify(
                f"Saved event {one_line(name, 40)}; {warning}.", severity="warning", markup=False
            )
        else:
            self.notify(f"Saved event {one_line(name, 40)}", markup=False)
        if then is not None:
            then()

    def _unless_dirty(self, then: Any) -> None:
        """Run ``then`` now, or after the user chose to save or discard the edits."""
        if not self.dirty:
            then()
            return
        from .dialogs import Choose

        def answered(choice: str | None) -> None:
            if choice == "save":
                self._save_then(then)
            elif choice == "discard":
                self.editor.load_text(self.baseline)
                then()

        self.app.push_screen(
            Choose(
                "The event has unsaved edits",
                [
                    ("save", "Save them as an event"),
                    ("discard", "Discard them"),
                    ("stay", "Keep editing"),
                ],
            ),
            answered,
        )
