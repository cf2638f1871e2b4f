"""What moto forgets about a function: its RevisionId and its LoggingConfig (the other
fields it drops, and ConfigSha256, are in ``config_fields``).

Both are kept as attributes on moto's own ``LambdaFunction`` objects, so a reset, a deleted
function or a deleted version takes them along with it. A published version is a shallow copy of
``$LATEST``; the revision stamp remembers which object it was minted for, so a copy gets its own
RevisionId on first sight instead of sharing its parent's.
"""

from __future__ import annotations

import copy
import re
import threading
import time
import uuid
from typing import Any

from . import config_fields

_REVISION = "_lambdatui_revision"
_LOGGING = "_lambdatui_logging_config"
_UPDATING = "_lambdatui_updating_until"
_LATEST_PUBLISHED = "_lambdatui_latest_published"
LATEST_PUBLISHED = "$LATEST.PUBLISHED"
_lock = threading.Lock()
# Check-then-update must not interleave, or two writers holding the same RevisionId both win.
update_lock = threading.RLock()

LOG_FORMATS = ("Text", "JSON")
APPLICATION_LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
SYSTEM_LOG_LEVELS = ("DEBUG", "INFO", "WARN")
_LOG_GROUP = re.compile(r"^[\.\-_/#A-Za-z0-9]{1,512}$")

PRECONDITION_FAILED = (
    "The Revision Id provided does not match the latest Revision Id. "
    "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
)


def lambda_backend(account_id: str, region: str) -> Any:
    """moto's Lambda backend that serves this account and region (Docker or not)."""
    from moto.awslambda.utils import get_backend

    return get_backend(account_id, region)


# -- RevisionId ---------------------------------------------------------------------------------


def revision_id(fn: Any) -> str:
    """The function object's RevisionId, minted on first sight."""
    with _lock:
        stamp = fn.__dict__.get(_REVISION)
        if stamp is None or stamp[0] != id(fn):
            stamp = (id(fn), str(uuid.uuid4()))
            setattr(fn, _REVISION, stamp)
        return str(stamp[1])


def bump_revision(fn: Any) -> str:
    """Give the function object a new RevisionId (after any successful update)."""
    with _lock:
        new = str(uuid.uuid4())
        setattr(fn, _REVISION, (id(fn), new))
        return new


def bump_alias_revision(alias: Any) -> str:
    """moto mints an alias RevisionId at creation but never changes it; we do."""
    with _lock:
        alias.revision_id = str(uuid.uuid4())
        return str(alias.revision_id)


# -- LastUpdateStatus -------------------------------------------------------------------------


def start_update(fn: Any, seconds: float) -> None:
    """The function's LastUpdateStatus is InProgress for ``seconds`` from now (none when 0)."""
    if seconds > 0:
        with _lock:
            setattr(fn, _UPDATING, time.monotonic() + seconds)


def updating(fn: Any) -> bool:
    """True while an update of this function object is being applied."""
    until = fn.__dict__.get(_UPDATING)
    return until is not None and time.monotonic() < until


def _update_status(config: dict[str, Any], fn: Any) -> dict[str, Any]:
    if "LastUpdateStatus" in config and updating(fn):
        config["LastUpdateStatus"] = "InProgress"
    return config


# -- LoggingConfig ------------------------------------------------------------------------------


def default_log_group(function_name: str) -> str:
    return f"/aws/lambda/{function_name}"


def logging_config(fn: Any) -> dict[str, str]:
    """The function's LoggingConfig as GetFunctionConfiguration returns it."""
    stored = fn.__dict__.get(_LOGGING)
    if stored is not None:
        return dict(stored)
    return {"LogFormat": "Text", "LogGroup": default_log_group(fn.function_name)}


def validate_logging_config(requested: Any) -> str | None:
    """Why this LoggingConfig would be refused (InvalidParameterValueException), or None."""
    if requested is None:
        return None
    if not isinstance(requested, dict):
        return "LoggingConfig must be an object."
    log_format = requested.get("LogFormat")
    if log_format is not None and log_format not in LOG_FORMATS:
        return f"Invalid LogFormat '{log_format}'. Valid values: Text, JSON."
    app_level = requested.get("ApplicationLogLevel")
    if app_level is not None and app_level not in APPLICATION_LOG_LEVELS:
        return f"Invalid ApplicationLogLevel '{app_level}'."
    system_level = requested.get("SystemLogLevel")
    if system_level is not None and system_level not in SYSTEM_LOG_LEVELS:
        return f"Invalid SystemLogLevel '{system_level}'."
    group = requested.get("LogGroup")
    if group is not None and not _LOG_GROUP.match(str(group)):
        return f"Invalid LogGroup '{group}'."
    return None


