"""Configuration fields moto drops or will not change, kept the way LoggingConfig is kept.

* CreateFunction's DeadLetterConfig, FileSystemConfigs and SnapStart are dropped by moto; they
  are stored on the function object and returned (SnapStart's OptimizationStatus is On for a
  version published with ``ApplyOn: PublishedVersions``, Off for ``$LATEST``).
* UpdateFunctionConfiguration ignores TracingConfig, EphemeralStorage, KMSKeyArn and ImageConfig
  (and the three above); they are applied to moto's own attributes.
* RuntimeVersionConfig, which every .zip function on a managed runtime carries, is derived from
  the runtime; an empty Layers list and an empty ImageConfigResponse are left out, as Lambda
  leaves them out.
* What AWS added in 2025, which moto 5.2 does not know: CapacityProviderConfig (Lambda Managed
  Instances), DurableConfig (durable functions; RetentionPeriodInDays defaults to 14) and
  TenancyConfig (tenant isolation; set at creation only) are kept like DeadLetterConfig.
  ConfigSha256, the SHA-256 of the configuration, is computed over every field but those that
  change without the configuration changing (RevisionId, LastModified, state and status) and
  those that name the copy (FunctionArn, Version): a version and the $LATEST it was published
  from have the same one.
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

_EXTRAS = "_lambdatui_config_extras"
_KEPT = (
    "DeadLetterConfig",
    "FileSystemConfigs",
    "SnapStart",
    "CapacityProviderConfig",
    "DurableConfig",
    "TenancyConfig",
)
_CREATE_ONLY = ("TenancyConfig",)
DURABLE_RETENTION_DAYS = 14  # RetentionPeriodInDays when DurableConfig leaves it out
TENANT_ISOLATION_MODES = ("PER_TENANT",)
# Fields that change while the configuration does not, or that name the copy rather than the
# configuration (a version published from $LATEST has the same configuration): not hashed.
_VOLATILE = frozenset(
    {
        "ConfigSha256",
        "FunctionArn",
        "Version",
        "RevisionId",
        "LastModified",
        "State",
        "StateReason",
        "StateReasonCode",
        "LastUpdateStatus",
        "LastUpdateStatusReason",
        "LastUpdateStatusReasonCode",
    }
)
_lock = threading.Lock()

TRACING_MODES = ("Active", "PassThrough")
SNAPSTART_APPLY_ON = ("PublishedVersions", "None")


def validate(body: dict[str, Any]) -> str | None:
    """Why these fields would be refused (InvalidParameterValueException), or None."""
    tracing = body.get("TracingConfig")
    if isinstance(tracing, dict) and tracing.get("Mode") not in (None, *TRACING_MODES):
        mode = tracing.get("Mode")
        return f"Invalid TracingConfig Mode '{mode}'. Valid values: Active, PassThrough."
    snap = body.get("SnapStart")
    if isinstance(snap, dict) and snap.get("ApplyOn") not in (None, *SNAPSTART_APPLY_ON):
        return f"Invalid SnapStart ApplyOn '{snap.get('ApplyOn')}'."
    for mount in body.get("FileSystemConfigs") or []:
        if not str(mount.get("LocalMountPath", "")).startswith("/mnt/"):
            return "FileSystemConfigs LocalMountPath must start with /mnt/."
    return None


def remember(fn: Any, body: dict[str, Any], updating: bool) -> None:
    """Keep what CreateFunction or UpdateFunctionConfiguration was given."""
    with _lock:
        kept = dict(fn.__dict__.get(_EXTRAS) or {})
        for key in _KEPT:
            if key in body and not (updating and key in _CREATE_ONLY):
                kept[key] = body[key]
        setattr(fn, _EXTRAS, kept)  # a new dict: published versions keep the old one
        if not updating:
            return
        if isinstance(body.get("TracingConfig"), dict):
            fn.tracing_config = {"Mode": body["TracingConfig"].get("Mode") or "PassThrough"}
        if isinstance(body.get("EphemeralStorage"), dict):
            set_ephemeral_storage(fn, int(body["EphemeralStorage"]["Size"]))
        if "KMSKeyArn" in body:
            fn.kms_key_arn = body["KMSKeyArn"] or None
        if isinstance(body.get("ImageConfig"), dict):
            from moto.awslambda.models import ImageConfig

            fn.image_config = ImageConfig(body["ImageConfig"])


def set_ephemeral_storage(fn: Any, size: int) -> None:
    """moto's setter refuses more than 10,240 MB; Managed Instances functions go to 32,768."""
    fn._ephemeral_storage = size


def runtime_version_arn(region: str, runtime: str) -> str:
    digest = hashlib.sha256(runtime.encode()).hexdigest()
    return f"arn:aws:lambda:{region}::runtime:{digest}"


def apply(config: dict[str, Any], fn: Any) -> dict[str, Any]:
    """Add the kept fields to one configuration moto produced for ``fn``."""
    kept = fn.__dict__.get(_EXTRAS) or {}
    target = (kept.get("DeadLetterConfig") or {}).get("TargetArn")
    if target:
        config["DeadLetterConfig"] = {"TargetArn": target}
    if kept.get("FileSystemConfigs"):
        config["FileSystemConfigs"] = [dict(m) for m in kept["FileSystemConfigs"]]
    apply_on = (kept.get("SnapStart") or {}).get("ApplyOn") or "None"
    published = str(config.get("Version", "$LATEST")) != "$LATEST"
    optimized = apply_on == "PublishedVersions" and published
    config["SnapStart"] = {"ApplyOn": apply_on, "OptimizationStatus": "On" if optimized else "Off"}
    runtime = config.get("Runtime")
    if runtime and config.get("PackageType", "Zip") == "Zip":
        region = str(getattr(fn, "region", "us-east-1"))
        config["RuntimeVersionConfig"] = {"RuntimeVersionArn": runtime_version_arn(region, runtime)}
    for key in ("CapacityProviderConfig", "TenancyConfig"):
        if kept.get(key):
            config[key] = json.loads(json.dumps(kept[key]))
    if kept.get("DurableConfig") is not None:
        durable = dict(kept["DurableConfig"])
        durable.setdefault("RetentionPeriodInDays", DURABLE_RETENTION_DAYS)
        config["DurableConfig"] = durable
    if not config.get("Layers"):
        config.pop("Layers", None)
    image = (config.get("ImageConfigResponse") or {}).get("ImageConfig") or {}
    if "ImageConfigResponse" in config and not any(image.values()):
        del config["ImageConfigResponse"]
    return config


def kept(fn: Any, key: str) -> Any:
    """One kept field of a function object (CapacityProviderConfig, DurableConfig, …), or None."""
    return (fn.__dict__.get(_EXTRAS) or {}).get(key)


def capacity_provider_arn(fn: Any) -> str | None:
    """The ARN of the capacity provider a function (version) runs on, if it is on one."""
    config = kept(fn, "CapacityProviderConfig") or {}
    arn = (config.get("LambdaManagedInstancesCapacityProviderConfig") or {}).get(
        "CapacityProviderArn"
    )
    return str(arn) if arn else None


def is_durable(fn: Any) -> bool:
    return kept(fn, "DurableConfig") is not None


def is_tenant_isolated(fn: Any) -> bool:
    return bool((kept(fn, "TenancyConfig") or {}).get("TenantIsolationMode"))


def config_sha256(config: dict[str, Any]) -> str:
    """The hex SHA-256 of a configuration, over the fields that make it what it is."""
    stable = {k: v for k, v in config.items() if k not in _VOLATILE}
    canonical = json.dumps(stable, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
