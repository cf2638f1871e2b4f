"""Provisioned concurrency, which moto lacks: Put, Get, List and Delete per version or alias.

A configuration is IN_PROGRESS for ``AccountKnobs.provisioning_seconds`` after it is put, then
READY with every requested environment available, or FAILED with StatusReason
``FUNCTION_ERROR_INIT_FAILURE`` when the version's code could not start (its handler module is
missing from the package, or a Python module does not compile). The checks Lambda makes when the
configuration is put are made here too: only a published version or an alias pointing at one;
not both an alias and the version it points at; no more than the function's reserved
concurrency; and leaving the account at least 100 unreserved executions.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import limits
from .limits import AccountKnobs
from .paging import BadPageRequest, page
from .qualified import (
    LATEST,
    ApiError,
    Target,
    invalid,
    peek,
    qualifier_order,
    resolve,
)
from .wire import LambdaRequest, Reply, json_reply

KIND = "provisioned"
INIT_FAILURE = "FUNCTION_ERROR_INIT_FAILURE"
_UNPUBLISHED = "Provisioned Concurrency Configs cannot be applied to unpublished function versions."
_NOT_PUBLISHED = "The function resource provided must be an alias or a published version."


@dataclass(frozen=True)
class Provisioned:
    requested: int
    last_modified: str
    ready_at: float  # time.monotonic() when allocation ends
    failure: str | None  # the StatusReason it will fail with, if it fails

    def reply(self, arn: str | None = None) -> dict[str, Any]:
        settled = time.monotonic() >= self.ready_at
        status = "IN_PROGRESS" if not settled else "FAILED" if self.failure else "READY"
        available = self.requested if status == "READY" else 0
        body: dict[str, Any] = {"FunctionArn": arn} if arn else {}
        body.update(
            RequestedProvisionedConcurrentExecutions=self.requested,
            AvailableProvisionedConcurrentExecutions=available,
            AllocatedProvisionedConcurrentExecutions=available,
            Status=status,
        )
        if status == "FAILED":
            body["StatusReason"] = self.failure
        body["LastModified"] = self.last_modified
        return body


def _target(req: LambdaRequest, match: re.Match[str], unpublished: str) -> Target:
    target = resolve(req, match.group("name"))
    if not target.qualifier or target.qualifier == LATEST:
        raise invalid(unpublished)
    if target.is_alias:
        alias = target.alias()
        if alias is None:
            raise ApiError(404, "ResourceNotFoundException", f"Cannot find alias arn: {target.arn}")
        if str(alias.function_version) == LATEST:
            raise invalid(_UNPUBLISHED)
    elif not target.exists():
        raise ApiError(404, "ResourceNotFoundException", f"Function not found: {target.arn}")
    return target


def _check_conflicts(target: Target, configs: dict[str, Provisioned]) -> None:
    if target.is_alias:
        alias = target.alias()
        versions = {str(alias.function_version)} if alias is not None else set()
        if versions & set(configs):
            raise ApiError(
                409,
                "ResourceConflictException",
                "Alias can't be used for Provisioned Concurrency configuration on an already "
                "Provisioned version",
            )
        return
    for key in configs:
        if key == target.key or key.isdigit():
            continue
        other = Target(target.backend, target.latest, target.name, key).alias()
        if other is not None and str(other.function_version) == target.qualifier:
            raise ApiError(
                409,
                "ResourceConflictException",
                "Version is pointed by a Provisioned Concurrency alias",
            )


def _check_capacity(target: Target, requested: int) -> None:
    others = sum(p.requested for k, p in target.store(KIND).items() if k != target.key)
    reserved = limits.reserved_concurrency(target.latest)
    if reserved is not None:
        if others + requested > reserved:
            raise invalid(
                "Requested Provisioned Concurrency should not be greater than the "
                "reservedConcurrentExecution for function"
            )
        return  # it comes out of the function's own reservation
    if requested > limits.CONCURRENT_EXECUTIONS:
        raise invalid(
            "Specified ConcurrentExecutions for function is greater than account's unreserved "
            f"concurrency [{limits.CONCURRENT_EXECUTIONS}]."
        )
    drawn = others + requested + _provisioned_elsewhere(target)
    if limits.unreserved_concurrency(target.backend) - drawn < limits.MINIMUM_UNRESERVED:
        raise invalid(
            "Specified ConcurrentExecutions for function decreases account's "
            "UnreservedConcurrentExecution below its minimum value of "
            f"[{limits.MINIMUM_UNRESERVED}]."
        )


def _provisioned_elsewhere(target: Target) -> int:
    """Provisioned concurrency of the other functions that draw on the unreserved pool."""
    total = 0
    for fn in target.backend.list_functions():
        if fn.function_name != target.name and limits.reserved_concurrency(fn) is None:
            total += sum(p.requested for p in peek(fn, KIND).values())
    return total


def init_failure(fn: Any) -> str | None:
    """FUNCTION_ERROR_INIT_FAILURE when this version's code cannot start, else None."""
    runtime = str(getattr(fn, "run_time", "") or "")
    handler = str(getattr(fn, "handler", "") or "")
    code = bytes(getattr(fn, "code_bytes", b"") or b"")
    if getattr(fn, "package_type", "Zip") != "Zip" or not code or "." not in handler:
        return None
    module = handler.rpartition(".")[0].replace(".", "/")
    try:
        with zipfile.ZipFile(io.BytesIO(code)) as archive:
            names = set(archive.namelist())
            if runtime.startswith("python"):
                found = [n for n in (f"{module}.py", f"{module}/__init__.py") if n in names]
                if not found:
                    return INIT_FAILURE
                compile(archive.read(found[0]), found[0], "exec")
            elif runtime.startswith("nodejs") and not names & {
                f"{module}.js",
                f"{module}.mjs",
                f"{module}.cjs",
            }:
                return INIT_FAILURE
    except (zipfile.BadZipFile, SyntaxError, ValueError):
        return INIT_FAILURE
    return None


