"""Write the SVG screenshots in screenshots/ from the demo account, as README shows them.

./run python scripts/screenshots.py [NAME ...]   (only those named, e.g. code code-diff)
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (100, 30)
#: The screenshots to write (all when none is named on the command line).
ONLY = set(sys.argv[1:])


def wanted(name: str) -> bool:
    return not ONLY or name in ONLY


async def main() -> None:
    from lambdatui.aws.target import resolve_target
    from lambdatui.demo.launch import start_demo  # seeded before the app starts
    from lambdatui.ui.app import LambdaTUI

    demo = start_demo()
    try:
        target = resolve_target(endpoint_url=demo.endpoint_url, region=demo.region)
        app = LambdaTUI(target, demo=True)  # the real clock: the demo has its own past
        async with app.run_test(size=SIZE) as pilot:

            async def settle() -> None:
                await app.workers.wait_for_complete()
                await pilot.pause()

            async def shot(name: str) -> None:
                await pilot.pause()
                if not wanted(name):
                    return
                OUT.mkdir(exist_ok=True)
                app.save_screenshot(str(OUT / f"{name}.svg"))
                print(f"wrote screenshots/{name}.svg")

            await settle()
            await shot("functions")
            await pilot.press("slash", *"order")
            await shot("filter")
            await pilot.press("enter", "enter")
            await settle()
            await asyncio.sleep(1.6)  # the seeded provisioned concurrency becomes READY
            await pilot.press("r")
            await settle()
            await shot("configuration")
            await pilot.press("2")
            await shot("triggers")
            await pilot.press("4")
            await shot("function")
            await pilot.press("question_mark")
            await shot("help")
            await pilot.press("escape", "1")
            await settle()
            await pilot.press("i")  # invoke: the response, log tail and REPORT together
            await settle()
            await pilot.press("ctrl+l")  # the library: a shareable event from the account
            await settle()
            await pilot.press("enter")
            await settle()
            await pilot.press("ctrl+r")
            await settle()
            await shot("invoke")
            await pilot.press("escape", "l")  # its logs, from an hour back, then live
            await pilot.pause(0.5)
            await pilot.press("b", *"1h", "enter")
            for _ in range(30):  # not settle(): the logs screen follows for ever
                await pilot.pause(0.1)
            await shot("logs")
            await pilot.press("escape", "e")  # edit: the form, then the confirmed diff
            await settle()
            memory = app.screen.query_one("#edit-memory_mb")
            memory.value = "1769"
            await pilot.pause()
            await shot("edit")
            await pilot.press("ctrl+s")
            await settle()
            await shot("edit-confirm")
            await pilot.press("escape", "escape")
        await _what_aws_added(demo, target, shot_dir=OUT)
        if wanted("tune"):
            await _tune(target, shot_dir=OUT)
        if wanted("shift"):
            await _shift(target, shot_dir=OUT)
    finally:
        demo.stop()


async def _what_aws_added(demo: object, target: object, shot_dir: Path) -> None:
    """A durable function's failed execution as a step timeline, and a Managed Instances
    function's configuration, on a fresh app over the same demo account."""
    import boto3

    from lambdatui.ui.app import LambdaTUI

    lam = boto3.client("lambda", endpoint_url=demo.endpoint_url, region_name=demo.region)  # type: ignore[attr-defined]
    for _ in range(100):  # order-1002 plays its steps in about 3 s, then fails
        found = lam.list_durable_executions_by_function(
            FunctionName="order-workflow", Statuses=["FAILED"]
        )["DurableExecutions"]
        if found:
            break
        await asyncio.sleep(0.1)
    app = LambdaTUI(target, demo=True)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:

        async def settle() -> None:
            await app.workers.wait_for_complete()
            await pilot.pause()

        async def open_function(name: str) -> None:
            await pilot.press("slash", *name, "enter", "enter")
            await settle()

        async def shot(name: str) -> None:
            await pilot.pause()
            if not wanted(name):
                return
            app.save_screenshot(str(shot_dir / f"{name}.svg"))
            print(f"wrote screenshots/{name}.svg")

        await settle()
        await open_function("order-workflow")
        await pilot.press("x")  # its executions, newest first
        await settle()
        table = app.screen.table  # type: ignore[attr-defined]
        table.move_cursor_to_key(
            next(e.arn for e in table.visible_rows() if e.name == "order-1002")
        )
        await shot("durable-executions")
        await pilot.press("enter")
        await settle()
        await shot("durable-timeline")
        await pilot.press("escape", "escape", "escape", "escape")
        await settle()
        await open_function("catalog-search")
        app.screen.query_one("#configuration-table").move_cursor_to_key(  # type: ignore[attr-defined]
            next(
                f.key
                for f in app.screen.query_one("#configuration-table").visible_rows()  # type: ignore[attr-defined]
                if f.label == "Capacity provider"
            )
        )
        await shot("managed-instances")
        await pilot.press("escape", "escape", "escape")
        await settle()
        await pilot.press("m", "s", "s")  # the metrics columns, sorted by errors
        for _ in range(50):  # sorting by errors asks for every function's last hour
            await settle()
            await pilot.pause(0.1)
            if "…" not in app.screen.query_one("FunctionTable").render_line(2).text:
                break
        await shot("list-metrics")
        await pilot.press("enter")  # the spike's function, on top
        await settle()
        await pilot.press("m")  # its monitoring pane
        for _ in range(30):  # the plotting library loads on the first graph
            await settle()
            await pilot.pause(0.1)
        await shot("monitoring")
        await pilot.press("escape", "escape")
        await settle()
        await open_function("orders-api")
        await pilot.press("c")  # its code: the handler, highlighted
        for _ in range(30):
            await settle()
            await pilot.pause(0.1)
        await pilot.press("down")
        await settle()
        await shot("code")
        await pilot.press("d", "down", "down", "down", "down", "enter")  # against `live`
        await settle()
        await pilot.press("enter")
        await settle()
        await shot("code-diff")


