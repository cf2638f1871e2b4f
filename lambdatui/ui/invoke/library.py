"""The event library: pick the event to invoke with, and look after the saved ones.

``EventLibraryScreen(function)`` is a modal listing, in four sections, the function's own
saved events, the shared ones, the function's shareable events in the account (the console's
EventBridge Schemas registry, loaded in the background, with its own status line: "not
permitted: schemas:DescribeSchema", "no shareable events") and the templates. It dismisses
with the chosen ``SavedEvent`` or None:

* an event of the library comes back as stored (group: the function, or ``SHARED``);
* a shareable event comes back with group ``SHAREABLE``, a template with group ``TEMPLATE``
  (name: the template id, description: its title); neither is in the library
  (``event.in_library`` is False): save it under a function or ``SHARED`` to keep it.

Keys (``EVENT_LIBRARY_BINDINGS``): enter use, ``r`` rename, ``d`` delete (asks first), ``i``
import a JSON file into this function's events, ``x`` export the payload to a file, ``s`` save
a local event as a shareable one, esc close. Unreadable event files are listed by name, as
warnings. Every name and payload is shown through ``sanitize``, never as markup.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.syntax import Syntax
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...aws import errors
from ...sanitize import clean, escape_markup, one_line
from ...store.events import (
    SHAREABLE,
    SHARED,
    TEMPLATE,
    CorruptEvent,
    EventLibrary,
    EventStoreError,
    SavedEvent,
)
from ...store.templates import TEMPLATES
from ..bindings import EVENT_LIBRARY_BINDINGS, EVENT_LIST_BINDINGS
from ..dialogs.confirm import ConfirmScreen
from ..dialogs.prompt import PromptScreen
from ..workers import ReportsWorkerFailures

if TYPE_CHECKING:
    from ...aws.gateway import Gateway

#: Lines of the highlighted event's payload shown under the list.
PREVIEW_LINES = 4
#: Payloads up to this size are pretty-printed in the preview (the event keeps its bytes).
PRETTY_PREVIEW_CHARS = 256 * 1024


def preview_text(payload: str) -> str:
    """The payload as the preview shows it: pretty-printed JSON when it is small enough."""
    if len(payload) <= PRETTY_PREVIEW_CHARS:
        try:
            return json.dumps(json.loads(payload), indent=2, ensure_ascii=False)
        except (ValueError, RecursionError):
            pass
    return payload


class _EventList(OptionList):
    BINDINGS = EVENT_LIST_BINDINGS

    def action_pick(self) -> None:
        self.action_select()


@dataclass(frozen=True)
class _Row:
    """What one line of the list stands for."""

    kind: str  # "local" (function or shared), "shareable" or "template"
    event: SavedEvent


class EventLibraryScreen(ReportsWorkerFailures, ModalScreen[SavedEvent | None]):
    """Pick a saved, shared, shareable or template event (see the module docstring)."""

    BINDINGS = EVENT_LIBRARY_BINDINGS

    def __init__(
        self,
        function: str,
        *,
        library: EventLibrary | None = None,
        gateway: Gateway | None = None,
    ) -> None:
        super().__init__()
        self.function = function
        self.library = library or EventLibrary()
        self._gateway = gateway
        self.rows: dict[str, _Row] = {}
        #: The row highlighted by default (nothing chosen): (group, name).
        self._first_pick: tuple[str, str] | None = None
        self.local: list[SavedEvent] = []
        self.corrupt: list[CorruptEvent] = []
        self.shareable: list[SavedEvent] = []
        #: The shareable list's status: None while loading, "" when listed, else the reason.
        self.shareable_status: str | None = None

    @property
    def gateway(self) -> Gateway | None:
        return self._gateway or getattr(self.app, "gateway", None)

    # -- building the list ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Test events · {escape_markup(one_line(self.function, 40))}"
            box.border_subtitle = (
                "enter use · r rename · d delete · i import · x export · s share · esc"
            )
            yield _EventList(id="events-list")
            yield Static("", id="events-preview")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._read_library()
        self.load_shareable()

    @work(group="library-read", exclusive=True, exit_on_error=False)
    async def _read_library(self) -> None:
        await self.reload_local(first=True)  # the cursor on the first row, as it opens

    async def reload_local(
        self, select: tuple[str, str] | None = None, *, first: bool = False
    ) -> None:
        """Read the library again (in a thread: one file per event) and rebuild the list."""
        try:
            self.local, self.corrupt = await asyncio.to_thread(self.library.list, self.function)
        except EventStoreError as exc:
            self.local, self.corrupt = [], []
            self.notify(clean(str(exc)), severity="error", markup=False)
        if first:  # unless the cursor moved while the files were read
            current = self._current()
            at = (current.event.group, current.event.name) if current is not None else None
            first = at is None or at == self._first_pick
        self._rebuild(select, first=first)

    def _rebuild(self, select: tuple[str, str] | None = None, *, first: bool = False) -> None:
        """Fill the list; highlight ``select``, else the row highlighted now, else (or with
        ``first``) the first row."""
        olist = self.query_one(OptionList)
        highlighted = self._current()
        if select is None and highlighted is not None and not first:
            select = (highlighted.event.group, highlighted.event.name)
        self.rows = {}
        options: list[Option | None] = []

        def header(text: str) -> None:
            if options:
                options.append(None)
            options.append(Option(Text(text, style="bold underline"), disabled=True))

        def note(text: str) -> None:
            options.append(Option(Text(f"  {clean(text)}", style="italic"), disabled=True))

        def add(row: _Row, label: Text) -> None:
            option_id = f"o{len(self.rows)}"
            self.rows[option_id] = row
            options.append(Option(label, id=option_id))

        own = [e for e in self.local if e.group != SHARED]
        shared = [e for e in self.local if e.group == SHARED]
        shared_dir = self.library.group_dir(SHARED)
        header(f"Events of {one_line(self.function, 50)}")
        for event in own:
            add(_Row("local", event), _label(event))
        if not own:
            note("none saved yet")
        for bad in self.corrupt:
            if bad.path.parent != shared_dir:
                note(f"⚠ unreadable, skipped: {bad.path.name}: {bad.reason}")
        header("Shared events (any function)")
        for event in shared:
            add(_Row("local", event), _label(event))
        if not shared:
            note("none")
        for bad in self.corrupt:
            if bad.path.parent == shared_dir:
                note(f"⚠ unreadable, skipped: {bad.path.name}: {bad.reason}")
        header("Shareable events (in the account)")
        for event in self.shareable:
            add(_Row("shareable", event), _label(event))
        if self.shareable_status is None:
            note("loading…")
        elif self.shareable_status:
            note(self.shareable_status)
        header("New from template")
        for template in TEMPLATES:
            event = SavedEvent(template.id, template.payload, TEMPLATE, template.title)
            add(_Row("template", event), Text(f"  {template.title}"))
        olist.clear_options()
        olist.add_options(options)
        target = None
        for option_id, row in self.rows.items():
            if select is not None and (row.event.group, row.event.name) == select:
                target = option_id
                break
        if target is None and self.rows:
            target = next(iter(self.rows))
            row = self.rows[target]
            self._first_pick = (row.event.group, row.event.name)
        if target is not None:
            olist.highlighted = olist.get_option_index(target)
        self._preview()

    @work(exclusive=True, group="shareable", exit_on_error=False)
    async def load_shareable(self) -> None:
        gateway = self.gateway
        if gateway is None:
            self.shareable_status = "not available here"
            self._rebuild()
            return
        try:
            shared = await gateway.list_shared_events(self.function)
        except errors.GatewayError as exc:  # one line: "not permitted: …" / "not available: …"
            self.shareable, self.shareable_status = [], ": ".join(errors.unavailable(exc))
        else:
            self.shareable = [SavedEvent(e.name, e.payload, SHAREABLE) for e in shared]
            self.shareable_status = "" if shared else "no shareable events"
        # Not moved since the list opened: the first row again, which may now be one of these
        # (events come before templates).
        current = self._current()
        at = (current.event.group, current.event.name) if current is not None else None
        untouched = at is not None and at == self._first_pick
        self._rebuild(first=untouched)

    # -- the highlighted row -------------------------------------------------------------

    def _current(self) -> _Row | None:
        try:
            olist = self.query_one(OptionList)
        except Exception:
            return None
        index = olist.highlighted
        if index is None:
            return None
        option = olist.get_option_at_index(index)
        return self.rows.get(option.id or "")

    @on(OptionList.OptionHighlighted)
    def _preview(self, _event: object = None) -> None:
        row = self._current()
        preview = self.query_one("#events-preview", Static)
        if row is None:
            preview.update("")
            return
        lines = clean(preview_text(row.event.payload)).splitlines()
        shown = "\n".join(line[:200] for line in lines[:PREVIEW_LINES])
        if len(lines) > PREVIEW_LINES:
            shown += f"\n… {len(lines) - PREVIEW_LINES} more lines"
        description = f"{clean(row.event.description)}\n" if row.event.description else ""
        body = Syntax(shown, "json", theme="ansi_dark", background_color="default")
        preview.update(body if not description else Text(description + shown))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick()

    # -- actions -------------------------------------------------------------------------

    def action_pick(self) -> None:
        row = self._current()
        if row is not None:
            self.dismiss(row.event)

    def action_close(self) -> None:
        self.dismiss(None)

    def _local_row(self, verb: str) -> _Row | None:
        row = self._current()
        if row is None:
            return None
        if row.kind != "local":
            where = "a template" if row.kind == "template" else "a shareable event"
            self.notify(
                f"Only saved events can be {verb}; this is {where}. Use it, then save it.",
                severity="warning",
                markup=False,
            )
            return None
        return row

    @work(exit_on_error=False)
    async def action_rename(self) -> None:
        row = self._local_row("renamed")
        if row is None:
            return
        new = await self.app.push_screen_wait(
            PromptScreen(f"Rename {one_line(row.event.name, 40)}", row.event.name)
        )
        if not new or new == row.event.name:
            return
        try:
            await asyncio.to_thread(self.library.rename, row.event.group, row.event.name, new)
        except EventStoreError as exc:
            self.notify(clean(str(exc)), severity="error", markup=False)
            return
        await self.reload_local(select=(row.event.group, new))

    @work(exit_on_error=False)
    async def action_delete(self) -> None:
        row = self._current()
        if row is None or row.kind == "template":
            if row is not None:
                self.notify("Templates cannot be deleted.", severity="warning", markup=False)
            return
        event = row.event
        where = {
            "shareable": f"the shareable events of {self.function} (for everyone in the account)",
        }.get(row.kind, "the shared events" if event.group == SHARED else "this function")
        question = f"Delete {one_line(event.name, 60)} from {where}?"
        confirm = ConfirmScreen("Delete the event", question, yes="delete", no="keep it")
        if not await self.app.push_screen_wait(confirm):
            return
        if row.kind == "shareable":
            await self._delete_shareable(event.name)
            return
        try:
            await asyncio.to_thread(self.library.delete, event.group, event.name)
        except EventStoreError as exc:
            self.notify(clean(str(exc)), severity="error", markup=False)
            return
        self.notify(f"Deleted {one_line(event.name, 60)}", markup=False)
        await self.reload_local()

    async def _delete_shareable(self, name: str) -> None:
        gateway = self.gateway
        if gateway is None:
            return
        try:
            await gateway.delete_shared_event(self.function, name)
        except errors.GatewayError as exc:
            self._show_error(exc)
            return
        self.notify(f"Deleted the shareable event {one_line(name, 60)}", markup=False)
        self.load_shareable()

    @work(exit_on_error=False)
    async def action_import_file(self) -> None:
        path = await self.app.push_screen_wait(
            PromptScreen(
                "Import a JSON file",
                note=f"Saved as an event of {self.function}, named after the file.",
            )
        )
        if not path:
            return
        try:
            event = await asyncio.to_thread(
                self.library.import_file, Path(path.strip()), group=self.function
            )
        except EventStoreError as exc:
            self.notify(clean(str(exc)), severity="error", markup=False)
            return
        self.notify(f"Imported {one_line(event.name, 60)}", markup=False)
        await self.reload_local(select=(event.group, event.name))

    @work(exit_on_error=False)
    async def action_export_file(self) -> None:
        row = self._local_row("exported")
        if row is None:
            return
        path = await self.app.push_screen_wait(
            PromptScreen(
                f"Export {one_line(row.event.name, 40)}",
                note="A file (not overwritten) or a folder; the payload alone is written.",
            )
        )
        if not path:
            return
        try:
            written = await asyncio.to_thread(
                self.library.export_file, row.event.group, row.event.name, Path(path.strip())
            )
        except EventStoreError as exc:
            self.notify(clean(str(exc)), severity="error", markup=False)
            return
        self.notify(f"Exported to {clean(str(written))}", markup=False)

    @work(exit_on_error=False)
    async def action_share(self) -> None:
        row = self._local_row("made shareable")
        gateway = self.gateway
        if row is None or gateway is None:
            return
        name = await self.app.push_screen_wait(
            PromptScreen(
                "Shareable event name",
                row.event.name,
                note=(
                    f"Saved in the account for everyone who tests {self.function} in the "
                    "console. Up to 25 letters, digits, dots, hyphens and underscores."
                ),
            )
        )
        if not name:
            return
        try:
            json.loads(row.event.payload)
        except ValueError:
            self.notify("Only a JSON payload can be shared.", severity="error", markup=False)
            return
        try:
            await gateway.put_shared_event(self.function, name, row.event.payload)
        except errors.GatewayError as exc:
            self._show_error(exc)
            return
        self.notify(f"Saved {one_line(name, 60)} as a shareable event", markup=False)
        self.load_shareable()

    def _show_error(self, error: errors.GatewayError) -> None:
        show = getattr(self.app, "show_error", None)
        if show is not None:
            show(error)
        else:
            self.notify(clean(str(error)), severity="error", markup=False)


def _label(event: SavedEvent) -> Text:
    """'  name   used 2026-11-24 06:00 · description', safe for the terminal."""
    label = Text("  ")
    label.append(one_line(event.name, 40))
    details = []
    if event.last_used:
        details.append(f"used {event.last_used:%Y-%m-%d %H:%M}")
    if event.description:
        details.append(one_line(event.description, 40))
    if details:
        label.append("  " + " · ".join(details), style="dim")
    return label
