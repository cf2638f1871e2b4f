"""What the fleet adds up to (`S` in the fleet view): functions per runtime with the
deprecated and soon-deprecated ones flagged, each pair's concurrency and code storage against
its limits (GetAccountSettings), and the functions that erred in the last hour when the
list's metrics columns are on (`m` on the function list).

The figures come from ``aws.fleet_summary`` (pure, and ``read_limits``) and the metrics
gateway's ``function_activity``; this screen only asks and lays them out. A pair whose figures
cannot be read says why on its own line; the others are shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...aws import errors
from ...aws.fleet import FleetRow
from ...aws.fleet_summary import PairLimits, flagged, per_runtime
from ...aws.runtimes import DEPRECATED, TAKEN
from ...aws.target import Target
from ...sanitize import one_line
from ...sizes import format_size
from ...store import state as saved_state
from ..bindings import FLEET_SUMMARY_BINDINGS
from ..widgets.footer import KeyFooter
from .base import AppScreen
from .list_metrics import POINTS, RANGE_SECONDS

#: GetMetricData queries are per function: at most this many functions a request.
_CHUNK = 100


def runtimes_table(rows: Sequence[FleetRow], today: object) -> Table:
    """Functions per runtime, most first; deprecated and soon-deprecated ones flagged."""
    counts = per_runtime(rows, today)  # type: ignore[arg-type]
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    for count in counts:
        flag = Text(f"⚠ {count.standing}", style="bold") if count.standing else Text("")
        if count.standing == DEPRECATED:
            flag.stylize("reverse")
        table.add_row(one_line(count.runtime), f"{count.functions:,}", flag)
    return table


def limits_text(pair: PairLimits) -> str:
    """'reserved 58/1000 · code 8.5 MB/75.0 GB', or why they could not be read."""
    lim = pair.limits
    if lim is None:
        return f"not read: {pair.problem}"
    used, limit = format_size(lim.total_code_size_used), format_size(lim.total_code_size_limit)
    return f"reserved {pair.concurrency_used}/{lim.concurrent_executions} · code {used}/{limit}"


def limits_table(limits: Sequence[PairLimits]) -> Table:
    """One line per pair; profile and region never cut (the figures are, at the end)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, min_width=max(len(p.profile) for p in limits))
    table.add_column(no_wrap=True, min_width=max(len(p.region) for p in limits))
    table.add_column(no_wrap=True, overflow="ellipsis")
    for pair in limits:
        table.add_row(one_line(pair.profile), one_line(pair.region), one_line(limits_text(pair)))
    return table


class FleetSummaryScreen(AppScreen[None]):
    """The fleet's figures, read when opened."""

    BINDINGS = FLEET_SUMMARY_BINDINGS

    def __init__(self, rows: Sequence[FleetRow], targets: Sequence[Target]) -> None:
        super().__init__()
        self.rows = list(rows)
        self.targets = list(targets)
        self.limits: list[PairLimits] | None = None
        self.erring: str = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="fleet-summary-body"):
            yield Static("", id="fleet-summary", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self._paint()
        if self.targets:
            self.read_limits()
        else:
            self.limits = []
        self.count_erring()

    def _paint(self) -> None:
        rows = self.rows
        today = self.app.clock().date()
        flagged_count = sum(c.functions for c in flagged(per_runtime(rows, today)))
        parts: list[object] = [
            Text(f"Fleet summary · {len(rows):,} functions", style="bold"),
            Text(""),
            Text(
                f"Functions per runtime ({flagged_count:,} on a deprecated or soon-deprecated "
                f"runtime; AWS's runtime table as of {TAKEN.isoformat()})",
                style="bold",
            ),
            runtimes_table(rows, today),
            Text(""),
            Text(
                "Concurrency reserved and code storage, used/limit (GetAccountSettings)",
                style="bold",
            ),
        ]
        if self.limits is None:
            parts.append(Text("reading GetAccountSettings…", style="dim"))
        else:
            parts.append(limits_table(self.limits) if self.limits else Text("no pairs listed"))
        parts += [Text(""), Text("Errors in the last hour", style="bold"), Text(self.erring)]
        self.query_one("#fleet-summary", Static).update(Group(*parts))  # type: ignore[arg-type]

    @work(exclusive=True, group="fleet-limits", name="GetAccountSettings", exit_on_error=False)
    async def read_limits(self) -> None:
        from ...aws.fleet_summary import read_limits

        self.limits = await read_limits(self.targets, concurrency=self.app.config.fleet_concurrency)
        self._paint()

    @work(exclusive=True, group="fleet-errors", name="errors in the last hour", exit_on_error=False)
    async def count_erring(self) -> None:
        """The functions with errors in the last hour, per pair, when the metrics columns
        are on (they are the user's consent to these GetMetricData calls)."""
        on = (await asyncio.to_thread(saved_state.load)).metrics_column
        if not on:
            self.erring = "the metrics columns are off (m on the function list turns them on)"
            self._paint()
            return
        self.erring = "reading CloudWatch…"
        self._paint()
        from ...aws.gateway import Gateway
        from ...aws.metrics import window

        win = window(RANGE_SECONDS, self.app.clock(), POINTS)
        by_pair: dict[tuple[str, str], list[str]] = {}
        for row in self.rows:
            by_pair.setdefault((row.profile, row.region), []).append(row.function.name)
        erring, unread = 0, []
        for target in self.targets:
            names = by_pair.get((target.profile_label, target.region), [])
            if not names:
                continue
            async with Gateway(target) as gateway:
                try:
                    for start in range(0, len(names), _CHUNK):
                        found = await gateway.function_activity(names[start : start + _CHUNK], win)
                        erring += sum(1 for a in found.values() if (a.total_errors or 0) > 0)
                except errors.GatewayError as exc:
                    unread.append(f"{target.profile_label}/{target.region}: {exc.title}")
        text = f"{erring:,} function" + (" erred" if erring == 1 else "s erred")
        if unread:
            text += " · not read: " + "; ".join(unread)
        self.erring = text
        self._paint()

    def action_close(self) -> None:
        self.app.pop_screen()