async def _tune(target: object, shot_dir: Path) -> None:
    """invoice-renderer (CPU-bound) tuned over the six default sizes: the results and plot."""
    from lambdatui.ui.app import LambdaTUI

    app = LambdaTUI(target, demo=True)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"invoice-renderer", "enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("M")
        await pilot.pause()
        form = app.screen
        typed = {"runs": "5", "payload": '{"pages": 6}', "strategy": "balanced", "weight": "0.25"}
        for field, value in typed.items():
            form.query_one(f"#tune-{field}").value = value  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()  # the prices, then the notice
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(1800):  # 30 runs of a CPU-bound handler
            await pilot.pause(0.1)
            if getattr(app.screen, "outcome", None) is not None:
                break
        await pilot.pause(0.5)
        app.save_screenshot(str(shot_dir / "tune.svg"))
        print("wrote screenshots/tune.svg")


async def _shift(target: object, shot_dir: Path) -> None:
    """coupon-validator's next release published, and live shifted to it with a short
    canary: the shift pane a few seconds into its first step, the demo's traffic counted."""
    from lambdatui.demo.traffic import SteadyTraffic
    from lambdatui.ui.app import LambdaTUI

    # the live aliases' steady traffic, as `lambdatui --demo` has it (its account process
    # starts it there; this script's account runs in this process)
    endpoint, region = target.custom_endpoint, target.region  # type: ignore[attr-defined]
    traffic = SteadyTraffic(endpoint, region).start()
    app = LambdaTUI(target, demo=True)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"coupon", "enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("3", "p")  # publish $LATEST: the description, then the confirmation
        await app.workers.wait_for_complete()
        await pilot.press(*"spring coupons", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.press("4", "t")  # shift live to it: 10% for 30 seconds, then all of it
        await app.workers.wait_for_complete()
        await pilot.press("end", "ctrl+u", *"10:30s,100", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        for _ in range(250):  # not wait_for_complete(): the shift runs on, until counts show
            await pilot.pause(0.1)
            reading = getattr(app.screen, "shift", None) and app.screen.shift.engine.reading  # type: ignore[attr-defined]
            if reading is not None and reading.new.invocations >= 3:
                break
        app.save_screenshot(str(shot_dir / "shift.svg"))
        print("wrote screenshots/shift.svg")
    traffic.stop()


if __name__ == "__main__":
    asyncio.run(main())
