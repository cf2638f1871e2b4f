"""The function settings checks Lambda makes and moto does not, and the update in progress.

* MemorySize, Timeout and EphemeralStorage out of range are refused with Lambda's
  ``ValidationException`` ("1 validation error detected: Value '10241' at 'memorySize' …"),
  the way the service checks its model's constraints (several at once: "2 validation errors").
* Environment variables larger than 4 KB, measured as Lambda measures them (the compact JSON
  of the Variables map), are refused with ``InvalidParameterValueException`` quoting that
  string, as the service does.
* After UpdateFunctionConfiguration, ``LastUpdateStatus`` is ``InProgress`` for
  ``AccountKnobs.update_seconds``; while it is, another UpdateFunctionConfiguration,
  UpdateFunctionCode or PublishVersion is refused with 409 ResourceConflictException
  ("… An update is in progress for resource: <arn>").
* PutFunctionConcurrency keeps the account's unreserved concurrency at or above its minimum
  (100), and counts the provisioned concurrency of functions without a reservation as drawn
  from the unreserved pool, with the service's message.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from . import function_state as state
from . import limits
from .provisioned import KIND as PROVISIONED
from .qualified import ApiError, peek, split_function_name
from .wire import LambdaRequest, Reply, json_reply, moto_error_reply

MEMORY_MIN, MEMORY_MAX = 128, 10240
TIMEOUT_MIN, TIMEOUT_MAX = 1, 900
STORAGE_MIN, STORAGE_MAX = 512, 10240
# Lambda Managed Instances: the model's MemorySize and EphemeralStorageSize maxima (32 GB), and
# the smallest function size the Managed Instances guide supports (2 GB).
MANAGED_MEMORY_MIN, MANAGED_MEMORY_MAX = 2048, 32768
MANAGED_STORAGE_MAX = 32768
ENVIRONMENT_LIMIT = 4096  # bytes of the measured string


UPDATE_IN_PROGRESS = (
    "The operation cannot be performed at this time. An update is in progress for resource: {arn}"
)
ENVIRONMENT_TOO_LARGE = (
    "Lambda was unable to configure your environment variables because the environment "
    "variables you have provided exceeded the 4KB limit. String measured: {measured}"
)
BELOW_FLOOR = (
    "Specified ReservedConcurrentExecutions for function decreases account's "
    "UnreservedConcurrentExecution below its minimum value of [{minimum}]."
)


# -- Validation -----------------------------------------------------------------------------------


def _constraint(value: Any, member: str, low: int, high: int) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return None  # botocore's own validation refuses a wrong type before it is sent
    if value < low:
        bound = f"greater than or equal to {low}"
    elif value > high:
        bound = f"less than or equal to {high}"
    else:
        return None
    return (
        f"Value '{value}' at '{member}' failed to satisfy constraint: "
        f"Member must have value {bound}"
    )


def measured_environment(variables: dict[str, Any]) -> str:
    """The string Lambda measures against the 4 KB limit: the Variables map as compact JSON."""
    return json.dumps(variables, separators=(",", ":"), ensure_ascii=False)


def check(body: dict[str, Any], managed: bool = False) -> ApiError | None:
    """Why Lambda would refuse these settings (CreateFunction/UpdateFunctionConfiguration).

    ``managed``: the function runs on a capacity provider (Lambda Managed Instances), whose
    memory and /tmp go to 32,768 MB and whose memory starts at 2,048 MB.
    """
    storage = body.get("EphemeralStorage")
    memory = body.get("MemorySize")
    memory_max = MANAGED_MEMORY_MAX if managed else MEMORY_MAX
    problems = [
        _constraint(memory, "memorySize", MEMORY_MIN, memory_max),
        _constraint(body.get("Timeout"), "timeout", TIMEOUT_MIN, TIMEOUT_MAX),
        _constraint(
            storage.get("Size") if isinstance(storage, dict) else None,
            "ephemeralStorage.size",
            STORAGE_MIN,
            MANAGED_STORAGE_MAX if managed else STORAGE_MAX,
        ),
    ]
    found = [p for p in problems if p]
    if found:
        count = f"{len(found)} validation error{'s' if len(found) > 1 else ''} detected"
        return ApiError(400, "ValidationException", f"{count}: {'; '.join(found)}")
    if managed and isinstance(memory, int) and memory < MANAGED_MEMORY_MIN:
        return ApiError(
            400,
            "InvalidParameterValueException",
            f"MemorySize '{memory}' is below the minimum of {MANAGED_MEMORY_MIN} MB for a "
            "function on a capacity provider.",
        )
    variables = (body.get("Environment") or {}).get("Variables")
    if isinstance(variables, dict):
        measured = measured_environment(variables)
        if len(measured.encode("utf-8")) > ENVIRONMENT_LIMIT:
            return ApiError(
                400,
                "InvalidParameterValueException",
                ENVIRONMENT_TOO_LARGE.format(measured=measured),
            )
    return None


# -- LastUpdateStatus -----------------------------------------------------------------------------


def conflict_if_updating(fn: Any) -> ApiError | None:
    """409 ResourceConflictException while an update of ``fn`` is being applied."""
    if state.updating(fn):
        return ApiError(
            409, "ResourceConflictException", UPDATE_IN_PROGRESS.format(arn=fn.function_arn)
        )
    return None


# -- PutFunctionConcurrency -----------------------------------------------------------------------


def put_function_concurrency(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    backend = state.lambda_backend(req.account_id, req.region)
    name, _qualifier = split_function_name(unquote(match.group("name")))
    requested = req.json_body().get("ReservedConcurrentExecutions")
    with state.update_lock:
        try:
            fn = backend.get_function(name)
        except Exception as exc:
            if hasattr(exc, "error_type"):
                return moto_error_reply(exc)
            raise
        if not isinstance(requested, int) or isinstance(requested, bool) or requested < 0:
            moto_reply: Reply = forward(req)  # botocore refuses these before sending; moto
            return moto_reply  # answers the rest
        others = sum(
            limits.reserved_concurrency(other) or 0
            for other in backend.list_functions()
            if other.function_name != fn.function_name
        )
        drawn = sum(
            sum(p.requested for p in peek(other, PROVISIONED).values())
            for other in backend.list_functions()
            if other.function_name != fn.function_name
            and limits.reserved_concurrency(other) is None
        )
        left = limits.CONCURRENT_EXECUTIONS - others - requested - drawn
        if left < limits.MINIMUM_UNRESERVED:
            return ApiError(
                400,
                "InvalidParameterValueException",
                BELOW_FLOOR.format(minimum=limits.MINIMUM_UNRESERVED),
            ).reply()
        fn.reserved_concurrency = requested
    return json_reply(200, {"ReservedConcurrentExecutions": requested})
