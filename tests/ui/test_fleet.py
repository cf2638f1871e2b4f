"""The fleet view through the real app, on the local account: two profiles (``default`` and
``staging``, two access keys of the same account) × two regions."""

from __future__ import annotations

from typing import Any

from lambdatui.store import fleet_cache
from lambdatui.store.fleet_cache import FleetChoice
from lambdatui.ui.screens.fleet import FleetScreen, pairs_summary
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.fleet_helpers import write_profiles
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until
from tests.wire import delayed_proxy

REGIONS = ("us-east-1", "eu-west-1")


def _seed(account: Any) -> None:
    from lambdatui.demo.seed import seed_functions

    write_profiles()
    seed_functions(account.endpoint_url, 3, "us-east-1", prefix="east")
    seed_functions(account.endpoint_url, 2, "eu-west-1", prefix="west")
    fleet_cache.save_choice(FleetChoice((), REGIONS))


def _fleet(app: Any) -> FleetScreen:
    screen = app.screen
    assert isinstance(screen, FleetScreen), screen_text(app)
    return screen


async def _open_fleet(pilot: Any) -> FleetScreen:
    await settle(pilot)
    await press_id(pilot, "functions.fleet")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FleetScreen))
    fleet = _fleet(pilot.app)
    await wait_until(
        pilot,
        lambda: len(fleet._statuses) == 4 and all(s.finished for s in fleet._statuses.values()),
    )
    await settle(pilot)
    return fleet


def _credential(headers: dict[str, str]) -> str:
    """'stagingkey/eu-west-1' from a SigV4 Authorization header: who signed, for which region."""
    scope = headers.get("Authorization", "").split("Credential=")[1].split(",")[0]
    key, _day, region, *_ = scope.split("/")
    return f"{key}/{region}"


async def test_rows_stream_in_with_profile_account_and_region_and_a_denied_pair_says_so(
    account: Any,
) -> None:
    _seed(account)
    account.knobs.denials.add(("stagingkey", "eu-west-1", "lambda:ListFunctions"))
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 30)) as pilot:
        fleet = await _open_fleet(pilot)
        rows = {(r.profile, r.account, r.region, r.function.name) for r in fleet.table.rows()}
        assert rows == {
            (p, account.account_id, "us-east-1", f"east-0000{i}")
            for p in ("default", "staging")
            for i in range(3)
        } | {("default", account.account_id, "eu-west-1", f"west-0000{i}") for i in range(2)}
        text = screen_text(app)
        header = text.splitlines()[0]
        assert "8 functions" in header and "3 done · 1 denied" in header
        assert "PROFILE" in text and "ACCOUNT" in text and "REGION" in text
        assert "not permitted" not in text  # the pairs' list is shown on demand
        await press_id(pilot, "fleet.pairs")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        (denied,) = [line.split() for line in lines if "not permitted" in line]
        assert denied == ["staging", "eu-west-1", "✗", "not", "permitted:", "lambda:ListFunctions"]
        assert sum(1 for line in lines if line.split()[-2:-1] == ["done"]) == 3


async def test_filter_and_sort_work_as_on_the_function_list(account: Any) -> None:
    _seed(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 30)) as pilot:
        fleet = await _open_fleet(pilot)
        await press_id(pilot, "fleet.filter")
        await pilot.press(*"eu-west")
        await settle(pilot)
        shown = {(r.profile, r.function.name) for r in fleet.table.visible_rows()}
        assert shown == {(p, f"west-0000{i}") for p in ("default", "staging") for i in range(2)}
        assert "4 of 10 functions" in screen_text(app)
        await pilot.press(*["backspace"] * 7, "!", *"east")
        await settle(pilot)
        assert {r.region for r in fleet.table.visible_rows()} == {"eu-west-1"}
        await press_id(pilot, "filter.done")
        await press_id(pilot, "fleet.back")  # clears the filter first
        await settle(pilot)
        assert fleet.table.visible_count == 10 and isinstance(app.screen, FleetScreen)
        await press_id(pilot, "fleet.sort")  # PROFILE → ACCOUNT
        await press_id(pilot, "fleet.sort")  # → REGION
        await settle(pilot)
        assert fleet.table.sort_column == "region"
        assert [r.region for r in fleet.table.visible_rows()][:4] == ["eu-west-1"] * 4
        await press_id(pilot, "fleet.back")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)


