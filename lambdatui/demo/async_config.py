"""Asynchronous invocation settings (retries, event age, destinations) per version and alias.

moto keeps one list per function and ignores the Qualifier, so an alias's destinations overwrite
the function's. Here each of ``$LATEST``, a version and an alias has its own, with FunctionArn
qualified as Lambda answers it (``…:function:name:$LATEST`` for the unqualified function).
Put replaces the whole configuration; Update changes only the settings it names.
"""

from __future__ import annotations

import re
import time
from typing import Any

from .paging import BadPageRequest, page
from .qualified import ApiError, Target, invalid, not_found, qualifier_order, resolve
from .wire import LambdaRequest, Reply, json_reply, moto_error_reply

KIND = "event_invoke"
_SETTINGS = ("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig")


def _target(req: LambdaRequest, match: re.Match[str]) -> Target:
    try:
        target = resolve(req, match.group("name"))
    except ApiError as exc:
        if exc.status == 404:
            raise not_found("The function doesn't exist.") from exc
        raise
    if not target.exists():
        raise not_found("The function doesn't exist.")
    return target


def _missing(target: Target) -> ApiError:
    return not_found(f"The function {target.arn_for(target.key)} doesn't have an EventInvokeConfig")


def _settings(body: dict[str, Any]) -> dict[str, Any]:
    """The settings sent, validated as moto validates them; InvalidParameterValue if none."""
    settings = {k: body[k] for k in _SETTINGS if body.get(k) is not None}
    if not settings:
        raise invalid("You must specify at least one of error handling or destination setting.")
    from moto.awslambda.models import EventInvokeConfig

    EventInvokeConfig("", "", settings)  # raises moto's ValidationException
    return settings


def _reply(target: Target, key: str, stored: dict[str, Any]) -> dict[str, Any]:
    destinations = stored.get("DestinationConfig") or {}
    body: dict[str, Any] = {
        "LastModified": stored["LastModified"],
        "FunctionArn": target.arn_for(key),
    }
    for setting in ("MaximumRetryAttempts", "MaximumEventAgeInSeconds"):
        if setting in stored:
            body[setting] = stored[setting]
    body["DestinationConfig"] = {
        "OnSuccess": dict(destinations.get("OnSuccess") or {}),
        "OnFailure": dict(destinations.get("OnFailure") or {}),
    }
    return body


def _write(req: LambdaRequest, match: re.Match[str], merge: bool) -> Reply:
    try:
        target = _target(req, match)
        settings = _settings(req.json_body())
    except ApiError as exc:
        return exc.reply()
    except Exception as exc:  # moto's ValidationException
        if hasattr(exc, "error_type"):
            return moto_error_reply(exc)
        raise
    configs = target.store(KIND)
    current = configs.get(target.key)
    if merge:
        if current is None:
            return _missing(target).reply()
        settings = {**current, **settings}
    settings["LastModified"] = round(time.time(), 3)
    configs[target.key] = settings
    return json_reply(200, _reply(target, target.key, settings))


# -- Handlers -----------------------------------------------------------------------------------


def put(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    return _write(req, match, merge=False)


def update(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    return _write(req, match, merge=True)


def get(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match)
    except ApiError as exc:
        return exc.reply()
    stored = target.store(KIND).get(target.key)
    if stored is None:
        return _missing(target).reply()
    return json_reply(200, _reply(target, target.key, stored))


def delete(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match)
    except ApiError as exc:
        return exc.reply()
    if target.store(KIND).pop(target.key, None) is None:
        return _missing(target).reply()
    return Reply(status=204)


def list_configs(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match)
    except ApiError as exc:
        return exc.reply()
    configs = sorted(target.store(KIND).items(), key=lambda item: qualifier_order(item[0]))
    try:
        keys = [qualifier_order(key) for key, _ in configs]
        chunk, marker = page(configs, keys, req.query.get("Marker"), req.query.get("MaxItems"))
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {
        "FunctionEventInvokeConfigs": [_reply(target, key, stored) for key, stored in chunk]
    }
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)
