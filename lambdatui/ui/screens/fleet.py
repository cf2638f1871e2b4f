"""The fleet view: every function of the chosen profiles × regions, listed at once.

Rows stream in from ``aws.fleet.iter_fleet`` (a bounded number of pairs in flight) into the
same virtual table, filter and sort as the function list, with PROFILE, ACCOUNT and REGION
first. Each (profile, region) has its status (``PairStatus.text``): the header line sums them
up ("14 done · 1 denied · 1 loading"), `p` lists them one by one. A warm start paints the fleet
cache (marked cached) before any reply.

`enter` opens a function in its own profile and region (``PairGateways``): every screen
pushed from there (configuration, invoke, logs, edit, monitoring, code) reads the app's
target and gateway, so the fleet lends them the pair's while those screens are open, and
takes them back when the fleet is shown again.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from ...aws import fleet as fleet_states
from ...aws.fleet import FleetPage, FleetRow, PairStatus
from ...aws.target import Target
from ...filtering import Filter
from ...sanitize import one_line
from ...store import fleet_cache
from ..bindings import FLEET_BINDINGS, FLEET_TABLE_BINDINGS
from ..render.values import format_age, relative_time
from ..widgets.filter_bar import FilterBar
from ..widgets.footer import KeyFooter
from ..widgets.status import SEPARATOR
from ..widgets.virtual_table import Column, VirtualTable
from .base import AppScreen
from .fleet_pairs import PairGateways, pairs_table
from .list_filter import filter_narrows

if TYPE_CHECKING:
    from ...store.fleet_cache import FleetChoice


def fleet_columns(now_fn: Callable[[], datetime]) -> list[Column[FleetRow]]:
    return [
        # At 80 columns ACCOUNT goes first (`drop`), then MEM; the region is never cut.
        Column("profile", "PROFILE", lambda r: r.profile, fit=20, min_width=12),
        Column("account", "ACCOUNT", lambda r: r.account, width=12, drop=2),
        Column("region", "REGION", lambda r: r.region, fit=14, min_width=14),
        Column("name", "NAME", lambda r: r.function.name, fit=40, min_width=20),
        Column("runtime", "RUNTIME", lambda r: r.function.runtime_label, fit=14, min_width=10),
        Column(
            "memory",
            "MEM",
            lambda r: str(r.function.memory_mb),
            width=5,
            align="right",
            sort_key=lambda r: r.function.memory_mb,
            drop=1,
        ),
        Column(
            "modified",
            "MODIFIED",
            lambda r: relative_time(r.function.last_modified, now_fn()),
            width=10,
            sort_key=lambda r: r.function.last_modified,
            newest_first=True,
            volatile=True,
        ),
    ]


def row_key(row: FleetRow) -> str:
    return f"{row.profile}\0{row.region}\0{row.function.name}"


#: The order the header counts the states in, and the word for each.
_STATE_WORDS = (
    (fleet_states.DONE, "done"),
    (fleet_states.LOADING, "loading"),
    (fleet_states.WAITING, "waiting"),
    (fleet_states.DENIED, "denied"),
    (fleet_states.NOT_ENABLED, "not enabled"),
    (fleet_states.NO_CREDENTIALS, "credentials"),
    (fleet_states.UNREACHABLE, "unreachable"),
    (fleet_states.FAILED, "failed"),
)


def pairs_summary(statuses: list[PairStatus]) -> str:
    """One line for every pair: '14 done · 1 denied · 1 loading'."""
    counts = Counter(status.state for status in statuses)
    return " · ".join(f"{counts[state]} {word}" for state, word in _STATE_WORDS if counts[state])


class FleetTable(VirtualTable[FleetRow]):
    """The fleet's rows; `enter` opens the function in its own profile and region."""

    BINDINGS = FLEET_TABLE_BINDINGS


