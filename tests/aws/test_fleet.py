"""The fleet lister against the local account: every pair's status, streaming, the bound."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import replace
from typing import Any

from lambdatui.aws import fleet
from lambdatui.aws.fleet import FleetPage, PairStatus, iter_fleet
from lambdatui.demo.seed import seed_functions
from tests.fleet_helpers import fleet as targets
from tests.fleet_helpers import listed, write_profiles
from tests.wire import delayed_proxy


def test_every_pair_is_listed_with_profile_account_and_region(account: Any) -> None:
    write_profiles()
    seed_functions(account.endpoint_url, 3, "us-east-1", prefix="east")
    seed_functions(account.endpoint_url, 2, "eu-west-1", prefix="west")
    result = listed(
        targets(account.endpoint_url, ["default", "staging"], ["us-east-1", "eu-west-1"])
    )
    found = sorted((r.profile, r.region, r.function.name) for r in result.rows)
    assert found == sorted(
        [(p, "us-east-1", f"east-0000{i}") for p in ("default", "staging") for i in range(3)]
        + [(p, "eu-west-1", f"west-0000{i}") for p in ("default", "staging") for i in range(2)]
    )
    assert {r.account for r in result.rows} == {account.account_id}
    assert {s.key: s.text for s in result.statuses.values()} == {
        ("default", "us-east-1"): "done 3",
        ("default", "eu-west-1"): "done 2",
        ("staging", "us-east-1"): "done 3",
        ("staging", "eu-west-1"): "done 2",
    }
    assert result.failures == []


def test_a_denied_pair_names_the_action_and_the_others_load(account: Any) -> None:
    write_profiles()
    seed_functions(account.endpoint_url, 2, "eu-west-1")
    account.knobs.denials.add(("stagingkey", "eu-west-1", "lambda:ListFunctions"))
    result = listed(targets(account.endpoint_url, ["default", "staging"], ["eu-west-1"]))
    statuses = {s.key: s for s in result.statuses.values()}
    assert statuses[("staging", "eu-west-1")].text == "not permitted: lambda:ListFunctions"
    assert statuses[("default", "eu-west-1")].text == "done 2"
    assert {r.profile for r in result.rows} == {"default"}


def _refusing(code: str, status: int = 403) -> Any:
    return delayed_proxy("http://127.0.0.1:9", refuse=lambda m, p: (status, code, "refused"))


def test_an_opt_in_region_that_does_not_know_the_key_is_not_enabled(account: Any) -> None:
    write_profiles()
    with _refusing("UnrecognizedClientException") as (url, _seen):
        (closed,) = targets(url, ["staging"], ["ap-east-1"])
        (working,) = targets(account.endpoint_url, ["staging"], ["us-east-1"])
        result = listed([closed, working])
    statuses = {s.key: s for s in result.statuses.values()}
    assert statuses[("staging", "ap-east-1")].text == "region not enabled"
    assert statuses[("staging", "us-east-1")].text == "done 0"


def test_expired_credentials_say_which_login_to_run(account: Any) -> None:
    write_profiles()
    with _refusing("ExpiredTokenException") as (url, _seen):
        result = listed(targets(url, ["staging"], ["us-east-1"]))
    (status,) = result.failures
    assert status.state == fleet.NO_CREDENTIALS
    assert "aws sso login --profile staging" in status.text


def test_a_profile_without_credentials_is_its_own_failure(account: Any) -> None:
    write_profiles()
    (missing,) = targets(account.endpoint_url, ["staging"], ["us-east-1"])
    missing = replace(missing, profile="nobody")
    (fine,) = targets(account.endpoint_url, ["default"], ["us-east-1"])
    result = listed([missing, fine])
    statuses = {s.key: s for s in result.statuses.values()}
    assert statuses[("nobody", "us-east-1")].state == fleet.NO_CREDENTIALS
    assert "aws sso login --profile nobody" in statuses[("nobody", "us-east-1")].text
    assert statuses[("default", "us-east-1")].text == "done 0"


def test_an_unreachable_endpoint_is_one_pair_not_the_fleet(account: Any) -> None:
    write_profiles()
    (gone,) = targets("http://127.0.0.1:9", ["default"], ["us-west-2"])
    (fine,) = targets(account.endpoint_url, ["default"], ["us-east-1"])
    result = listed([gone, fine])
    statuses = {s.key: s for s in result.statuses.values()}
    assert statuses[("default", "us-west-2")].state == fleet.UNREACHABLE
    assert statuses[("default", "us-east-1")].text == "done 0"


def test_no_more_pairs_than_the_bound_are_in_flight(account: Any) -> None:
    write_profiles()
    lock, now, most = threading.Lock(), [0], [0]

    def held() -> float:  # runs in the proxy's handler thread, while the request is open
        with lock:
            now[0] += 1
            most[0] = max(most[0], now[0])
        time.sleep(0.25)
        with lock:
            now[0] -= 1
        return 0.0

    regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "sa-east-1", "ca-central-1"]
    with delayed_proxy(account.endpoint_url, held) as (url, seen):
        result = listed(targets(url, ["default"], regions), concurrency=2)
    assert len(seen) == len(regions)  # one ListFunctions each
    assert most[0] == 2
    assert all(s.text == "done 0" for s in result.statuses.values())


def test_pages_stream_out_before_the_slow_pairs_finish(account: Any) -> None:
    write_profiles()
    seed_functions(account.endpoint_url, 120, "us-east-1")  # three pages of 50
    events: list[Any] = []

    async def main() -> None:
        async for event in iter_fleet(targets(account.endpoint_url, ["default"], ["us-east-1"])):
            events.append(event)

    asyncio.run(main())
    pages = [e for e in events if isinstance(e, FleetPage)]
    counts = [e.count for e in events if isinstance(e, PairStatus) and e.state == fleet.LOADING]
    assert [len(p.rows) for p in pages] == [50, 50, 20]
    assert counts == [0, 50, 100, 120]
    assert events[0] == PairStatus("default", "us-east-1")  # waiting, before any request
    assert events[-1].text == "done 120"
