"""The real app on its logs pane, its gateway's ``follow`` feeding 5,000 lines/s for 60 s.

Run by bench_logs.py in tmux: the UI's whole path (batches → ring buffer → rows → virtual
rendering → terminal) at a rate the local account's Python server cannot serve. Lines are a
realistic mix: the Python runtime's lines, JSON application lines, START/END/REPORT.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
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


def main() -> None:
    isolate()
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
