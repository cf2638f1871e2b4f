"""The function list's metrics columns (`m`): the last hour's invocations, errors and sparkline.

* **Columns**: INVOC and ERR, the Sum of ``Invocations`` and ``Errors`` over the last hour
  (``metrics.window``: twelve 5-minute buckets, the current one still filling), and LAST HOUR,
  the invocations of those twelve buckets as block characters ``▁▂▃▄▅▆▇█``, each row scaled
  to its own busiest bucket. Shape carries the meaning, so it reads without colour.
* **No datapoints**: Lambda publishes nothing for a minute in which nothing ran, so CloudWatch
  answers no datapoints: that is ``0`` in INVOC and ERR and a blank bucket in the sparkline
  (a bucket that ran at all is at least ``▁``). ``…`` means not known yet.
* **What is asked**: only the rows on screen and half a screen either side, once scrolling,
  typing or the rows settle (``DEBOUNCE``), and only those not fetched in the last
  ``LIFETIME`` seconds; at most ``MAX_FUNCTIONS`` functions (``MAX_QUERIES`` queries) a time,
  so a screenful is one GetMetricData request. Never while the columns are off.
* **Sorting** by INVOC or ERR (``s``, or a click on the label; busiest first) asks for every
  function of the list, the rows on screen first, ``MAX_FUNCTIONS`` a request: an order over
  values mostly unknown would say nothing. Unknown sorts last (first if the sort is flipped).
* **Failures** (denied, throttled, unreachable): rows not known say so in the sparkline
  column, the status line names ``cloudwatch:GetMetricData``, nothing else changes; it is
  asked again on the next scroll or refresh, not sooner than ``RETRY_AFTER`` unless ``r``.

Nothing of the metrics or the gateway is imported before the columns are on: the list's
start-up path stays as it was.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ...aws import errors
from ...aws.records import FunctionSummary
from ..widgets.virtual_table import Column

if TYPE_CHECKING:
    from textual.timer import Timer

    from ...aws.metrics import FunctionActivity
    from .functions import FunctionListScreen

#: The columns' range and buckets: the last hour in 5-minute buckets.
RANGE_SECONDS = 3600
POINTS = 12
#: Seconds a fetched row is fresh; older ones are shown until asked again.
LIFETIME = 60.0
#: Seconds of quiet (no scrolling, typing, new rows) before the rows on screen are asked.
DEBOUNCE = 0.25
#: Seconds between checks that the rows on screen are known and fresh.
TICK = 5.0
#: After a failure, not asked again sooner than this (unless `r`).
RETRY_AFTER = 10.0
#: GetMetricData's queries per request, two per function.
MAX_QUERIES = 500
MAX_FUNCTIONS = MAX_QUERIES // 2
#: The IAM action the columns need.
ACTION = "cloudwatch:GetMetricData"
SPARKS = "▁▂▃▄▅▆▇█"
PENDING = "…"
#: The metrics columns' keys.
KEYS = ("invocations", "errors", "activity")
#: Columns that may go when the metrics columns need the room (highest first).
DROPS = {"arch": 4, "timeout": 3, "memory": 2, "modified": 1}


@dataclass(frozen=True, slots=True)
class RowActivity:
    """What a row shows: the hour's sums, its sparkline, and when it was fetched."""

    invocations: int
    errors: int
    spark: str
    fetched: float


def sparkline(values: Sequence[float | None]) -> str:
    """One block character per bucket, scaled to the busiest; a blank where nothing ran."""
    peak = max((v for v in values if v), default=0.0)
    if peak <= 0:
        return " " * len(values)
    top = len(SPARKS)
    return "".join(
        SPARKS[max(1, min(top, math.ceil(v / peak * top))) - 1] if v and v > 0 else " "
        for v in values
    )


def count_text(n: int) -> str:
    """A count in at most 5 cells: 9999, 12.3k, 456k, 7.8M."""
    if n < 10_000:
        return str(n)
    value = float(n)
    for unit in ("k", "M", "G"):
        value /= 1000
        if round(value, 1) < 100:
            return f"{value:.1f}{unit}"
        if round(value) < 1000:
            return f"{value:.0f}{unit}"
    return f"{value:.0f}G"


def failure_word(exc: errors.GatewayError) -> str:
    """What a row that could not be known says, in the sparkline's 12 cells."""
    if isinstance(exc, errors.AccessDenied):
        return "denied"
    if isinstance(exc, errors.Throttled):
        return "throttled"
    if isinstance(exc, errors.EndpointUnreachable | errors.TimedOut):
        return "unreachable"
    if isinstance(exc, errors.ExpiredCredentials | errors.InvalidCredentials):
        return "credentials"
    return "failed"


def activity_of(found: FunctionActivity, fetched: float) -> RowActivity:
    return RowActivity(
        invocations=round(found.total_invocations or 0),
        errors=round(found.total_errors or 0),
        spark=sparkline(found.invocations.values),
        fetched=fetched,
    )


