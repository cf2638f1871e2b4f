"""The tuning run against the local account: a full run leaves the function exactly as it was
(but for the version numbers it used), and so do a stop mid-run, a failure, and read-only
(which sends nothing at all)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lambdatui.store import journal, tune_plans
from lambdatui.tune.runner import (
    DONE,
    FAILED,
    STOPPED,
    Event,
    Request,
    TuneRefused,
    TuneRunner,
    unfinished,
)
from tests.tune.helpers import FAILING, gateway, snapshot, tunable
from tests.wire import delayed_proxy

PAYLOAD = json.dumps({"pages": 1}).encode()


async def _run(endpoint: str, request: Request, **kw: Any) -> tuple[Any, list[Event]]:
    events: list[Event] = []
    async with gateway(endpoint, **kw) as gw:
        runner = TuneRunner(gw, request, events.append)
        outcome = await runner.run()
    return outcome, events


async def test_a_run_measures_each_size_and_leaves_everything_as_it_was(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    outcome, events = await _run(
        account.endpoint_url, Request("shop", (128, 512, 1024), 2, PAYLOAD)
    )
    assert outcome.status == DONE, outcome.message
    assert [r.memory_mb for r in outcome.results] == [128, 512, 1024]
    assert [r.runs for r in outcome.results] == [2, 2, 2]
    assert [r.cold_starts for r in outcome.results] == [1, 1, 1]  # each new version starts cold
    assert outcome.recommendation is not None and outcome.recommendation.strategy == "cost"
    invoked = [(e.memory_mb, e.done) for e in events if e.kind == "invoked"]
    assert invoked == [(128, 1), (128, 2), (512, 1), (512, 2), (1024, 1), (1024, 2)]
    assert [e.kind for e in events][-3:] == ["restoring", "cleaned", "done"]
    after = snapshot(lam)
    assert after == before
    assert after["config"]["MemorySize"] == 256
    published = [e.message for e in events if e.kind == "size" and "version" in e.message]
    assert published == [
        f"{size} MB: version {number}, lambdatui-tune-{size}"
        for size, number in ((128, 2), (512, 3), (1024, 4))
    ]
    assert unfinished() == []
    [action] = journal.actions()
    assert (action["action"], action["function"]) == ("TuneMemory", "shop")
    assert action["subject"] == "128,512,1024 MB × 2: done; put back"


async def test_a_parallel_run_measures_the_same_and_cleans_up(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    outcome, _events = await _run(
        account.endpoint_url, Request("shop", (128, 256), 4, PAYLOAD, parallel=True)
    )
    assert outcome.status == DONE, outcome.message
    assert [r.runs for r in outcome.results] == [4, 4]
    assert snapshot(lam) == before


async def test_a_stop_mid_run_restores_and_cleans_up(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    events: list[Event] = []
    async with gateway(account.endpoint_url) as gw:
        runner = TuneRunner(gw, Request("shop", (128, 512, 1024), 3, PAYLOAD))

        def listen(event: Event) -> None:
            events.append(event)
            if event.kind == "invoked" and event.memory_mb == 512 and event.done == 1:
                runner.stop()

        runner.listener = listen
        outcome = await runner.run()
    assert outcome.status == STOPPED
    assert [r.memory_mb for r in outcome.results] == [128, 512]  # what was measured is kept
    assert not any(e.memory_mb == 1024 for e in events)
    assert snapshot(lam) == before
    saved = [json.loads(p.read_text()) for p in tune_plans.plans_dir().glob("*.json")]
    assert [plan["status"] for plan in saved] == ["cleaned"]  # nothing to offer at next start


async def test_a_cancelled_run_restores_before_it_ends(account: Any) -> None:
    import asyncio

    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    async with gateway(account.endpoint_url) as gw:
        started = asyncio.Event()

        def listen(event: Event) -> None:
            if event.kind == "invoked":
                started.set()

        task = asyncio.ensure_future(
            TuneRunner(gw, Request("shop", (128, 512), 5, PAYLOAD), listen).run()
        )
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert snapshot(lam) == before


async def test_a_failure_restores_and_says_why(account: Any) -> None:
    """An invocation that cannot be measured (the alias deleted under the run) fails the run;
    what it changed is put back."""
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    async with gateway(account.endpoint_url) as gw:
        runner = TuneRunner(gw, Request("shop", (128, 512), 2, PAYLOAD))

        def listen(event: Event) -> None:
            if event.kind == "size" and event.memory_mb == 512 and "version" in event.message:
                lam.delete_alias(FunctionName="shop", Name="lambdatui-tune-512")

        runner.listener = listen
        outcome = await runner.run()
    assert outcome.status == FAILED
    assert "lambdatui-tune-512" in outcome.message
    assert outcome.clean_up_error == ""
    assert snapshot(lam) == before


async def test_a_function_that_fails_is_measured_and_its_failures_counted(account: Any) -> None:
    lam = tunable(account.endpoint_url, source=FAILING)
    before = snapshot(lam)
    outcome, _events = await _run(account.endpoint_url, Request("shop", (128,), 2, PAYLOAD))
    assert outcome.status == DONE
    assert outcome.results[0].failures == 2
    assert snapshot(lam) == before


async def test_read_only_sends_nothing(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    with delayed_proxy(account.endpoint_url) as (url, seen):
        async with gateway(url, read_only=True) as gw:
            with pytest.raises(TuneRefused, match="read-only"):
                await TuneRunner(gw, Request("shop", (128,), 1, PAYLOAD)).run()
        assert seen == []
    assert snapshot(lam) == before


async def test_a_size_equal_to_the_last_version_reuses_it_and_keeps_it(account: Any) -> None:
    """At 256 MB (the function's own) $LATEST is unchanged since version 1: Lambda answers
    with version 1 instead of a new one, the run measures it, and the clean-up keeps it."""
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    outcome, events = await _run(account.endpoint_url, Request("shop", (256, 512), 1, PAYLOAD))
    assert outcome.status == DONE, outcome.message
    published = [e.message for e in events if e.kind == "size" and "version" in e.message]
    assert published[0] == "256 MB: version 1, lambdatui-tune-256"
    assert snapshot(lam) == before
