"""Write the SVG screenshots in screenshots/ from the demo account, as README shows them.

./run python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (100, 30)


async def main() -> None:
    from lambdatui.aws.target import resolve_target
    from lambdatui.demo.launch import start_demo  # seeded before the app starts
    from lambdatui.ui.app import LambdaTUI

    demo = start_demo()
    try:
        target = resolve_target(endpoint_url=demo.endpoint_url, region=demo.region)
        app = LambdaTUI(target, demo=True, clock=lambda: datetime.now(UTC) + timedelta(days=3))
        async with app.run_test(size=SIZE) as pilot:

            async def settle() -> None:
                await app.workers.wait_for_complete()
                await pilot.pause()

            async def shot(name: str) -> None:
                await pilot.pause()
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
    finally:
        demo.stop()


if __name__ == "__main__":
    asyncio.run(main())
