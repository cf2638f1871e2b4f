"""The invoke screen's history: every invocation of the function is kept (the last 50, on
disk in a thread), listed in the History tab (ctrl+b), loaded back into the editor (enter), and
run again as it was (ctrl+g).

A mixin of ``InvokeScreen``: it uses the screen's function, entries, editor and sending.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.widgets import OptionList, TabbedContent
from textual.widgets.option_list import Option

from ...aws.invoke_gateway import InvokeResult
from ...aws.records import FunctionSummary
from ...cells import fit, pad
from ...sanitize import one_line
from ...store.history import HistoryEntry, InvocationHistory
from ..screens.base import ScreenMixin
from .sending import Invocation

if TYPE_CHECKING:
    from collections.abc import Callable

    from .editor import JsonArea


class HistoryActions(ScreenMixin):
    """Keep, list, load and rerun the function's invocations (see the module docstring)."""

    function: FunctionSummary
    qualifier: str
    invocation_type: str
    event_name: str
    event_group: str
    tenant_isolated: bool
    tenant_id: str
    history: InvocationHistory
    entries: list[HistoryEntry]
    _stale_tabs: set[str]

    if TYPE_CHECKING:  # the screen's (declared only: a body here would shadow them)

        @property
        def read_only(self) -> bool: ...
        @property
        def editor(self) -> JsonArea: ...
        def _validate(self) -> str: ...
        def _render_header(self) -> None: ...
        def _active_tab(self) -> str: ...
        def _send(self, call: Invocation) -> None: ...
        def _ask_tenant(self, then: Callable[[str], None] | None) -> None: ...
        def _load_payload(self, payload: str, name: str, group: str, origin: str = "") -> None: ...
        def _unless_dirty(self, then: Any) -> None: ...

    def action_rerun(self) -> None:
        last = self.entries[0] if self.entries else None
        if last is None:
            self.notify("Nothing to run again: no invocation of this function yet.", markup=False)
            return
        if last.payload is None:
            self.notify(
                "The last payload was too large to keep; load its event and invoke.",
                severity="warning",
                markup=False,
            )
            return
        invocation_type = last.invocation_type
        if self.read_only and invocation_type != "DryRun":
            invocation_type = "DryRun"
        call = Invocation(last.payload, invocation_type, last.qualifier, last.event_name)
        tenant = last.tenant_id or self.tenant_id  # again for the same tenant
        if self.tenant_isolated and not tenant:
            self._ask_tenant(lambda tenant: self._send(replace(call, tenant_id=tenant)))
            return
        self._send(replace(call, tenant_id=tenant))

    def _remember(self, call: Invocation, result: InvokeResult | None, status: str) -> None:
        report = result.report if result else None
        entry = HistoryEntry(
            when=datetime.now(UTC),
            function=self.function.name,
            qualifier=call.qualifier,
            invocation_type=call.invocation_type,
            status=status,
            duration_ms=report.duration_ms if report else None,
            request_id=result.request_id if result else "",
            event_name=call.event_name,
            payload=call.payload,
            tenant_id=call.tenant_id,
        )
        self.entries = [entry, *self.entries][:50]
        self._fill_history()
        self._render_header()
        self._save_history(entry)

    @work(thread=True, group="invoke-history", name="save history", exit_on_error=False)
    def _save_history(self, entry: HistoryEntry) -> None:
        self.history.record(entry)
        if entry.event_name and entry.event_name == self.event_name:
            self._touch_event(entry.event_name, entry.when)

    def _touch_event(self, name: str, when: datetime) -> None:
        from ...store.events import EventLibrary

        with contextlib.suppress(Exception):  # the event may be gone: nothing to report
            EventLibrary().touch(self.event_group, name, when)

    def _fill_history(self) -> None:
        if self._active_tab() != "history":
            self._stale_tabs.add("history")
            return
        options = self.query_one("#invoke-history", OptionList)
        options.clear_options()
        if not self.entries:
            options.add_option(Option(Text("No invocations yet", style="dim"), disabled=True))
            return
        for index, entry in enumerate(self.entries):
            when = entry.when.astimezone().strftime("%m-%d %H:%M:%S")
            duration = "-" if entry.duration_ms is None else f"{entry.duration_ms:.4g} ms"
            label = (
                f"{when}  {fit(one_line(entry.qualifier), 12)} {entry.invocation_type:<15} "
                f"{pad(one_line(entry.status, 16), 10)} {duration:>9}  "
                f"{one_line(entry.event_name, 24)}"
            )
            if entry.tenant_id:
                label += f"  tenant {one_line(entry.tenant_id, 24)}"
            options.add_option(Option(Text(label), id=str(index)))

    def action_history(self) -> None:
        self.query_one(TabbedContent).active = "history"
        self.query_one("#invoke-history", OptionList).focus()

    def load_from_history(self, index: int) -> None:
        """Put the ``index``-th invocation (newest first) back in the editor, as it was sent."""
        entry = self.entries[index]
        if entry.payload is None:
            self.notify("That payload was too large to keep in the history.", markup=False)
            return

        def load() -> None:
            self._load_payload(entry.payload or "{}", entry.event_name, self.function.name)
            if not self.read_only:
                self.invocation_type = entry.invocation_type
            self.qualifier = entry.qualifier
            if entry.tenant_id:
                self.tenant_id = entry.tenant_id
            self._render_header()
            self._validate()
            self.editor.focus()
            self.notify(f"Loaded the invocation of {entry.when:%H:%M:%S}", markup=False)

        self._unless_dirty(load)
