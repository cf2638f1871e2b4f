"""The logs calls of the gateway, against the local account (Live Tail and FilterLogEvents).

Lines are written with PutLogEvents into streams named the way Lambda names them, so each test
controls exactly which function, version and time a line belongs to; one test invokes a real
function to check the whole path.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from lambdatui.aws import errors
from lambdatui.aws.follow import FollowPolicy
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.log_records import MODE_LIVE, MODE_POLLING, LogBatch, LogLine
from lambdatui.aws.target import resolve_target
from tests.logs_helpers import client, make_function, put_lines, today
from tests.wire import canned_endpoint


def _gateway(endpoint: str) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1"))


FAST = FollowPolicy(
    fast=0.05, idle_max=0.2, group_wait=0.1, overlap_ms=3_000, reconnect_first=0.1, at_once=0.3
)


async def _collect(
    batches: AsyncIterator[LogBatch],
    until: int | Callable[[list[LogLine]], bool],
    timeout: float = 10.0,
    then: Callable[[], Any] | None = None,
) -> tuple[list[LogLine], list[LogBatch]]:
    """Lines from ``batches`` until ``until`` have come (or ``until(lines)`` holds, or the
    timeout), and every batch. ``then`` runs in a thread once the first batch has come: the
    follow has started (Live Tail streams only what is ingested after its session began)."""
    done = until if callable(until) else (lambda got: len(got) >= until)
    lines: list[LogLine] = []
    seen: list[LogBatch] = []

    async def run() -> None:
        async for batch in batches:
            if then is not None and not seen:
                threading.Thread(target=then, daemon=True).start()
            seen.append(batch)
            lines.extend(batch.lines)
            if done(lines):
                return

    task = asyncio.create_task(run())
    deadline = time.monotonic() + timeout
    try:
        # `until` may also come true between batches (a count of requests): look at it often.
        while not task.done() and not done(lines) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await batches.aclose()  # type: ignore[attr-defined]
    return lines, seen


async def test_default_group_is_the_functions_own_and_is_not_narrowed(account: Any) -> None:
    make_function(account, "plain")
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("plain")
        assert (scope.group, scope.shared, scope.group_arn) == ("/aws/lambda/plain", False, None)
        assert scope.prefixes() == [] and scope.describe() == "all streams"
        put_lines(account, "/aws/lambda/plain", f"{today()}/[$LATEST]abc", "hi")
        scope = await gw.log_scope("plain")
        assert scope.group_arn and scope.group_arn.endswith(":log-group:/aws/lambda/plain")


async def test_a_shared_custom_group_is_narrowed_to_the_functions_streams(account: Any) -> None:
    make_function(account, "checkout", group="/acme/shop")
    make_function(account, "refunds", group="/acme/shop")
    day = today()
    put_lines(account, "/acme/shop", f"{day}/checkout[$LATEST]aaa", "checkout line")
    put_lines(account, "/acme/shop", f"{day}/refunds[$LATEST]bbb", "refunds line")
    put_lines(account, "/acme/shop", f"{day}/checkout-v2[$LATEST]ccc", "lookalike function")
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("checkout")
        assert scope.shared and scope.group == "/acme/shop"
        assert f"{day}/checkout[" in scope.prefixes()
        assert scope.describe() == "checkout's streams"
        lines = await gw.filter_lines(scope, 0)
    assert [line.message for line in lines] == ["checkout line"]


async def test_a_version_or_alias_narrows_to_its_versions_streams(account: Any) -> None:
    make_function(account, "shop")
    lam = client(account, "lambda")
    lam.publish_version(FunctionName="shop")
    lam.update_function_configuration(FunctionName="shop", Description="two")
    lam.publish_version(FunctionName="shop")
    lam.update_function_configuration(FunctionName="shop", Description="three")
    lam.publish_version(FunctionName="shop")
    lam.create_alias(
        FunctionName="shop",
        Name="live",
        FunctionVersion="2",
        RoutingConfig={"AdditionalVersionWeights": {"3": 0.1}},
    )
    day = today()
    for version in ("$LATEST", "1", "2", "3"):
        put_lines(account, "/aws/lambda/shop", f"{day}/[{version}]0123456789abcdef", f"v{version}")
    async with _gateway(account.endpoint_url) as gw:
        version = await gw.log_scope("shop", "1")
        alias = await gw.log_scope("shop", "live")
        whole = await gw.log_scope("shop", "$LATEST")
        assert version.describe() == "version 1"
        assert alias.describe() == "versions 2, 3 (alias live)"
        assert [x.message for x in await gw.filter_lines(version, 0)] == ["v1"]
        assert [x.message for x in await gw.filter_lines(alias, 0)] == ["v2", "v3"]
        assert len(await gw.filter_lines(whole, 0)) == 4


async def test_live_tail_follows_new_lines_and_ignores_other_functions(account: Any) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "checkout", group="/acme/shop")
    day = today()
    put_lines(account, "/acme/shop", f"{day}/checkout[$LATEST]aaa", "before")
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("checkout")

        def write() -> None:
            put_lines(account, "/acme/shop", f"{day}/refunds[$LATEST]bbb", "not mine")
            put_lines(account, "/acme/shop", f"{day}/checkout[$LATEST]aaa", "one", "two")

        lines, batches = await _collect(gw.follow(scope, policy=FAST), until=2, then=write)
    assert [line.message for line in lines] == ["one", "two"]
    assert {b.mode for b in batches} == {MODE_LIVE}


@pytest.mark.slow
async def test_live_tail_reconnects_after_the_session_ends_without_loss_or_repeats(
    account: Any,
) -> None:
    account.logs_knobs.update_interval = 0.1
    account.logs_knobs.max_session_seconds = 0.6
    make_function(account, "busy")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/busy", stream, "first")

    def write() -> None:
        for n in range(30):
            put_lines(account, "/aws/lambda/busy", stream, f"line {n}")
            time.sleep(0.07)

    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("busy")
        lines, batches = await _collect(
            gw.follow(scope, policy=FAST), until=30, timeout=15, then=write
        )
    assert [line.message for line in lines] == [f"line {n}" for n in range(30)]
    assert account.logs_knobs.sessions_started >= 3
    assert {b.mode for b in batches} == {MODE_LIVE}  # each stream lived: reopened, never polled
    reopened = [b.status for b in batches if b.status]
    assert reopened and all(s.startswith("the stream ended; reconnecting in") for s in reopened)


async def test_live_tail_marks_sampled_updates(account: Any) -> None:
    account.logs_knobs.update_interval = 0.3
    account.logs_knobs.max_events_per_update = 5
    make_function(account, "chatty")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/chatty", stream, "first")
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("chatty")
        lines, batches = await _collect(
            gw.follow(scope, policy=FAST),
            until=5,
            then=lambda: put_lines(account, "/aws/lambda/chatty", stream, *map(str, range(20))),
        )
    assert len(lines) == 5
    assert any(b.sampled for b in batches if b.lines)


@pytest.mark.slow
async def test_polling_fallback_follows_without_repeating_overlapping_windows(
    account: Any,
) -> None:
    make_function(account, "polled")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/polled", stream, "first")

    def write() -> None:
        for n in range(10):
            put_lines(account, "/aws/lambda/polled", stream, f"line {n}")
            time.sleep(0.05)

    policy = FollowPolicy(fast=0.05, idle_max=0.1, overlap_ms=60_000, max_rate=50)
    polls: list[float] = []  # when each FilterLogEvents call was answered
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("polled")
        original = gw.filter_lines

        async def counting(*args: Any, **kwargs: Any) -> list[LogLine]:
            got = await original(*args, **kwargs)
            polls.append(time.monotonic())
            return got

        gw.filter_lines = counting  # type: ignore[method-assign]
        last: list[int] = []

        def three_more_polls(got: list[LogLine]) -> bool:
            if not last and any(line.message == "line 9" for line in got):
                last.append(len(polls))
            return bool(last) and len(polls) >= last[0] + 3

        lines, batches = await _collect(
            gw.follow(scope, mode="polling", policy=policy), until=three_more_polls, then=write
        )
    # The 60 s overlap re-reads every line on every poll (three more after the last line came,
    # each of which could have repeated it): each still shows once.
    assert last and len(polls) >= last[0] + 3
    assert [line.message for line in lines] == [f"line {n}" for n in range(10)]
    assert {b.mode for b in batches} == {MODE_POLLING}


@pytest.mark.slow
async def test_polling_keeps_to_five_requests_a_second(account: Any) -> None:
    make_function(account, "idle")
    put_lines(account, "/aws/lambda/idle", f"{today()}/[$LATEST]feedface", "x")
    counted: list[float] = []
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("idle")
        original = gw.filter_lines

        async def counting(*args: Any, **kwargs: Any) -> list[LogLine]:
            counted.append(time.monotonic())
            return await original(*args, **kwargs)

        gw.filter_lines = counting  # type: ignore[method-assign]
        policy = FollowPolicy(fast=0.01, idle_max=0.01, max_rate=5)
        # Nothing is ever written: a fixed two-second window whose calls are counted.
        await _collect(gw.follow(scope, mode="polling", policy=policy), until=1, timeout=2)
    assert 5 <= len(counted) <= 12


async def test_live_tail_not_permitted_falls_back_to_polling_and_says_why(account: Any) -> None:
    account.logs_knobs.denied = {"StartLiveTail"}
    make_function(account, "locked")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/locked", stream, "first")
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("locked")
        lines, batches = await _collect(
            gw.follow(scope, policy=FAST),
            until=1,
            then=lambda: put_lines(account, "/aws/lambda/locked", stream, "after"),
        )
    assert [line.message for line in lines] == ["after"]
    assert batches[-1].mode == MODE_POLLING
    assert batches[0].reason == "not permitted: logs:StartLiveTail"
    assert batches[0].mode_text() == "polling: not permitted: logs:StartLiveTail"


async def test_no_group_yet_waits_then_follows_once_it_appears(account: Any) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "fresh")
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("fresh")
        assert scope.group_arn is None
        lines, batches = await _collect(
            gw.follow(scope, policy=FAST),
            until=1,
            then=lambda: put_lines(account, "/aws/lambda/fresh", f"{today()}/[$LATEST]ab", "born"),
        )
    assert batches[0].waiting and "no log group yet" in batches[0].status
    assert [line.message for line in lines] == ["born"]


async def test_since_reads_the_window_then_follows(account: Any) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "past")
    stream = f"{today()}/[$LATEST]feedface"
    now = int(time.time() * 1000)
    put_lines(account, "/aws/lambda/past", stream, "an hour ago", at=now - 3_600_000)
    put_lines(account, "/aws/lambda/past", stream, "five minutes ago", at=now - 300_000)
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("past")
        lines, _ = await _collect(
            gw.follow(scope, since_ms=now - 600_000, policy=FAST),
            until=2,
            then=lambda: put_lines(account, "/aws/lambda/past", stream, "now"),
        )
    assert [line.message for line in lines] == ["five minutes ago", "now"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["live", "polling"])
async def test_the_history_comes_as_one_marked_batch_before_live_lines(
    account: Any, mode: str
) -> None:
    """The window before following began comes on its own (``history``, even when empty),
    so a view can mark where it ends; lines after it are not marked and none is repeated."""
    account.logs_knobs.update_interval = 0.2
    make_function(account, "past")
    stream = f"{today()}/[$LATEST]feedface"
    now = int(time.time() * 1000)
    put_lines(account, "/aws/lambda/past", stream, "five minutes ago", at=now - 300_000)
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("past")
        lines, batches = await _collect(
            gw.follow(scope, since_ms=now - 600_000, mode=mode, policy=FAST),
            until=2,
            then=lambda: put_lines(account, "/aws/lambda/past", stream, "now"),
        )
        history = [batch for batch in batches if batch.history]
        assert len(history) == 1 and history[0].lines[0].message == "five minutes ago"
        first = batches.index(history[0])
        assert all(not batch.lines for batch in batches[:first])  # nothing before it
        if mode == "live":  # written once the session had started: after the history
            assert [line.message for line in history[0].lines] == ["five minutes ago"]
        assert [line.message for line in lines] == ["five minutes ago", "now"]

        _, batches = await _collect(
            gw.follow(scope, since_ms=int(time.time() * 1000), policy=FAST),
            until=lambda _lines: False,
            timeout=0.8,
        )
        history = [batch for batch in batches if batch.history]
        assert len(history) == 1 and history[0].lines == ()  # sent even when empty
        _, batches = await _collect(
            gw.follow(scope, policy=FAST), until=lambda _lines: False, timeout=0.8
        )
        assert batches and not any(batch.history for batch in batches)  # live only: none


async def test_earlier_lines_pages_back_widening_past_empty_windows(account: Any) -> None:
    make_function(account, "past")
    stream = f"{today()}/[$LATEST]feedface"
    now = int(time.time() * 1000)
    for n in range(5):
        put_lines(account, "/aws/lambda/past", stream, f"old {n}", at=now - 1_800_000 + n)
    put_lines(account, "/aws/lambda/past", stream, "recent", at=now - 60_000)
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("past")
        # 10 minutes before "recent" hold nothing: the window doubles until it finds the five
        lines, start = await gw.earlier_lines(scope, now - 60_000, window_ms=600_000, limit=100)
        assert [line.message for line in lines] == [f"old {n}" for n in range(5)]
        assert start == now - 60_000 - 2_400_000
        # at most `limit`, the newest; the next page ends where this one was cut
        lines, start = await gw.earlier_lines(scope, now - 60_000, window_ms=3_600_000, limit=2)
        assert [line.message for line in lines] == ["old 3", "old 4"]
        rest, _ = await gw.earlier_lines(scope, start, window_ms=3_600_000, limit=100)
        assert [line.message for line in rest] == ["old 0", "old 1", "old 2"]
        none, start = await gw.earlier_lines(
            scope, now - 1_800_000, window_ms=600_000, limit=100, reach_ms=1_200_000
        )
        assert none == [] and start == now - 1_800_000 - 1_200_000


async def test_an_invocation_shows_up_live(account: Any) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "greeter")
    lam = client(account, "lambda")
    lam.invoke(FunctionName="greeter", Payload=b'"first"')
    async with _gateway(account.endpoint_url) as gw:
        scope = await gw.log_scope("greeter")
        lines, _ = await _collect(
            gw.follow(scope, policy=FAST),
            until=4,
            then=lambda: lam.invoke(FunctionName="greeter", Payload=b'"second"'),
        )
    messages = [line.message for line in lines]
    assert messages[0].startswith("START RequestId:")
    assert "hello from second" in messages[1]
    assert messages[2].startswith("END") and messages[3].startswith("REPORT")


@pytest.mark.slow
async def test_throttled_polling_backs_off_and_reports_it_once_per_pause() -> None:
    statuses: list[str] = []

    async def first_pause(batches: AsyncIterator[LogBatch]) -> None:
        async for batch in batches:
            if batch.status:
                statuses.append(batch.status)
                return

    with canned_endpoint(400, "ThrottlingException", "Rate exceeded") as (endpoint, seen):
        async with _gateway(endpoint) as gw:
            from lambdatui.aws.log_records import LogScope

            scope = LogScope(function="f", group="/aws/lambda/f", group_arn="/aws/lambda/f")
            follow = gw.follow(scope, mode="polling", policy=FAST)
            try:
                # botocore's own retries of a throttled call wait a random few seconds each
                # (adaptive mode): wait for our first pause, however long they take.
                await asyncio.wait_for(first_pause(follow), 30)
            finally:
                await follow.aclose()  # type: ignore[attr-defined]
    [status] = statuses
    assert status.startswith("throttled by AWS; next look in "), status
    pause = float(status.rsplit("next look in ", 1)[1].split()[0])
    assert pause >= 1 > FAST.idle_max  # backing off, well past the idle polling pace
    # botocore's own attempts of one call (three) before our pause: a handful, not a flood
    assert 1 <= len(seen) <= 4


async def test_filter_lines_denied_is_access_denied_naming_the_action() -> None:
    with canned_endpoint(400, "AccessDeniedException", "no") as (endpoint, _seen):
        async with _gateway(endpoint) as gw:
            from lambdatui.aws.log_records import LogScope

            scope = LogScope(function="f", group="/aws/lambda/f", group_arn="x")
            with pytest.raises(errors.AccessDenied) as caught:
                await gw.filter_lines(scope, 0)
    assert caught.value.action == "logs:FilterLogEvents"


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (403, "AccessDeniedException", "not permitted: logs:StartLiveTail"),
        (400, "ThrottlingException", "Live Tail throttled"),
        (400, "LimitExceededException", "Live Tail session limit reached"),
        (400, "UnknownOperationException", "Live Tail unavailable at this endpoint"),
        (
            400,
            "InvalidParameterException",
            "Live Tail refused the request (InvalidParameterException)",
        ),
        (503, "ServiceUnavailableException", None),  # retried (with back-off), not given up on
        (400, "ResourceNotFoundException", None),  # the group is gone: waited for
    ],
)
async def test_why_live_tail_cannot_be_used_at_the_wire(
    status: int, code: str, expected: str | None
) -> None:
    from lambdatui.aws.follow import LiveTailUnavailable
    from lambdatui.aws.log_records import LogScope

    scope = LogScope(function="f", group="/aws/lambda/f", group_arn="/aws/lambda/f")
    with canned_endpoint(status, code, "no") as (endpoint, seen):
        async with _gateway(endpoint) as gw:
            with pytest.raises((LiveTailUnavailable, errors.GatewayError)) as caught:
                async for _ in gw.live_tail(scope):
                    pass
    assert len(seen) == 1  # StartLiveTail is never retried inside botocore
    if expected is None:
        assert isinstance(caught.value, errors.GatewayError)
    else:
        assert isinstance(caught.value, LiveTailUnavailable) and str(caught.value) == expected
