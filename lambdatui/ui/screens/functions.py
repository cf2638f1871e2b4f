"""The function list: every function of the target, streamed page by page, filtered as you type."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult

from ...aws.records import FunctionSummary
from ...filtering import Filter
from ...sanitize import clean, one_line
from ...store import cache
from ...store import state as saved_state
from ..bindings import (
    FUNCTION_LIST_BINDINGS,
    FUNCTION_LIST_CAPACITY_BINDINGS,
    FUNCTION_LIST_EDIT_BINDINGS,
    FUNCTION_LIST_FLEET_BINDINGS,
    FUNCTION_LIST_METRICS_BINDINGS,
    FUNCTION_TABLE_BINDINGS,
)
from ..render.values import format_age, function_haystack, relative_time, state_label
from ..widgets.footer import KeyFooter
from ..widgets.status import StatusLine
from ..widgets.table_lines import cell_width
from ..widgets.table_model import TableModel
from ..widgets.virtual_table import Column, VirtualTable
from .base import AppScreen, paint_now
from .list_filter import filter_narrows

if TYPE_CHECKING:
    from ..widgets.filter_bar import FilterBar
    from .list_metrics import ListMetrics

NAME_WIDTH = 40
"""The widest the NAME column gets; a longer name is cut with "…"."""


def function_columns(now_fn: Callable[[], datetime]) -> list[Column[FunctionSummary]]:
    return [
        # Fitted to the longest name loaded, up to 40 (names go to 64): enter shows it whole.
        Column("name", "NAME", lambda f: f.name, fit=NAME_WIDTH, min_width=20),
        Column("runtime", "RUNTIME", lambda f: f.runtime_label, fit=18, min_width=10),
        Column(
            "memory",
            "MEM",
            lambda f: str(f.memory_mb),
            width=5,
            align="right",
            sort_key=lambda f: f.memory_mb,
        ),
        Column(
            "timeout",
            "TMO",
            lambda f: str(f.timeout_s),
            width=3,
            align="right",
            sort_key=lambda f: f.timeout_s,
        ),
        Column(
            "modified",
            "MODIFIED",
            lambda f: relative_time(f.last_modified, now_fn()),
            width=10,  # '2026-11-28' past a week
            sort_key=lambda f: f.last_modified,
            newest_first=True,  # sorting by it asks what changed lately
            volatile=True,
        ),
        # Narrow while every function is Active (no text); when short, at least 11:
        # "Deactivated" whole, and "Deactivating" (Deactivati…) still told apart from it
        Column("state", "STATE", state_label, fit=18, min_width=11),  # ActiveNonInvocable
        Column("arch", "ARCH", lambda f: f.architecture, width=6),
        # The rest of the width. Hidden when narrower than 10 (at 80 columns): enter, then
        # enter on Description reads it
        Column("description", "DESCRIPTION", lambda f: f.description, min_width=4, hide_below=10),
    ]


FUNCTION_SCREEN = "function"

HEAD_ROWS = 150
"""The cached rows read before the first frame (`cache.load_head`): a tall terminal's screen."""


def cache_head(
    functions: Sequence[FunctionSummary], now_fn: Callable[[], datetime]
) -> tuple[list[FunctionSummary], dict[str, int]]:
    """The list's first screen as a new list shows it: its first rows (`HEAD_ROWS`) in its
    initial order, and its fitted columns' widths over all the rows (the metrics columns,
    when on, are not fitted). What the cache saves as its head, for the next start to paint
    at once."""
    model = TableModel(function_columns(now_fn), row_key=lambda f: f.name, measure=cell_width)
    model.set_rows(functions)
    return model.visible_rows()[:HEAD_ROWS], model.fitted_widths()


class FunctionTable(VirtualTable[FunctionSummary]):
    """The function list; `enter` opens the highlighted function."""

    BINDINGS = FUNCTION_TABLE_BINDINGS


def _count(n: int) -> str:
    return f"{n:,} function" + ("" if n == 1 else "s")


