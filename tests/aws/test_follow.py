"""The follow engine's pacing, on a fake clock: Live Tail's reconnect back-off, the fall back
to polling, and Live Tail again on request. No sleeps: ``FollowPolicy`` takes the clock, the
sleep and the jitter's random source, and a fake gateway plays the sessions.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Iterator
from typing import Any

from lambdatui.aws import errors
from lambdatui.aws.follow import FollowControl, FollowPolicy, LiveTailUnavailable, Reconnect
from lambdatui.aws.log_records import MODE_LIVE, MODE_POLLING, LogBatch, LogLine, LogScope
from lambdatui.aws.logs_gateway import LogsCalls

SCOPE = LogScope(function="f", group="/aws/lambda/f", group_arn="arn:group")


class FakeClock:
    """Monotonic seconds that move only when the engine sleeps (or a fake session says)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def policy(clock: FakeClock, jitter: float = 0.0, **changes: Any) -> FollowPolicy:
    """AWS's pacing on the fake clock; ``jitter`` is what the random source returns."""
    return FollowPolicy(clock=clock.clock, sleep=clock.sleep, random=lambda: jitter, **changes)


def test_the_back_off_doubles_to_30_s_with_jitter_and_resets_after_a_stream_lived() -> None:
    clock = FakeClock()
    reconnect = Reconnect(policy(clock))
    pauses = []
    for _ in range(8):  # streams that live 20 s each: not "at once", not long either
        reconnect.open()
        clock.now += 20
        pauses.append(reconnect.ended())
    assert pauses == [1, 2, 4, 8, 16, 30, 30, 30]
    reconnect.open()
    clock.now += 60  # lived a while: the series starts again
    assert reconnect.ended() == 1
    reconnect.open()
    clock.now += 20
    assert reconnect.ended() == 2

    jittered = Reconnect(policy(clock, jitter=1.0))  # the random part at its largest
    jittered.open()
    clock.now += 20
    assert jittered.ended() == 0.5
    assert Reconnect(policy(clock, jitter=0.5)).ended() == 0.75


def test_three_streams_that_end_at_once_mean_polling() -> None:
    clock = FakeClock()
    reconnect = Reconnect(policy(clock))
    results = []
    for lived in (0.1, 0.1, 0.1):
        reconnect.open()
        clock.now += lived
        results.append(reconnect.ended())
    assert results == [1, 2, None] and reconnect.at_once == 3
    reconnect.reset()
    for lived in (0.1, 0.1, 15, 0.1, 0.1):  # one that lived 15 s breaks the series
        reconnect.open()
        clock.now += lived
        assert reconnect.ended() is not None


Session = list[tuple[LogLine, ...]] | BaseException


class FakeLogs(LogsCalls):
    """A gateway whose Live Tail sessions are scripted: each StartLiveTail takes the next
    item of ``sessions`` (updates to send, then the stream ends; or an error to raise), and
    whose FilterLogEvents answers from ``stored``."""

    def __init__(self, clock: FakeClock, sessions: Iterator[Session], lived: float = 0.0) -> None:
        self.clock = clock
        self.sessions = sessions
        self.lived = lived  # how long each session streams before it ends (fake seconds)
        self.starts: list[float] = []
        self.backfills: list[int] = []
        self.polls = 0
        self.stored: list[LogLine] = []

    async def log_group_arn(self, group: str) -> str | None:
        return "arn:group"

    async def live_tail(self, scope: LogScope, pattern: str = "") -> AsyncGenerator[LogBatch, None]:
        self.starts.append(self.clock.now)
        session = next(self.sessions)
        if isinstance(session, BaseException):
            raise session
        yield LogBatch(mode=MODE_LIVE)
        for lines in session:
            yield LogBatch(lines=lines, mode=MODE_LIVE)
        self.clock.now += self.lived

    async def filter_lines(
        self,
        scope: LogScope,
        start_ms: int,
        end_ms: int | None = None,
        pattern: str = "",
        *,
        on_request: Callable[[], None] | None = None,
    ) -> list[LogLine]:
        if on_request is not None:
            on_request()
        self.polls += 1
        self.backfills.append(start_ms)
        return [line for line in self.stored if line.timestamp >= start_ms]


def line(at: int, text: str, event_id: str = "") -> LogLine:
    return LogLine(at, "2026/01/02/[$LATEST]abc", text, event_id=event_id, ingestion_time=at + 1)


async def take(
    batches: AsyncGenerator[LogBatch, None], until: Callable[[list[LogBatch]], bool]
) -> list[LogBatch]:
    seen: list[LogBatch] = []
    try:
        async with asyncio.timeout(5):
            async for batch in batches:
                seen.append(batch)
                if until(seen):
                    break
    finally:
        await batches.aclose()
    return seen


