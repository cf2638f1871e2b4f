"""Filter-as-you-type over 10,000 functions: VirtualTable against Textual's stock DataTable.

Run: .venv/bin/python bench/bench_filter.py [--rows 10000] [--repeat 3] [--quick]

One "keystroke" is the new filter predicate being applied plus the repaint that follows: the
change, then `pilot.pause()`, which lets the table handle its messages and idle work and the
screen lay out and render the frame. `pilot.pause()` also sleeps (it waits for the process to
go idle), so the time measured is the process CPU time of that window, not the wall clock: the
event loop runs on one thread, so the CPU time is the delay the keystroke puts on screen.

The headline uses `set_filter(predicate)`; variants show the `narrows` hint and
`set_text_filter`, which matches a search text the table keeps per row (what lambdatui's filter
expressions work on). The baseline does what an app would do with a DataTable: clear it and
add the matching rows. Both run in this process, on the same rows and the same typed filter.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable

from lambdatui.ui.widgets.virtual_table import Column, VirtualTable

SIZE = (120, 40)


@dataclass(frozen=True)
class Function:
    name: str
    runtime: str
    memory: int
    timeout: int
    description: str
    last_modified: str


SERVICES = [
    "order-processor",
    "order-api",
    "order-history",
    "orders-export",
    "payment-processor",
    "payment-webhook",
    "inventory-sync",
    "email-sender",
    "image-resizer",
    "report-builder",
    "auth-authorizer",
    "search-indexer",
    "audit-logger",
    "profile-service",
    "cart-cleanup",
]
RUNTIMES = ["python3.12", "python3.11", "nodejs20.x", "nodejs22.x", "java21", "provided.al2023"]
ENVS = ["dev", "staging", "prod"]
REGIONS = ["eu-west-1", "us-east-1", "ap-south-1"]


def make_functions(count: int, seed: int = 7) -> list[Function]:
    rng = random.Random(seed)
    functions = []
    for i in range(count):
        service = rng.choice(SERVICES)
        env = rng.choice(ENVS)
        functions.append(
            Function(
                name=f"{service}-{rng.choice(REGIONS)}-{env}-{i:05d}",
                runtime=rng.choice(RUNTIMES),
                memory=rng.choice([128, 256, 512, 1024, 2048, 3008]),
                timeout=rng.choice([3, 10, 30, 60, 900]),
                description=f"{service.replace('-', ' ')} for {env} (team {rng.randint(1, 40)})",
                last_modified=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            )
        )
    return functions


COLUMNS: list[Column[Function]] = [
    # Fitted as lambdatui's list is (measured as rows are set, not per keystroke)
    Column("name", "Function", lambda f: f.name, fit=40, min_width=20),
    Column("runtime", "Runtime", lambda f: f.runtime, fit=18, min_width=10),
    Column(
        "memory",
        "Memory",
        lambda f: f"{f.memory} MB",
        width=8,
        align="right",
        sort_key=lambda f: f.memory,
    ),
    Column(
        "timeout",
        "Timeout",
        lambda f: f"{f.timeout}s",
        width=7,
        align="right",
        sort_key=lambda f: f.timeout,
    ),
    Column("modified", "Modified", lambda f: f.last_modified, width=10),
    Column("description", "Description", lambda f: f.description),
]


def typed_filter() -> list[str]:
    """~50 successive filter texts: typing, deleting and retyping as a user does."""
    texts: list[str] = []

    def type_(word: str, start: str = "") -> None:
        texts.extend(start + word[: i + 1] for i in range(len(word)))

    def delete(count: int) -> None:
        for _ in range(count):
            texts.append(texts[-1][:-1])

    type_("order-proc")  # 10
    delete(10)  # back to "" (no filter)
    type_("payment")  # 7
    delete(7)
    type_("order-proc")  # 10
    delete(5)  # "order"
    type_("-api", "order")
    return texts


Predicate = Callable[[Function], bool]


def predicate_for(text: str, haystacks: dict[str, str] | None) -> Predicate | None:
    """Case-insensitive substring over name and description, as lambdatui's filter does.

    The app lower-cases each row's haystack once (`haystacks`, by function name); with None the
    predicate case-folds both fields on every call, to show what that costs.
    """
    needle = text.casefold()
    if not needle:
        return None
    if haystacks is None:
        return lambda f: needle in f.name.casefold() or needle in f.description.casefold()
    return lambda f: needle in haystacks[f.name]


def matcher(text: str) -> Callable[[str], bool]:
    needle = text.casefold()
    return lambda haystack: needle in haystack


def haystacks_of(functions: Sequence[Function]) -> dict[str, str]:
    return {f.name: f"{f.name} {f.description}".casefold() for f in functions}


def stats(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p90 * 1000


def rss_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class VirtualApp(App[None]):
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "lambdatui" / "ui" / "app.tcss")

    def compose(self) -> ComposeResult:
        yield VirtualTable(
            COLUMNS,
            row_key=lambda f: f.name,
            search_text=lambda f: f"{f.name} {f.description}".casefold(),
        )


class StockApp(App[None]):
    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(cursor_type="row")
        table.add_columns(*(column.label for column in COLUMNS))
        yield table


async def keystroke(
    pilot: Pilot[None], change: Callable[[], None], parts: list[float] | None = None
) -> float:
    """CPU seconds for `change()` plus the repaint that follows (`change()` alone to `parts`)."""
    await pilot.pause()  # start from an idle app
    start = time.process_time()
    change()
    if parts is not None:
        parts.append(time.process_time() - start)
    await pilot.pause()
    return time.process_time() - start


class FullCollections:
    """Counts the garbage collector's full (generation 2) passes and their duration."""

    def __init__(self) -> None:
        self.durations: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.durations.append(time.perf_counter() - self._start)

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


