"""One function: configuration, triggers, versions and aliases (a selected one becomes the
qualifier), its CloudWatch metrics (the monitoring pane, `m`) and its deployed code (the Code
pane, `c`, whose comparison picks the other side among the versions and aliases shown here)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from ...aws.errors import GatewayError
from ...aws.qualifier_records import AliasRecord, FunctionVersion
from ...aws.qualifiers import version_order
from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ..bindings import (
    ALIASES_TABLE_BINDINGS,
    FUNCTION_BINDINGS,
    FUNCTION_CODE_BINDINGS,
    FUNCTION_DURABLE_BINDINGS,
    FUNCTION_EDIT_BINDINGS,
    FUNCTION_MONITOR_BINDINGS,
    FUNCTION_TUNE_BINDINGS,
    QUALIFIER_TABLE_BINDINGS,
    VERSIONS_TABLE_BINDINGS,
)
from ..code.pane import CodePane
from ..release.actions import ReleaseActions
from ..render.config import qualified_arn
from ..render.fields import Field
from ..render.metrics import metric_features
from ..render.values import relative_time, short_sha
from ..widgets.field_table import FieldTable
from ..widgets.footer import KeyFooter
from ..widgets.monitor import MonitorPane
from ..widgets.panes import Outcome, cancel_calls, load_details, start_calls
from ..widgets.status import target_text
from ..widgets.virtual_table import Column, VirtualTable
from .base import AppScreen

LATEST = "$LATEST"


def version_columns(now_fn: Callable[[], datetime]) -> list[Column[FunctionVersion]]:
    return [
        Column(
            "version",
            "VERSION",
            lambda v: v.version,
            width=17,  # $LATEST.PUBLISHED
            sort_key=lambda v: version_order(v.version),
        ),
        Column(
            "modified",
            "MODIFIED",
            lambda v: relative_time(v.last_modified, now_fn()),
            width=10,  # '2026-11-28' past a week
            sort_key=lambda v: v.last_modified,
            volatile=True,
        ),
        Column(
            "memory",
            "MEM",
            lambda v: str(v.memory_mb),
            width=5,
            align="right",
            sort_key=lambda v: v.memory_mb,
        ),
        Column("sha", "CODE SHA256", lambda v: short_sha(v.code_sha256), width=12),
        Column("description", "DESCRIPTION", lambda v: v.description, min_width=10),
    ]


def alias_columns() -> list[Column[AliasRecord]]:
    return [
        Column("name", "ALIAS", lambda a: a.name, width=14),
        Column("target", "ROUTES TO", lambda a: a.routing_label, min_width=16),
        Column("description", "DESCRIPTION", lambda a: a.description, min_width=10),
    ]


class QualifierTable(VirtualTable[Any]):
    """Versions or aliases; `enter` makes the highlighted one the qualifier."""

    BINDINGS = QUALIFIER_TABLE_BINDINGS


class VersionsTable(QualifierTable):
    """The Versions tab: publish, delete a version, undo a release (``release.actions``)."""

    BINDINGS = VERSIONS_TABLE_BINDINGS


class AliasesTable(QualifierTable):
    """The Aliases tab: new, edit, delete, shift traffic, undo (``release.actions``)."""

    BINDINGS = ALIASES_TABLE_BINDINGS


class FunctionScreen(ReleaseActions, AppScreen[None]):
    """Versions and aliases of one function, and the qualifier later actions use."""

    BINDINGS = (
        FUNCTION_BINDINGS
        + FUNCTION_DURABLE_BINDINGS
        + FUNCTION_EDIT_BINDINGS
        + FUNCTION_MONITOR_BINDINGS
        + FUNCTION_CODE_BINDINGS
        + FUNCTION_TUNE_BINDINGS
    )
    qualifier: reactive[str] = reactive(LATEST)

    def __init__(self, function: FunctionSummary) -> None:
        super().__init__()
        self.function = function
        self.qualifier_detail = ""
        #: The versions the qualifier routes to, when it is an alias (its metrics by version).
        self.qualifier_versions: tuple[str, ...] = ()
        # The detail calls leave now, while the screen composes and paints.
        self._calls: dict[str, Any] | None = start_calls(self.app, function, None)
        self._in_flight: dict[str, Any] = {}
        self._reload_on_resume = False
        #: Whether GetFunction says the function is durable (None: not known yet).
        self.durable: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="function-header", markup=False)
        with TabbedContent(id="function-tabs", initial="configuration"):
            with TabPane("1 Configuration", id="configuration"):
                yield FieldTable(id="configuration-table")
            with TabPane("2 Triggers", id="triggers"):
                yield FieldTable(id="triggers-table", label_width=26)
            with TabPane("3 Versions", id="versions"):
                yield VersionsTable(
                    version_columns(self.app.age_now),
                    row_key=lambda v: v.version,
                    empty_text="Loading versions…",
                    id="versions-table",
                )
            with TabPane("4 Aliases", id="aliases"):
                yield AliasesTable(
                    alias_columns(),
                    row_key=lambda a: a.name,
                    empty_text="Loading aliases…",
                    id="aliases-table",
                )
            with TabPane("m Monitoring", id="monitoring"):
                yield MonitorPane(id="monitoring-pane")
            with TabPane("c Code", id="code"):
                yield CodePane(id="code-pane")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self._render_header()
        self.query_one("#configuration-table", VirtualTable).focus()
        self.load()
        self._target_monitor()

    def show(self, function: FunctionSummary) -> None:
        """Reuse this (installed) screen for ``function``: no compose, the calls leave now."""
        cancel_calls(self._in_flight)
        self._in_flight = {}
        self.function = function
        self.qualifier_detail = ""
        self.qualifier_versions = ()
        self.durable = None
        self.set_reactive(FunctionScreen.qualifier, LATEST)
        self._calls = start_calls(self.app, function, None)
        if not self.is_mounted:
            return
        for table_id in ("versions-table", "aliases-table"):
            self.query_one(f"#{table_id}", VirtualTable).set_rows([])
        for table_id in ("configuration-table", "triggers-table"):
            self.query_one(f"#{table_id}", FieldTable).clear_sections()
        self.query_one(TabbedContent).active = "configuration"
        self.query_one("#configuration-table", VirtualTable).focus()
        self._render_header()
        self._target_monitor()
        self._reload_on_resume = True

    def on_screen_resume(self) -> None:
        # Pushed again for another function: fill it now (the calls left in ``show``).
        if self._reload_on_resume:
            self._reload_on_resume = False
            self.load()
        active = self.query_one(TabbedContent).active
        if active == "monitoring":
            self.monitor.shown()
        elif active == "code":
            self.code.shown()

    # -- monitoring ------------------------------------------------------------------------

    @property
    def monitor(self) -> MonitorPane:
        return self.query_one(MonitorPane)

    @property
    def code(self) -> CodePane:
        return self.query_one(CodePane)

    def _target_monitor(self) -> None:
        """The monitoring and code panes follow the function and qualifier (and the metrics
        an alias's versions)."""
        self.monitor.set_target(
            self.function, self.api_qualifier, self.qualifier_versions, self._metric_features
        )
        self.code.set_target(self.function, self.api_qualifier)

    async def _metric_features(self) -> tuple[str, ...]:
        """Which optional metrics apply, from the calls the view made for its panes (a call
        that failed or was cancelled counts as nothing configured). Those calls have
        usually answered by then: their results are read without waiting, so the metrics
        request leaves at once."""
        results: dict[str, Any] = {}
        for action, worker in list(self._in_flight.items()):
            if worker.state is WorkerState.SUCCESS:
                results[action] = worker.result[0] if worker.result else None
                continue
            try:
                results[action] = (await worker.wait())[0]
            except Exception:  # cancelled or failed: the panes say why
                results[action] = None
        return metric_features(
            self.api_qualifier,
            detail=results.get("GetFunction"),
            concurrency=results.get("GetFunctionConcurrency"),
            async_config=results.get("GetFunctionEventInvokeConfig"),
            mappings=results.get("ListEventSourceMappings") or (),
            policy=results.get("GetPolicy") or (),
        )

    def load(self) -> None:
        self.load_details()
        self.load_versions()
        self.load_aliases()

    @property
    def api_qualifier(self) -> str | None:
        """The qualifier as the API takes it: None for $LATEST."""
        return None if self.qualifier == LATEST else self.qualifier

    def load_details(self) -> None:
        """Configuration and triggers for the current qualifier, each section on its own."""
        qualifier = self.api_qualifier
        if self._calls is None:
            self._calls = start_calls(self.app, self.function, qualifier)
        calls, self._calls = self._calls, None
        cancel_calls(self._in_flight)  # another qualifier, or a refresh: drop the old answers
        config = self.query_one("#configuration-table", FieldTable)
        triggers = self.query_one("#triggers-table", FieldTable)
        now = self.app.age_now()
        load_details(config, triggers, calls, self.function, qualifier, now)
        self._in_flight = calls
        self._learn_kind(calls["GetFunction"])

    @work(exclusive=True, group="kind", name="GetFunction", exit_on_error=False)
    async def _learn_kind(self, call: Worker[Outcome]) -> None:
        """GetFunction answered: a durable function shows its executions key (x)."""
        detail, error = await call.wait()
        if error is None:
            configuration = detail.raw.get("Configuration") or {}
            self.durable = bool(configuration.get("DurableConfig"))
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "executions":
            return bool(self.durable)  # hidden until GetFunction says it is durable
        return True

    def action_executions(self) -> None:
        """The durable function's executions at the current qualifier."""
        if self.durable is False:
            self.notify(
                f"{one_line(self.function.name)} is not a durable function (no DurableConfig).",
                markup=False,
            )
            return
        from .durable import ExecutionsScreen

        self.app.push_screen(ExecutionsScreen(self.function, self.api_qualifier))

    def on_screen_suspend(self) -> None:
        self.monitor.hidden()  # no refreshes under another screen
        self.code.hidden()
        if self.app.screen is not self and self not in self.app.screen_stack:
            cancel_calls(self._in_flight)  # left for the list: nobody waits for these

    def on_unmount(self) -> None:
        cancel_calls(self._in_flight)

    @work(exclusive=True, group="versions", name="ListVersionsByFunction", exit_on_error=False)
    async def load_versions(self) -> None:
        gateway = self.app.gateway
        await self._fill("#versions-table", gateway.list_versions, "No versions")

    @work(exclusive=True, group="aliases", name="ListAliases", exit_on_error=False)
    async def load_aliases(self) -> None:
        gateway = self.app.gateway
        empty = "No aliases (publish a version and create one)"
        await self._fill("#aliases-table", gateway.list_aliases, empty)

    async def _fill(
        self, selector: str, fetch: Callable[[str], Awaitable[Sequence[Any]]], empty: str
    ) -> None:
        """Fetch this function's rows into a table; a failure shows in the table itself."""
        # The open tab's sections first: versions and aliases wait for their calls to land.
        calls = [call.wait() for call in self._in_flight.values()]
        await asyncio.gather(*calls, return_exceptions=True)
        table = self.query_one(selector, VirtualTable)
        try:
            rows = await fetch(self.function.name)
        except GatewayError as exc:
            table.empty_text = f"{exc.title}: {exc.message}"
            table.set_rows([])
            self.app.show_error(exc)
            return
        table.empty_text = empty
        table.set_rows(rows)

    # -- header and qualifier ------------------------------------------------------------

    def watch_qualifier(self, old: str, new: str) -> None:
        self._render_header()
        if old != new and self.is_mounted:
            self.load_details()
            self._target_monitor()

    def show_target(self) -> None:
        """The app's target changed in place (read-only turned on or off)."""
        self._render_header()

    def _render_header(self) -> None:
        fn = self.function
        detail = f" ({self.qualifier_detail})" if self.qualifier_detail else ""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(
            f"λ {one_line(fn.name)} │ qualifier: {self.qualifier}{detail} │ "
            f"{fn.runtime_label} · {fn.memory_mb} MB · {fn.timeout_s}s\n",
            "bold",
        )
        app = self.app
        text.append_text(target_text(app.target, app.account, demo=app.demo))
        self.query_one("#function-header", Static).update(text)

    def _use(self, qualifier: str, detail: str = "", versions: tuple[str, ...] = ()) -> None:
        changed = versions != self.qualifier_versions
        self.qualifier_detail = detail
        self.qualifier_versions = versions
        if changed and qualifier == self.qualifier:
            self._target_monitor()
        self.qualifier = qualifier
        self._render_header()
        self.notify(f"Qualifier: {qualifier}{f' ({detail})' if detail else ''}", markup=False)

    @on(VirtualTable.Selected, "#versions-table")
    def _version_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self._use(event.row.version)

    @on(VirtualTable.Selected, "#aliases-table")
    def _alias_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        alias: AliasRecord = event.row
        versions = (alias.function_version, *(v for v, _ in alias.additional_weights))
        self._use(alias.name, one_line(alias.routing_label), versions)

    def action_clear_qualifier(self) -> None:
        self._use(LATEST)

    async def action_show_tab(self, tab: str) -> None:
        if tab == "monitoring" and self.monitor.shown():
            # Its request leaves before the tab is laid out: the worker's start, signing and
            # the HTTP write each take a turn of the event loop, and the layout and paint,
            # once begun, hold it for ~20 ms (CloudWatch answers meanwhile, not after).
            for _ in range(3):
                await asyncio.sleep(0)
        self.query_one(TabbedContent).active = tab
        self._focus_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        if tab != "monitoring":
            self.monitor.hidden()
        if tab != "code":
            self.code.hidden()
        if tab == "monitoring":
            self.monitor.focus()
            self.monitor.shown()
        elif tab == "code":
            self.code.file_tree.focus()
            self.code.shown()
        else:
            self.query_one(f"#{tab}-table", VirtualTable).focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if pane is not None and pane.id:
            self._focus_tab(pane.id)

    @on(VirtualTable.Selected, "#configuration-table, #triggers-table")
    def _field_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        field: Field = event.row
        if field.raw is None:
            from .field_detail import FieldDetailScreen

            table = event.control
            section = [f for f in table.visible_rows() if f.index == field.index]
            self.app.push_screen(FieldDetailScreen(field, section))
            return
        from .raw_json import RawJsonScreen

        self.app.push_screen(RawJsonScreen(f"{field.section}: {field.label}", field.raw))

    def action_copy(self) -> None:
        """Copy the selected field's value (configuration, triggers) or the ARN."""
        focused = self.focused
        if isinstance(focused, FieldTable):
            field = focused.cursor_row
            if field is not None and not field.heading and field.value:
                if field.masked:
                    self.notify("Reveal the values (v) before copying one", markup=False)
                    return
                self._copy(field.value, field.label or field.section)
                return
        self._copy(qualified_arn(self.function.arn, self.api_qualifier), "ARN")

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {one_line(what, 40)}: {one_line(text, 60)}", markup=False)

    def action_reveal(self) -> None:
        table = self.query_one("#configuration-table", FieldTable)
        table.reveal(not table.revealed)
        state = "shown" if table.revealed else "masked"
        self.notify(f"Environment values {state} (this view only)", markup=False)

    def action_refresh(self) -> None:
        self.load()
        if self.monitor.showing:
            self.monitor.refresh_now()
        if self.code.showing:
            self.code.refresh_now()

    @on(CodePane.CompareAsked)
    def _compare(self, event: CodePane.CompareAsked) -> None:
        """Pick the other side among $LATEST and the versions and aliases shown here."""
        event.stop()
        from ..code.diff_screen import CompareScreen, PickSideScreen

        this = event.qualifier or LATEST
        versions = sorted(
            self.query_one("#versions-table", VirtualTable).rows(),
            key=lambda v: version_order(v.version),
        )
        aliases = self.query_one("#aliases-table", VirtualTable).rows()
        choices = [(LATEST, "")]
        choices += [(v.version, one_line(v.description)) for v in versions if v.version != LATEST]
        choices += [(a.name, f"alias → {one_line(a.routing_label)}") for a in aliases]
        choices = [c for c in choices if c[0] != this]
        if not choices:
            self.notify("Nothing to compare with: no versions or aliases yet", markup=False)
            return
        function = event.function

        def picked(other: str | None) -> None:
            if other:
                self.app.push_screen(CompareScreen(function, old=other, new=this))

        self.app.push_screen(PickSideScreen(this, choices), picked)

    def action_logs(self) -> None:
        """Follow this function's logs, narrowed to the current qualifier's streams."""
        from .logs import LogsScreen

        self.app.push_screen(LogsScreen(self.function, self.api_qualifier))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_invoke(self) -> None:
        from ..invoke.screen import InvokeScreen

        self.app.push_screen(InvokeScreen(self.function, self.qualifier))

    def action_edit(self) -> None:
        """Edit this function's settings (and the selected version's or alias's)."""
        from ..edit.screen import EditScreen

        self.app.push_screen(EditScreen(self.function, self.api_qualifier), self._edited)

    def action_tune(self) -> None:
        """Measure speed and cost at several memory sizes (``ui/tune``)."""
        from ..tune.form import open_form

        open_form(self, self.function)

    def action_revert(self) -> None:
        """Offer to undo this function's last journaled change."""
        from ..edit.screen import revert_screen

        screen = revert_screen(self.app, self.function)
        if screen is not None:
            self.app.push_screen(screen, self._edited)

    def _edited(self, function: FunctionSummary | None) -> None:
        """A change was applied: show the function as it is now, and so does the list below
        (its row's memory, timeout and MODIFIED age)."""
        if function is not None:
            self.function = function
            self._render_header()
            self.load()
            from .functions import FunctionListScreen

            for screen in self.app.screen_stack:
                if isinstance(screen, FunctionListScreen):
                    screen.action_refresh()
