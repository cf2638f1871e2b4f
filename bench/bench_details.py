"""Opening a function: general section at once, every section within slowest call + 100 ms.

Against the local account with the demo seed, served from its own process (as AWS would
be: the app's event loop and the server do not share one GIL): each section's call alone
through the gateway (the baseline: the slowest of them), then the real function view in a
headless app, timed from the key press to the last section filled. The general section
must be on screen before any reply (it comes from the list's record).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import listed, on_demo_server

ROUNDS = 7
FUNCTION = "orders-api"


async def single_calls(gateway) -> dict[str, float]:  # type: ignore[no-untyped-def]
    calls = {
        "GetFunction": lambda: gateway.get_function_detail(FUNCTION),
        "concurrency": lambda: gateway.get_concurrency(FUNCTION),
        "GetAccountSettings": gateway.get_account_limits,
        "GetFunctionCodeSigningConfig": lambda: gateway.get_code_signing_config_arn(FUNCTION),
        "GetFunctionEventInvokeConfig": lambda: gateway.get_async_config(FUNCTION),
        "GetFunctionUrlConfig": lambda: gateway.get_function_url(FUNCTION),
        "ListEventSourceMappings": lambda: gateway.list_event_source_mappings(FUNCTION),
        "GetPolicy": lambda: gateway.get_policy(FUNCTION),
    }
    times: dict[str, float] = {}
    for name, call in calls.items():
        t = time.perf_counter()
        await call()
        times[name] = time.perf_counter() - t
    return times


async def measure(endpoint: str, label: str) -> None:
    """Median slowest single call, and median time to a complete view, against ``endpoint``."""
    from textual import events

    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI
    from lambdatui.ui.screens.function import FunctionScreen

    app = LambdaTUI(resolve_target(endpoint_url=endpoint, region="us-east-1"), use_cache=False)
    slowest: list[float] = []
    serial: list[float] = []
    complete: list[float] = []
    general_first: list[bool] = []
    async with app.run_test(size=(120, 50)) as pilot:
        await listed(app, pilot, FUNCTION)
        await single_calls(app.gateway)  # warm the clients
        for _ in range(ROUNDS):
            alone = await single_calls(app.gateway)
            slowest.append(max(alone.values()))
            serial.append(sum(alone.values()))
            start = time.perf_counter()
            app.post_message(events.Key("enter", None))  # no Pilot wait: time the app alone
            while not (isinstance(app.screen, FunctionScreen) and app.screen.is_mounted):
                await asyncio.sleep(0.0005)
            view = app.screen
            config = view.query_one("#configuration-table")
            while not config.total_count:
                await asyncio.sleep(0.0005)
            rows = list(config.visible_rows())  # the first rows the pane shows
            pending = any(f.value == "loading…" for f in rows)
            general_first.append(pending and any(f.label == "Runtime" for f in rows))
            while True:
                panes = [view.query_one(f"#{p}-table") for p in ("configuration", "triggers")]
                fields = [f for pane in panes for f in pane.visible_rows()]
                if fields and not any(f.value in ("loading…", "loading the rest…") for f in fields):
                    break
                await asyncio.sleep(0.0005)
            complete.append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause()
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    s, c = ms(slowest), ms(complete)
    print(
        f"[{label}] slowest single section call alone: median {s:.1f} ms (baseline); "
        f"all 8 one after another: {ms(serial):.1f} ms"
    )
    verdict = "OK" if c - s <= 100 else "OVER BUDGET"
    print(
        f"[{label}] function view complete (8 calls, 2 panes): median {c:.1f} ms "
        f"= slowest + {c - s:.1f} ms (target: + 100 ms) {verdict}"
    )
    print(
        f"[{label}] general section on screen before any reply: {sum(general_first)}/{ROUNDS} opens"
    )


if __name__ == "__main__":
    asyncio.run(on_demo_server(measure))
