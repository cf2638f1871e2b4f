"""Invoke, answered the way Lambda answers it, with the handler really run by the runner.

Resolves the qualifier (a version, ``$LATEST`` or an alias, honouring an alias's weighted
routing), validates the payload, and replies with 200/202/204 plus ``X-Amz-Executed-Version``,
``X-Amz-Function-Error`` and, for ``LogType=Tail``, ``X-Amz-Log-Result``. A tenant-isolated
function needs ``X-Amz-Tenant-Id`` (and any other refuses one); a durable function starts a
durable execution (``durable``).
"""

from __future__ import annotations

import base64
import json
import random
import re
import threading
import uuid
from typing import Any
from urllib.parse import unquote

from . import config_fields, durable
from . import function_state as state
from .qualified import ApiError, split_function_name
from .runner import FunctionSpec, Runner
from .wire import LambdaRequest, Reply, error_reply, moto_error_reply

INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")
# The error the tenant isolation guide documents, both ways round.
TENANCY_MISMATCH = (
    "Tenant ID configuration not specified or passed to a function when tenant isolation is "
    "not enabled."
)


class _NotFound(Exception):
    pass


class _NoPublishedVersion(Exception):
    pass


def pick_version(primary: str, routing_config: Any, draw: float | None = None) -> str:
    """The version an alias sends this invocation to, per its AdditionalVersionWeights."""
    weights = (routing_config or {}).get("AdditionalVersionWeights") or {}
    roll = random.random() if draw is None else draw
    for version, weight in sorted(weights.items()):
        if roll < float(weight):
            return str(version)
        roll -= float(weight)
    return primary


def resolve(backend: Any, raw_name: str, qualifier: str | None) -> tuple[Any, str, str]:
    """(stored function object, executed version, invoked ARN) for an Invoke request."""
    name, embedded = split_function_name(raw_name)
    if embedded and qualifier and embedded != qualifier:
        raise ValueError(
            "The derived qualifier from the function name does not match the specified qualifier."
        )
    qualifier = embedded or qualifier
    latest = backend.get_function(name)
    arn = str(latest.function_arn)
    managed = config_fields.capacity_provider_arn(latest) is not None
    if qualifier == state.LATEST_PUBLISHED or (qualifier is None and managed):
        # Unqualified, a Managed Instances function runs $LATEST.PUBLISHED, not $LATEST.
        published = state.latest_published(latest)
        if published is None:
            raise _NoPublishedVersion(f"The function {arn} has no published versions available.")
        invoked = f"{arn}:{qualifier}" if qualifier else arn
        return published, state.LATEST_PUBLISHED, invoked
    if qualifier is None:
        return latest, "$LATEST", arn
    if qualifier == "$LATEST":
        return latest, "$LATEST", f"{arn}:$LATEST"
    if qualifier.isdigit():
        fn = state.find_function(backend, name, qualifier)
        if fn is None:
            raise _NotFound(f"Function not found: {arn}:{qualifier}")
        return fn, qualifier, f"{arn}:{qualifier}"
    try:
        alias = backend.get_alias(qualifier, name)
    except Exception as exc:
        raise _NotFound(f"Function not found: {arn}:{qualifier}") from exc
    version = pick_version(str(alias.function_version), alias.routing_config)
    fn = state.find_function(backend, name, version)
    if fn is None:
        raise _NotFound(f"Function not found: {arn}:{qualifier}")
    return fn, version, f"{arn}:{qualifier}"


def function_spec(req: LambdaRequest, fn: Any, version: str, invoked_arn: str) -> FunctionSpec:
    return FunctionSpec(
        account_id=req.account_id,
        region=req.region,
        name=str(fn.function_name),
        version=version,
        invoked_arn=invoked_arn,
        runtime=str(fn.run_time or ""),
        handler=str(fn.handler or ""),
        package_type=str(fn.package_type or "Zip"),
        memory_mb=int(fn.memory_size),
        timeout_s=int(fn.timeout),
        code_sha256=str(getattr(fn, "code_sha_256", "") or ""),
        revision_id=state.revision_id(fn),
        logging_config=state.logging_config(fn),
        environment={str(k): str(v) for k, v in (fn.environment_vars or {}).items()},
        code_zip=bytes(getattr(fn, "code_bytes", b"") or b""),
    )


def resolve_request(req: LambdaRequest, match: re.Match[str]) -> tuple[Any, str, str] | Reply:
    """The function, version and invoked ARN a request names, or the error reply Lambda sends
    (unknown function or qualifier: 404; a malformed one: 400)."""
    backend = state.lambda_backend(req.account_id, req.region)
    try:
        return resolve(backend, unquote(match.group("name")), req.query.get("Qualifier"))
    except _NotFound as exc:
        return error_reply(404, "ResourceNotFoundException", str(exc))
    except _NoPublishedVersion as exc:
        return error_reply(400, "NoPublishedVersionException", str(exc))
    except ValueError as exc:
        return error_reply(400, "InvalidParameterValueException", str(exc))
    except Exception as exc:
        if hasattr(exc, "error_type"):
            return moto_error_reply(exc)
        raise


