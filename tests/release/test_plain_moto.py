"""The shift on plain moto 5.2.5: its UpdateAlias and GetMetricData (Sum) work, but it
publishes no Lambda metrics, so the error-rate guard never sees an invocation there: a shift
with a minimum of invocations waits at its first step, saying so, and one without a minimum
(``--min-invocations 0``: the user's choice to go on unjudged) runs to 100%."""

from __future__ import annotations

from typing import Any

from lambdatui.release.plan import parse_plan
from lambdatui.release.state import DONE, KEPT, Guards
from tests.release.helpers import released, shift, waits


def _alias(lam: Any) -> tuple[str, dict[str, float]]:
    alias = lam.get_alias(FunctionName="shop", Name="live")
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return alias["FunctionVersion"], weights


async def test_without_a_minimum_a_canary_on_plain_moto_ends_at_100_percent(
    plain_moto: Any,
) -> None:
    lam = released(plain_moto.endpoint_url)
    end, events, _clock = await shift(
        plain_moto.endpoint_url, parse_plan("canary10-1m"), Guards(0.01, 0), per_sleep=0
    )
    assert end.status == DONE, end.reason
    assert _alias(lam) == ("2", {})
    assert [e.kind for e in events if e.kind != "check"] == ["step", "done"]
    last = [e for e in events if e.kind == "check"][-1].reading
    assert last is not None and last.new.invocations == 0  # no Lambda metrics on plain moto


async def test_with_a_minimum_it_waits_at_its_first_step_and_says_why(plain_moto: Any) -> None:
    lam = released(plain_moto.endpoint_url)
    end, events, _clock = await shift(
        plain_moto.endpoint_url,
        parse_plan("canary10-1m"),
        Guards(0.01, 5),
        per_sleep=0,
        keep_after_waits=2,
    )
    assert end.status == KEPT and _alias(lam) == ("1", {"2": 0.1})
    assert waits(events)[0].message == (
        "waiting for 5 invocations of version 2 before the next step (0 so far)"
    )
