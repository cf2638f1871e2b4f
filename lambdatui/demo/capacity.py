"""Lambda Managed Instances, which moto lacks: capacity providers and function scaling config.

* CreateCapacityProvider (202) answers ``Pending``; the provider is ``Active`` once
  ``AccountKnobs.capacity_provider_seconds`` have passed. A second one of the same name is a 409
  ResourceConflictException. Left out, InstanceRequirements' Architectures is ``[x86_64]`` and
  the scaling mode ``Auto``.
* GetCapacityProvider / ListCapacityProviders (by name, 50 a page, ``?State=`` filter) /
  UpdateCapacityProvider (scaling, tag propagation, telemetry) / DeleteCapacityProvider (202,
  ``Deleting``; refused with 409 while a function version still runs on it).
* ListFunctionVersionsByCapacityProvider: every published version configured with the provider.
* Get/PutFunctionScalingConfig on a published version of a function on a capacity provider:
  Put answers 202 with the function's state; Get returns what was requested and what is applied.

Providers live in a dict on moto's Lambda backend object, so resetting the account forgets them;
scaling configs live per qualifier on the function, like provisioned concurrency.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from . import config_fields
from . import function_state as state
from .history import lambda_timestamp
from .limits import AccountKnobs
from .paging import BadPageRequest, page
from .qualified import (
    LATEST,
    ApiError,
    conflict,
    invalid,
    not_found,
    peek,
    published_versions,
    resolve,
    store,
)
from .wire import LambdaRequest, Reply, json_reply

_PROVIDERS = "_lambdatui_capacity_providers"
SCALING = "function_scaling"
STATES = ("Pending", "Active", "Failed", "Deleting")
SCALING_MODES = ("Auto", "Manual")
_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,140}$")
_lock = threading.RLock()


@dataclass
class CapacityProvider:
    arn: str
    name: str
    config: dict[str, Any]  # VpcConfig, PermissionsConfig, InstanceRequirements, …
    active_at: float  # time.monotonic() when Pending becomes Active
    last_modified: str
    tags: dict[str, str] = field(default_factory=dict)
    deleting_until: float | None = None

    def state(self) -> str:
        if self.deleting_until is not None:
            return "Deleting"
        return "Active" if time.monotonic() >= self.active_at else "Pending"

    def gone(self) -> bool:
        return self.deleting_until is not None and time.monotonic() >= self.deleting_until

    def reply(self) -> dict[str, Any]:
        return {"CapacityProviderArn": self.arn, "State": self.state(), **self.config} | {
            "LastModified": self.last_modified
        }


def providers(backend: Any) -> dict[str, CapacityProvider]:
    """The account's capacity providers by name (those whose deletion has ended are dropped)."""
    with _lock:
        found: dict[str, CapacityProvider] | None = backend.__dict__.get(_PROVIDERS)
        if found is None:
            found = {}
            setattr(backend, _PROVIDERS, found)
        for name in [n for n, p in found.items() if p.gone()]:
            del found[name]
        return found


def provider_arn(region: str, account_id: str, name: str) -> str:
    return f"arn:aws:lambda:{region}:{account_id}:capacity-provider:{name}"


def _provider_name(raw: str) -> str:
    """A name or an ARN → the name."""
    raw = unquote(raw)
    return raw.rsplit(":capacity-provider:", 1)[-1]


def find(backend: Any, name_or_arn: str) -> CapacityProvider | None:
    return providers(backend).get(_provider_name(name_or_arn))


def _backend(req: LambdaRequest) -> Any:
    return state.lambda_backend(req.account_id, req.region)


def _not_found(req: LambdaRequest, name: str) -> ApiError:
    arn = provider_arn(req.region, req.account_id, name)
    return not_found(f"Capacity provider not found: {arn}")


def _versions_on(backend: Any, arn: str) -> list[Any]:
    """Every published version (oldest function name first) configured with this provider."""
    on = []
    for latest in sorted(backend.list_functions(), key=lambda f: str(f.function_name)):
        for fn in published_versions(backend, latest.function_name):
            if config_fields.capacity_provider_arn(fn) == arn:
                on.append(fn)
    return on


def _check_scaling(scaling: Any) -> None:
    if scaling is None:
        return
    if not isinstance(scaling, dict):
        raise invalid("CapacityProviderScalingConfig must be an object.")
    mode = scaling.get("ScalingMode")
    if mode is not None and mode not in SCALING_MODES:
        raise ApiError(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{mode}' at "
            "'capacityProviderScalingConfig.scalingMode' failed to satisfy constraint: Member "
            "must satisfy enum value set: [Auto, Manual]",
        )
    if mode == "Manual" and not scaling.get("ScalingPolicies"):
        raise invalid("ScalingPolicies are required when ScalingMode is Manual.")
    if mode != "Manual" and scaling.get("ScalingPolicies"):
        raise invalid("ScalingPolicies can only be specified when ScalingMode is Manual.")


