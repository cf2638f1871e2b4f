"""Durable functions: their executions, one execution's step history, and Stop.

``ListDurableExecutionsByFunction`` (newest first, filtered by status and start time),
``GetDurableExecution`` (status, input, result or error), ``GetDurableExecutionHistory`` (every
event, oldest first) turned into a timeline of one row per operation (``timeline``), and
``StopDurableExecution`` (refused under ``--read-only`` by the gateway's hook, as every call
whose name does not start with a read prefix).

Pause, resume and delete of an execution come with botocore 1.44, beyond aiobotocore's pin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ._values import empty, frozen
from .clients import ClientSource
from .records import parse_time

if TYPE_CHECKING:
    from types_aiobotocore_lambda.type_defs import ErrorObjectTypeDef

#: What ListDurableExecutionsByFunction can filter on (the API's enum).
STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED")
#: Executions listed at most (newest first): a function may have run millions.
LIST_LIMIT = 500
#: History events read at most for one execution.
HISTORY_LIMIT = 10_000
_PAGE = 100
#: What an execution stopped from here says about why (the ErrorObject Stop takes).
STOP_ERROR: ErrorObjectTypeDef = {
    "ErrorType": "StoppedByUser",
    "ErrorMessage": "Stopped from lambdatui",
}

#: "StepSucceeded" → ("Step", "Succeeded"): the kinds of operations and what happened to them.
_EVENT = re.compile(
    r"^(Execution|Context|Wait|Step|ChainedInvoke|Callback|Invocation)"
    r"(Started|Succeeded|Failed|TimedOut|Stopped|Cancelled|Completed)$"
)
#: The timeline's name of each kind.
KINDS = {
    "Step": "step",
    "Wait": "wait",
    "Callback": "callback",
    "ChainedInvoke": "chained",
    "Context": "context",
    "Invocation": "invoke",
}
_OUTCOMES = {
    "Succeeded": "succeeded",
    "Failed": "failed",
    "TimedOut": "timed out",
    "Stopped": "stopped",
    "Cancelled": "cancelled",
    "Completed": "completed",
}

T = TypeVar("T")


def version_of(function_arn: str) -> str:
    """'arn:…:function:name:1' → '1'; '' for an unqualified ARN."""
    parts = function_arn.split(":")
    return parts[7] if len(parts) > 7 else ""


def execution_name(arn: str) -> str:
    """'…:function:f:1/durable-execution/order-1/abc' → 'order-1'."""
    marker = "/durable-execution/"
    return arn.split(marker, 1)[1].split("/", 1)[0] if marker in arn else arn


@dataclass(frozen=True, slots=True)
class DurableExecution:
    """One execution as ListDurableExecutionsByFunction describes it: a row of the list."""

    arn: str
    name: str
    function_arn: str  # the version's ARN
    status: str
    started: datetime | None
    ended: datetime | None = None

    @property
    def version(self) -> str:
        return version_of(self.function_arn)

    @property
    def running(self) -> bool:
        return self.status == "RUNNING"

    @property
    def duration_s(self) -> float | None:
        """How long it ran (None while it runs, or when a time is missing)."""
        if self.started is None or self.ended is None:
            return None
        return max(0.0, (self.ended - self.started).total_seconds())

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> DurableExecution:
        return cls(
            arn=str(item.get("DurableExecutionArn") or ""),
            name=str(item.get("DurableExecutionName") or ""),
            function_arn=str(item.get("FunctionArn") or ""),
            status=str(item.get("Status") or ""),
            started=parse_time(item.get("StartTimestamp")),
            ended=parse_time(item.get("EndTimestamp")),
        )


@dataclass(frozen=True, slots=True)
class ExecutionError:
    """An ErrorObject: what failed an execution or a step."""

    error_type: str
    message: str
    stack: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        return ": ".join(part for part in (self.error_type, self.message) if part)

    @classmethod
    def from_api(cls, item: Mapping[str, Any] | None) -> ExecutionError | None:
        if not item:
            return None
        stack = item.get("StackTrace") or ()
        return cls(
            error_type=str(item.get("ErrorType") or ""),
            message=str(item.get("ErrorMessage") or ""),
            stack=tuple(str(line) for line in stack) if isinstance(stack, list | tuple) else (),
        )


@dataclass(frozen=True, slots=True)
class ExecutionDetail:
    """GetDurableExecution: the execution, its input and its result or error.

    ``input``, ``result`` are the payloads as sent (JSON text, untrusted); None when the reply
    left them out (ExecutionDataIncluded false, or not ended yet)."""

    execution: DurableExecution
    version: str
    input: str | None
    result: str | None
    error: ExecutionError | None
    execution_timeout_s: int | None
    retention_days: int | None
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @classmethod
    def from_api(cls, reply: Mapping[str, Any]) -> ExecutionDetail:
        execution = DurableExecution.from_api(reply)
        config = reply.get("DurableConfig") or {}
        timeout, retention = config.get("ExecutionTimeout"), config.get("RetentionPeriodInDays")
        document = {k: v for k, v in reply.items() if k != "ResponseMetadata"}
        return cls(
            execution=execution,
            version=str(reply.get("Version") or execution.version),
            input=_text(reply.get("InputPayload")),
            result=_text(reply.get("Result")),
            error=ExecutionError.from_api(reply.get("Error")),
            execution_timeout_s=int(timeout) if timeout is not None else None,
            retention_days=int(retention) if retention is not None else None,
            raw=frozen(document),
        )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One operation of an execution (a step with all its attempts, a wait, a callback, …) or
    one invocation of the function, from the history events that name it."""

    key: str
    order: int  # its place in the history (rows come in the order they began)
    name: str
    kind: str  # step | wait | callback | chained | context | invoke (of the function) | …
    started: datetime | None
    ended: datetime | None
    outcome: str  # running | retrying | waiting | succeeded | failed | timed out | stopped | …
    attempts: int = 1
    wait_s: int | None = None  # a wait's planned length
    wait_until: datetime | None = None
    error: ExecutionError | None = None
    events: tuple[Mapping[str, Any], ...] = field(default=(), repr=False, compare=False)

    @property
    def retries(self) -> int:
        return max(0, self.attempts - 1)

    @property
    def duration_s(self) -> float | None:
        if self.started is None or self.ended is None:
            return None
        return max(0.0, (self.ended - self.started).total_seconds())


