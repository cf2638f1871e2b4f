"""Opening the Code pane: the first time (package downloaded) and again (from the cache).

Against the demo account served from its own process, then through a proxy adding 80 ms of
latency per request. Baselines, measured in the same rounds: the calls the pane cannot do
without, made alone through the gateway — GetFunction then the download of its link for a
first open, GetFunction alone for a reopen (the package is kept by hash, so a reopen fetches
a new link and downloads nothing). The pane is timed from the request to its file tree
filled with the package's files.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import listed, on_demo_server

ROUNDS = 9
FUNCTION = "orders-api"


async def alone(gateway) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(GetFunction alone, GetFunction + the download alone), in seconds."""
    start = time.perf_counter()
    info = await gateway.function_code(FUNCTION)
    got = time.perf_counter() - start
    await gateway.download(info.location, info.sha256, info.size, lambda d, t: None, io.BytesIO())
    return got, time.perf_counter() - start


async def measure(endpoint: str, label: str) -> None:
    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI
    from lambdatui.ui.code.pane import CodePane
    from lambdatui.ui.code.tree import FUNCTION as OWN_FILES

    app = LambdaTUI(resolve_target(endpoint_url=endpoint, region="us-east-1"), use_cache=False)
    floors: dict[str, list[float]] = {"first": [], "again": []}
    opens: dict[str, list[float]] = {"first": [], "again": []}
    async with app.run_test(size=(80, 24)) as pilot:
        await listed(app, pilot, FUNCTION)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        pane = app.screen.query_one(CodePane)
        while OWN_FILES not in pane.packages:  # warm clients, connections and imports
            await asyncio.sleep(0.001)
        await alone(app.gateway)
        for _ in range(ROUNDS):
            got, downloaded = await alone(app.gateway)
            floors["again"].append(got)
            floors["first"].append(downloaded)
            for kind in ("first", "again"):
                if kind == "first":
                    shutil.rmtree(app.code_cache.root, ignore_errors=True)
                start = time.perf_counter()
                pane.refresh_now()  # what `r` does: a new GetFunction, the cache asked first
                while OWN_FILES not in pane.packages or not pane.file_tree.root.children:
                    await asyncio.sleep(0.0005)
                opens[kind].append(time.perf_counter() - start)
                assert pane.downloads >= 1
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    for kind, floor_name in (("first", "GetFunction + download"), ("again", "GetFunction")):
        floor, took = ms(floors[kind]), ms(opens[kind])
        print(
            f"[{label}] {kind} open: median {took:.1f} ms; {floor_name} alone {floor:.1f} ms "
            f"(baseline): {took / floor:.2f}x, + {took - floor:.1f} ms"
        )


if __name__ == "__main__":
    asyncio.run(on_demo_server(measure))