# -- Handlers -----------------------------------------------------------------------------------


def put(req: LambdaRequest, match: re.Match[str], forward: Any, knobs: AccountKnobs) -> Reply:
    try:
        target = _target(req, match, _UNPUBLISHED)
        requested = req.json_body().get("ProvisionedConcurrentExecutions")
        if not isinstance(requested, int) or requested < 1:
            raise ApiError(
                400,
                "ValidationException",
                f"1 validation error detected: Value '{requested}' at "
                "'provisionedConcurrentExecutions' failed to satisfy constraint: Member must "
                "have value greater than or equal to 1",
            )
        configs = target.store(KIND)
        _check_conflicts(target, configs)
        _check_capacity(target, requested)
    except ApiError as exc:
        return exc.reply()
    config = Provisioned(
        requested=requested,
        last_modified=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
        ready_at=time.monotonic() + knobs.provisioning_seconds,
        failure=init_failure(target.version()),
    )
    configs[target.key] = config
    return json_reply(202, config.reply())


def get_or_list(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    """GET …/provisioned-concurrency is Get, or List with ``?List=ALL``."""
    if req.query.get("List") == "ALL":
        return list_configs(req, match, forward)
    return get(req, match, forward)


def get(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match, _NOT_PUBLISHED)
    except ApiError as exc:
        return exc.reply()
    config = target.store(KIND).get(target.key)
    if config is None:
        return ApiError(
            404,
            "ProvisionedConcurrencyConfigNotFoundException",
            "No Provisioned Concurrency Config found for this function",
        ).reply()
    return json_reply(200, config.reply())


def list_configs(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = resolve(req, match.group("name"))
    except ApiError as exc:
        return exc.reply()
    configs = sorted(target.store(KIND).items(), key=lambda item: qualifier_order(item[0]))
    try:
        keys = [qualifier_order(key) for key, _ in configs]
        chunk, marker = page(configs, keys, req.query.get("Marker"), req.query.get("MaxItems"))
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {
        "ProvisionedConcurrencyConfigs": [p.reply(target.arn_for(key)) for key, p in chunk]
    }
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)


def delete(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match, _NOT_PUBLISHED)
    except ApiError as exc:
        return exc.reply()
    target.store(KIND).pop(target.key, None)  # deleting what is not there is not an error
    return Reply(status=204)