class ListMetrics:
    """The metrics columns of one function list: their cells, cache, fetching and failures.

    Made by the list screen the first time the columns are on; the screen tells it when what
    is on screen may have changed (`soon`), and it asks CloudWatch in a worker of the screen.
    """

    def __init__(self, screen: FunctionListScreen) -> None:
        self.screen = screen
        self.on = False
        self._cache: dict[str, RowActivity] = {}
        self._asked: set[str] = set()  # in a request now
        self._failure: errors.GatewayError | None = None
        self._failed_at = -math.inf
        self._due = 0.0
        self._timer: Timer | None = None
        self._ticker: Timer | None = None
        self._watching = False
        self._top_from: str | None = None  # the cursor's row when the whole list was asked
        #: GetMetricData requests sent, and functions asked (bench/bench_list_metrics.py).
        self.requests = 0
        self.functions_asked = 0

    # -- columns ----------------------------------------------------------------------------

    def columns(self, base: Sequence[Column[FunctionSummary]]) -> list[Column[FunctionSummary]]:
        """``base`` with the metrics columns after NAME, and the columns that may give way
        to them (``DROPS``) marked so."""
        group: list[Column[FunctionSummary]] = [
            Column(
                "invocations",
                "INVOC",
                self._invocations_cell,
                width=7,  # "INVOC ▼"
                align="right",
                sort_key=self._invocations_key,
                newest_first=True,  # the busiest first
            ),
            Column(
                "errors",
                "ERR",
                self._errors_cell,
                width=5,
                align="right",
                sort_key=self._errors_key,
                newest_first=True,
                style=self._errors_style,
            ),
            Column("activity", "LAST HOUR", self._spark_cell, width=POINTS, sortable=False),
        ]
        out = [replace(c, drop=DROPS[c.key]) if c.key in DROPS else c for c in base]
        return [*out[:1], *group, *out[1:]]

    def _unknown(self, numbers: bool) -> str:
        if self._failure is None:
            return PENDING
        return "?" if numbers else failure_word(self._failure)

    def _invocations_cell(self, function: FunctionSummary) -> str:
        found = self._cache.get(function.name)
        return self._unknown(True) if found is None else count_text(found.invocations)

    def _errors_cell(self, function: FunctionSummary) -> str:
        found = self._cache.get(function.name)
        return self._unknown(True) if found is None else count_text(found.errors)

    def _spark_cell(self, function: FunctionSummary) -> str:
        found = self._cache.get(function.name)
        return self._unknown(False) if found is None else found.spark

    def _errors_style(self, function: FunctionSummary) -> str:
        found = self._cache.get(function.name)
        return "virtual-table--error" if found is not None and found.errors else ""

    def _invocations_key(self, function: FunctionSummary) -> tuple[int, int]:
        found = self._cache.get(function.name)
        return (-1, -1) if found is None else (found.invocations, found.errors)

    def _errors_key(self, function: FunctionSummary) -> tuple[int, int]:
        found = self._cache.get(function.name)
        return (-1, -1) if found is None else (found.errors, found.invocations)

    # -- when to ask --------------------------------------------------------------------------

    def start(self) -> None:
        """The columns are on: ask for what is on screen, and keep it fresh."""
        self.on = True
        if not self._watching:  # scrolled, rows came in or went (filter): soon
            self._watching = True
            table = self.screen.table
            self.screen.watch(table, "scroll_y", self.soon, init=False)
            self.screen.watch(table, "virtual_size", self.soon, init=False)
        if self._ticker is None:
            self._ticker = self.screen.set_interval(TICK, self._tick, name="list metrics")
        self.soon()
        if self.screen.table.sort_column in KEYS:
            self.ask_all()

    def stop(self) -> None:
        """The columns are off: nothing more is asked (what is known is kept a while)."""
        self.on = False
        for timer in (self._timer, self._ticker):
            if timer is not None:
                timer.stop()
        self._timer = self._ticker = None
        self.screen.workers.cancel_group(self.screen, "list-metrics")
        self.screen.workers.cancel_group(self.screen, "list-metrics-all")
        self._asked.clear()
        self.screen.status.set(metrics="")

    def soon(self) -> None:
        """What is on screen may have changed: ask for it once things are quiet for
        ``DEBOUNCE`` (cheap: called on every keystroke and scroll)."""
        if not self.on:
            return
        self._due = time.monotonic() + DEBOUNCE
        if self._timer is None:
            self._timer = self.screen.set_timer(DEBOUNCE, self._wake, name="list metrics due")

    def _wake(self) -> None:
        self._timer = None
        left = self._due - time.monotonic()
        if left > 0.005:  # more happened meanwhile: wait for the quiet
            self._timer = self.screen.set_timer(left, self._wake, name="list metrics due")
            return
        self.ask_on_screen()

    def _tick(self) -> None:
        if self.on and self.screen.is_current:
            self.ask_on_screen()

    def refresh(self) -> None:
        """`r`: every row is asked again, a failure at once."""
        self._failed_at = -math.inf
        self._cache = {name: replace(a, fetched=-math.inf) for name, a in self._cache.items()}
        self.soon()

    def _wanted(self, functions: Iterable[FunctionSummary]) -> list[str]:
        """Of ``functions``, the names to ask: not known, or known too long ago, and not
        asked already."""
        now = time.monotonic()
        names: dict[str, None] = {}  # in order, once each
        for function in functions:
            name = function.name
            if name in self._asked or name in names:
                continue
            found = self._cache.get(name)
            if found is None or now - found.fetched >= LIFETIME:
                names[name] = None
        return list(names)

    def ask_on_screen(self) -> None:
        """Ask for the rows on screen and half a screen either side (one request)."""
        if not self.on or time.monotonic() - self._failed_at < RETRY_AFTER:
            return
        table = self.screen.table
        page = table.page_height
        margin = max(0, min(page // 2, (MAX_FUNCTIONS - page) // 2))
        names = self._wanted(table.rows_on_screen(margin))[:MAX_FUNCTIONS]
        if names:
            self._asked.update(names)
            self.screen.run_worker(
                self._fetch(names),
                group="list-metrics",
                name="GetMetricData (list)",
                exit_on_error=False,
            )

    def ask_all(self) -> None:
        """Sorted by a metrics column: ask for every function, the rows on screen first; once
        all are known, the cursor goes to the top (the busiest, the most errors) unless the
        user moved it meanwhile."""
        if not self.on:
            return
        table = self.screen.table
        cursor = table.cursor_row
        self._top_from = cursor.name if cursor is not None else None
        first = table.rows_on_screen()
        names = self._wanted([*first, *table.rows()])
        if not names:
            self._to_the_top()
        else:
            self._asked.update(names)
            self.screen.run_worker(
                self._fetch(names, whole=True),
                group="list-metrics-all",
                name="GetMetricData (whole list)",
                exclusive=True,
                exit_on_error=False,
            )

    def _to_the_top(self) -> None:
        table = self.screen.table
        cursor = table.cursor_row
        if table.sort_column in KEYS and (cursor.name if cursor else None) == self._top_from:
            table.action_first()

    def sorted_by(self, column: str) -> None:
        if column in KEYS[:2]:
            self.ask_all()

    # -- asking ----------------------------------------------------------------------------

    async def _fetch(self, names: list[str], whole: bool = False) -> None:
        """Ask for ``names``, ``MAX_FUNCTIONS`` a request, each request's rows shown as it
        comes back."""
        from ...aws.metrics import window

        screen = self.screen
        try:
            gateway = await screen.app.gateway_ready()
            win = window(RANGE_SECONDS, screen.app.clock(), POINTS)
            for start in range(0, len(names), MAX_FUNCTIONS):
                chunk = names[start : start + MAX_FUNCTIONS]
                if whole:
                    total = f"{len(names):,}"
                    screen.status.set(metrics=f"metrics {start:,} of {total} functions…")
                self.requests += 1
                self.functions_asked += len(chunk)
                try:
                    found = await gateway.function_activity(chunk, win)
                except errors.GatewayError as exc:
                    self._failed(exc, names[start:])
                    return
                self._arrived(found)
                self._asked.difference_update(chunk)
            if whole:
                screen.status.set(metrics="")
                self._to_the_top()
        finally:
            self._asked.difference_update(names)

    def _arrived(self, found: dict[str, Any]) -> None:
        now = time.monotonic()
        for name, activity in found.items():
            self._cache[name] = activity_of(activity, now)
        if self._failure is not None:  # it works again: unknown rows wait, not fail
            self._failure = None
            self._failed_at = -math.inf
            self.screen.status.set(metrics="")
            self.screen.table.rows_changed(self._unknown_names())
        self.screen.table.rows_changed(found)

    def _failed(self, exc: errors.GatewayError, names: Sequence[str]) -> None:
        """Rows not known say why, the status line names the action; the first failure
        after a success is also a notification (its message and next step)."""
        first = self._failure is None
        self._failure = exc
        self._failed_at = time.monotonic()
        action = getattr(exc, "action", "") or ACTION
        self.screen.status.set(metrics=f"metrics {failure_word(exc)}: {action}")
        self.screen.table.rows_changed(self._unknown_names())
        if first:
            self.screen.app.show_error(exc)

    def _unknown_names(self) -> list[str]:
        return [f.name for f in self.screen.table.rows() if f.name not in self._cache]

    def known(self, name: str) -> RowActivity | None:
        """What row ``name`` shows (tests, bench)."""
        return self._cache.get(name)