# -- Capacity providers ---------------------------------------------------------------------------


def create(req: LambdaRequest, match: re.Match[str], forward: Any, knobs: AccountKnobs) -> Reply:
    body = req.json_body()
    name = str(body.get("CapacityProviderName") or "")
    try:
        if not _NAME.match(name):
            raise invalid(f"Invalid CapacityProviderName '{name}'.")
        _check_scaling(body.get("CapacityProviderScalingConfig"))
        backend = _backend(req)
        with _lock:
            if name in providers(backend):
                raise conflict(f"Capacity provider already exists: {name}")
            config: dict[str, Any] = {
                "VpcConfig": body.get("VpcConfig") or {},
                "PermissionsConfig": body.get("PermissionsConfig") or {},
                "InstanceRequirements": {"Architectures": ["x86_64"]}
                | (body.get("InstanceRequirements") or {}),
                "CapacityProviderScalingConfig": {"ScalingMode": "Auto"}
                | (body.get("CapacityProviderScalingConfig") or {}),
            }
            for key in ("KmsKeyArn", "PropagateTags", "TelemetryConfig"):
                if body.get(key) is not None:
                    config[key] = body[key]
            provider = CapacityProvider(
                arn=provider_arn(req.region, req.account_id, name),
                name=name,
                config=config,
                active_at=time.monotonic() + knobs.capacity_provider_seconds,
                last_modified=lambda_timestamp(),
                tags=dict(body.get("Tags") or {}),
            )
            providers(backend)[name] = provider
    except ApiError as exc:
        return exc.reply()
    reply = provider.reply()
    reply["State"] = "Pending"  # as created, whatever the knob says
    return json_reply(202, {"CapacityProvider": reply})


