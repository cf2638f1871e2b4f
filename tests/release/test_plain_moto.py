"""The shift on plain moto 5.2.5: its UpdateAlias and GetMetricData (Sum) work, so a shift
runs to 100%; it publishes no Lambda metrics, so the error-rate guard sees nothing there."""

from __future__ import annotations

from typing import Any

from lambdatui.release.plan import parse_plan
from lambdatui.release.state import DONE
from tests.release.helpers import released, shift


async def test_a_canary_on_plain_moto_ends_at_100_percent(plain_moto: Any) -> None:
    lam = released(plain_moto.endpoint_url)
    end, events, _clock = await shift(
        plain_moto.endpoint_url, parse_plan("canary10-1m"), per_sleep=0
    )
    assert end.status == DONE, end.reason
    alias = lam.get_alias(FunctionName="shop", Name="live")
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    assert (alias["FunctionVersion"], weights) == ("2", {})
    assert [e.kind for e in events if e.kind != "check"] == ["step", "done"]
    last = [e for e in events if e.kind == "check"][-1].reading
    assert last is not None and last.new.invocations == 0  # no Lambda metrics on plain moto
