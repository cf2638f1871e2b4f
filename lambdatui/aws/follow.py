"""How the follow engine (``logs_gateway.LogsCalls.follow``) paces itself: the polling
policy, when to reopen a Live Tail stream that ended and when to give up on it for polling
(``Reconnect``), the caller's "try Live Tail again" (``FollowControl``), and why StartLiveTail
cannot be used at an endpoint (``refusal``). No AWS calls here: tests drive it on a fake clock.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from . import errors


@dataclass(frozen=True)
class FollowPolicy:
    """How following paces itself (tests shorten the waits, or pass a fake clock and sleep)."""

    fast: float = 0.25  # seconds between polls while lines arrive
    idle_max: float = 2.0  # the longest pause between polls when nothing arrives
    backoff: float = 1.5  # how the pause grows while idle
    flowing: float = 2.0  # lines within this many seconds: still flowing, keep polling fast
    max_rate: float = 5.0  # requests per second, at most, while polling
    overlap_ms: int = 3_000  # how far back each poll or backfill looks again (late ingestion)
    throttled_max: float = 30.0  # the longest pause after throttling
    # between looks while AWS refuses the credentials or the permission: credentials renewed
    # in another terminal (or a policy fixed) are picked up at the next look, or at once on r
    refused_wait: float = 10.0
    group_wait: float = 2.0  # between looks for a log group that does not exist yet
    reconnect_first: float = 1.0  # the pause before reopening a Live Tail stream that ended
    reconnect_max: float = 30.0  # ... doubling each time up to this
    reconnect_jitter: float = 0.5  # each pause is shortened by up to this fraction, at random
    lived: float = 60.0  # a stream that lived this long resets the back-off
    at_once: float = 10.0  # a stream that ended sooner than this "ended at once"
    at_once_max: int = 3  # after this many in a row, poll instead
    remember_ms: int = 60_000  # events are remembered (to drop repeats) this long by arrival
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    random: Callable[[], float] = random.random


@dataclass
class Reconnect:
    """When to reopen a Live Tail stream that ended, and when to give up on it for polling.

    Pauses grow ``reconnect_first``, twice that, ... up to ``reconnect_max``, each shortened
    by a random part (``reconnect_jitter``) so many clients cut at once do not come back
    together. A stream that lived ``lived`` seconds starts the series again; ``at_once_max``
    streams in a row that each ended within ``at_once`` seconds: poll instead (``ended``
    returns None).
    """

    policy: FollowPolicy
    failures: int = 0  # streams in a row that ended before living `policy.lived`
    at_once: int = 0  # streams in a row that ended within `policy.at_once`
    opened: float | None = None

    def open(self) -> None:
        self.opened = self.policy.clock()

    def reset(self) -> None:
        self.failures = self.at_once = 0

    def ended(self) -> float | None:
        """The stream opened last has ended: the pause before the next one, or None."""
        policy = self.policy
        now = policy.clock()
        lived = now - (self.opened if self.opened is not None else now)
        if lived >= policy.lived:
            self.failures = 0
        self.at_once = self.at_once + 1 if lived < policy.at_once else 0
        if self.at_once >= policy.at_once_max:
            return None
        pause = min(policy.reconnect_max, policy.reconnect_first * 2.0 ** min(self.failures, 30))
        self.failures += 1
        return pause * (1 - policy.reconnect_jitter * policy.random())


class FollowControl:
    """Steers a running ``follow`` from outside: ``retry_live`` asks for Live Tail again
    (after following fell back to polling, or to reconnect now rather than after a pause)."""

    def __init__(self) -> None:
        self._live = False
        self._wake = asyncio.Event()

    @property
    def live_wanted(self) -> bool:
        return self._live

    def retry_live(self) -> None:
        self._live = True
        self._wake.set()

    def take_live(self) -> bool:
        """True once after each ``retry_live``."""
        wanted, self._live = self._live, False
        self._wake.clear()
        return wanted

    async def pause(self, seconds: float, policy: FollowPolicy) -> None:
        """``policy.sleep(seconds)``, cut short by ``retry_live``."""
        if self._live:
            return
        sleeper = asyncio.ensure_future(policy.sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait((sleeper, waker), return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()


def error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str((response.get("Error") or {}).get("Code") or "")
    return ""


def http_status(exc: BaseException) -> int:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return int((response.get("ResponseMetadata") or {}).get("HTTPStatusCode") or 0)
    return 0


def say_seconds(pause: float) -> str:
    return f"{max(1, round(pause))} s"


#: StartLiveTail refused because of a quota (concurrent sessions or rate): poll instead.
_LIMITS = {"LimitExceededException", "ServiceQuotaExceededException"}
#: ... because the endpoint does not have it.
_UNSUPPORTED = {
    "UnknownOperationException",
    "UnknownOperation",
    "InvalidAction",
    "NotImplemented",
    "NotImplementedException",
    "UnsupportedOperation",
    "UnsupportedOperationException",
}


def refusal(exc: errors.GatewayError) -> str | None:
    """Why StartLiveTail cannot be used here (said in the header), or None when its failure
    is one to retry (a network cut, a 5xx)."""
    cause = exc.__cause__ or exc
    code, status = error_code(cause), http_status(cause)
    if isinstance(exc, errors.AccessDenied):
        return "not permitted: logs:StartLiveTail"
    if isinstance(exc, errors.Throttled):
        return "Live Tail throttled"
    if code in _LIMITS:
        return "Live Tail session limit reached"
    if code in _UNSUPPORTED:
        return "Live Tail unavailable at this endpoint"
    if code == "ResourceNotFoundException" or not (
        isinstance(exc, errors.ValidationFailed) or 400 <= status < 500
    ):
        return None  # a log group gone is waited for; a 5xx or a network cut is retried
    if code and not code.isdigit():  # AWS's own refusal, e.g. InvalidParameterException
        return f"Live Tail refused the request ({code})"
    return "Live Tail unavailable at this endpoint"  # a bare 404/400: not an AWS API there


class LiveTailUnavailable(Exception):
    """Live Tail cannot be used here (the reason is said in the header); ``error`` is why."""

    def __init__(self, reason: str, error: errors.GatewayError) -> None:
        super().__init__(reason)
        self.error = error