def get(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    name = _provider_name(match.group("provider"))
    provider = find(_backend(req), name)
    if provider is None:
        return _not_found(req, name).reply()
    return json_reply(200, {"CapacityProvider": provider.reply()})


def list_providers(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    wanted = req.query.get("State")
    if wanted is not None and wanted not in STATES:
        return ApiError(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{wanted}' at 'state' failed to satisfy "
            "constraint: Member must satisfy enum value set: [Pending, Active, Failed, Deleting]",
        ).reply()
    found = sorted(providers(_backend(req)).values(), key=lambda p: p.name)
    if wanted:
        found = [p for p in found if p.state() == wanted]
    try:
        chunk, marker = page(
            found,
            [(p.name,) for p in found],
            req.query.get("Marker"),
            req.query.get("MaxItems"),
        )
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {"CapacityProviders": [p.reply() for p in chunk]}
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)


def update(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    name = _provider_name(match.group("provider"))
    body = req.json_body()
    try:
        with _lock:
            provider = find(_backend(req), name)
            if provider is None:
                raise _not_found(req, name)
            if provider.state() == "Deleting":
                raise conflict(f"Capacity provider is being deleted: {provider.arn}")
            scaling = body.get("CapacityProviderScalingConfig")
            if scaling is not None:
                merged = provider.config["CapacityProviderScalingConfig"] | scaling
                if scaling.get("ScalingMode") == "Auto":
                    merged.pop("ScalingPolicies", None)
                _check_scaling(merged)
                provider.config["CapacityProviderScalingConfig"] = merged
            for key in ("PropagateTags", "TelemetryConfig"):
                if body.get(key) is not None:
                    provider.config[key] = body[key]
            provider.last_modified = lambda_timestamp()
    except ApiError as exc:
        return exc.reply()
    return json_reply(202, {"CapacityProvider": provider.reply()})


def delete(req: LambdaRequest, match: re.Match[str], forward: Any, knobs: AccountKnobs) -> Reply:
    name = _provider_name(match.group("provider"))
    backend = _backend(req)
    try:
        with _lock:
            provider = find(backend, name)
            if provider is None:
                raise _not_found(req, name)
            if _versions_on(backend, provider.arn) or _latest_on(backend, provider.arn):
                raise conflict(
                    "Capacity provider is in use by one or more functions and cannot be "
                    f"deleted: {provider.arn}"
                )
            if provider.deleting_until is None:
                provider.deleting_until = time.monotonic() + knobs.capacity_provider_seconds
    except ApiError as exc:
        return exc.reply()
    return json_reply(202, {"CapacityProvider": provider.reply()})


def _version_arn(fn: Any) -> str:
    arn, suffix = str(fn.function_arn), f":{fn.version}"
    return arn if arn.endswith(suffix) else arn + suffix


def _latest_on(backend: Any, arn: str) -> bool:
    return any(config_fields.capacity_provider_arn(fn) == arn for fn in backend.list_functions())


def list_function_versions(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    name = _provider_name(match.group("provider"))
    backend = _backend(req)
    provider = find(backend, name)
    if provider is None:
        return _not_found(req, name).reply()
    versions = _versions_on(backend, provider.arn)
    keys = [(str(fn.function_name), int(fn.version)) for fn in versions]
    try:
        chunk, marker = page(versions, keys, req.query.get("Marker"), req.query.get("MaxItems"))
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {
        "CapacityProviderArn": provider.arn,
        "FunctionVersions": [{"FunctionArn": _version_arn(fn), "State": "Active"} for fn in chunk],
    }
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)


# -- Checks on functions ------------------------------------------------------------------------


def check_function_config(backend: Any, body: dict[str, Any]) -> ApiError | None:
    """Why CreateFunction/UpdateFunctionConfiguration's CapacityProviderConfig, DurableConfig or
    TenancyConfig would be refused, or None."""
    config = body.get("CapacityProviderConfig")
    if config is not None:
        managed = (config or {}).get("LambdaManagedInstancesCapacityProviderConfig") or {}
        arn = str(managed.get("CapacityProviderArn") or "")
        if find(backend, arn) is None:
            return not_found(f"Capacity provider not found: {arn}")
        problem = _range(managed, "PerExecutionEnvironmentMaxConcurrency", 1, 1600) or _range(
            managed, "ExecutionEnvironmentMemoryGiBPerVCpu", 2, 8
        )
        if problem:
            return problem
    durable = body.get("DurableConfig")
    if durable is not None:
        problem = _range(durable, "RetentionPeriodInDays", 1, 90) or _range(
            durable, "ExecutionTimeout", 1, 31_622_400
        )
        if problem:
            return problem
    tenancy = body.get("TenancyConfig")
    if tenancy is not None:
        mode = (tenancy or {}).get("TenantIsolationMode")
        if mode not in config_fields.TENANT_ISOLATION_MODES:
            return ApiError(
                400,
                "ValidationException",
                f"1 validation error detected: Value '{mode}' at "
                "'tenancyConfig.tenantIsolationMode' failed to satisfy constraint: Member must "
                "satisfy enum value set: [PER_TENANT]",
            )
    return None


def _range(container: dict[str, Any], key: str, low: float, high: float) -> ApiError | None:
    value = container.get(key)
    if value is None or low <= value <= high:
        return None
    member = key[0].lower() + key[1:]
    bound = f"greater than or equal to {low}" if value < low else f"less than or equal to {high}"
    return ApiError(
        400,
        "ValidationException",
        f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
        f"constraint: Member must have value {bound}",
    )


# -- Function scaling config ----------------------------------------------------------------------


def _scaling_target(req: LambdaRequest, match: re.Match[str]) -> tuple[Any, Any, str]:
    """(the $LATEST object, the version object, the qualifier) of a scaling config request."""
    target = resolve(req, match.group("name"))
    qualifier = target.qualifier
    if not qualifier or qualifier == LATEST:
        raise invalid(
            "Function scaling configuration can only be applied to a published version "
            "($LATEST.PUBLISHED or a version number)."
        )
    fn = target.version()
    if fn is None:
        raise not_found(f"Function not found: {target.arn}")
    if config_fields.capacity_provider_arn(fn) is None:
        raise invalid(
            f"Function {target.arn} is not configured with a capacity provider; function "
            "scaling configuration applies to Lambda Managed Instances functions only."
        )
    return target.latest, fn, qualifier


def put_scaling(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        latest, _fn, qualifier = _scaling_target(req, match)
        requested = req.json_body().get("FunctionScalingConfig") or {}
        for key in ("MinExecutionEnvironments", "MaxExecutionEnvironments"):
            problem = _range(requested, key, 0, 15000)
            if problem:
                raise problem
        low = requested.get("MinExecutionEnvironments")
        high = requested.get("MaxExecutionEnvironments")
        if low is not None and high is not None and low > high:
            raise invalid(
                "MinExecutionEnvironments cannot be greater than MaxExecutionEnvironments."
            )
    except ApiError as exc:
        return exc.reply()
    store(latest, SCALING)[qualifier] = dict(requested)
    return json_reply(202, {"FunctionState": "Active"})


def get_scaling(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        latest, _fn, qualifier = _scaling_target(req, match)
    except ApiError as exc:
        return exc.reply()
    result: dict[str, Any] = {"FunctionArn": f"{latest.function_arn}:{qualifier}"}
    requested = peek(latest, SCALING).get(qualifier)
    if requested is not None:
        result["RequestedFunctionScalingConfig"] = dict(requested)
        result["AppliedFunctionScalingConfig"] = dict(requested)
    return json_reply(200, result)