def _lines(batches: list[LogBatch]) -> list[str]:
    return [line.message for batch in batches for line in batch.lines]


async def test_a_stream_that_replays_and_ends_backs_off_then_polls_each_line_once() -> None:
    """Plain moto's Live Tail: every session sends everything so far and ends at once."""
    clock = FakeClock()
    now = int(time.time() * 1000) + 1_000
    replay = (line(now - 600_000, "before following began"), line(now, "one"), line(now, "one"))

    def sessions() -> Iterator[Session]:
        while True:
            yield [replay]

    gateway = FakeLogs(clock, sessions())
    gateway.stored = [line(now, "one", "e1"), line(now, "one", "e2"), line(now + 5, "two", "e3")]
    batches = await take(
        gateway.follow(SCOPE, policy=policy(clock)),
        lambda seen: seen[-1].mode == MODE_POLLING and len(_lines(seen)) >= 3,
    )
    assert gateway.starts == [0.0, 1.0, 3.0]  # three sessions, 1 s then 2 s apart
    assert _lines(batches) == ["one", "one", "two"]  # the double is two events, both shown
    polling = [b for b in batches if b.mode == MODE_POLLING]
    assert polling[0].reason == "Live Tail ended 3 times at once"
    assert polling[0].mode_text() == "polling: Live Tail ended 3 times at once"
    said = [b.status for b in batches if b.status]
    assert said == [
        "the stream ended; reconnecting in 1 s",
        "the stream ended; reconnecting in 2 s",
    ]
    assert not any(b.mode == MODE_LIVE for b in batches[batches.index(polling[0]) :])


async def test_reconnects_back_off_and_reset_once_a_stream_lived_a_while() -> None:
    clock = FakeClock()
    gateway = FakeLogs(clock, iter(lambda: [], None), lived=20.0)
    await take(gateway.follow(SCOPE, policy=policy(clock)), lambda seen: len(gateway.starts) > 7)
    assert clock.slept == [1, 2, 4, 8, 16, 30, 30]
    assert [round(b - a) for a, b in zip(gateway.starts, gateway.starts[1:], strict=False)] == [
        21,
        22,
        24,
        28,
        36,
        50,
        50,
    ]
    gateway.lived = 120.0
    clock.slept.clear()
    await take(gateway.follow(SCOPE, policy=policy(clock)), lambda seen: len(clock.slept) >= 2)
    assert clock.slept == [1, 1]  # every stream lived long: always the first pause


async def test_a_denied_or_throttled_start_polls_at_once_and_says_why() -> None:
    for error, reason in (
        (errors.AccessDenied("no", action="logs:StartLiveTail"), "not permitted"),
        (errors.Throttled("slow down"), "Live Tail throttled"),
    ):
        clock = FakeClock()
        refused = LiveTailUnavailable(reason, error)
        gateway = FakeLogs(clock, iter([refused]))
        gateway.stored = [line(int(time.time() * 1000) + 1_000, "polled", "e1")]
        batches = await take(
            gateway.follow(SCOPE, policy=policy(clock)), lambda seen: bool(_lines(seen))
        )
        assert len(gateway.starts) == 1 and not clock.slept  # no reconnect: polling at once
        assert all(b.mode == MODE_POLLING and b.reason == reason for b in batches)


async def test_asking_for_live_tail_again_goes_back_without_repeating_a_line() -> None:
    clock = FakeClock()
    now = int(time.time() * 1000) + 1_000
    first = line(now, "first", "e1")
    later = line(now + 10, "later", "e2")

    def sessions() -> Iterator[Session]:
        yield LiveTailUnavailable("Live Tail throttled", errors.Throttled("slow"))
        yield [(later,)]  # Live Tail again: it sends a line the backfill read too
        while True:
            yield []

    gateway = FakeLogs(clock, sessions(), lived=100.0)
    gateway.stored = [first]
    control = FollowControl()
    follow = gateway.follow(SCOPE, policy=policy(clock), control=control)
    seen: list[LogBatch] = []
    async with asyncio.timeout(5):
        async for batch in follow:
            seen.append(batch)
            if "first" in _lines(seen) and not control.live_wanted and len(gateway.starts) == 1:
                gateway.stored.append(later)
                control.retry_live()
            if len(gateway.starts) >= 3:
                break
    await follow.aclose()
    assert _lines(seen) == ["first", "later"]
    modes = [b.mode for b in seen]
    assert modes[0] == MODE_POLLING and modes[-1] == MODE_LIVE
    assert all(b.reason == "" for b in seen if b.mode == MODE_LIVE)