async def test_enter_and_invoke_go_to_the_functions_own_profile_and_region(account: Any) -> None:
    """Configuration and invoke of a function of staging/eu-west-1 are signed by staging's
    key for eu-west-1; back on the fleet, the app is on its own target again."""
    _seed(account)
    headers: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, sent_headers=headers) as (url, _seen):
        app = make_app(url)
        async with app.run_test(size=(120, 30)) as pilot:
            fleet = await _open_fleet(pilot)
            own = (app.target, app.gateway)
            await press_id(pilot, "fleet.filter")
            await pilot.press(*"staging")
            await press_id(pilot, "filter.done")
            await press_id(pilot, "fleet.sort")
            await press_id(pilot, "fleet.sort")  # by region: eu-west-1 first
            await press_id(pilot, "table.first")  # the cursor keeps its row: to the top
            await settle(pilot)
            row = fleet.table.cursor_row
            assert row is not None and (row.profile, row.region) == ("staging", "eu-west-1")
            headers.clear()
            await press_id(pilot, "fleet.open")
            await wait_until(pilot, lambda: isinstance(app.screen, FunctionScreen))
            await settle(pilot)
            text = screen_text(app)
            assert row.function.name in text and "staging │ eu-west-1" in text, text
            got = {_credential(h) for request, h in headers if "/functions/" in request}
            assert got == {"stagingkey/eu-west-1"}, headers
            await press_id(pilot, "function.back")
            await settle(pilot)
            assert (app.target, app.gateway) == own  # given back

            headers.clear()
            await press_id(pilot, "fleet.invoke")
            await settle(pilot)
            await press_id(pilot, "invoke.send")
            await wait_until(pilot, lambda: any("invocations" in r for r, _ in headers))
            await settle(pilot)
            invoked = [_credential(h) for r, h in headers if "invocations" in r]
            assert invoked == ["stagingkey/eu-west-1"], notifications(app)
            assert f"/functions/{row.function.name}/invocations" in " ".join(r for r, _ in headers)
            await press_id(pilot, "invoke.back")
            await settle(pilot)
            assert isinstance(app.screen, FleetScreen) and app.target == own[0]


async def test_the_summary_counts_runtimes_and_reads_each_pairs_limits(account: Any) -> None:
    _seed(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 40)) as pilot:
        fleet = await _open_fleet(pilot)
        await press_id(pilot, "fleet.summary")
        await settle(pilot)
        text = screen_text(app)
        assert "Fleet summary · 10 functions" in text
        rows = fleet.table.rows()
        for runtime in {r.function.runtime_label for r in rows}:
            n = sum(1 for r in rows if r.function.runtime_label == runtime)
            assert any(line.split()[:2] == [runtime, str(n)] for line in text.splitlines()), text
        assert "AWS's runtime table as of 2026-12-07" in text
        limits = [line for line in text.splitlines() if "reserved " in line and " · code " in line]
        assert len(limits) == 4 and all(" · code " in line for line in limits), text
        assert "the metrics columns are off" in text
        await press_id(pilot, "fleet.summary.close")
        await settle(pilot)
        assert isinstance(app.screen, FleetScreen)


