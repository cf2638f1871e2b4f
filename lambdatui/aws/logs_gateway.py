"""A function's logs: find them, read a window of them, and follow them live. Mixed into
``Gateway``.

``follow`` is the one follow engine (the logs pane, the invoke screen's logs underneath it, and
``lambdatui logs --follow``). It prefers CloudWatch Logs Live Tail (StartLiveTail: an event
stream with an update about once a second) and polls FilterLogEvents when Live Tail is not
available or when asked to. Either way:

* each event is shown once, whatever a source replays or a backfill overlaps (``Deduper``:
  by event id, else by stream, timestamp, ingestion time and message, remembered for the
  overlap window only);
* only the function's log group and streams are shown (``LogScope``: stream name prefixes sent
  to the service, and every line checked again here, its log group too: an endpoint may send
  another group's lines);
* a Live Tail stream that ends (after three hours, on a network cut, at midnight UTC when the
  day's stream prefix changes, or at once, as plain moto's does) is reopened with exponential
  back-off and jitter (``Reconnect``: about 1 s doubling to 30 s, reset once a stream has lived
  a while), and each reopening first reads what was logged meanwhile (one FilterLogEvents
  backfill from the last event seen);
* after a few streams in a row that end at once, or when StartLiveTail is denied, unsupported
  or throttled, following polls instead and says why (``LogBatch.reason``); the caller may
  ask for Live Tail again (``FollowControl.retry_live``);
* a log group that does not exist yet is waited for, and following starts once it appears;
* throttling slows polling down rather than reporting errors;
* credentials AWS refuses (expired, rejected) or a denied FilterLogEvents stop nothing: the
  status says what and the fix, the next look (``FollowPolicy.refused_wait``) or the caller's
  ``retry_live`` (r) reads again from where it stopped, with the credentials read afresh.

Live Tail against a custom endpoint needs botocore's host prefix injection off: the model
prepends ``streaming-`` to the host for this one operation.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from . import errors, qualifiers
from .clients import ClientSource
from .follow import (
    FollowControl,
    FollowPolicy,
    LiveTailUnavailable,
    Reconnect,
    error_code,
    refusal,
    say_seconds,
)
from .log_records import MODE_LIVE, MODE_POLLING, Deduper, LogBatch, LogLine, LogScope

if TYPE_CHECKING:
    from types_aiobotocore_lambda.type_defs import GetFunctionConfigurationRequestTypeDef
    from types_aiobotocore_logs import CloudWatchLogsClient
    from types_aiobotocore_logs.type_defs import (
        FilterLogEventsRequestTypeDef,
        StartLiveTailRequestTypeDef,
    )

    from .target import Target

#: FilterLogEvents page size (AWS's maximum).
FILTER_PAGE = 10_000


#: Refusals of the caller, not failures of the service: following waits for their fix.
_REFUSED = (
    errors.AccessDenied,
    errors.NoCredentials,
    errors.ExpiredCredentials,
    errors.InvalidCredentials,
)


def refused_status(exc: errors.GatewayError) -> str:
    """The status line for a refused look: the action, or the credentials' fix."""
    if isinstance(exc, errors.AccessDenied):
        return f"not permitted: {exc.action}"
    fix = exc.hint
    for ending in (" and press r.", ", then press r.", "."):
        fix = fix.removesuffix(ending)
    return f"FilterLogEvents refused ({exc.title}): {fix}"


def _now_ms() -> int:
    return int(time.time() * 1000)


