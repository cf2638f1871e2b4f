"""A function's logs: find them, read a window of them, and follow them live. Mixed into
``Gateway``.

Following prefers CloudWatch Logs Live Tail (StartLiveTail: an event stream with an update
about once a second) and falls back to polling FilterLogEvents when Live Tail is not
available (not permitted, not supported by the endpoint) or when asked to. Either way:

* only the function's streams are shown (``LogScope``: stream name prefixes sent to the
  service, and every line checked again here);
* no line is lost or repeated across overlapping polling windows, Live Tail sessions that end
  (after three hours, on an error, or at midnight UTC when the day's stream prefix changes)
  and the reconnect that follows (a FilterLogEvents catch-up over the gap, deduplicated);
* a log group that does not exist yet is waited for, and following starts once it appears;
* throttling slows polling down rather than reporting errors.

Live Tail against a custom endpoint needs botocore's host prefix injection off: the model
prepends ``streaming-`` to the host for this one operation.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from . import errors
from .log_records import MODE_LIVE, MODE_POLLING, Deduper, LogBatch, LogLine, LogScope

if TYPE_CHECKING:
    from .target import Target

#: FilterLogEvents page size (AWS's maximum).
FILTER_PAGE = 10_000


@dataclass(frozen=True)
class FollowPolicy:
    """How following paces itself (tests shorten the waits)."""

    fast: float = 0.25  # seconds between polls while lines arrive
    idle_max: float = 2.0  # the longest pause between polls when nothing arrives
    backoff: float = 1.5  # how the pause grows while idle
    flowing: float = 2.0  # lines within this many seconds: still flowing, keep polling fast
    max_rate: float = 5.0  # requests per second, at most, while polling
    overlap_ms: int = 3_000  # how far back each poll looks again (late ingestion)
    throttled_max: float = 30.0  # the longest pause after throttling
    group_wait: float = 2.0  # between looks for a log group that does not exist yet
    reconnect_max: float = 30.0  # the longest pause before reopening a failed Live Tail


def _now_ms() -> int:
    return int(time.time() * 1000)


def _code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str((response.get("Error") or {}).get("Code") or "")
    return ""


class LiveTailUnavailable(Exception):
    """Live Tail cannot be used here (the reason is said in the header); ``error`` is why."""

    def __init__(self, reason: str, error: errors.GatewayError) -> None:
        super().__init__(reason)
        self.error = error


class LogsCalls:
    """The logs calls of ``Gateway`` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Gateway
        target: Target

        async def client(self, service: str, *, variant: str = "", **config: Any) -> Any:
            raise NotImplementedError

        def _translating(self, service: str, operation: str) -> AbstractAsyncContextManager[None]:
            raise NotImplementedError

    # -- where the logs are ------------------------------------------------------------------

    async def log_scope(self, function: str, qualifier: str | None = None) -> LogScope:
        """The log group of ``function`` (LoggingConfig, default ``/aws/lambda/NAME``) and the
        streams that are its own: a version's, or those of the versions an alias routes to."""
        lam = await self.client("lambda")
        wanted = None if not qualifier or qualifier == "$LATEST" else qualifier
        params: dict[str, Any] = {"FunctionName": function}
        if wanted:
            params["Qualifier"] = wanted
        async with self._translating("lambda", "GetFunctionConfiguration"):
            config = await lam.get_function_configuration(**params)
        name = str(config.get("FunctionName") or function)
        default = f"/aws/lambda/{name}"
        group = str((config.get("LoggingConfig") or {}).get("LogGroup") or default)
        versions: tuple[str, ...] = ()
        if wanted and wanted.isdigit():
            versions = (wanted,)
        elif wanted:
            async with self._translating("lambda", "GetAlias"):
                alias = await lam.get_alias(FunctionName=function, Name=wanted)
            weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
            versions = (str(alias.get("FunctionVersion")), *(str(v) for v in weights))
        scope = LogScope(
            function=name, group=group, qualifier=wanted, versions=versions, shared=group != default
        )
        return replace(scope, group_arn=await self.log_group_arn(group))

    async def log_group_arn(self, group: str) -> str | None:
        """The ARN of log group ``group``; None when it does not exist. Without permission to
        describe log groups, the name stands in (the other calls accept it)."""
        logs = await self.client("logs")
        try:
            async with self._translating("logs", "DescribeLogGroups"):
                reply = await logs.describe_log_groups(logGroupNamePrefix=group, limit=50)
        except errors.AccessDenied:
            return group
        for item in reply.get("logGroups", ()):
            if item.get("logGroupName") == group:
                arn = item.get("logGroupArn") or str(item.get("arn", "")).removesuffix(":*")
                return str(arn or group)
        return None

    # -- a window of lines --------------------------------------------------------------------

    async def filter_lines(
        self,
        scope: LogScope,
        start_ms: int,
        end_ms: int | None = None,
        pattern: str = "",
        *,
        on_request: Callable[[], None] | None = None,
    ) -> list[LogLine]:
        """Every line of ``scope`` from ``start_ms`` (to ``end_ms``), oldest first
        (FilterLogEvents, all pages, one pass per stream prefix)."""
        logs = await self.client("logs")
        prefixes: list[str | None] = list(scope.prefixes()) or [None]
        lines: list[LogLine] = []
        for prefix in prefixes:
            params: dict[str, Any] = {
                "logGroupName": scope.group,
                "startTime": start_ms,
                "limit": FILTER_PAGE,
            }
            if end_ms is not None:
                params["endTime"] = end_ms
            if prefix:
                params["logStreamNamePrefix"] = prefix
            if pattern:
                params["filterPattern"] = pattern
            async with self._translating("logs", "FilterLogEvents"):
                while True:
                    if on_request is not None:
                        on_request()
                    reply = await logs.filter_log_events(**params)
                    lines.extend(LogLine.from_api(item) for item in reply.get("events", ()))
                    token = reply.get("nextToken")
                    if not token or not reply.get("events"):
                        break
                    params["nextToken"] = token
        owned = [line for line in lines if scope.owns(line.stream)]
        owned.sort(key=lambda line: (line.timestamp, line.ingestion_time))
        return owned

    # -- following ----------------------------------------------------------------------------

    async def _tail_client(self) -> Any:
        custom = self.target.endpoint_for("logs") is not None
        return await self.client(
            "logs",
            variant="live-tail",
            inject_host_prefix=not custom,
            read_timeout=60,
            retries={"total_max_attempts": 1},
        )

    async def live_tail(self, scope: LogScope, pattern: str = "") -> AsyncIterator[LogBatch]:
        """One Live Tail session: a first empty batch once it has started, then a batch per
        update with lines. Ends when the session ends (timeout) or at midnight UTC; raises
        ``LiveTailUnavailable`` when Live Tail cannot be used and GatewayError on failures."""
        logs = await self._tail_client()
        params: dict[str, Any] = {"logGroupIdentifiers": [scope.group_arn or scope.group]}
        prefixes = scope.prefixes()
        if prefixes:
            params["logStreamNamePrefixes"] = prefixes
        if pattern:
            params["logEventFilterPattern"] = pattern
        day = datetime.now(UTC).date()
        try:
            async with self._translating("logs", "StartLiveTail"):
                reply = await logs.start_live_tail(**params)
        except errors.AccessDenied as exc:
            raise LiveTailUnavailable("not permitted: logs:StartLiveTail", exc) from exc
        except (errors.ValidationFailed, errors.UnexpectedError) as exc:
            raise LiveTailUnavailable("Live Tail unavailable at this endpoint", exc) from exc
        stream = reply["responseStream"]
        try:
            async with self._translating("logs", "StartLiveTail"):
                async for event in stream:
                    if "sessionStart" in event:
                        yield LogBatch(mode=MODE_LIVE)
                        continue
                    update = event.get("sessionUpdate")
                    if update is None:
                        continue
                    results = update.get("sessionResults") or ()
                    lines = tuple(
                        line
                        for line in (LogLine.from_api(item) for item in results)
                        if scope.owns(line.stream)
                    )
                    sampled = bool((update.get("sessionMetadata") or {}).get("sampled"))
                    yield LogBatch(lines=lines, mode=MODE_LIVE, sampled=sampled)
                    if datetime.now(UTC).date() != day:
                        return  # tomorrow's streams need tomorrow's prefix: a new session
        except errors.GatewayError as exc:
            if _code(exc.__cause__ or exc) == "SessionTimeoutException":
                return
            raise
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()

    async def follow(
        self,
        scope: LogScope,
        *,
        since_ms: int | None = None,
        pattern: str = "",
        mode: str = "auto",
        policy: FollowPolicy | None = None,
    ) -> AsyncIterator[LogBatch]:
        """Follow ``scope``: lines since ``since_ms`` (if given), then new ones as they come.

        ``mode``: "auto" (Live Tail, else polling), "live" or "polling". Batches carry the
        mode in use and a status (waiting for the group, reconnecting, throttled, why Live
        Tail is not used). Runs until the caller stops iterating.
        """
        policy = policy or FollowPolicy()
        dedupe = Deduper()
        mark = since_ms if since_ms is not None else _now_ms()
        floor = mark  # nothing older than where following began is ever fetched
        history = since_ms is not None
        use_live = mode != "polling"
        reason = ""
        waited = False
        while True:
            if scope.group_arn is None:
                arn = await self.log_group_arn(scope.group)
                if arn is None:
                    waited = True
                    yield LogBatch(
                        mode=MODE_LIVE if use_live else MODE_POLLING,
                        status=f"no log group yet: {scope.group} (following starts once it exists)",
                        waiting=True,
                    )
                    await asyncio.sleep(policy.group_wait)
                    continue
                scope = replace(scope, group_arn=arn)
                if waited:
                    history, mark = True, max(floor, min(mark, _now_ms() - policy.overlap_ms))
            if not use_live:
                async for batch in self._poll(scope, mark, pattern, policy, dedupe, reason):
                    if batch.waiting:
                        scope = replace(scope, group_arn=None)
                        yield batch
                        break
                    yield batch
                continue
            try:
                async for batch in self._live(scope, mark, history, pattern, policy, dedupe):
                    if batch.lines:
                        mark = max(mark, batch.lines[-1].timestamp)
                    yield batch
                # The session ended: catch up over the gap before the next one streams.
                history, mark = True, max(floor, _now_ms() - policy.overlap_ms)
            except LiveTailUnavailable as exc:
                if mode == "live":
                    raise exc.error from exc
                use_live, reason = False, f"{exc}; polling instead"
            except errors.NotFound:
                scope = replace(scope, group_arn=None)
            except (errors.AccessDenied, errors.NoCredentials, errors.ExpiredCredentials):
                raise
            except errors.GatewayError as exc:
                yield LogBatch(
                    mode=MODE_LIVE, status=f"Live Tail interrupted ({exc.title}); reconnecting"
                )
                await asyncio.sleep(min(policy.reconnect_max, 2.0))
                history, mark = True, max(floor, _now_ms() - policy.overlap_ms)

    async def _live(
        self,
        scope: LogScope,
        mark: int,
        history: bool,
        pattern: str,
        policy: FollowPolicy,
        dedupe: Deduper,
    ) -> AsyncIterator[LogBatch]:
        """One session: once it has started, the lines since ``mark`` (if ``history``), then
        its updates, all deduplicated."""
        first = True
        async for batch in self.live_tail(scope, pattern):
            if first:  # the session has started: what came before it is read, not streamed
                first = False
                past = await self.filter_lines(scope, mark, None, pattern) if history else []
                yield LogBatch(lines=tuple(dedupe.fresh(past)), mode=MODE_LIVE)
                continue
            fresh = tuple(dedupe.fresh(list(batch.lines)))
            yield replace(batch, lines=fresh)

    async def _poll(
        self,
        scope: LogScope,
        mark: int,
        pattern: str,
        policy: FollowPolicy,
        dedupe: Deduper,
        reason: str,
    ) -> AsyncIterator[LogBatch]:
        """Poll FilterLogEvents: fast while lines come, slower while idle, never more than
        ``policy.max_rate`` requests a second; throttling doubles the pause."""
        start = mark
        pause = policy.fast
        requests: list[float] = []
        status = reason
        last_lines = -1e9
        yield LogBatch(mode=MODE_POLLING, status=status)
        while True:
            began = _now_ms()
            count_before = len(requests)
            try:
                lines = await self.filter_lines(
                    scope,
                    start,
                    None,
                    pattern,
                    on_request=lambda: requests.append(time.monotonic()),
                )
            except errors.Throttled:
                pause = min(policy.throttled_max, max(1.0, pause * 2))
                yield LogBatch(
                    mode=MODE_POLLING, status=f"throttled by AWS; next look in {pause:.0f} s"
                )
                await asyncio.sleep(pause)
                continue
            except errors.NotFound:
                yield LogBatch(mode=MODE_POLLING, status="log group deleted", waiting=True)
                return
            fresh = tuple(dedupe.fresh(lines))
            if fresh or status != reason:
                status = reason
                yield LogBatch(lines=fresh, mode=MODE_POLLING, status=status)
            start = max(mark, began - policy.overlap_ms)
            if fresh:
                last_lines = time.monotonic()
            if time.monotonic() - last_lines < policy.flowing:
                pause = policy.fast  # lines came lately: they are still flowing
            else:
                pause = min(policy.idle_max, max(policy.fast, pause) * policy.backoff)
            made = max(1, len(requests) - count_before)
            pause = max(pause, made / policy.max_rate)
            del requests[:-50]
            await asyncio.sleep(pause)
