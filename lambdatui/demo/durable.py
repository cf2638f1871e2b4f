"""Durable functions, which moto lacks: executions started by Invoke, their history, Stop.

* Invoking a function with a DurableConfig needs a qualified ARN (a version, an alias or
  ``$LATEST``); unqualified, Lambda answers 400 InvalidParameterValueException "You cannot invoke
  a durable function using an unqualified ARN.". Qualified, the invocation starts a durable
  execution, named by ``X-Amz-Durable-Execution-Name`` or by a generated id, whose ARN comes back
  in ``X-Amz-Durable-Execution-Arn``. The same name again with the same payload returns that
  execution; with another payload it is 409 DurableExecutionAlreadyStartedException.
* The execution's operations are a plan (``durable_plan.py``: ``durable.json`` in the
  deployment package, or one step named after the handler), computed from the clock on each
  read, so a wait of an hour keeps the execution RUNNING for an hour.
* A synchronous invoke answers with the handler's response at once, not when the execution ends
  (Lambda holds the connection until then): the local account does not make callers wait.
* GetDurableExecution, GetDurableExecutionHistory (events oldest first, ``ReverseOrder``,
  ``IncludeExecutionData``, 100 a page), ListDurableExecutionsByFunction (newest first, filters
  by qualifier, name, statuses and start time), StopDurableExecution (RUNNING → STOPPED, an open
  wait cancelled). Executions live on the function, so deleting it or resetting forgets them.
  Pause and Resume are not in botocore 1.43, so not here either.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote

from . import config_fields
from . import function_state as state
from .durable_plan import Execution, plan_for
from .paging import BadPageRequest, page
from .qualified import ApiError, invalid, not_found, peek, resolve, split_function_name, store
from .runner import Outcome
from .wire import LambdaRequest, Reply, json_reply

KIND = "durable_executions"
STATUSES = ("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED")
UNQUALIFIED = "You cannot invoke a durable function using an unqualified ARN."
_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
DEFAULT_PAGE = "100"
_lock = threading.RLock()


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
