"""User stories of the function list's metrics columns (`m`), through the real UI against the
local account: the last hour's invocations and errors, asked only for the rows on screen."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.store import state
from lambdatui.ui.screens.list_metrics import MAX_QUERIES, POINTS, RANGE_SECONDS
from tests.invoke_functions import make_function
from tests.plain_moto import seed_like_a_real_account
from tests.ui.helpers import (
    make_app,
    notifications,
    press_id,
    screen_text,
    settle,
    wait_until,
)
from tests.wire import delayed_proxy

GET_METRIC_DATA = "POST / GetMetricData"


def _now() -> datetime:
    return datetime.now(UTC)


def _header(app: Any) -> str:
    return screen_text(app).splitlines()[1]


def _row(app: Any, name: str) -> list[str]:
    """The words of the row of ``name`` on screen."""
    for line in screen_text(app).splitlines():
        words = line.lstrip("> ").split()
        if words and words[0] == name:
            return words
    raise AssertionError(f"{name} is not on screen:\n{screen_text(app)}")


def _known(app: Any, *names: str) -> bool:
    metrics = app.screen._metrics
    return metrics is not None and all(metrics.known(n) is not None for n in names)


def _asked(bodies: list[tuple[str, bytes]]) -> list[list[str]]:
    """The functions each GetMetricData request asked for, in its order."""
    requests = []
    for path, body in bodies:
        if path == GET_METRIC_DATA:
            queries = json.loads(body)["MetricDataQueries"]
            names = [q["MetricStat"]["Metric"]["Dimensions"][0]["Value"] for q in queries]
            requests.append(list(dict.fromkeys(names)))
    return requests


@pytest.mark.slow
async def test_m_shows_the_metrics_columns_and_they_are_remembered(account: Any) -> None:
    seed_functions(account.endpoint_url, 5, region=account.region, prefix="fn")
    app = make_app(account.endpoint_url, clock=_now)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "INVOC" not in _header(app)
        await press_id(pilot, "functions.metrics")
        assert "INVOC" in _header(app) and "ERR" in _header(app) and "LAST HOUR" in _header(app)
        await wait_until(pilot, lambda: _known(app, "fn-00000"))
        await settle(pilot)
        assert _row(app, "fn-00000")[1:3] == ["0", "0"]  # never invoked: no datapoints
    assert state.load().metrics_column is True

    again = make_app(account.endpoint_url, clock=_now)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "INVOC" in _header(again)  # remembered
        await press_id(pilot, "functions.metrics")
        assert "INVOC" not in _header(again) and "MEM" in _header(again)
        await settle(pilot)
    assert state.load().metrics_column is False


@pytest.mark.slow
async def test_the_numbers_are_cloudwatchs_sums_of_the_invocations_made(account: Any) -> None:
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    code = "def handler(event, context):\n    if event.get('fail'):\n        raise ValueError(1)\n"
    for name in ("calc", "idle"):
        make_function(account, name, code)
    for event in ({}, {}, {}, {"fail": True}, {"fail": True}):
        lam.invoke(FunctionName="calc", Payload=json.dumps(event).encode())
    # What CloudWatch itself sums over the hour: one bucket of two hours, asked with boto3
    cloudwatch = boto3.client(
        "cloudwatch", endpoint_url=account.endpoint_url, region_name=account.region
    )

    def cloudwatch_sum(metric: str) -> int:
        stat = {
            "Metric": {
                "Namespace": "AWS/Lambda",
                "MetricName": metric,
                "Dimensions": [{"Name": "FunctionName", "Value": "calc"}],
            },
            "Period": RANGE_SECONDS * 2,
            "Stat": "Sum",
        }
        reply = cloudwatch.get_metric_data(
            MetricDataQueries=[{"Id": "q", "MetricStat": stat}],
            StartTime=_now() - timedelta(seconds=RANGE_SECONDS),
            EndTime=_now() + timedelta(seconds=RANGE_SECONDS),
        )
        return round(sum(reply["MetricDataResults"][0]["Values"]))

    assert (cloudwatch_sum("Invocations"), cloudwatch_sum("Errors")) == (5, 2)

    app = make_app(account.endpoint_url, clock=_now)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.metrics")
        await wait_until(pilot, lambda: _known(app, "calc", "idle"))
        await pilot.pause()
        calc = _row(app, "calc")
        assert calc[1:3] == ["5", "2"]
        # this minute's bucket, the last of the twelve, is the busiest: a full block
        spark = app.screen._metrics.known("calc").spark
        assert len(spark) == POINTS and spark.endswith("█") and calc[3] == spark.strip()
        assert _row(app, "idle")[1:3] == ["0", "0"]
        # sorted by invocations, busiest first
        await press_id(pilot, "functions.sort")
        assert app.screen.table.sort_column == "invocations" and app.screen.table.sort_reverse
        assert [f.name for f in app.screen.table.visible_rows()] == ["calc", "idle"]


@pytest.mark.slow
async def test_only_the_rows_on_screen_are_asked_one_request_a_screen(account: Any) -> None:
    seed_functions(account.endpoint_url, 400, region=account.region, prefix="svc")
    bodies: list[tuple[str, bytes]] = []
    with delayed_proxy(account.endpoint_url, sent_bodies=bodies) as (url, seen):
        app = make_app(url, clock=_now)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.pause(0.4)
            assert GET_METRIC_DATA not in seen  # the columns are off: nothing asked
            table = app.screen.table
            page = table.page_height
            await press_id(pilot, "functions.metrics")
            await wait_until(pilot, lambda: _known(app, "svc-00000"))
            await settle(pilot)
            asked = _asked(bodies)
            assert len(asked) == 1  # one request for the screen
            on_screen = [f.name for f in table.rows_on_screen()]
            assert len(on_screen) == page
            # the rows on screen and half a screen below (none above the first row)
            assert asked[0] == [f"svc-{i:05}" for i in range(page + page // 2)]
            assert "…" not in screen_text(app)

            for _ in range(5):  # five screens down, one key each
                await pilot.press("pagedown")
            await wait_until(pilot, lambda: _known(app, *(f.name for f in table.rows_on_screen())))
            await settle(pilot)
            asked = _asked(bodies)
            assert len(asked) <= 1 + 5  # at most one request per screen of rows
            top = table.scroll_offset.y
            assert set(asked[-1]) <= {f"svc-{i:05}" for i in range(top - page, top + 2 * page)}
            assert all(len(names) * 2 <= MAX_QUERIES for names in asked)
            # nobody asked for the rows far below
            everything = {name for names in asked for name in names}
            assert "svc-00399" not in everything


@pytest.mark.slow
async def test_a_denied_getmetricdata_is_said_in_place_and_nothing_else_breaks(
    account: Any,
) -> None:
    seed_functions(account.endpoint_url, 30, region=account.region, prefix="fn")
    denied = {"on": True}
    with delayed_proxy(
        account.endpoint_url, deny=lambda _m, path: denied["on"] and "GetMetricData" in path
    ) as (url, seen):
        app = make_app(url, clock=_now)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press_id(pilot, "functions.metrics")
            # the status line first, the notification a message later
            await wait_until(
                pilot, lambda: "metrics denied" in screen_text(app) and notifications(app)
            )
            assert _row(app, "fn-00000")[1:4] == ["?", "?", "denied"]
            # the status line names the action where it has room; the notification does
            assert notifications(app) == [
                "Access denied: Not permitted: cloudwatch:GetMetricData.\n"
                "Ask for this permission in your IAM policy."
            ]
            assert "30 functions" in screen_text(app)
            # the list works as before: filter, sort, open
            await press_id(pilot, "functions.filter")
            await pilot.press(*"fn-0001")
            assert app.screen.table.visible_count == 10
            await press_id(pilot, "filter.done")
            # asked again on refresh, and it works now
            denied["on"] = False
            await press_id(pilot, "functions.refresh")
            await wait_until(pilot, lambda: _known(app, "fn-00010"))
            await settle(pilot)
            assert "denied" not in screen_text(app)
            assert _row(app, "fn-00010")[1:3] == ["0", "0"]
    assert seen.count(GET_METRIC_DATA) >= 2


@pytest.mark.slow
async def test_plain_moto_fills_the_columns_without_breaking(plain_moto: Any) -> None:
    seed_like_a_real_account(plain_moto)
    plain_moto.client("cloudwatch").put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[
            {
                "MetricName": "Invocations",
                "Dimensions": [{"Name": "FunctionName", "Value": "orders"}],
                "Timestamp": _now() - timedelta(minutes=3),
                "Value": 7.0,
            }
        ],
    )
    app = make_app(plain_moto.endpoint_url, clock=_now)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.metrics")
        await wait_until(pilot, lambda: _known(app, "orders", "billing"))
        await settle(pilot)
        assert _row(app, "orders")[1:3] == ["7", "0"]
        assert _row(app, "billing")[1:3] == ["0", "0"]
        assert "GetMetricData" not in screen_text(app)


def test_the_sparkline_scales_to_the_busiest_bucket_and_leaves_idle_ones_blank() -> None:
    from lambdatui.ui.screens.list_metrics import sparkline

    assert sparkline([None, 0.0, 1.0, 4.0, 8.0, None]) == "  ▁▄█ "
    assert sparkline([None, None]) == "  "
    assert sparkline([0.001, 1000.0]) == "▁█"  # anything that ran shows


def test_counts_stay_within_five_cells() -> None:
    from lambdatui.ui.screens.list_metrics import count_text

    cases = {0: "0", 9999: "9999", 12_345: "12.3k", 456_789: "457k", 7_800_000: "7.8M"}
    assert {n: count_text(n) for n in cases} == cases
    assert all(len(count_text(10**k - 1)) <= 5 for k in range(1, 13))