async def bench_virtual(
    functions: list[Function],
    texts: list[str],
    report: dict[str, float],
    naive: bool = False,
    hint: bool = False,
    text: bool = False,
) -> list[float]:
    haystacks = None if naive else haystacks_of(functions)
    app = VirtualApp()
    async with app.run_test(size=SIZE) as pilot:
        table: VirtualTable[Function] = app.query_one(VirtualTable)
        started = time.perf_counter()
        table.set_rows(functions)
        report["load"] = time.perf_counter() - started
        await pilot.pause()
        report["rss"] = rss_mb()
        samples: list[float] = []
        changes: list[float] = []
        previous = ""
        with FullCollections() as collections:
            for typed in texts:
                predicate = predicate_for(typed, haystacks)
                narrows = hint and typed.startswith(previous)  # one more character typed
                previous = typed
                if text:  # the search text is the same haystack; `match` is what filtering gives
                    match = None if predicate is None else matcher(typed)
                    change = partial(table.set_text_filter, match, narrows=narrows)
                else:
                    change = partial(table.set_filter, predicate, narrows=narrows)
                samples.append(await keystroke(pilot, change, changes))
                if predicate is not None and table.visible_count:  # the screen shows the result
                    top = table.visible_rows()[table.scroll_offset.y]
                    assert predicate(top) and top.name[:20] in table.render_line(1).text
        report["set_filter"] = statistics.median(changes)
        report["gc_count"] = len(collections.durations)
        report["gc_max"] = max(collections.durations, default=0.0)
        # The predicate alone, over the rows in the table's order (as set_filter sees them).
        table.set_filter(None)
        rows = list(table.visible_rows())
        passes = []
        for typed in texts:
            predicate = predicate_for(typed, haystacks)
            if predicate is not None:
                start = time.process_time()
                list(filter(predicate, rows))
                passes.append(time.process_time() - start)
        report["predicate"] = statistics.median(passes)
        sorts = [await keystroke(pilot, table.cycle_sort) for _ in range(len(COLUMNS))]
        report["sort"] = statistics.median(sorts)
    return samples


async def bench_streaming(functions: list[Function], page: int) -> float:
    app = VirtualApp()
    async with app.run_test(size=SIZE) as pilot:
        table: VirtualTable[Function] = app.query_one(VirtualTable)
        table.set_filter(predicate_for("order", haystacks_of(functions)))
        start = time.process_time()
        for offset in range(0, len(functions), page):
            table.add_rows(functions[offset : offset + page])
            table.render_line(1)
        await pilot.pause()
        return time.process_time() - start


