"""A durable execution's timeline in the local account: the plan it plays and the history
events, status and replies computed from the clock on each read.

The execution's operations are a plan: ``durable.json`` at the root of the deployment package
(a local-account convention; the durable SDK is not run), e.g.
``{"operations": [{"step": "validate", "seconds": 0.4},
{"step": "reserve", "seconds": 0.5, "retries": 1},
{"wait": "cool-off", "seconds": 5, "secondsFrom": "coolOffSeconds"},
{"step": "charge", "seconds": 1, "handler": true}]}``; without it, one step named after the
handler. Steps take ``seconds``; ``retries`` failed attempts come first (StepFailed with the
next attempt's delay); a wait lasts ``seconds`` (or the input's ``secondsFrom`` key). The
``handler`` step (else the last) runs the function's real handler with the input, once: its
return value is the step's and the execution's result, its error fails the step and the
execution. Everything else is computed from the clock on each read, like provisioned
concurrency's status, so a wait of an hour keeps the execution RUNNING for an hour.
"""

from __future__ import annotations

import io
import itertools
import json
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from typing import Any

from .runner import Outcome

RETRY_DELAY_SECONDS = 1
PLAN_FILE = "durable.json"
STOPPED_ERROR = {"ErrorType": "Stopped", "ErrorMessage": "The durable execution was stopped."}
_sequence = itertools.count(1)


@dataclass(frozen=True)
class Operation:
    kind: str  # "Step" or "Wait"
    name: str
    seconds: float
    retries: int = 0
    handler: bool = False
    op_id: str = ""


@dataclass
class Execution:
    arn: str
    name: str
    function_arn: str  # the version's ARN
    version: str
    qualifier: str  # as invoked: a version, an alias or $LATEST
    input: str
    started: float  # epoch seconds
    plan: list[Operation]
    durable_config: dict[str, Any]
    outcome: Outcome | None = None
    stopped: float | None = None
    stop_error: dict[str, Any] | None = None
    seq: int = field(default_factory=lambda: next(_sequence))  # start order, for paging

    # -- the timeline -----------------------------------------------------------------------

    def _script(self) -> tuple[list[tuple[float, dict[str, Any]]], str | None]:
        """Every event the plan produces (as far as the handler's outcome is known), and the
        terminal status it reaches (None while the handler has not answered)."""
        t = self.started
        events: list[tuple[float, dict[str, Any]]] = []
        timeout = self.durable_config.get("ExecutionTimeout")
        started: dict[str, Any] = {"Input": {"Payload": self.input}}
        if timeout is not None:
            started["ExecutionTimeout"] = int(timeout)
        events.append((t, _event("ExecutionStarted", started)))
        invocation_start, invocation = t, 0
        for op in self.plan:
            base = {"Id": op.op_id, "Name": op.name, "SubType": op.kind}
            if op.kind == "Wait":
                events.append(self._invocation(invocation_start, t, invocation))
                invocation += 1
                scheduled = t + op.seconds
                details = {"Duration": int(op.seconds), "ScheduledEndTimestamp": scheduled}
                events.append((t, _event("WaitStarted", details, base)))
                t = scheduled
                done = {"Duration": int(op.seconds)}
                events.append((t, _event("WaitSucceeded", done, base)))
                invocation_start = t
                continue
            for attempt in range(1, op.retries + 1):
                events.append((t, _event("StepStarted", {}, base)))
                t += op.seconds
                failed = {
                    "Error": {"Payload": _transient_error(op)},
                    "RetryDetails": {
                        "CurrentAttempt": attempt,
                        "NextAttemptDelaySeconds": RETRY_DELAY_SECONDS,
                    },
                }
                events.append((t, _event("StepFailed", failed, base)))
                t += RETRY_DELAY_SECONDS
            events.append((t, _event("StepStarted", {}, base)))
            if op.handler and self.outcome is None:
                return events, None
            t += op.seconds
            retry = {"CurrentAttempt": op.retries + 1}
            error = self.error() if op.handler else None
            if error is not None:
                failed = {"Error": {"Payload": error}, "RetryDetails": retry}
                events.append((t, _event("StepFailed", failed, base)))
                events.append(self._invocation(invocation_start, t, invocation))
                events.append((t, _event("ExecutionFailed", {"Error": {"Payload": error}})))
                return events, "FAILED"
            payload = self.result() if op.handler else json.dumps({"step": op.name, "ok": True})
            succeeded = {"Result": {"Payload": payload}, "RetryDetails": retry}
            events.append((t, _event("StepSucceeded", succeeded, base)))
        events.append(self._invocation(invocation_start, t, invocation))
        result = {"Result": {"Payload": self.result() or "null"}}
        events.append((t, _event("ExecutionSucceeded", result)))
        return events, "SUCCEEDED"

    def _invocation(self, start: float, end: float, index: int) -> tuple[float, dict[str, Any]]:
        first = self.outcome.request_id if self.outcome and index == 0 else None
        request_id = first or str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.arn}#{index}"))
        details = {"StartTimestamp": start, "EndTimestamp": end, "RequestId": request_id}
        return end, _event("InvocationCompleted", details)

    def snapshot(self, now: float | None = None) -> tuple[list[dict[str, Any]], str, float | None]:
        """(the events so far, the status, the end time if it has ended)."""
        now = time.time() if now is None else now
        script, terminal = self._script()
        limit = now
        if self.stopped is not None:
            limit = min(limit, self.stopped)
        timeout = self.durable_config.get("ExecutionTimeout")
        deadline = self.started + float(timeout) if timeout is not None else None
        if deadline is not None:
            limit = min(limit, deadline)
        seen = [(t, e) for t, e in script if t <= limit]
        ended = terminal is not None and len(seen) == len(script)
        status, end = ("RUNNING", None)
        if ended:
            status, end = str(terminal), script[-1][0]
        elif self.stopped is not None and self.stopped <= now:
            seen += self._cancel_wait(seen, self.stopped)
            error = self.stop_error or STOPPED_ERROR
            details = {"Error": {"Payload": error}}
            seen.append((self.stopped, _event("ExecutionStopped", details)))
            status, end = "STOPPED", self.stopped
        elif deadline is not None and deadline <= now:
            seen += self._cancel_wait(seen, deadline)
            error = self.timeout_error()
            details = {"Error": {"Payload": error}}
            seen.append((deadline, _event("ExecutionTimedOut", details)))
            status, end = "TIMED_OUT", deadline
        events = []
        for number, (moment, event) in enumerate(seen, start=1):
            events.append({"EventId": number, "EventTimestamp": moment, **event})
        return events, status, end

    @staticmethod
    def _cancel_wait(
        seen: list[tuple[float, dict[str, Any]]], moment: float
    ) -> list[tuple[float, dict[str, Any]]]:
        open_waits = {e["Id"]: e for _, e in seen if e["EventType"] == "WaitStarted"}
        for _, event in seen:
            if event["EventType"] == "WaitSucceeded":
                open_waits.pop(event["Id"], None)
        return [
            (
                moment,
                {
                    "Id": e["Id"],
                    "Name": e["Name"],
                    "SubType": "Wait",
                    "EventType": "WaitCancelled",
                    "WaitCancelledDetails": {},
                },
            )
            for e in open_waits.values()
        ]

    def timeout_error(self) -> dict[str, Any]:
        timeout = int(self.durable_config.get("ExecutionTimeout") or 0)
        return {
            "ErrorType": "TimedOut",
            "ErrorMessage": f"Durable execution timed out after {timeout} seconds.",
        }

    # -- what the handler said -------------------------------------------------------------------

    def result(self) -> str | None:
        if self.outcome is None or self.outcome.function_error:
            return None
        return self.outcome.payload.decode("utf-8", "replace")

    def error(self) -> dict[str, Any] | None:
        if self.outcome is None or not self.outcome.function_error:
            return None
        try:
            data = json.loads(self.outcome.payload or b"{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        error: dict[str, Any] = {
            "ErrorType": str(data.get("errorType") or "Error"),
            "ErrorMessage": str(data.get("errorMessage") or ""),
        }
        if isinstance(data.get("stackTrace"), list):
            error["StackTrace"] = [str(line) for line in data["stackTrace"]]
        return error

    # -- replies -----------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        _events, status, end = self.snapshot()
        body: dict[str, Any] = {
            "DurableExecutionArn": self.arn,
            "DurableExecutionName": self.name,
            "FunctionArn": self.function_arn,
            "Status": status,
            "StartTimestamp": self.started,
        }
        if end is not None:
            body["EndTimestamp"] = end
        return body

    def describe(self, include_data: bool) -> dict[str, Any]:
        _events, status, _end = self.snapshot()
        body = self.summary()
        body["Version"] = self.version
        body["ExecutionDataIncluded"] = include_data
        body["DurableConfig"] = dict(self.durable_config)
        if include_data:
            body["InputPayload"] = self.input
            if status == "SUCCEEDED":
                body["Result"] = self.result() or "null"
            elif status == "FAILED":
                body["Error"] = self.error()
            elif status == "STOPPED":
                body["Error"] = self.stop_error or STOPPED_ERROR
            elif status == "TIMED_OUT":
                body["Error"] = self.timeout_error()
        return body