class FleetScreen(AppScreen[None]):
    """Every function of the chosen profiles × regions, one status per pair."""

    BINDINGS = FLEET_BINDINGS
    AUTO_FOCUS = "#fleet-table"

    def __init__(self, choice: FleetChoice | None = None) -> None:
        super().__init__()
        #: What to list; None: ask first (the fleet was never chosen).
        self.choice = choice
        self._filter = Filter("", None)
        self._statuses: dict[tuple[str, str], PairStatus] = {}
        self._targets: dict[tuple[str, str], Target] = {}
        self._cached_note = ""
        self._loading = False
        self.pairs = PairGateways(self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="fleet-status", markup=False)
        yield FilterBar(id="filter-bar", return_to="fleet-table")
        yield FleetTable(
            fleet_columns(self.app.age_now),
            row_key=row_key,
            search_text=FleetRow.haystack,
            empty_text="No functions yet",
            id="fleet-table",
        )
        yield Static("", id="fleet-pairs", markup=False)
        yield KeyFooter(show_command_palette=False)

    @property
    def table(self) -> VirtualTable[FleetRow]:
        return self.query_one("#fleet-table", VirtualTable)

    def on_mount(self) -> None:
        self.query_one(FilterBar).display = False
        self.query_one("#fleet-pairs").display = False
        if self.choice is None:
            self.call_later(self.action_choose)
            self._show_status("choose the profiles and regions to list")
            return
        self.paint_cache()
        self.load_fleet()

    # -- the header ------------------------------------------------------------------------

    def _show_status(self, note: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("fleet", "bold")
        total = self.table.total_count
        count = f"{total:,} function" + ("" if total == 1 else "s")
        if self._filter.active:
            count = f"{self.table.visible_count:,} of {count}"
        text.append(*SEPARATOR)
        text.append(count + self._cached_note)
        summary = pairs_summary(list(self._statuses.values()))
        if summary:
            text.append(*SEPARATOR)
            text.append(summary)
        if note:
            text.append(*SEPARATOR)
            text.append(one_line(note))
        if self.app.target.read_only:
            text.append(*SEPARATOR)
            text.append("READ-ONLY", "bold")
        self.query_one("#fleet-status", Static).update(text)
        pane = self.query_one("#fleet-pairs", Static)
        if pane.display:
            pane.update(pairs_table(list(self._statuses.values())))

    # -- loading ---------------------------------------------------------------------------

    def _cache_key(self) -> str:
        assert self.choice is not None
        endpoint = self.app.target.endpoint_url
        return fleet_cache.fleet_key(self.choice.profiles, self.choice.regions, endpoint)

    def paint_cache(self) -> None:
        """The fleet as it was last listed, marked cached, before any reply."""
        if not self.app.use_cache:
            return
        cached = fleet_cache.load_fleet(self._cache_key())
        if cached is None:
            return
        self.table.set_rows(cached.rows)
        self._cached_note = f" (cached {format_age(int(time.time() - cached.saved_at))})"
        self._show_status("refreshing…")

    @work(exclusive=True, group="fleet", name="list the fleet", exit_on_error=False)
    async def load_fleet(self) -> None:
        from ...aws.fleet import iter_fleet
        from ...aws.fleet_targets import choose_regions, chosen_profiles, targets_for

        assert self.choice is not None
        choice, app = self.choice, self.app
        self._loading = True
        self._show_status("finding the profiles and regions…")
        profiles = await asyncio.to_thread(chosen_profiles, choice.profiles)
        endpoint = app.target.endpoint_url
        regions = await choose_regions(profiles[0], choice.regions, endpoint_url=endpoint)
        read_only = app.target.read_only
        targets = targets_for(profiles, regions, endpoint_url=endpoint, read_only=read_only)
        self._targets = {(t.profile_label, t.region): t for t in targets}
        self._statuses = {}
        streaming = not self._cached_note
        fresh: list[FleetRow] = []
        if streaming:
            self.table.set_rows([])
        events = iter_fleet(targets, concurrency=app.config.fleet_concurrency)
        async for event in events:
            if isinstance(event, FleetPage):
                fresh.extend(event.rows)
                if streaming:
                    # Pages of many pairs interleave: a cursor on the first row stays on the
                    # first row (not on the row that came first, pushed down the list).
                    on_top = self.table.cursor_index == 0
                    self.table.add_rows(event.rows)
                    if on_top:
                        self.table.action_first()
            else:
                self._statuses[event.key] = event
            self._show_status("refreshing…" if not streaming else "")
        if not streaming:
            self.table.set_rows(fresh)
        self._cached_note = ""
        self._loading = False
        self._show_status()
        self.save_cache(fresh)

    @work(thread=True, group="fleet-cache", name="save the fleet cache", exit_on_error=False)
    def save_cache(self, rows: list[FleetRow]) -> None:
        try:
            fleet_cache.save_fleet(self._cache_key(), rows)
        except OSError as exc:
            self.app.call_from_thread(
                self.app.notify, f"Could not write the cache: {exc}", severity="warning"
            )

    # -- actions ---------------------------------------------------------------------------

    def action_refresh(self) -> None:
        if self.choice is None:
            self.action_choose()
            return
        if self.table.total_count:
            self._cached_note = " (listed before)"
        self.load_fleet()

    def action_cycle_sort(self) -> None:
        self.table.cycle_sort()

    def action_focus_filter(self) -> None:
        self.query_one(FilterBar).open()

    def action_back(self) -> None:
        bar = self.query_one(FilterBar)
        if bar.value or bar.display:
            bar.close()
            self.table.focus()
            return
        self.app.pop_screen()

    def action_toggle_pairs(self) -> None:
        pane = self.query_one("#fleet-pairs", Static)
        pane.display = not pane.display
        self._show_status()

    def action_summary(self) -> None:
        from .fleet_summary import FleetSummaryScreen

        rows = self.table.rows()
        self.app.push_screen(FleetSummaryScreen(rows, list(self._targets.values())))

    def action_choose(self) -> None:
        from .fleet_choice import FleetChoiceScreen

        self.app.push_screen(FleetChoiceScreen(self.choice), self._chosen)

    def _chosen(self, choice: FleetChoice | None) -> None:
        if choice is None:
            if self.choice is None:  # never chosen and cancelled: nothing to show
                self.app.pop_screen()
            return
        self.choice = choice
        self.run_worker(
            lambda: fleet_cache.save_choice(choice),
            thread=True,
            group="fleet-choice",
            name="remember the fleet choice",
            exit_on_error=False,
        )
        self._cached_note = ""
        self.table.set_rows([])
        self.paint_cache()
        self.load_fleet()

    def _open_with(self, make: Callable[[FleetRow], Screen[Any]]) -> None:
        row = self.table.cursor_row
        if row is None:
            self.notify("No function selected", markup=False)
            return
        target = self._targets.get((row.profile, row.region))
        if target is None:  # painted from the cache: the pairs are not known yet
            self.notify("Still finding the profiles and regions: try again", markup=False)
            return
        self.pairs.lend(target, row.account)
        self.app.push_screen(make(row))

    def open_row(self) -> None:
        from .function import FunctionScreen

        self._open_with(lambda row: FunctionScreen(row.function))

    def action_invoke(self) -> None:
        from ..invoke.screen import InvokeScreen

        self._open_with(lambda row: InvokeScreen(row.function))

    def action_logs(self) -> None:
        from .logs import LogsScreen

        self._open_with(lambda row: LogsScreen(row.function))

    @on(VirtualTable.Selected, "#fleet-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.open_row()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.pairs.give_back()
        self._show_status()

    async def on_unmount(self) -> None:
        self.pairs.give_back()
        await self.pairs.close()

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        previous, self._filter = self._filter, event.filter
        narrows = filter_narrows(previous, event.filter)
        self.table.set_text_filter(event.filter.match, narrows=narrows)
        self._show_status()