def check_tenancy(req: LambdaRequest, fn: Any) -> Reply | None:
    """A tenant-isolated function needs X-Amz-Tenant-Id, and any other function refuses one."""
    if config_fields.is_tenant_isolated(fn) != bool(req.header("X-Amz-Tenant-Id")):
        return error_reply(400, "InvalidParameterValueException", TENANCY_MISMATCH)
    return None


def _qualifier(req: LambdaRequest, match: re.Match[str]) -> str | None:
    return split_function_name(unquote(match.group("name")))[1] or req.query.get("Qualifier")


def invoke(req: LambdaRequest, match: re.Match[str], runner: Runner) -> Reply:
    resolved = resolve_request(req, match)
    if isinstance(resolved, Reply):
        return resolved
    fn, version, invoked_arn = resolved
    refused = check_tenancy(req, fn)
    if refused is not None:
        return refused
    qualifier = _qualifier(req, match)
    if config_fields.is_durable(fn) and not qualifier:
        return error_reply(400, "InvalidParameterValueException", durable.UNQUALIFIED)

    invocation_type = req.header("X-Amz-Invocation-Type") or "RequestResponse"
    if invocation_type not in INVOCATION_TYPES:
        return error_reply(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{invocation_type}' at 'invocationType' failed "
            "to satisfy constraint: Member must satisfy enum value set: "
            "[Event, RequestResponse, DryRun]",
        )
    try:
        event = json.loads(req.body) if req.body.strip() else {}
    except ValueError as exc:
        return error_reply(
            400,
            "InvalidRequestContentException",
            f"Could not parse request body into json: Could not parse payload into json: {exc}",
        )
    if invocation_type == "DryRun":
        return Reply(status=204)

    spec = function_spec(req, fn, version, invoked_arn)
    if config_fields.is_durable(fn):
        return _invoke_durable(req, runner, spec, fn, str(qualifier), event, invocation_type)
    if invocation_type == "Event":
        request_id = runner.invoke_event(spec, event)
        return Reply(status=202, headers=[("x-amzn-RequestId", request_id)])

    outcome = runner.invoke(spec, event)
    headers = [
        ("Content-Type", "application/json"),
        ("X-Amz-Executed-Version", outcome.executed_version),
        ("x-amzn-RequestId", outcome.request_id),
    ]
    if outcome.function_error:
        headers.append(("X-Amz-Function-Error", outcome.function_error))
    if req.header("X-Amz-Log-Type") == "Tail":
        headers.append(("X-Amz-Log-Result", base64.b64encode(outcome.log_tail).decode()))
    return Reply(status=200, headers=headers, body=outcome.payload)


def _invoke_durable(
    req: LambdaRequest,
    runner: Runner,
    spec: FunctionSpec,
    fn: Any,
    qualifier: str,
    event: Any,
    invocation_type: str,
) -> Reply:
    """Start (or, by name, find again) a durable execution; its ARN goes back in a header."""
    backend = state.lambda_backend(req.account_id, req.region)
    latest = backend.get_function(spec.name)
    name = req.header("X-Amz-Durable-Execution-Name") or None
    try:
        execution, new = durable.start(latest, fn, spec.version, qualifier, name, req.body, event)
    except ApiError as exc:
        return exc.reply()
    arn_header = ("X-Amz-Durable-Execution-Arn", execution.arn)
    if invocation_type == "Event":
        if new:
            threading.Thread(
                target=lambda: durable.settle(execution, runner.invoke(spec, event)),
                name="lambdatui-durable",
                daemon=True,
            ).start()
        return Reply(status=202, headers=[("x-amzn-RequestId", str(uuid.uuid4())), arn_header])
    if new:
        durable.settle(execution, runner.invoke(spec, event))
    outcome = execution.outcome
    if outcome is None:  # the same name is still running its handler: say so, without a result
        return Reply(status=200, headers=[arn_header], body=b"null")
    headers = [
        ("Content-Type", "application/json"),
        ("X-Amz-Executed-Version", outcome.executed_version),
        ("x-amzn-RequestId", outcome.request_id),
        arn_header,
    ]
    if outcome.function_error:
        headers.append(("X-Amz-Function-Error", outcome.function_error))
    if req.header("X-Amz-Log-Type") == "Tail":
        headers.append(("X-Amz-Log-Result", base64.b64encode(outcome.log_tail).decode()))
    return Reply(status=200, headers=headers, body=outcome.payload)