def _event(
    event_type: str, details: dict[str, Any], base: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One history event: its type and its ``<type>Details``."""
    return {**(base or {}), "EventType": event_type, f"{event_type}Details": details}


def _transient_error(op: Operation) -> dict[str, Any]:
    return {
        "ErrorType": "StepError",
        "ErrorMessage": f"{op.name}: attempt failed (transient), retrying",
    }


# -- The plan -------------------------------------------------------------------------------------


def plan_for(fn: Any, event: Any) -> list[Operation]:
    """The operations an execution of this function version goes through (see the docstring)."""
    raw: list[Any] = []
    code = bytes(getattr(fn, "code_bytes", b"") or b"")
    if code:
        try:
            with zipfile.ZipFile(io.BytesIO(code)) as archive:
                if PLAN_FILE in archive.namelist():
                    raw = list(json.loads(archive.read(PLAN_FILE)).get("operations") or [])
        except (zipfile.BadZipFile, ValueError, AttributeError):
            raw = []
    operations: list[Operation] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            continue
        kind = "Wait" if "wait" in item else "Step"
        seconds = float(item.get("seconds") or 0)
        key = item.get("secondsFrom")
        if key and isinstance(event, dict) and isinstance(event.get(key), int | float):
            seconds = float(event[key])
        operations.append(
            Operation(
                kind=kind,
                name=str(item.get("wait") if kind == "Wait" else item.get("step")),
                seconds=max(0.0, seconds),
                retries=int(item.get("retries") or 0) if kind == "Step" else 0,
                handler=bool(item.get("handler")) and kind == "Step",
                op_id=f"op-{number}",
            )
        )
    if not any(op.kind == "Step" for op in operations):
        handler = str(getattr(fn, "handler", "") or "handler")
        operations.append(Operation("Step", handler, 0.0, op_id=f"op-{len(operations) + 1}"))
    if not any(op.handler for op in operations):
        last = max(i for i, op in enumerate(operations) if op.kind == "Step")
        op = operations[last]
        operations[last] = Operation(op.kind, op.name, op.seconds, op.retries, True, op.op_id)
    return operations
