"""Durable functions, which moto lacks: executions started by Invoke, their history, Stop.

* Invoking a function with a DurableConfig needs a qualified ARN (a version, an alias or
  ``$LATEST``); unqualified, Lambda answers 400 InvalidParameterValueException "You cannot invoke
  a durable function using an unqualified ARN.". Qualified, the invocation starts a durable
  execution, named by ``X-Amz-Durable-Execution-Name`` or by a generated id, whose ARN comes back
  in ``X-Amz-Durable-Execution-Arn``. The same name again with the same payload returns that
  execution; with another payload it is 409 DurableExecutionAlreadyStartedException.
* The execution's operations are a plan: ``durable.json`` at the root of the deployment package
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
* A synchronous invoke answers with the handler's response at once, not when the execution ends
  (Lambda holds the connection until then): the local account does not make callers wait.
* GetDurableExecution, GetDurableExecutionHistory (events oldest first, ``ReverseOrder``,
  ``IncludeExecutionData``, 100 a page), ListDurableExecutionsByFunction (newest first, filters
  by qualifier, name, statuses and start time), StopDurableExecution (RUNNING → STOPPED, an open
  wait cancelled). Executions live on the function, so deleting it or resetting forgets them.
  Pause and Resume are not in botocore 1.43, so not here either.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote

from . import config_fields
from . import function_state as state
from .paging import BadPageRequest, page
from .qualified import ApiError, invalid, not_found, peek, resolve, split_function_name, store
from .runner import Outcome
from .wire import LambdaRequest, Reply, json_reply

KIND = "durable_executions"
STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED")
UNQUALIFIED = "You cannot invoke a durable function using an unqualified ARN."
RETRY_DELAY_SECONDS = 1
PLAN_FILE = "durable.json"
_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
DEFAULT_PAGE = "100"
STOPPED_ERROR = {"ErrorType": "Stopped", "ErrorMessage": "The durable execution was stopped."}
_lock = threading.RLock()
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


# -- Starting one (from Invoke) ---------------------------------------------------------------


def start(
    latest: Any,
    fn: Any,
    version: str,
    qualifier: str,
    name: str | None,
    payload: bytes,
    event: Any,
) -> tuple[Execution, bool]:
    """The execution this invocation starts (True), or the one of this name it repeats (False).
    Raises ApiError for a bad name or a name taken with another payload."""
    text = payload.decode("utf-8", "replace") if payload.strip() else "{}"
    if name is not None and not _NAME.match(name):
        raise ApiError(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{name}' at 'durableExecutionName' failed to "
            "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+",
        )
    with _lock:
        executions = store(latest, KIND)
        if name is not None and name in executions:
            existing: Execution = executions[name]
            if existing.input != text:
                raise ApiError(
                    409,
                    "DurableExecutionAlreadyStartedException",
                    f"Durable execution with name {name} already started with a different "
                    f"payload: {existing.arn}",
                )
            return existing, False
        execution_id = str(uuid.uuid4())
        name = name or execution_id
        base = str(latest.function_arn)
        execution = Execution(
            arn=f"{base}:{version}/durable-execution/{name}/{execution_id}",
            name=name,
            function_arn=f"{base}:{version}",
            version=version,
            qualifier=qualifier,
            input=text,
            started=time.time(),
            plan=plan_for(fn, event),
            durable_config=dict(config_fields.kept(fn, "DurableConfig") or {}),
        )
        executions[name] = execution
        return execution, True


def settle(execution: Execution, outcome: Outcome) -> None:
    """The handler has answered: the execution can go past its handler step."""
    execution.outcome = outcome


# -- Reading --------------------------------------------------------------------------------------


def _arn(match: re.Match[str]) -> str:
    return unquote(match.group("arn"))


def find(req: LambdaRequest, arn: str) -> Execution:
    """The execution an ARN names, or 404 ResourceNotFoundException."""
    missing = not_found(f"Durable execution not found: {arn}")
    function_part = arn.split("/durable-execution/", 1)[0]
    name, _qualifier = split_function_name(function_part)
    backend = state.lambda_backend(req.account_id, req.region)
    latest = state.find_function(backend, name, None)
    if latest is None:
        raise missing
    for execution in list(peek(latest, KIND).values()):
        if isinstance(execution, Execution) and execution.arn == arn:
            return execution
    raise missing


def _flag(req: LambdaRequest, key: str, default: bool) -> bool:
    value = req.query.get(key)
    return default if value is None else value.lower() == "true"


def get(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        execution = find(req, _arn(match))
    except ApiError as exc:
        return exc.reply()
    return json_reply(200, execution.describe(_flag(req, "IncludeExecutionData", True)))


def _strip_data(event: dict[str, Any]) -> dict[str, Any]:
    """An event without payloads (IncludeExecutionData=false)."""
    stripped: dict[str, Any] = {}
    for key, value in event.items():
        if key.endswith("Details") and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in ("Input", "Result", "Error")}
        stripped[key] = value
    return stripped


def history(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        execution = find(req, _arn(match))
    except ApiError as exc:
        return exc.reply()
    events, _status, _end = execution.snapshot()
    if not _flag(req, "IncludeExecutionData", True):
        events = [_strip_data(e) for e in events]
    reverse = _flag(req, "ReverseOrder", False)
    if reverse:
        events.reverse()
    keys = [(-e["EventId"],) if reverse else (e["EventId"],) for e in events]
    max_items = req.query.get("MaxItems")
    size = DEFAULT_PAGE if max_items in (None, "", "0") else max_items
    try:
        chunk, marker = page(events, keys, req.query.get("Marker"), size, limit=1000)
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {"Events": chunk}
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)


def _timestamp(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).timestamp()


def list_by_function(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = resolve(req, match.group("name"))
    except ApiError as exc:
        return exc.reply()
    raw = parse_qs(str(req.environ.get("QUERY_STRING", "")))
    statuses = raw.get("Statuses") or []
    for status in statuses:
        if status not in STATUSES:
            return ApiError(
                400,
                "ValidationException",
                f"1 validation error detected: Value '[{status}]' at 'statuses' failed to "
                "satisfy constraint: Member must satisfy enum value set: "
                "[RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED]",
            ).reply()
    try:
        after = _timestamp(req.query["StartedAfter"]) if "StartedAfter" in req.query else None
        before = _timestamp(req.query["StartedBefore"]) if "StartedBefore" in req.query else None
    except ValueError as exc:
        return invalid(f"Invalid timestamp: {exc}").reply()
    executions = sorted(peek(target.latest, KIND).values(), key=lambda e: e.seq)
    if target.qualifier:
        executions = [e for e in executions if target.qualifier in (e.version, e.qualifier)]
    wanted_name = req.query.get("DurableExecutionName")
    if wanted_name:
        executions = [e for e in executions if e.name == wanted_name]
    if after is not None:
        executions = [e for e in executions if e.started > after]
    if before is not None:
        executions = [e for e in executions if e.started < before]
    summaries = [e.summary() for e in executions]
    if statuses:
        summaries = [s for s in summaries if s["Status"] in statuses]
    oldest_first = _flag(req, "ReverseOrder", False)
    if not oldest_first:
        summaries.reverse()
    sign = 1 if oldest_first else -1
    by_arn = {e.arn: e for e in executions}
    keys = [(sign * by_arn[s["DurableExecutionArn"]].seq,) for s in summaries]
    max_items = req.query.get("MaxItems") or DEFAULT_PAGE
    try:
        chunk, marker = page(summaries, keys, req.query.get("Marker"), max_items, limit=1000)
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {"DurableExecutions": chunk}
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)


def stop(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        execution = find(req, _arn(match))
        with _lock:
            _events, status, _end = execution.snapshot()
            if status != "RUNNING":
                raise invalid(
                    f"Durable execution {execution.arn} is {status}; only a RUNNING one can be "
                    "stopped."
                )
            error = req.json_body()  # the request's payload is the ErrorObject itself
            execution.stop_error = dict(error) if error else None
            execution.stopped = time.time()
    except ApiError as exc:
        return exc.reply()
    return json_reply(200, {"StopTimestamp": execution.stopped})