async def test_a_warm_start_paints_the_cached_fleet_before_any_reply(account: Any) -> None:
    _seed(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_fleet(pilot)
        await settle(pilot)  # the cache is written in a thread
    delay = [0.0]
    with delayed_proxy(account.endpoint_url, lambda: delay[0]) as (url, seen):
        # The cache is keyed by the choice and the endpoint: the same endpoint, through a
        # proxy that holds every reply 3 s once the function list has loaded.
        key = fleet_cache.fleet_key((), REGIONS, account.endpoint_url)
        fleet_cache.save_fleet(
            fleet_cache.fleet_key((), REGIONS, url),
            fleet_cache.load_fleet(key).rows,  # type: ignore[union-attr]
        )
        app = make_app(url)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            delay[0] = 3.0
            asked = len(seen)
            await press_id(pilot, "functions.fleet")
            await wait_until(pilot, lambda: isinstance(app.screen, FleetScreen))
            fleet = _fleet(app)
            await wait_until(pilot, lambda: fleet.table.total_count == 10, timeout=2)
            header = screen_text(app).splitlines()[0]
            assert "10 functions (cached" in header and "refreshing" in header
            assert not any(s.state == "done" for s in fleet._statuses.values())
            assert len(seen) - asked <= 4  # the pairs' lists asked for, none answered yet
            delay[0] = 0.0


def test_pairs_summary_counts_each_state_in_a_fixed_order() -> None:
    from lambdatui.aws.fleet import PairStatus

    statuses = [
        PairStatus("a", "r1", "loading", 3),
        PairStatus("a", "r2", "done", 1),
        PairStatus("b", "r1", "denied", detail="lambda:ListFunctions"),
        PairStatus("b", "r2", "done", 4),
        PairStatus("c", "r1", "credentials", hint="aws sso login --profile c"),
    ]
    assert pairs_summary(statuses) == "2 done · 1 loading · 1 denied · 1 credentials"


async def test_a_profile_without_credentials_is_its_own_line_and_the_others_load(
    account: Any,
) -> None:
    _seed(account)
    fleet_cache.save_choice(FleetChoice(("default", "ghost"), ("us-east-1",)))
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.fleet")
        await wait_until(pilot, lambda: isinstance(app.screen, FleetScreen))
        fleet = _fleet(app)
        await wait_until(
            pilot,
            lambda: len(fleet._statuses) == 2 and all(s.finished for s in fleet._statuses.values()),
        )
        await press_id(pilot, "fleet.pairs")
        await settle(pilot)
        text = screen_text(app)
        assert "1 done · 1 credentials" in text.splitlines()[0], text
        (ghost,) = [line for line in text.splitlines() if "ghost" in line]
        assert "credentials" in ghost, ghost
        assert {r.profile for r in fleet.table.rows()} == {"default"}


def test_the_pairs_list_names_each_failure_and_what_to_run() -> None:
    from rich.console import Console

    from lambdatui.aws.fleet import PairStatus
    from lambdatui.ui.screens.fleet_pairs import pairs_table

    statuses = [
        PairStatus("prod", "us-east-1", "done", 12),
        PairStatus("prod", "ap-east-1", "region not enabled"),
        PairStatus(
            "sso",
            "eu-west-1",
            "credentials",
            detail="The SSO session has expired.",
            hint="Run: aws sso login --profile sso",
        ),
        PairStatus("dev", "eu-west-1", "unreachable", detail="Could not connect."),
        PairStatus("dev", "us-east-1", "loading", 50),
    ]
    console = Console(width=120, record=True, color_system=None)
    console.print(pairs_table(statuses))
    text = console.export_text()
    lines = [line.split() for line in text.splitlines()]
    failed = [line[:2] for line in lines if "✗" in line]
    assert failed == [["dev", "eu-west-1"], ["prod", "ap-east-1"], ["sso", "eu-west-1"]]
    assert "region not enabled" in text and "aws sso login --profile sso" in text
    assert "unreachable: Could not connect." in text and "loading 50" in text


async def test_the_summary_counts_the_functions_that_erred_when_the_metrics_are_on(
    account: Any,
) -> None:
    """One function of eu-west-1 fails twice, another succeeds: with the metrics columns on,
    the summary counts one function that erred in the last hour (CloudWatch's Errors)."""
    import json
    from dataclasses import replace
    from datetime import UTC, datetime

    import boto3

    from lambdatui.store import state
    from tests.invoke_functions import python_function

    _seed(account)
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name="eu-west-1")
    code = "def handler(event, context):\n    if event.get('fail'):\n        raise ValueError(1)\n"
    for name in ("flaky", "steady"):
        python_function(account.endpoint_url, name, code, region="eu-west-1")
    for name, event in (("flaky", {"fail": True}), ("flaky", {"fail": True}), ("steady", {})):
        lam.invoke(FunctionName=name, Payload=json.dumps(event).encode())
    state.save(replace(state.load(), metrics_column=True))
    app = make_app(account.endpoint_url, clock=lambda: datetime.now(UTC))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_fleet(pilot)
        await press_id(pilot, "fleet.summary")
        await wait_until(pilot, lambda: "erred" in screen_text(app))
        # flaky is seen through both profiles (the same account): two rows, one function each
        assert "2 functions erred" in screen_text(app), screen_text(app)


async def test_the_first_time_it_asks_which_profiles_and_regions_and_remembers(
    account: Any,
) -> None:
    from lambdatui.ui.screens.fleet_choice import FleetChoiceScreen

    _seed(account)
    (fleet_cache.paths.config_dir() / "fleet.json").unlink()
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.fleet")
        await wait_until(pilot, lambda: isinstance(app.screen, FleetChoiceScreen))
        await pilot.press(*"staging", "enter", *"eu-west-1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FleetScreen))
        fleet = _fleet(app)
        await wait_until(pilot, lambda: any(s.finished for s in fleet._statuses.values()))
        await settle(pilot)
        assert set(fleet._statuses) == {("staging", "eu-west-1")}
        assert {r.function.name for r in fleet.table.rows()} == {"west-00000", "west-00001"}
    assert fleet_cache.load_choice() == FleetChoice(("staging",), ("eu-west-1",))
