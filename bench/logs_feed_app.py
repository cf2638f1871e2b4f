"""The real app on its logs pane, its gateway's ``follow`` feeding 5,000 lines/s for 60 s.

Run by bench_logs.py in tmux: the UI's whole path (batches → ring buffer → rows → virtual
rendering → terminal) at a rate the local account's Python server cannot serve. Lines are a
realistic mix: the Python runtime's lines, JSON application lines, START/END/REPORT.

Diagnostics, off unless their variable names a file to write (bench_logs.py sets the first
two): ``FEED_GC_TRACE`` (each full collection), ``FEED_STALL_TRACE`` (each event-loop stall),
``FEED_PROFILE`` (the stacks sampled in stalls), ``FEED_CALLS`` (the CPU of each frame's
parts), ``FEED_GARBAGE`` (what the collector freed, by type: slows the app down, for short
runs). ``FEED_EXIT_AFTER`` (seconds) ends the app.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from common import isolate

RATE = 5_000
SECONDS = 60
TICK = 0.05


def _lines(start: int, count: int, now_ms: int) -> tuple[Any, ...]:
    from lambdatui.aws.log_records import LogLine

    stream = "2026/01/02/[3]0123456789abcdef0123456789abcdef"
    out = []
    for n in range(start, start + count):
        rid = f"{n // 5:08x}-0000-4000-8000-000000000000"
        kind = n % 5
        if kind == 0:
            message = f"START RequestId: {rid} Version: 3"
        elif kind == 1:
            message = f"[INFO]\t2026-01-02T03:04:05.678Z\t{rid}\tprocessing order {n}"
        elif kind == 2:
            level = "ERROR" if n % 50 == 2 else "INFO"
            message = json.dumps({"level": level, "message": f"item {n}", "requestId": rid})
        elif kind == 3:
            message = f"END RequestId: {rid}"
        else:
            message = (
                f"REPORT RequestId: {rid}\tDuration: 1.50 ms\tBilled Duration: 2 ms\t"
                "Memory Size: 128 MB\tMax Memory Used: 40 MB"
            )
        out.append(LogLine(timestamp=now_ms, stream=stream, message=message, event_id=str(n)))
    return tuple(out)


def trace_full_collections(path: str) -> None:
    """Append one line per full (generation 2) collection to ``path``: when it began (seconds
    since the feed's process started), how long it took (ms) and how much of that the process
    was on the CPU (ms; the rest it waited for a core). Where the slow keys come from,
    measured in the app."""
    began: list[float] = []
    start = time.monotonic()
    out = open(path, "a", buffering=1)  # noqa: SIM115 (open for the whole run)

    def callback(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            began[:] = [time.perf_counter(), time.process_time()]
        elif began:
            took = (time.perf_counter() - began[0]) * 1000
            cpu = (time.process_time() - began[1]) * 1000
            out.write(f"{time.monotonic() - start:.2f} {took:.2f} {cpu:.2f}\n")

    gc.callbacks.append(callback)


async def probe_stalls(path: str) -> None:
    """Append one line per stall of the event loop (a 5 ms sleep that took 20 ms more) to
    ``path``: when (seconds since the probe began), how late (ms) and how much of it the
    process spent on the CPU (ms). A stall mostly on the CPU is the app's own work; one
    mostly off it is the machine (the process waited for a core)."""
    out = open(path, "a", buffering=1)  # noqa: SIM115 (open for the whole run)
    start = time.monotonic()
    while True:
        before, cpu = time.monotonic(), time.process_time()
        await asyncio.sleep(0.005)
        late = time.monotonic() - before - 0.005
        if late >= 0.02:
            spent = time.process_time() - cpu
            out.write(f"{before - start:.2f} {late * 1000:.1f} {spent * 1000:.1f}\n")


class StallProfiler:
    """Diagnostics (``FEED_PROFILE``): a thread samples the main thread's stack every 1 ms;
    for each event-loop stall of 15 ms or more the stacks sampled during it are counted, and
    the run's totals are written to the file at exit: per frame (function, once per sample)
    and per innermost app or Textual frame. A sample needs the GIL: none is taken while a
    collection runs (the time of collections within the stalls is counted instead)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.main = threading.main_thread().ident
        self.samples: deque[tuple[float, tuple[str, ...]]] = deque(maxlen=5000)
        self.inclusive: Counter[str] = Counter()
        self.leaf: Counter[str] = Counter()
        self.stalls: list[tuple[float, float, int, float]] = []  # at, ms, samples, gc ms
        self.collections: deque[tuple[float, float, int]] = deque(maxlen=500)
        self._gc_began = 0.0
        gc.callbacks.append(self._on_gc)
        threading.Thread(target=self._sample, daemon=True).start()

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_began = time.perf_counter()
        else:
            self.collections.append((self._gc_began, time.perf_counter(), info["generation"]))

    def _sample(self) -> None:
        while True:
            frame = sys._current_frames().get(self.main)
            stack = []
            while frame is not None and len(stack) < 60:
                code = frame.f_code
                name = f"{Path(code.co_filename).name}:{code.co_name}"
                stack.append(name)
                frame = frame.f_back
            self.samples.append((time.perf_counter(), tuple(stack)))
            time.sleep(0.001)

    def stalled(self, began: float, ended: float) -> None:
        stacks = [stack for at, stack in list(self.samples) if began <= at <= ended]
        gc_ms = sum(
            (min(end, ended) - max(start, began)) * 1000
            for start, end, _gen in list(self.collections)
            if end > began and start < ended
        )
        self.stalls.append((began, (ended - began) * 1000, len(stacks), gc_ms))
        for stack in stacks:
            for name in set(stack):
                self.inclusive[name] += 1
            leaf = next((n for n in stack if "asyncio" not in n and "selectors" not in n), stack[0])
            self.leaf[leaf] += 1

    def write(self) -> None:
        with open(self.path, "w") as out:
            out.write(f"stalls >= 15 ms: {len(self.stalls)}\n")
            for at, ms, count, gc_ms in self.stalls:
                out.write(f"  {at:.2f} {ms:.1f} ms, {count} samples, collections {gc_ms:.1f} ms\n")
            out.write("inclusive (samples in stalls):\n")
            for name, count in self.inclusive.most_common(80):
                out.write(f"  {count:5d} {name}\n")
            out.write("innermost:\n")
            for name, count in self.leaf.most_common(40):
                out.write(f"  {count:5d} {name}\n")


async def profile_stalls(profiler: StallProfiler) -> None:
    while True:
        before = time.perf_counter()
        await asyncio.sleep(0.005)
        now = time.perf_counter()
        if now - before - 0.005 >= 0.015:
            profiler.stalled(before, now)


def _selfish(strip: Any) -> bool:
    for slot in type(strip).__slots__:
        values = getattr(getattr(strip, slot, None), "_cache", None)
        if isinstance(values, dict):
            for value in values.values():
                if value is strip or (isinstance(value, list) and strip in value):
                    return True
    return False


def _describe(ref: Any, strip: Any) -> str:
    if isinstance(ref, dict):
        for obj in gc.get_referrers(ref):
            for slot in getattr(type(obj), "__slots__", ()):
                if getattr(obj, slot, None) is ref:
                    owners = [
                        f"{type(o).__name__}.{s}"
                        for o in gc.get_referrers(obj)
                        for s in getattr(type(o), "__slots__", ())
                        if getattr(o, s, None) is obj
                    ]
                    return f"dict in {type(obj).__name__}.{slot} in {owners[:1]}"
        return "dict"
    if isinstance(ref, list):
        return f"list of {len(ref)} (in {[type(o).__name__ for o in gc.get_referrers(ref)][:3]})"
    return type(ref).__name__


def time_calls(path: str) -> None:
    """Diagnostics (``FEED_CALLS``): the CPU time of each call of the app's per-frame work
    (the view taking in lines, the screen's layout, its compositor's update, the app writing
    to the terminal), written at exit as count, median, p90 and max, and the slowest calls."""
    import atexit
    import statistics

    from textual.app import App
    from textual.screen import Screen

    from lambdatui.ui.widgets.log_view import LogView

    took: dict[str, list[tuple[float, float]]] = {}
    start = time.monotonic()

    def timed(owner: Any, name: str) -> None:
        original = getattr(owner, name)
        calls = took.setdefault(f"{owner.__name__}.{name}", [])

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            cpu = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                calls.append((time.monotonic() - start, (time.process_time() - cpu) * 1000))

        setattr(owner, name, wrapper)

    for owner, name in (
        (LogView, "flush"),
        (Screen, "_refresh_layout"),
        (Screen, "_compositor_refresh"),
        (App, "_display"),
    ):
        timed(owner, name)

    def report() -> None:
        with open(path, "w") as out:
            for name, calls in took.items():
                ms = sorted(c for _at, c in calls)
                if not ms:
                    continue
                p90 = ms[int(len(ms) * 0.9)]
                out.write(
                    f"{name}: {len(ms)} calls, median {statistics.median(ms):.2f} ms, "
                    f"p90 {p90:.2f}, max {ms[-1]:.2f}, total {sum(ms):.0f} ms; over 10 ms: "
                    f"{', '.join(f'{c:.0f} at {at:.1f}' for at, c in calls if c >= 10)[:600]}\n"
                )

    atexit.register(report)


def count_garbage(path: str) -> None:
    """Diagnostics (``FEED_GARBAGE``): keep what the collector frees (``DEBUG_SAVEALL``) and
    write, at exit, how many objects of each type it was, and for the strips among them
    which of their caches hold the strip itself."""
    import atexit

    gc.set_debug(gc.DEBUG_SAVEALL)

    def report() -> None:
        gc.collect()
        garbage = gc.garbage
        types = Counter(type(obj).__qualname__ for obj in garbage)
        selfish: Counter[str] = Counter()
        for obj in garbage:
            if type(obj).__name__ != "Strip":
                continue
            for slot in type(obj).__slots__:
                cache = getattr(obj, slot, None)
                values = getattr(cache, "_cache", None)
                if isinstance(values, dict):
                    for value in values.values():
                        if value is obj or (isinstance(value, list) and obj in value):
                            selfish[slot] += 1
        # what refers to the strips that do not hold themselves (a sample)
        ids = {id(obj) for obj in garbage}
        others = [o for o in garbage if type(o).__name__ == "Strip" and not _selfish(o)]
        holders: Counter[str] = Counter()
        for strip in others[:200]:
            for ref in gc.get_referrers(strip):
                if id(ref) in ids and ref is not garbage:
                    holders[_describe(ref, strip)] += 1
        strips = [o for o in garbage if type(o).__name__.endswith("Strip")]
        shapes = Counter(
            (type(o).__name__, o.cell_length, len(o._segments), _selfish(o), o.text[:30])
            for o in strips
        )
        with open(path, "w") as out:
            out.write("garbage strips: (type, width, segments, holds itself, text)\n")
            for shape, count in shapes.most_common(25):
                out.write(f"  {count:8d} {shape}\n")
            out.write("what holds the other strips (200 of them):\n")
            for name, count in holders.most_common(20):
                out.write(f"  {count:8d} {name}\n")
            out.write(f"garbage objects: {len(garbage)}\n")
            for name, count in types.most_common(30):
                out.write(f"  {count:8d} {name}\n")
            out.write("strips holding themselves, by cache:\n")
            for name, count in selfish.most_common():
                out.write(f"  {count:8d} {name}\n")

    atexit.register(report)


def main() -> None:
    isolate()
    if os.environ.get("FEED_CALLS"):
        time_calls(os.environ["FEED_CALLS"])
    if os.environ.get("FEED_GC_TRACE"):
        trace_full_collections(os.environ["FEED_GC_TRACE"])
    # As ``lambdatui`` starts the app (cli.main): the collector off for start-up, then
    # LambdaTUI._first_frame_shown freezes what start-up made and turns it back on. Without it
    # every full collection walks start-up's few hundred thousand objects again (up to 90 ms each,
    # a p99 the real app does not have).
    gc.disable()
    from textual.screen import Screen

    from lambdatui.aws.log_records import MODE_LIVE, LogBatch, LogScope
    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI
    from lambdatui.ui.screens.logs import LogsScreen

    target = resolve_target(endpoint_url="http://127.0.0.1:9", region="us-east-1")

    class FeedApp(LambdaTUI):
        def get_default_screen(self) -> Any:
            return Screen()  # not the function list (it would list, and fail, beneath)

        def on_mount(self, event: Any) -> None:
            event.prevent_default()  # not the function list: straight to the logs pane
            self.push_screen(LogsScreen("bench-feed"))
            # the list would say its first frame is drawn (collector on, start-up frozen,
            # the stylesheet's later rules added): the logs pane's first frame says it here
            self.call_after_refresh(self.first_frame_drawn)
            if os.environ.get("FEED_STALL_TRACE"):
                self._stall_probe = asyncio.create_task(
                    probe_stalls(os.environ["FEED_STALL_TRACE"])
                )
            if os.environ.get("FEED_PROFILE"):
                profiler = StallProfiler(os.environ["FEED_PROFILE"])
                self._profiler = asyncio.create_task(profile_stalls(profiler))
                import atexit

                atexit.register(profiler.write)
            if os.environ.get("FEED_GARBAGE"):
                count_garbage(os.environ["FEED_GARBAGE"])
            exit_after = float(os.environ.get("FEED_EXIT_AFTER", "0"))  # for profiling
            if exit_after:
                self.set_timer(exit_after, self.exit)

    app = FeedApp(target, use_cache=False)

    async def log_scope(function: str, qualifier: str | None = None) -> LogScope:
        return LogScope(function=function, group=f"/aws/lambda/{function}", group_arn="x")

    async def follow(scope: LogScope, **_: Any) -> AsyncIterator[LogBatch]:
        yield LogBatch(mode=MODE_LIVE)
        await asyncio.sleep(1.0)
        per_tick = int(RATE * TICK)
        sent = 0
        began = time.monotonic()
        while time.monotonic() - began < SECONDS:
            due = int((time.monotonic() - began) / TICK) * per_tick
            if due > sent:
                batch = _lines(sent, due - sent, int(time.time() * 1000))
                sent = due
                yield LogBatch(lines=batch, mode=MODE_LIVE)
            await asyncio.sleep(TICK / 2)
        while True:
            await asyncio.sleep(3600)

    app.gateway.log_scope = log_scope  # type: ignore[method-assign]
    app.gateway.follow = follow  # type: ignore[method-assign]
    app.run()


if __name__ == "__main__":
    main()