def _details(event: Mapping[str, Any]) -> Mapping[str, Any]:
    return event.get(f"{event.get('EventType', '')}Details") or {}


def _error(details: Mapping[str, Any]) -> ExecutionError | None:
    error = details.get("Error") or {}
    return ExecutionError.from_api(error.get("Payload") if isinstance(error, Mapping) else None)


def timeline(events: Iterable[Mapping[str, Any]]) -> list[TimelineEntry]:
    """One row per operation (by its Id) and per invocation, in the order they started. The
    execution's own events (started, succeeded, failed, …) are the header's, not rows."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    invocations = 0
    for event in events:
        event_type = str(event.get("EventType") or "")
        match = _EVENT.match(event_type)
        prefix = match.group(1) if match else ""
        if prefix == "Execution":
            continue
        if prefix == "Invocation":
            invocations += 1
            groups[f"invocation-{invocations}"] = [event]
            continue
        key = str(event.get("Id") or f"event-{event.get('EventId', len(groups))}")
        groups.setdefault(key, []).append(event)
    return [_entry(key, n, group) for n, (key, group) in enumerate(groups.items())]


def _entry(key: str, order: int, group: list[Mapping[str, Any]]) -> TimelineEntry:
    first, last = group[0], group[-1]
    match = _EVENT.match(str(first.get("EventType") or ""))
    prefix = match.group(1) if match else str(first.get("EventType") or "")
    kind = KINDS.get(prefix, prefix or "?")
    if prefix == "Invocation":
        details = _details(first)
        invocation = key.rsplit("-", 1)[-1]
        return TimelineEntry(
            key=key,
            order=order,
            name=f"invocation {invocation}",
            kind=kind,
            started=parse_time(details.get("StartTimestamp")),
            ended=parse_time(details.get("EndTimestamp") or first.get("EventTimestamp")),
            outcome="failed" if details.get("Error") else "completed",
            error=_error(details),
            events=tuple(group),
        )
    phases = [(_EVENT.match(str(e.get("EventType") or "")) or _NO_MATCH).group(2) for e in group]
    attempts = max(1, phases.count("Started")) if prefix == "Step" else 1
    errors = [_error(_details(e)) for e in group if _details(e).get("Error")]
    last_phase = phases[-1]
    ended: datetime | None = parse_time(last.get("EventTimestamp"))
    wait_s, wait_until = None, None
    if prefix == "Wait":
        started_details = _details(first)
        duration = started_details.get("Duration")
        wait_s = int(duration) if duration is not None else None
        wait_until = parse_time(started_details.get("ScheduledEndTimestamp"))
    if last_phase == "Started":
        outcome, ended = ("waiting" if prefix == "Wait" else "running"), None
    elif last_phase == "Failed" and _details(last).get("RetryDetails", {}).get(
        "NextAttemptDelaySeconds"
    ):
        outcome, ended = "retrying", None
    else:
        outcome = _OUTCOMES.get(last_phase, last_phase.lower() or "?")
    error = errors[-1] if errors and outcome not in ("succeeded",) else None
    return TimelineEntry(
        key=key,
        order=order,
        name=str(first.get("Name") or key),
        kind=kind,
        started=parse_time(first.get("EventTimestamp")),
        ended=ended,
        outcome=outcome,
        attempts=attempts,
        wait_s=wait_s,
        wait_until=wait_until,
        error=error,
        events=tuple(group),
    )


class _NoMatch:
    @staticmethod
    def group(_: int) -> str:
        return ""


_NO_MATCH = _NoMatch()


class DurableCalls(ClientSource):
    """The durable-execution calls of ``Gateway`` (see the module docstring)."""

    async def _pages(
        self,
        operation: str,
        key: str,
        build: Callable[[Mapping[str, Any]], T],
        limit: int,
        **params: Any,
    ) -> tuple[list[T], bool]:
        """Items of ``operation``'s pages, at most ``limit``; (items, True when more were left)."""
        lam = await self.client("lambda")
        method = getattr(lam, re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower())
        found: list[T] = []
        async with self._translating("lambda", operation):
            while True:
                reply = await method(**params, MaxItems=min(_PAGE, limit - len(found)))
                found.extend(build(item) for item in reply.get(key) or ())
                marker = reply.get("NextMarker")
                if not marker:
                    return found, False
                if len(found) >= limit:
                    return found, True
                params["Marker"] = marker

    async def list_durable_executions(
        self,
        function: str,
        qualifier: str | None = None,
        *,
        statuses: Iterable[str] = (),
        started_after: datetime | None = None,
        started_before: datetime | None = None,
        limit: int = LIST_LIMIT,
    ) -> tuple[list[DurableExecution], bool]:
        """The function's executions, newest first, at most ``limit``
        (ListDurableExecutionsByFunction); (executions, True when there are more)."""
        params: dict[str, Any] = {"FunctionName": function}
        if qualifier and qualifier != "$LATEST":
            params["Qualifier"] = qualifier
        wanted = [status for status in statuses if status]
        if wanted:
            params["Statuses"] = wanted
        if started_after is not None:
            params["StartedAfter"] = started_after
        if started_before is not None:
            params["StartedBefore"] = started_before
        return await self._pages(
            "ListDurableExecutionsByFunction",
            "DurableExecutions",
            DurableExecution.from_api,
            limit,
            **params,
        )

    async def get_durable_execution(self, arn: str) -> ExecutionDetail:
        """One execution with its input and its result or error (GetDurableExecution)."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetDurableExecution"):
            reply = await lam.get_durable_execution(
                DurableExecutionArn=arn, IncludeExecutionData=True
            )
        return ExecutionDetail.from_api(reply)

    async def get_durable_history(
        self, arn: str, limit: int = HISTORY_LIMIT
    ) -> list[Mapping[str, Any]]:
        """Every event of the execution, oldest first (GetDurableExecutionHistory, all pages
        up to ``limit``); ``timeline`` makes rows of them."""
        events, _more = await self._pages(
            "GetDurableExecutionHistory",
            "Events",
            frozen,
            limit,
            DurableExecutionArn=arn,
            IncludeExecutionData=True,
        )
        return events

    async def stop_durable_execution(self, arn: str) -> datetime | None:
        """Stop a RUNNING execution (StopDurableExecution); when it stopped."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "StopDurableExecution"):
            reply = await lam.stop_durable_execution(DurableExecutionArn=arn, Error=STOP_ERROR)
        return parse_time(reply.get("StopTimestamp"))