def merged_logging_config(current: dict[str, str], requested: dict[str, Any]) -> dict[str, str]:
    """Apply a (possibly partial) LoggingConfig on top of the current one, as AWS does.

    Log levels only exist in JSON format: JSON fills in INFO for the levels not given, and a
    switch back to Text drops them.
    """
    log_format = str(requested.get("LogFormat") or current.get("LogFormat") or "Text")
    merged = {
        "LogFormat": log_format,
        "LogGroup": str(requested.get("LogGroup") or current["LogGroup"]),
    }
    if log_format == "JSON":
        for key in ("ApplicationLogLevel", "SystemLogLevel"):
            merged[key] = str(requested.get(key) or current.get(key) or "INFO")
    return {k: merged[k] for k in sorted(merged, key=_field_order)}


def _field_order(key: str) -> int:
    order = ("LogFormat", "ApplicationLogLevel", "SystemLogLevel", "LogGroup")
    return order.index(key)


def set_logging_config(fn: Any, requested: dict[str, Any] | None) -> None:
    """Store a LoggingConfig sent with CreateFunction/UpdateFunctionConfiguration."""
    if requested is None:
        return
    merged = merged_logging_config(logging_config(fn), requested)
    with _lock:
        setattr(fn, _LOGGING, merged)


# -- $LATEST.PUBLISHED -------------------------------------------------------------------------


def latest_published(latest: Any) -> Any | None:
    """The function's $LATEST.PUBLISHED version (Lambda Managed Instances), None before one is
    published."""
    return latest.__dict__.get(_LATEST_PUBLISHED)


def publish_latest_published(latest: Any) -> Any:
    """Create or republish $LATEST.PUBLISHED: a copy of $LATEST as it is now, the way moto copies
    $LATEST into a numbered version (but not numbered, and replaced on each publish)."""
    fn = copy.copy(latest)
    for attribute in list(fn.__dict__):
        if attribute in (_LATEST_PUBLISHED, _UPDATING, _REVISION) or attribute.startswith(
            "_lambdatui_by_qualifier_"
        ):
            del fn.__dict__[attribute]
    fn.function_arn = f"{latest.function_arn}:{LATEST_PUBLISHED}"
    fn.version = LATEST_PUBLISHED
    with _lock:
        setattr(latest, _LATEST_PUBLISHED, fn)
    return fn


# -- Replies ------------------------------------------------------------------------------------


def find_function(backend: Any, name: str, version: str | None) -> Any | None:
    """The stored (canonical) function object for a name and version, or None."""
    try:
        if version in (None, "", "$LATEST"):
            return backend.get_function(name)
        if version == LATEST_PUBLISHED:
            return latest_published(backend.get_function(name))
        return backend.get_function(name, str(version))
    except Exception:  # moto raises its own REST errors for unknown functions
        return None


def decorate(config: dict[str, Any], backend: Any) -> dict[str, Any]:
    """Add RevisionId, LoggingConfig and the fields moto drops to one configuration moto made."""
    fn = find_function(backend, str(config.get("FunctionName", "")), config.get("Version"))
    if fn is None:
        return config
    config["RevisionId"] = revision_id(fn)
    config["LoggingConfig"] = logging_config(fn)
    return _with_sha(_update_status(config_fields.apply(config, fn), fn))


def _with_sha(config: dict[str, Any]) -> dict[str, Any]:
    config["ConfigSha256"] = config_fields.config_sha256(config)
    return config


def describe(fn: Any) -> dict[str, Any]:
    """A function configuration straight from a stored object, already decorated."""
    config: dict[str, Any] = fn.get_configuration()
    config["RevisionId"] = revision_id(fn)
    config["LoggingConfig"] = logging_config(fn)
    return _with_sha(_update_status(config_fields.apply(config, fn), fn))
