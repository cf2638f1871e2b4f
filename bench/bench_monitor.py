"""The monitoring pane: `m` → graphs drawn, within one GetMetricData round trip + 50 ms.

Against the local account with the demo seed (a week of metrics), served from its own process
(as AWS would be: the app's event loop and the server do not share one GIL). The baseline is
one bare GetMetricData round trip with the very queries the pane sends, on the app's own
client; then the real function view of payment-webhook in a headless app, timed from the key
press to the first frame painted with the new data's graphs (each round hides the pane and
forgets what it fetched, so every `m` makes its one request). Each frame notes whether it
painted what is awaited, so a measure ends with the frame that showed it. The same key with
the data in hand (no request) shows what the tab switch and its paint cost alone. The first
open also imports the plotting library, and is reported on its own.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from common import listed, on_demo_server

ROUNDS = 15
FUNCTION = "payment-webhook"


async def bare_round_trip(app: Any, pane: Any) -> float:
    """One GetMetricData with the pane's own queries, straight on the app's client."""
    from lambdatui.aws.metrics import pane_queries

    win = pane.metrics.window
    queries = pane_queries(FUNCTION, None, win, await pane.features())
    cloudwatch = await app.gateway.client("cloudwatch")
    start = time.perf_counter()
    await cloudwatch.get_metric_data(
        MetricDataQueries=[q.to_api() for q in queries],
        StartTime=win.start,
        EndTime=win.end,
        ScanBy="TimestampAscending",
    )
    return time.perf_counter() - start


def _footer_has(view: Any, key: str) -> bool:
    from lambdatui.ui.widgets.footer import KeyFooter

    return any(entry.key == key for entry in view.query_one(KeyFooter).entries)


async def measure(endpoint: str, label: str) -> None:
    from textual import events
    from textual.screen import Screen

    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI
    from lambdatui.ui.screens.function import FunctionScreen
    from lambdatui.ui.widgets.monitor import MonitorPane

    #: Each frame painted: when it was done and whether it showed what is awaited (said by
    #: ``watching``, looked at as the frame is painted: what that frame put on the screen).
    frames: list[tuple[float, bool]] = []
    watching: list[Callable[[], bool]] = [lambda: False]
    original = Screen._compositor_refresh

    def painted(self: Screen[Any]) -> None:
        showed = watching[0]()
        original(self)
        frames.append((time.perf_counter(), showed))

    Screen._compositor_refresh = painted  # type: ignore[method-assign]
    app = LambdaTUI(resolve_target(endpoint_url=endpoint, region="us-east-1"), use_cache=False)
    bare: list[float] = []
    opens: list[float] = []
    in_hand: list[float] = []
    first = 0.0
    async with app.run_test(size=(120, 50)) as pilot:
        await listed(app, pilot, FUNCTION)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen
        assert isinstance(view, FunctionScreen)
        pane = view.query_one(MonitorPane)

        async def press_m(there: Callable[[], bool]) -> float:
            """`m`, then the first frame painted showing ``there``: key → on screen."""
            frames.clear()
            watching[0] = there
            start = time.perf_counter()
            app.post_message(events.Key("m", "m"))  # no Pilot wait: time the app alone
            while not any(showed for _, showed in frames):
                await asyncio.sleep(0.001)
            watching[0] = lambda: False
            return next(when for when, showed in frames if showed) - start

        async def hide() -> None:
            await app.workers.wait_for_complete()
            await pilot.press("1")  # another tab: the pane hides
            await pilot.pause()
            await asyncio.sleep(0.3)  # the tab's underline has slid: an idle app takes the key

        for n in range(ROUNDS + 1):
            old = pane.metrics
            took = await press_m(
                lambda old=old: pane.metrics is not old and bool(pane.query(".metric-chart"))
            )
            if n == 0:
                first = took
            else:
                opens.append(took)
            await app.workers.wait_for_complete()
            bare.append(await bare_round_trip(app, pane))
            await hide()
            pane._fetched = None  # forget it: the next `m` asks again
        for _ in range(ROUNDS):  # the same key with the data in hand: no request
            pane._fetched_at = time.monotonic()
            pane._fetched = pane._asked()
            # the pane's keys in the footer: the tab switch, its layout and paint
            in_hand.append(await press_m(lambda: pane.showing and _footer_has(view, "w")))
            assert pane.requests == ROUNDS + 1
            await hide()
    Screen._compositor_refresh = original  # type: ignore[method-assign]
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    b, o, h = ms(bare), ms(opens), ms(in_hand)
    verdict = "OK" if o - b <= 50 else "OVER BUDGET"
    print(f"[{label}] one bare GetMetricData (the pane's queries): median {b:.1f} ms (baseline)")
    print(
        f"[{label}] m -> graphs drawn: median {o:.1f} ms = {o / b:.2f}x the round trip, "
        f"round trip + {o - b:.1f} ms (target: + 50 ms) {verdict}"
    )
    print(
        f"[{label}] m with the data in hand (no request: the tab switch, the footer's new "
        f"keys and the paint alone): median {h:.1f} ms"
    )
    print(f"[{label}] first m (imports the plotting library): {first * 1000:.1f} ms")


if __name__ == "__main__":
    asyncio.run(on_demo_server(measure))
