"""The demo account has a past: functions last changed minutes to months before the seeding (a
few today), versions published on different days, log history over the last hour. And the
local account's ``backdate`` knob behaves as Lambda's LastModified does: an update dates the
function anew."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from lambdatui.aws.records import parse_time
from lambdatui.demo import catalog, history
from lambdatui.demo.events import invocation_history
from lambdatui.demo.seed import seed_demo
from tests.demo_time import SEEDED_AT

from .conftest import client


def _modified(config: dict[str, Any]) -> datetime:
    moment = parse_time(config["LastModified"])
    assert moment is not None
    return moment


def test_backdated_until_changed_again(account: Any, lam: Any, make_function: Any) -> None:
    make_function("dated")
    long_ago = datetime(2026, 1, 5, 9, 30, 15, 250000, tzinfo=UTC)
    account.backdate("dated", long_ago)
    assert lam.get_function(FunctionName="dated")["Configuration"]["LastModified"] == (
        "2026-01-05T09:30:15.250+0000"
    )
    [listed] = lam.list_functions()["Functions"]
    assert _modified(listed) == long_ago

    published = lam.publish_version(FunctionName="dated")  # a version is dated when published
    assert _modified(published) > long_ago
    account.backdate("dated", long_ago + timedelta(hours=1), "1")
    versions = {
        v["Version"]: v for v in lam.list_versions_by_function(FunctionName="dated")["Versions"]
    }
    assert _modified(versions["1"]) == long_ago + timedelta(hours=1)

    later = datetime.now(UTC) + timedelta(hours=2)
    account.knobs.clock = lambda: later
    lam.update_function_configuration(FunctionName="dated", MemorySize=256)
    assert _modified(lam.get_function_configuration(FunctionName="dated")) == later.replace(
        microsecond=later.microsecond // 1000 * 1000
    )
    # The version keeps its date: publishing froze it.
    version = lam.get_function_configuration(FunctionName="dated", Qualifier="1")
    assert _modified(version) == long_ago + timedelta(hours=1)

    with pytest.raises(KeyError):
        account.backdate("no-such-function", long_ago)
    with pytest.raises(KeyError):
        account.backdate("dated", long_ago, "7")


def test_every_function_has_an_age_and_versions_are_as_old_as_what_they_froze() -> None:
    assert set(history.FUNCTION_AGES) == {fn.name for fn in catalog.FUNCTIONS}
    for (name, version), age in history.VERSION_AGES.items():
        # Published from $LATEST as it was then: never newer than its last change.
        assert age >= history.FUNCTION_AGES[name], (name, version)
    orders = [history.VERSION_AGES["orders-api", str(n)] for n in range(1, 5)]
    assert orders == sorted(orders, reverse=True)
    offsets = history.history_offsets(len(invocation_history()))
    assert offsets == sorted(offsets, reverse=True)
    assert offsets[0] == history.LOG_HISTORY_SPAN and offsets[-1] == timedelta(minutes=1)


@pytest.mark.slow
def test_the_demo_changed_minutes_to_months_ago(shared_demo: Any) -> None:
    lam = client(shared_demo, "lambda")
    pages = lam.get_paginator("list_functions").paginate()
    ages = {
        f["FunctionName"]: SEEDED_AT - _modified(f) for page in pages for f in page["Functions"]
    }
    today = [name for name, age in ages.items() if age < timedelta(hours=12)]
    assert 3 <= len(today) <= 8, today
    assert min(ages.values()) > timedelta(0)  # not one "just now"
    assert max(ages.values()) > timedelta(days=180)
    assert len({age.days for age in ages.values()}) > 25  # spread over many days

    # orders-api: four releases weeks apart; $LATEST is what version 4 was published from.
    versions = lam.list_versions_by_function(FunctionName="orders-api")["Versions"]
    dates = {v["Version"]: _modified(v) for v in versions}
    assert dates["1"] < dates["2"] < dates["3"] < dates["4"] == dates["$LATEST"]
    assert (dates["4"] - dates["1"]).days > 60
    # Edited since its live version: checkout-ssr's $LATEST is newer than version 1.
    checkout = lam.list_versions_by_function(FunctionName="checkout-ssr")["Versions"]
    assert _modified(checkout[0]) > _modified(checkout[1])


@pytest.mark.slow
def test_the_seeded_log_history_spreads_over_the_last_hour(account: Any) -> None:
    before = datetime.now(UTC)
    seed_demo(account.endpoint_url, account.region)
    logs = client(account, "logs")
    lam = client(account, "lambda")
    stamps: list[int] = []
    for name in {name for name, _, _ in invocation_history()}:
        group = lam.get_function_configuration(FunctionName=name)["LoggingConfig"]["LogGroup"]
        for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
            # A stream is named after the day its first line was written, as Lambda does.
            first = stream["logStreamName"][:10]
            events = logs.get_log_events(
                logGroupName=group, logStreamName=stream["logStreamName"], startFromHead=True
            )["events"]
            assert events and first == _day(events[0]["timestamp"])
            stamps += [e["timestamp"] for e in events]
    oldest, newest = _moment(min(stamps)), _moment(max(stamps))
    assert before - timedelta(minutes=59) < oldest < before - timedelta(minutes=57)
    assert before - timedelta(minutes=2) < newest < before
    # Each invocation keeps its own moment: many distinct minutes, not one burst.
    assert len({stamp // 60_000 for stamp in stamps}) >= 12


def _moment(millis: int) -> datetime:
    return datetime.fromtimestamp(millis / 1000, UTC)


def _day(millis: int) -> str:
    return _moment(millis).strftime("%Y/%m/%d")
