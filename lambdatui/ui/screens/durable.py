"""A durable function's executions, and one execution: status, input, result or error, and its
step history as a timeline. `s` stops a running one (see ``durable_stop``)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from ...aws.durable_gateway import (
    STATUSES,
    DurableExecution,
    ExecutionDetail,
    TimelineEntry,
    execution_name,
    timeline,
    version_of,
)
from ...aws.errors import GatewayError
from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ..bindings import (
    EXECUTION_BINDINGS,
    EXECUTIONS_BINDINGS,
    EXECUTIONS_TABLE_BINDINGS,
    TIMELINE_TABLE_BINDINGS,
)
from ..render.durable import execution_columns, status_word, summary_text, timeline_columns
from ..widgets.footer import KeyFooter
from ..widgets.status import target_text
from ..widgets.virtual_table import VirtualTable
from .base import AppScreen
from .durable_stop import offer_stop

if TYPE_CHECKING:
    from ..app import LambdaTUI

#: `f` cycles through these ("" is every status).
STATUS_FILTERS = ("", *STATUSES)
#: `b` cycles through these: (label, how far back; None is any time).
SINCE_FILTERS: tuple[tuple[str, timedelta | None], ...] = (
    ("any time", None),
    ("last hour", timedelta(hours=1)),
    ("last day", timedelta(days=1)),
    ("last week", timedelta(days=7)),
)


def _header(function: FunctionSummary, where: str, app: LambdaTUI) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"λ {one_line(function.name)} │ {where}\n", style="bold")
    text.append_text(target_text(app.target, app.account, demo=app.demo))
    return text


class ExecutionTable(VirtualTable[DurableExecution]):
    BINDINGS = EXECUTIONS_TABLE_BINDINGS


class TimelineTable(VirtualTable[TimelineEntry]):
    BINDINGS = TIMELINE_TABLE_BINDINGS


class ExecutionsScreen(AppScreen[None]):
    """The function's durable executions, newest first, filtered by status and start time."""

    BINDINGS = EXECUTIONS_BINDINGS

    def __init__(self, function: FunctionSummary, qualifier: str | None = None) -> None:
        super().__init__()
        self.function = function
        self.qualifier = None if qualifier in (None, "", "$LATEST") else qualifier
        self.status = ""
        self.since = 0
        self.more = False

    def compose(self) -> ComposeResult:
        yield Static("", id="durable-header", markup=False)
        yield ExecutionTable(
            execution_columns(self.app.age_now),
            row_key=lambda e: e.arn,
            empty_text="Loading executions…",
            sort_column="started",
            sort_reverse=True,
            id="executions-table",
        )
        yield KeyFooter(show_command_palette=False)

    @property
    def table(self) -> ExecutionTable:
        return self.query_one(ExecutionTable)

    def on_mount(self) -> None:
        self._render_header()
        self.table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.is_mounted and self.table.total_count:
            self.load()  # back from an execution: its status may have moved on

    def show_target(self) -> None:
        self._render_header()

    def _filters_label(self) -> str:
        status = status_word(self.status) if self.status else "all statuses"
        label = f"{status}, started {SINCE_FILTERS[self.since][0]}"
        if self.more:
            label += f" · newest {self.table.total_count} shown"
        return label

    def _render_header(self) -> None:
        where = "durable executions"
        if self.qualifier:
            where += f" of {one_line(self.qualifier)}"
        where += f" │ {self._filters_label()}"
        self.query_one("#durable-header", Static).update(_header(self.function, where, self.app))

    @work(
        exclusive=True,
        group="executions",
        name="ListDurableExecutionsByFunction",
        exit_on_error=False,
    )
    async def load(self) -> None:
        gateway = self.app.gateway
        back = SINCE_FILTERS[self.since][1]
        after = datetime.now(UTC) - back if back is not None else None
        table = self.table
        try:
            rows, self.more = await gateway.list_durable_executions(
                self.function.name,
                self.qualifier,
                statuses=[self.status] if self.status else [],
                started_after=after,
            )
        except GatewayError as exc:
            table.empty_text = f"{exc.title}: {exc.message}"
            table.set_rows([])
            self.app.show_error(exc)
            return
        filtered = bool(self.status) or back is not None
        table.empty_text = (
            "No execution matches (f: status, b: started)"
            if filtered
            else "No executions yet: invoking the function (a version or alias) starts one"
        )
        table.set_rows(rows)
        self._render_header()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            row = self.table.cursor_row if self.is_mounted else None
            return row is not None and row.running
        return True

    @on(VirtualTable.Highlighted, "#executions-table")
    def _highlighted(self) -> None:
        self.refresh_bindings()  # Stop: shown on a running execution only

    def action_cycle_status(self) -> None:
        self.status = STATUS_FILTERS[(STATUS_FILTERS.index(self.status) + 1) % len(STATUS_FILTERS)]
        self._render_header()
        self.load()

    def action_cycle_since(self) -> None:
        self.since = (self.since + 1) % len(SINCE_FILTERS)
        self._render_header()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(VirtualTable.Selected, "#executions-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.app.push_screen(ExecutionScreen(self.function, event.row))

    def action_stop(self) -> None:
        row = self.table.cursor_row
        if row is not None:
            offer_stop(self, self.function, row, self.load)


class ExecutionScreen(AppScreen[None]):
    """One execution: its status, input, result or error, and its step timeline."""

    BINDINGS = EXECUTION_BINDINGS

    def __init__(self, function: FunctionSummary, execution: DurableExecution) -> None:
        super().__init__()
        self.function = function
        self.execution = execution
        self.detail: ExecutionDetail | None = None

    @classmethod
    def for_arn(cls, function: FunctionSummary, arn: str) -> ExecutionScreen:
        """The execution an ARN names (e.g. the one an invocation started)."""
        function_arn = arn.split("/durable-execution/", 1)[0]
        execution = DurableExecution(
            arn=arn, name=execution_name(arn), function_arn=function_arn, status="", started=None
        )
        return cls(function, execution)

    def compose(self) -> ComposeResult:
        yield Static("", id="durable-header", markup=False)
        yield Static("", id="execution-summary", markup=False)
        yield TimelineTable(
            timeline_columns(self._origin),
            row_key=lambda r: r.key,
            empty_text="Reading the history…",
            sort_column="started",
            id="timeline-table",
        )
        yield KeyFooter(show_command_palette=False)

    def _origin(self) -> datetime | None:
        return self.execution.started

    def on_mount(self) -> None:
        self._paint()
        self.query_one(TimelineTable).focus()
        self.load()

    def show_target(self) -> None:
        self._paint()

    def _paint(self) -> None:
        version = self.execution.version or version_of(self.execution.function_arn)
        where = f"execution {one_line(self.execution.name)}"
        if version:
            where += f" │ version {one_line(version)}"
        header = _header(self.function, where, self.app)
        self.query_one("#durable-header", Static).update(header)
        now = self.app.age_now()
        summary = summary_text(self.detail, self.execution, now)
        self.query_one("#execution-summary", Static).update(summary)

    @work(exclusive=True, group="execution", name="GetDurableExecution", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.app.gateway
        table = self.query_one(TimelineTable)
        detail, events = await asyncio.gather(
            gateway.get_durable_execution(self.execution.arn),
            gateway.get_durable_history(self.execution.arn),
            return_exceptions=True,
        )
        if isinstance(detail, ExecutionDetail):
            self.detail = detail
            self.execution = detail.execution
        elif isinstance(detail, GatewayError):
            self.app.show_error(detail)
        elif isinstance(detail, BaseException):
            raise detail
        if isinstance(events, GatewayError):
            table.empty_text = f"{events.title}: {events.message}"
            table.set_rows([])
        elif isinstance(events, BaseException):
            raise events
        else:
            table.empty_text = "No step yet"
            table.set_rows(timeline(events))
        self._paint()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return self.execution.running
        if action == "data":
            return self.detail is not None
        return True

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_stop(self) -> None:
        offer_stop(self, self.function, self.execution, self.load)

    def action_data(self) -> None:
        from .raw_json import RawJsonScreen

        if self.detail is not None:
            title = f"Execution {self.execution.name}: GetDurableExecution"
            self.app.push_screen(RawJsonScreen(title, self.detail.raw))

    @on(VirtualTable.Selected, "#timeline-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        from .raw_json import RawJsonScreen

        event.stop()
        row: TimelineEntry = event.row
        self.app.push_screen(RawJsonScreen(f"{row.name}: history events", list(row.events)))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.execution.arn)
        self.notify(f"Copied ARN: {one_line(self.execution.arn, 60)}", markup=False)
