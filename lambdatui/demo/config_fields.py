"""Configuration fields moto drops or will not change, kept the way LoggingConfig is kept.

* CreateFunction's DeadLetterConfig, FileSystemConfigs and SnapStart are dropped by moto; they
  are stored on the function object and returned (SnapStart's OptimizationStatus is On for a
  version published with ``ApplyOn: PublishedVersions``, Off for ``$LATEST``).
* UpdateFunctionConfiguration ignores TracingConfig, EphemeralStorage, KMSKeyArn and ImageConfig
  (and the three above); they are applied to moto's own attributes.
* RuntimeVersionConfig, which every .zip function on a managed runtime carries, is derived from
  the runtime; an empty Layers list and an empty ImageConfigResponse are left out, as Lambda
  leaves them out.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

_EXTRAS = "_lambdatui_config_extras"
_KEPT = ("DeadLetterConfig", "FileSystemConfigs", "SnapStart")
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
            if key in body:
                kept[key] = body[key]
        setattr(fn, _EXTRAS, kept)  # a new dict: published versions keep the old one
        if not updating:
            return
        if isinstance(body.get("TracingConfig"), dict):
            fn.tracing_config = {"Mode": body["TracingConfig"].get("Mode") or "PassThrough"}
        if isinstance(body.get("EphemeralStorage"), dict):
            fn.ephemeral_storage = int(body["EphemeralStorage"]["Size"])
        if "KMSKeyArn" in body:
            fn.kms_key_arn = body["KMSKeyArn"] or None
        if isinstance(body.get("ImageConfig"), dict):
            from moto.awslambda.models import ImageConfig

            fn.image_config = ImageConfig(body["ImageConfig"])


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
    if not config.get("Layers"):
        config.pop("Layers", None)
    image = (config.get("ImageConfigResponse") or {}).get("ImageConfig") or {}
    if "ImageConfigResponse" in config and not any(image.values()):
        del config["ImageConfigResponse"]
    return config
