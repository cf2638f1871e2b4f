"""The list's metrics columns at 10,000 functions: what they cost a filter keystroke, and how
many GetMetricData requests they send per screen of rows.

Run: .venv/bin/python bench/bench_list_metrics.py [--rows 10000] [--rounds 3]

The real app on a local account seeded with ``--rows`` functions, headless at 120x40. Each
round types filter words a character at a time (the filter box's text set, as
bench_filter.py changes the filter; 50 ms apart, a fast typist, so the columns' quarter-second
debounce never fires mid-word), then deletes them, with the columns off and
then on, in the same process. A keystroke is the UI thread's CPU time (``thread_time``: the
local account serves requests on other threads of this process) from the key until the frame
after it is rendered (``pilot.pause()``). Then, with the columns on, the list is paged down
screen by screen (half a second apart) and the GetMetricData requests the account received
are counted per screen.

Target (issue 17): the median keystroke < 16 ms with the columns on, and at most one request
per screen of rows.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))
from common import isolate  # noqa: E402

WORDS = ("fn-0042", "1234", "re:fn-00[0-4]9")
SIZE = (120, 40)
SCREENS = 10


async def type_words(pilot: Any, app: Any) -> list[float]:
    """Each word typed then deleted, a character at a time (the filter box's text set, as a
    key does, so Pilot's own key handling is not counted): the UI thread's CPU per change
    until its frame is rendered (ms)."""
    from lambdatui.ui.widgets.filter_bar import FilterBar

    box = app.screen.query_one(FilterBar)
    box.display = True
    texts: list[str] = []
    for word in WORDS:
        texts += [word[:i] for i in range(1, len(word) + 1)]
        texts += [word[:i] for i in range(len(word) - 1, -1, -1)]
    times: list[float] = []
    for text in texts:
        await pilot.pause()  # from an idle app
        start = time.thread_time()
        box.input.value = text
        await pilot.pause()
        times.append((time.thread_time() - start) * 1000)
        await asyncio.sleep(0.05)
    await pilot.pause(1.0)  # what the columns ask once typing stops: not a keystroke's cost
    return times


async def run(endpoint: str, rounds: int, account: Any) -> dict[str, Any]:
    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI

    app = LambdaTUI(resolve_target(endpoint_url=endpoint, region="us-east-1"), use_cache=False)
    off: list[float] = []
    on: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        while app.screen.table.total_count < args.rows or app.workers:
            await pilot.pause(0.1)
        for _ in range(rounds):
            off += await type_words(pilot, app)
            await pilot.press("m")
            await pilot.pause(1.0)
            on += await type_words(pilot, app)
            await pilot.press("m")
            await pilot.pause(0.2)
        # requests per screen of rows, the columns on
        await pilot.press("m")
        await pilot.pause(1.0)
        metrics = app.screen._metrics
        before, asked_before = account.metrics_knobs.requests, metrics.functions_asked
        for _ in range(SCREENS):
            await pilot.press("pagedown")
            await pilot.pause(0.6)
        requests = account.metrics_knobs.requests - before
        asked = metrics.functions_asked - asked_before
        page = app.screen.table.page_height
    return {"off": off, "on": on, "requests": requests, "asked": asked, "page": page}


def main() -> None:
    isolate()
    from lambdatui.demo.seed import seed_functions
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    try:
        seed_functions(account.endpoint_url, args.rows, prefix="fn")
        result = asyncio.run(run(account.endpoint_url, args.rounds, account))
    finally:
        account.stop()
    off, on = result["off"], result["on"]
    print(f"filter keystroke at {args.rows:,} rows, UI-thread CPU, {len(on)} keys each:")
    for label, times in (("columns off", off), ("columns on ", on)):
        q = statistics.quantiles(times, n=20)
        print(
            f"  {label}: median {statistics.median(times):5.1f} ms  p95 {q[18]:5.1f} ms"
            f"  max {max(times):5.1f} ms"
        )
    ratio = statistics.median(on) / statistics.median(off)
    target = "ok" if statistics.median(on) < 16 else "OVER"
    print(f"  on/off median ratio {ratio:.2f}x; target < 16 ms with the columns on: {target}")
    print(
        f"paging down {SCREENS} screens of {result['page']} rows: {result['requests']} "
        f"GetMetricData requests ({result['requests'] / SCREENS:.2f} per screen), "
        f"{result['asked']} functions asked"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main()
