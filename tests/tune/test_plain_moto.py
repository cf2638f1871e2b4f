"""On plain moto, which cannot run a function's code without Docker, a tuning run fails in one
clear line and still puts everything back."""

from __future__ import annotations

from typing import Any

from lambdatui.tune.runner import FAILED, Request, TuneRunner
from tests.tune.helpers import gateway, snapshot, tunable


async def test_plain_moto_fails_in_one_line_and_cleans_up(plain_moto: Any) -> None:
    lam = tunable(plain_moto.endpoint_url)
    before = snapshot(lam)
    async with gateway(plain_moto.endpoint_url) as gw:
        outcome = await TuneRunner(gw, Request("shop", (128, 512), 2, b"{}")).run()
    assert outcome.status == FAILED
    assert "\n" not in outcome.message
    assert "lambdatui-tune-128 answered without a REPORT line" in outcome.message
    assert outcome.clean_up_error == ""
    assert snapshot(lam) == before
