"""A key's effect is drawn as soon as the key is handled, not at Textual's next frame tick."""

from __future__ import annotations

import asyncio

from textual import events
from textual.screen import Screen

from lambdatui.aws.records import FunctionSummary
from lambdatui.store import cache
from lambdatui.ui.app import LambdaTUI
from tests.ui.helpers import make_app, screen_text, wait_until


async def test_a_keys_change_is_drawn_without_waiting_for_a_frame_tick(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With the screen's frame ticks stopped, `down` still reaches the terminal: the cursor's
    new row is written when the key is done (the tick would have come up to 16.7 ms later)."""
    app = make_app("http://127.0.0.1:9")  # the discard port: the rows come from the cache
    rows = [
        FunctionSummary.from_api({"FunctionName": f"fn-{i}", "FunctionArn": f"arn:{i}"})
        for i in range(3)
    ]
    cache.save_functions(app.target.cache_key, rows)
    written: list[str] = []
    display = LambdaTUI._display

    def _display(self: LambdaTUI, screen: Screen[object], update: object) -> None:
        if update is not None:
            written.append(update.render_segments(self.console))  # type: ignore[attr-defined]
        display(self, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(LambdaTUI, "_display", _display)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "> fn-0" in screen_text(app))
        await pilot.pause(0.3)
        app.screen._update_timer.stop()  # no more frame ticks
        written.clear()
        app.post_message(events.Key("down", None))  # as the terminal sends it
        for _ in range(40):
            await asyncio.sleep(0.01)
            if any("fn-1" in text for text in written):
                break
        assert any("fn-1" in text for text in written), "nothing written after the key"