class LogsCalls(ClientSource):
    """The logs calls of ``Gateway`` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Gateway
        target: Target

    # -- where the logs are ------------------------------------------------------------------

    async def log_scope(self, function: str, qualifier: str | None = None) -> LogScope:
        """The log group of ``function`` (LoggingConfig, default ``/aws/lambda/NAME``) and the
        streams that are its own: a version's, or those of the versions an alias routes to."""
        lam = await self.client("lambda")
        wanted = qualifiers.api_qualifier(qualifier)
        params: GetFunctionConfigurationRequestTypeDef = {"FunctionName": function}
        if wanted:
            params["Qualifier"] = wanted
        async with self._translating("lambda", "GetFunctionConfiguration"):
            config = await lam.get_function_configuration(**params)
        name = str(config.get("FunctionName") or function)
        default = f"/aws/lambda/{name}"
        group = str((config.get("LoggingConfig") or {}).get("LogGroup") or default)
        versions: tuple[str, ...] = ()
        if qualifiers.is_published(wanted):
            # $LATEST.PUBLISHED resolves to a version number, which names the log streams.
            resolved = str(config.get("Version") or "")
            versions = (resolved if resolved.isdigit() else str(wanted),)
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
            params: FilterLogEventsRequestTypeDef = {
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
                    lines.extend(LogLine.from_api(item) for item in reply.get("events") or ())
                    token = reply.get("nextToken")
                    if not token or not reply.get("events"):
                        break
                    params["nextToken"] = token
        owned = [line for line in lines if scope.owns(line.stream)]
        owned.sort(key=lambda line: (line.timestamp, line.ingestion_time))
        return owned

    async def earlier_lines(
        self,
        scope: LogScope,
        before_ms: int,
        *,
        window_ms: int,
        limit: int,
        pattern: str = "",
        reach_ms: int = 86_400_000,
    ) -> tuple[list[LogLine], int]:
        """The page of lines just before ``before_ms`` (the log view's "earlier"): those of the
        ``window_ms`` before it, the window doubling while it holds none, up to ``reach_ms``
        back; at most the newest ``limit`` of them, oldest first. Also where the next earlier
        page ends (exclusive): the start of what was read, or the cut when there was more."""
        span = max(1, window_ms)
        while True:
            start = max(0, before_ms - span)
            lines = await self.filter_lines(scope, start, before_ms - 1, pattern)
            if lines or span >= reach_ms or start == 0:
                break
            span = min(span * 2, reach_ms)
        if len(lines) <= limit:
            return lines, start
        cut = lines[-limit].timestamp
        if lines[-limit - 1].timestamp < cut:
            return lines[-limit:], cut
        kept = [line for line in lines if line.timestamp > cut]  # that moment's: next page
        return (kept, cut + 1) if kept else (lines, start)

    # -- following ----------------------------------------------------------------------------

    async def _tail_client(self) -> CloudWatchLogsClient:
        custom = self.target.endpoint_for("logs") is not None
        return await self.client(
            "logs",
            variant="live-tail",
            inject_host_prefix=not custom,
            read_timeout=60,
            retries={"total_max_attempts": 1},
        )

    async def live_tail(self, scope: LogScope, pattern: str = "") -> AsyncGenerator[LogBatch, None]:
        """One Live Tail session: a first empty batch once it has started, then a batch per
        update, with the lines of ``scope``'s own group and streams (whatever the endpoint
        sends). Ends when the stream ends (a session timeout included) or at midnight UTC;
        raises ``LiveTailUnavailable`` when Live Tail cannot be used here, GatewayError on
        other failures."""
        logs = await self._tail_client()
        params: StartLiveTailRequestTypeDef = {
            "logGroupIdentifiers": [scope.group_arn or scope.group]
        }
        prefixes = scope.prefixes()
        if prefixes:
            params["logStreamNamePrefixes"] = prefixes
        if pattern:
            params["logEventFilterPattern"] = pattern
        day = datetime.now(UTC).date()
        try:
            async with self._translating("logs", "StartLiveTail"):
                reply = await logs.start_live_tail(**params)
        except errors.GatewayError as exc:
            reason = refusal(exc)
            if reason is None:
                raise
            raise LiveTailUnavailable(reason, exc) from exc
        stream = reply["responseStream"]
        try:
            async with self._translating("logs", "StartLiveTail"):
                async for event in stream:
                    if "sessionStart" in event:
                        yield LogBatch(mode=MODE_LIVE)
                        continue
                    update = event.get("sessionUpdate")
                    if not isinstance(update, dict):
                        continue
                    results = update.get("sessionResults") or ()
                    lines = tuple(
                        line
                        for line in (LogLine.from_api(item) for item in results)
                        if scope.owns_group(line.group) and scope.owns(line.stream)
                    )
                    sampled = bool((update.get("sessionMetadata") or {}).get("sampled"))
                    yield LogBatch(lines=lines, mode=MODE_LIVE, sampled=sampled)
                    if datetime.now(UTC).date() != day:
                        return  # tomorrow's streams need tomorrow's prefix: a new session
        except errors.GatewayError as exc:
            if error_code(exc.__cause__ or exc) == "SessionTimeoutException":
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
        control: FollowControl | None = None,
    ) -> AsyncGenerator[LogBatch, None]:
        """Follow ``scope``: lines since ``since_ms`` (if given), then new ones as they come,
        each once (see the module docstring).

        ``mode``: "auto" (Live Tail, else polling), "live" (Live Tail only: its failures are
        raised, its ends reconnected) or "polling". Batches carry the mode in use, why it is
        not the one asked for (``reason``) and a status (waiting for the group, reconnecting,
        throttled). ``control`` lets the caller ask for Live Tail again. Runs until the
        caller stops iterating.
        """
        policy = policy or FollowPolicy()
        control = control or FollowControl()
        floor = since_ms if since_ms is not None else _now_ms()
        dedupe = Deduper(window_ms=policy.remember_ms, horizon=floor)
        # The newest event shown: a backfill or polling starts there (nothing before `floor`).
        newest = floor
        backfill = since_ms is not None  # read from `newest` before a session streams
        history = since_ms is not None  # the first backfill or poll: the history batch
        use_live = mode != "polling"
        reason = ""
        reconnect = Reconnect(policy)

        def shown(lines: list[LogLine]) -> tuple[LogLine, ...]:
            nonlocal newest
            fresh = dedupe.fresh(lines)
            if fresh:
                newest = max(newest, max(line.timestamp for line in fresh))
            return tuple(fresh)

        while True:
            if control.take_live():  # asked for Live Tail (again): from a fresh start
                if not use_live:
                    use_live, reason, backfill = True, "", True
                    mode = "auto" if mode == "polling" else mode
                reconnect.reset()
            if scope.group_arn is None:
                arn = await self.log_group_arn(scope.group)
                if arn is None:
                    yield LogBatch(
                        mode=MODE_LIVE if use_live else MODE_POLLING,
                        status=f"no log group yet: {scope.group} (following starts once it exists)",
                        waiting=True,
                        reason=reason,
                    )
                    await control.pause(policy.group_wait, policy)
                    backfill = True  # what it logs first is read, not streamed
                    continue
                scope = replace(scope, group_arn=arn)
            start = max(floor, newest - policy.overlap_ms)
            if not use_live:
                polling = self._poll(
                    scope, start, pattern, policy, reason, control, shown, history=history
                )
                history = False
                async with aclosing(polling):
                    async for batch in polling:
                        if batch.waiting:
                            scope = replace(scope, group_arn=None)
                        yield batch
                backfill = True
                continue
            reconnect.open()
            day = datetime.now(UTC).date()
            ended = "the stream ended"
            try:
                session = self.live_tail(scope, pattern)
                async with aclosing(session):
                    first = True
                    async for batch in session:
                        if first:  # started: what came before it is read, not streamed
                            first = False
                            if backfill:
                                past = await self.filter_lines(scope, start, None, pattern)
                                if history:  # on its own, marked: the live lines come after
                                    history = False
                                    lines = shown(past)
                                    yield LogBatch(lines=lines, mode=MODE_LIVE, history=True)
                                    past = []
                                batch = replace(batch, lines=(*past, *batch.lines))
                        yield replace(batch, lines=shown(list(batch.lines)))
            except LiveTailUnavailable as exc:
                if mode == "live":
                    raise exc.error from exc
                use_live, reason = False, str(exc)
                continue
            except errors.NotFound:
                scope = replace(scope, group_arn=None)  # the group was deleted: wait for it
                ended = "the log group is gone"
            except _REFUSED as exc:
                if mode == "live":
                    raise
                # the backfill or the stream refused: poll, which says why and looks again
                use_live, reason = False, refused_status(exc)
                continue
            except errors.GatewayError as exc:
                ended = f"interrupted: {exc.title}"
            backfill = True
            if datetime.now(UTC).date() != day:
                continue  # ended for the new day's stream prefix: reopen now
            pause = reconnect.ended()
            if pause is None:
                why = f"Live Tail ended {reconnect.at_once} times at once"
                if mode != "live":
                    use_live, reason = False, why
                    continue
                ended = why
                pause = policy.reconnect_max * (1 - policy.reconnect_jitter * policy.random())
            yield LogBatch(mode=MODE_LIVE, status=f"{ended}; reconnecting in {say_seconds(pause)}")
            await control.pause(pause, policy)

    async def _poll(
        self,
        scope: LogScope,
        start: int,
        pattern: str,
        policy: FollowPolicy,
        reason: str,
        control: FollowControl,
        fresh: Callable[[list[LogLine]], tuple[LogLine, ...]],
        *,
        history: bool = False,
    ) -> AsyncGenerator[LogBatch, None]:
        """Poll FilterLogEvents from ``start``: fast while new lines come (``fresh`` drops
        those seen), slower while idle, never more than ``policy.max_rate`` requests a
        second; throttling and transient failures double the pause. Returns when the log
        group is gone (a ``waiting`` batch) or when Live Tail is asked for again. With
        ``history``, the first look's lines come as the history batch (even when empty)."""
        first = start
        pause = policy.fast
        requests: list[float] = []
        status = ""
        last_lines = -1e9
        clock = policy.clock
        yield LogBatch(mode=MODE_POLLING, reason=reason)
        while not control.live_wanted:
            began = _now_ms()
            count_before = len(requests)
            try:
                lines = await self.filter_lines(
                    scope, start, None, pattern, on_request=lambda: requests.append(clock())
                )
            except errors.Throttled:
                pause = min(policy.throttled_max, max(1.0, pause * 2))
                status = f"throttled by AWS; next look in {say_seconds(pause)}"
                yield LogBatch(mode=MODE_POLLING, status=status, reason=reason)
                await control.pause(pause, policy)
                continue
            except errors.NotFound:
                yield LogBatch(
                    mode=MODE_POLLING, status="log group deleted", waiting=True, reason=reason
                )
                return
            except _REFUSED as exc:
                # the lines on screen stay; renewed credentials (the gateway reads them again
                # after a refusal) or a fixed policy are picked up at the next look, from
                # where it stopped (`start` has not moved), or at once on r
                pause = policy.refused_wait
                status = f"{refused_status(exc)}; next look in {say_seconds(pause)} (r: now)"
                yield LogBatch(mode=MODE_POLLING, status=status, reason=reason)
                await control.pause(pause, policy)
                continue
            except (
                errors.EndpointUnreachable,
                errors.TimedOut,
                errors.UnexpectedError,
                errors.EndpointPage,
                errors.ServiceError,
            ) as exc:
                pause = min(policy.throttled_max, max(1.0, pause * 2))
                status = f"FilterLogEvents failed ({exc.title}); next look in {say_seconds(pause)}"
                yield LogBatch(mode=MODE_POLLING, status=status, reason=reason)
                await control.pause(pause, policy)
                continue
            new = fresh(lines)
            if new or status or history:
                status = ""
                yield LogBatch(lines=new, mode=MODE_POLLING, reason=reason, history=history)
                history = False
            start = max(first, began - policy.overlap_ms)
            if new:
                last_lines = clock()
            if clock() - last_lines < policy.flowing:
                pause = policy.fast  # lines came lately: they are still flowing
            else:
                pause = min(policy.idle_max, max(policy.fast, pause) * policy.backoff)
            made = max(1, len(requests) - count_before)
            pause = max(pause, made / policy.max_rate)
            del requests[:-50]
            await control.pause(pause, policy)