async def bench_stock(functions: list[Function], texts: list[str]) -> list[float]:
    app = StockApp()
    async with app.run_test(size=SIZE) as pilot:
        table: DataTable[str] = app.query_one(DataTable)
        haystacks = haystacks_of(functions)
        cells = {f.name: tuple(column.cell(f) for column in COLUMNS) for f in functions}

        def refilter(predicate: Predicate | None) -> None:
            table.clear()
            matching = functions if predicate is None else [f for f in functions if predicate(f)]
            table.add_rows([cells[f.name] for f in matching])

        table.add_rows(list(cells.values()))
        await pilot.pause()
        samples = []
        for text in texts:
            predicate = predicate_for(text, haystacks)
            samples.append(await keystroke(pilot, lambda p=predicate: refilter(p)))
        return samples


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="times to type the sequence")
    parser.add_argument("--quick", action="store_true", help="fewer stock DataTable runs")
    args = parser.parse_args()
    texts = typed_filter() * args.repeat
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"lambdatui filter benchmark: {len(texts)} keystrokes (typing and deleting 'order-proc'"
        f" {args.repeat}x), terminal {SIZE[0]}x{SIZE[1]}, Python {sys.version.split()[0]},"
        f" {os.cpu_count()} CPUs, load {load:.1f}; CPU ms per keystroke"
    )

    virtual: dict[int, list[float]] = {}
    for count in sorted({1_000, 5_000, args.rows}):
        report: dict[str, float] = {}
        samples = await bench_virtual(make_functions(count), texts, report)
        median, p90 = stats(samples)
        virtual[count] = samples
        print(f"filter keystroke @{count} rows: median {median:.1f} ms (p90 {p90:.1f})")
        if count == args.rows:
            print(
                f"  of which set_filter() {report['set_filter'] * 1000:.1f} ms (the predicate pass"
                f" alone {report['predicate'] * 1000:.1f} ms), the rest is the repaint | "
                f"{report['gc_count']:.0f} full GC passes in the run, longest "
                f"{report['gc_max'] * 1000:.0f} ms"
            )
            print(
                f"  set_rows({count}): {report['load'] * 1000:.0f} ms | "
                f"sort change: median {report['sort'] * 1000:.1f} ms | "
                f"RSS after loading: {rss_mb():.0f} MB "
                f"(peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
            )
    naive = await bench_virtual(make_functions(args.rows), texts, {}, naive=True)
    median, p90 = stats(naive)
    print(
        f"  same, predicate case-folding name+description on every call: "
        f"median {median:.1f} ms (p90 {p90:.1f})"
    )
    variants = [
        ("set_filter(..., narrows=True) while typing forward", {"hint": True}),
        ("set_text_filter(match) over the kept search text", {"text": True}),
        ("set_text_filter(match, narrows=True)", {"text": True, "hint": True}),
    ]
    for label, options in variants:
        median, p90 = stats(await bench_virtual(make_functions(args.rows), texts, {}, **options))
        print(f"  same, {label}: median {median:.1f} ms (p90 {p90:.1f})")
    for page in (50, 1000):
        spent = await bench_streaming(make_functions(args.rows), page)
        print(
            f"stream {args.rows} rows in pages of {page} (filter on): "
            f"{spent * 1000:.0f} ms total, {spent * 1000 * page / args.rows:.2f} ms per page"
        )

    repetitions = {1_000: 12, 5_000: 6} if not args.quick else {1_000: 5, 5_000: 3}
    for count, runs in repetitions.items():
        # The keystrokes that leave most rows showing are the slow ones for DataTable: take
        # an even spread of the sequence rather than its first few.
        step = max(1, len(texts) // runs)
        indexes = list(range(0, len(texts), step))[:runs]
        samples = await bench_stock(make_functions(count), [texts[i] for i in indexes])
        median, p90 = stats(samples)
        same_size, _ = stats([virtual[count][i] for i in indexes])
        largest, _ = stats(virtual[args.rows])
        print(
            f"stock DataTable @{count}: median {median:.0f} ms (p90 {p90:.0f}) "
            f"→ VirtualTable @{count} on the same keystrokes {median / same_size:.0f}x faster"
            f" | VirtualTable @{args.rows}: {largest:.1f} ms → {median / largest:.0f}x faster"
        )
    target = "met" if stats(virtual[args.rows])[0] < 16 else "MISSED"
    print(f"target median < 16 ms @{args.rows} rows: {target}")


if __name__ == "__main__":
    asyncio.run(main())