class FunctionListScreen(AppScreen[None]):
    """The first screen: all functions, a status line and a filter box."""

    BINDINGS = (
        FUNCTION_LIST_BINDINGS
        + FUNCTION_LIST_EDIT_BINDINGS
        + FUNCTION_LIST_CAPACITY_BINDINGS
        + FUNCTION_LIST_FLEET_BINDINGS
        + FUNCTION_LIST_METRICS_BINDINGS
    )
    AUTO_FOCUS = "#functions"

    def __init__(self) -> None:
        super().__init__()
        self._filter = Filter("", None)
        self._stale = False
        #: The cached list's first screen is shown (`_show_cached`), its rest still to come.
        self._previewing = False
        self._functions_failed = False  # then an identity error stays quiet: one is enough
        #: The start-up child's first page is awaited: the frame that matters is the one with
        #: its rows, so the app's deferred work waits for that frame (`_first_rows_drawn`).
        self._awaiting_rows = False
        #: What the status line counts: all functions, and what follows the count.
        self._progress: tuple[int, str] = (0, "")
        #: The metrics columns (`m`), made the first time they are on.
        self._metrics: ListMetrics | None = None

    def compose(self) -> ComposeResult:
        app = self.app
        yield StatusLine(app.target, demo=app.demo, id="status")
        yield FunctionTable(
            self._list_columns(),
            row_key=lambda f: f.name,
            search_text=function_haystack,
            empty_text="No functions",
            id="functions",
        )
        yield KeyFooter(show_command_palette=False)

    @property
    def table(self) -> VirtualTable[FunctionSummary]:
        return self.query_one("#functions", VirtualTable)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def show_target(self) -> None:
        """The app's target changed in place (read-only turned on or off)."""
        self.status.target = self.app.target
        self.status.refresh_text()

    def on_mount(self) -> None:
        if self.app.use_cache:
            cached = cache.load_head(self.app.target.cache_key)
            if cached is not None:
                self._show_cached(cached)
        startup = self.app.startup
        if startup is not None:
            self.status.set(progress="starting the demo account…")
            self.run_startup(startup)
        elif self.app.first_pages is not None:
            self._awaiting_rows = True
            self.load_functions()  # from the start-up child: no SDK in this process for it
        else:
            # after the first paint: the SDK's import (in a thread) would share the GIL with it
            self.app.after_first_frame(self.start_loading)

    def _show_cached(self, cached: cache.CachedList) -> None:
        """The cached list, stale until the refresh: its first screen now, when the cache has
        one (`cache.load_head`), and the rest once that frame is on the terminal."""
        table = self.table
        if not cached.partial:
            table.set_rows(cached.functions)
        elif table.show_preview(cached.functions, cached.widths, cached.total):
            self._previewing = True
            self.app.after_first_frame(partial(self._show_whole, cached))
        else:  # the columns are not the ones it was saved with: measure them now
            table.set_rows(cached.whole() or cached.functions)
        self._stale = True
        age = format_age(int(time.time() - cached.saved_at))
        self.status.set(account=cached.account or None)
        self._set_progress(cached.total, f" (cached {age}), refreshing…")

    def _show_whole(self, cached: cache.CachedList) -> None:
        """Every cached row in place of the first screen's (unless the refresh came first)."""
        if not self._previewing:
            return
        self._previewing = False
        functions = cached.whole()
        if functions is None:  # the rest is unreadable: the first screen's rows, as they are
            functions = cached.functions
            self._set_progress(len(functions), *self._progress[1:])
        self.table.set_rows(functions)

    def start_loading(self) -> None:
        self.load_functions()  # first: its client is created first, so rows come sooner
        self.load_identity()

    @work(thread=True, group="startup", name="start demo account", exit_on_error=False)
    def run_startup(self, startup: Callable[[], object]) -> None:
        """The app's blocking set-up (the embedded demo account), off the event loop."""
        app = self.app
        try:
            startup()
        except Exception as exc:  # the demo failed to start: say so, never a traceback
            app.call_from_thread(
                app.notify,
                clean(f"The demo account did not start: {exc}"),
                severity="error",
                markup=False,
            )
            return
        app.startup = None
        app.call_from_thread(self.load_functions)
        app.call_from_thread(self.load_identity)

    # -- loading -------------------------------------------------------------------------

    @work(exclusive=True, group="identity", name="GetCallerIdentity", exit_on_error=False)
    async def load_identity(self) -> None:
        from ...aws.errors import GatewayError  # (its ~1.4 ms of imports: after the first frame)

        gateway = await self.app.gateway_ready()
        try:
            identity = await gateway.identity()
        except GatewayError as exc:
            self.status.set(account="account ?")
            if not self._functions_failed:
                self.app.show_error(exc)
            return
        self.status.set(account=identity.account)

    @work(exclusive=True, group="functions", name="ListFunctions", exit_on_error=False)
    async def load_functions(self) -> None:
        """Stream ListFunctions into the table; with a list already shown, swap at the end."""
        from ...aws.errors import GatewayError  # (its ~1.4 ms of imports: after the first frame)

        table = self.table
        streaming = table.total_count == 0
        fresh: list[FunctionSummary] = []
        if not self._stale:
            self.status.set(progress="loading…")
        marker, whole, retried, waited = None, False, 0, 0.0
        first_pages, self.app.first_pages = self.app.first_pages, None
        if first_pages is not None:
            try:
                async for page in first_pages.pages(first_shown=self._first_rows_drawn):
                    fresh.extend(page)
                    if streaming:
                        table.add_rows(page)
                        self._set_progress(len(fresh), ", loading…")
                        if len(fresh) == len(page):
                            paint_now(self)  # not at the next frame tick
                    if len(fresh) == len(page):  # the first page is on screen: now the SDK
                        self.call_after_refresh(self.load_identity)
            finally:  # no rows (the child failed), or this load was cancelled
                self._first_rows_drawn_or_none()
            marker, whole = first_pages.marker, not first_pages.failed
            # the child never retries: the page it failed on is asked again by the gateway
            # below, which is a retry the status line counts like the gateway's own
            retried = int(first_pages.failed)
            if not fresh:
                self.load_identity()
        try:
            if not whole:  # no child, or it stopped: the gateway goes on (and reports why)
                gateway = await self.app.gateway_ready()
                before = gateway.retried["ListFunctions"] - retried  # this load's apart
                waited_before = gateway.waited["ListFunctions"]
                async for page in gateway.iter_functions(marker=marker):
                    fresh.extend(page)
                    if streaming:
                        table.add_rows(page)
                        retried = gateway.retried["ListFunctions"] - before
                        waited = gateway.waited["ListFunctions"] - waited_before
                        self._set_progress(len(fresh), f"{_retries(retried, waited)}, loading…")
                retried = gateway.retried["ListFunctions"] - before
                waited = gateway.waited["ListFunctions"] - waited_before
        except GatewayError as exc:
            self._functions_failed = True
            note = f"{exc.title}: {exc.message}"
            if self._stale:
                note = "stale list · " + note
            self._set_progress(table.total_count, note=note)
            self.app.show_error(exc)
            return
        self._functions_failed = False
        if not streaming:
            self._previewing = False
            table.set_rows(fresh)
        self._stale = False
        self._set_progress(len(fresh), note=_retries_note(retried, waited))
        # Thousands of long-lived records: keep full GC passes (tens of ms) off keystrokes.
        gc.freeze()
        self.save_cache(fresh)

    async def _first_rows_drawn(self) -> None:
        """The start-up child's first page is painted: now the app's deferred work."""
        await self._painted()
        self._first_rows_drawn_or_none()

    def _first_rows_drawn_or_none(self) -> None:
        """The first frame that matters is drawn: the one with the child's first rows, or the
        empty one when the child had none (it failed; the gateway goes on).

        The app's work deferred to its first frame (the later stylesheet rules, the collector,
        offers that read files; ~25 ms, `LambdaTUI._first_frame_shown`) would otherwise run
        right after the empty list's frame, just as the child's page arrives, which then waits
        for it, and for the paint it delays."""
        if self._awaiting_rows:
            self._awaiting_rows = False
            self.app.first_frame_drawn()

    async def _painted(self) -> None:
        """Once what is on screen now has been painted."""
        import asyncio

        painted: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not painted.done():
                painted.set_result(None)

        self.call_after_refresh(done)
        await painted

    @work(thread=True, group="cache", name="save list cache", exit_on_error=False)
    def save_cache(self, functions: list[FunctionSummary]) -> None:
        app = self.app
        head, widths = cache_head(functions, app.age_now)
        try:
            cache.save_functions(
                app.target.cache_key,
                functions,
                account=self.status.account,
                head=head,
                widths=widths,
            )
        except OSError as exc:
            app.call_from_thread(
                app.notify, f"Could not write the cache: {exc}", severity="warning", markup=False
            )

    def _set_progress(self, total: int, after: str = "", note: str | None = None) -> None:
        """The status line's count: '30 functions', or '5 of 30 functions' while a filter
        shows 5 of them; then ``after`` (', loading…')."""
        self._progress = (total, after)
        count = _count(total)
        if self._filter.active:
            count = f"{self.table.visible_count:,} of {count}"
        self.status.set(progress=count + after, note=note)

    # -- actions -------------------------------------------------------------------------

    def action_refresh(self) -> None:
        if self._metrics is not None:
            self._metrics.refresh()
        self._stale = self.table.total_count > 0
        if self._stale:
            self._set_progress(self.table.total_count, ", refreshing…", note="")
        self.load_functions()
        if not self.status.account or self.status.account == "account ?":
            self.load_identity()

    def action_cycle_sort(self) -> None:
        self.table.cycle_sort()

    async def action_focus_filter(self) -> None:
        (await self._filter_bar()).open()

    async def _filter_bar(self) -> FilterBar:
        """The `/` box, made the first time it opens: its module and widget stay off the first
        frame (~1.3 ms). The keys typed after `/` wait for it (``KeyOrder``)."""
        from ..widgets.filter_bar import FilterBar

        bar = self._opened_filter_bar()
        if bar is None:
            bar = FilterBar(id="filter-bar", return_to="functions")
            await self.mount(bar, before=self.table)
        return bar

    def _opened_filter_bar(self) -> FilterBar | None:
        """The `/` box, if it was ever opened."""
        bars = self.query("#filter-bar")
        return bars.first() if bars else None  # type: ignore[return-value]

    def action_clear_filter(self) -> None:
        bar = self._opened_filter_bar()
        if bar is not None:
            bar.close()
        self.table.focus()

    def action_logs(self) -> None:
        """Follow the logs of the highlighted function."""
        from .logs import LogsScreen

        function = self.table.cursor_row
        if function is None:
            self.notify("No function selected", markup=False)
            return
        self.app.push_screen(LogsScreen(function))

    def action_copy(self) -> None:
        """Copy the highlighted function's ARN."""
        function = self.table.cursor_row
        if function is None:
            self.notify("No function selected", markup=False)
            return
        self.app.copy_to_clipboard(function.arn)
        self.notify(f"Copied ARN: {one_line(function.arn, 60)}", markup=False)

    def action_invoke(self) -> None:
        function = self.table.cursor_row
        if function is None:
            self.notify("No function selected", markup=False)
            return
        from ..invoke.screen import InvokeScreen

        self.app.push_screen(InvokeScreen(function))

    def open_function(self, function: FunctionSummary) -> None:
        """Show ``function``'s view (from the list, or the command palette)."""
        # Later, so that a command palette that asked for this has closed first.
        self.app.call_later(self._show_function, function)

    async def _show_function(self, function: FunctionSummary) -> None:
        from .function import FunctionScreen

        app = self.app
        while app.screen is not self and len(app.screen_stack) > 1:
            await app.pop_screen()  # another function's view: this one replaces it
        # One function view, installed and reused: opening a function composes nothing.
        if not app.is_screen_installed(FUNCTION_SCREEN):
            app.install_screen(FunctionScreen(function), FUNCTION_SCREEN)
        else:
            screen = app.get_screen(FUNCTION_SCREEN)
            assert isinstance(screen, FunctionScreen)
            screen.show(function)
        await app.push_screen(FUNCTION_SCREEN)

    @on(VirtualTable.Selected, "#functions")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.open_function(event.row)

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        previous, self._filter = self._filter, event.filter
        narrows = filter_narrows(previous, event.filter)
        self.table.set_text_filter(event.filter.match, narrows=narrows)
        if self._progress[0] or self.table.total_count:
            self._set_progress(*self._progress)

    def action_edit(self) -> None:
        """Edit the highlighted function's settings."""
        from ..edit.screen import EditScreen

        function = self.table.cursor_row
        if function is not None:
            self.app.push_screen(EditScreen(function), self._edited)

    def action_revert(self) -> None:
        """Offer to undo the highlighted function's last journaled change."""
        from ..edit.screen import revert_screen

        function = self.table.cursor_row
        if function is not None:
            screen = revert_screen(self.app, function)
            if screen is not None:
                self.app.push_screen(screen, self._edited)

    def action_capacity_providers(self) -> None:
        """The account's capacity providers (Lambda Managed Instances)."""
        from .capacity import CapacityProvidersScreen

        self.app.push_screen(CapacityProvidersScreen())

    def action_fleet(self) -> None:
        """The fleet view: every function of the chosen profiles × regions. It opens on the
        choice made last, else the config file's [fleet], else asks."""
        from ...store.fleet_cache import FleetChoice, load_choice
        from .fleet import FleetScreen

        config = self.app.config
        choice = load_choice()
        if choice is None and (config.fleet_profiles or config.fleet_regions):
            choice = FleetChoice(config.fleet_profiles, config.fleet_regions)
        self.app.push_screen(FleetScreen(choice))

    def _edited(self, function: FunctionSummary | None) -> None:
        """A change was applied: the list reloads to show it."""
        if function is not None:
            self.action_refresh()

    # -- the metrics columns (list_metrics.py) ------------------------------------------------

    def _list_columns(self) -> list[Column[FunctionSummary]]:
        """The list's columns, with the metrics columns if they were on last time."""
        columns = function_columns(self.app.age_now)
        if not saved_state.load().metrics_column:
            return columns
        metrics = self._list_metrics()
        self.call_later(metrics.start)
        return metrics.columns(columns)

    def _list_metrics(self) -> ListMetrics:
        if self._metrics is None:
            from .list_metrics import ListMetrics

            self._metrics = ListMetrics(self)
        return self._metrics

    def action_toggle_metrics(self) -> None:
        """Show or hide the last hour's invocations, errors and sparkline; remembered."""
        metrics = self._list_metrics()
        on = not metrics.on
        columns = function_columns(self.app.age_now)
        self.table.set_columns(metrics.columns(columns) if on else columns)
        if on:
            metrics.start()
        else:
            metrics.stop()
        self.run_worker(
            lambda: saved_state.save(replace(saved_state.load(), metrics_column=on)),
            thread=True,
            group="state",
            name="remember the metrics columns",
            exit_on_error=False,
        )

    @on(VirtualTable.SortChanged, "#functions")
    def _sort_changed(self, event: VirtualTable.SortChanged) -> None:
        if self._metrics is not None:
            self._metrics.sorted_by(event.column)

    def on_screen_resume(self) -> None:
        """Back on the list: the metrics columns catch up (AppScreen's handler runs too).
        The first time, it is the app's first frame: Textual draws the screen in its own
        handler, which runs after this one; once this message is handled, it is drawn."""
        if self._metrics is not None:
            self._metrics.soon()
        if not self._awaiting_rows:  # else once they are drawn (`_first_rows_drawn_or_none`)
            self.call_later(self.app.first_frame_drawn)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            bar = self._opened_filter_bar()
            return bool(self._filter.text) or (bar is not None and bar.display)
        return True


def _retries(retried: int, waited: float = 0.0) -> str:
    """', 2 ListFunctions requests retried' while the list loads, '' when none."""
    return f", {_retries_note(retried, waited)}" if retried else ""


def _retries_note(retried: int, waited: float = 0.0) -> str:
    """The status line's note once the list is complete: how many page requests were
    retried (AWS throttled or failed them; the SDK asked again) and how long was waited
    because AWS asked to (Retry-After), '' when none."""
    if not retried:
        return ""
    note = f"{retried} ListFunctions request{'s' if retried != 1 else ''} retried"
    if waited:
        note += f", {waited:.0f} s waited as AWS asked (Retry-After)"
    return note
