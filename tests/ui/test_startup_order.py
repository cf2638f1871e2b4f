"""What waits for the first frame at start-up (issue 20), through the real app."""

from __future__ import annotations

import gc

import pytest

from lambdatui.aws.records import FunctionSummary
from lambdatui.store import cache
from lambdatui.ui.app import LambdaTUI
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.ui.helpers import make_app, settle
from tests.wire import delayed_proxy


@pytest.mark.slow
async def test_the_sdk_and_the_list_call_wait_for_the_first_frame(account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cached rows are painted first; only then does the app make its gateway (the SDK's
    import, in a thread, would share the GIL with that paint) and ask for the list."""
    order: list[str] = []
    ready, start = LambdaTUI.on_ready, FunctionListScreen.start_loading

    def on_ready(self: LambdaTUI) -> None:
        order.append(f"first frame, gateway made: {self._gateway is not None}")
        ready(self)

    def start_loading(self: FunctionListScreen) -> None:
        order.append("list asked for")
        start(self)

    monkeypatch.setattr(LambdaTUI, "on_ready", on_ready)
    monkeypatch.setattr(FunctionListScreen, "start_loading", start_loading)
    with delayed_proxy(account.endpoint_url) as (url, seen):
        app = make_app(url)
        cached = FunctionSummary.from_api({"FunctionName": "from-disk", "FunctionArn": "arn:x"})
        cache.save_functions(app.target.cache_key, [cached])
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
    assert order == ["first frame, gateway made: False", "list asked for"]
    assert any("/functions" in request for request in seen)


async def test_the_collector_is_back_on_after_the_first_frame(account) -> None:  # type: ignore[no-untyped-def]
    """The command line turns the cyclic collector off for start-up; the first frame turns it
    back on (a long session must collect its cycles)."""
    app = make_app(account.endpoint_url)
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
