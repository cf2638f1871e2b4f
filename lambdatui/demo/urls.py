"""Function URLs as Lambda keeps them: one per function and one per alias, each with its own
``https://<url-id>.lambda-url.<region>.on.aws/`` address, AuthType, Cors and InvokeMode.

moto keeps one URL per function whatever the Qualifier, mints a new random address on every
create, answers InvokeMode "Buffered" and has no ListFunctionUrlConfigs. Here the url-id is 32
lowercase letters and digits derived from the account, Region, function and qualifier, so it is
stable (and a seeded account is the same every time). Invoking the URL is not served.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from .paging import BadPageRequest, page
from .qualified import LATEST, ApiError, Target, invalid, not_found, resolve, validation
from .wire import LambdaRequest, Reply, json_reply

KIND = "url"
AUTH_TYPES = ("AWS_IAM", "NONE")
INVOKE_MODES = ("BUFFERED", "RESPONSE_STREAM")
_QUALIFIER_PATTERN = r"(^\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))"
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_NO_SUCH_CONFIG = "The resource you requested does not exist."


@dataclass(frozen=True)
class UrlConfig:
    url: str
    function_arn: str
    auth_type: str
    cors: dict[str, Any] | None
    invoke_mode: str
    created: str
    modified: str

    def reply(self, with_modified: bool = True) -> dict[str, Any]:
        body: dict[str, Any] = {
            "FunctionUrl": self.url,
            "FunctionArn": self.function_arn,
            "AuthType": self.auth_type,
        }
        if self.cors is not None:
            body["Cors"] = self.cors
        body["CreationTime"] = self.created
        if with_modified:
            body["LastModifiedTime"] = self.modified
        body["InvokeMode"] = self.invoke_mode
        return body


def url_id(account_id: str, region: str, name: str, qualifier: str) -> str:
    """32 characters of [0-9a-z], the same for the same function and qualifier."""
    digest = hashlib.sha256(f"{account_id}/{region}/{name}/{qualifier}".encode()).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(32):
        number, index = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[index])
    return "".join(chars)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _target(req: LambdaRequest, match: re.Match[str], missing: str) -> Target:
    """The function and alias a URL call names. Versions (and $LATEST) cannot have a URL."""
    try:
        target = resolve(req, match.group("name"))
    except ApiError as exc:
        if exc.status == 404:
            raise not_found(missing) from exc
        raise
    if target.qualifier == LATEST or (target.qualifier or "").isdigit():
        raise validation(
            f"Value '{target.qualifier}' at 'qualifier' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {_QUALIFIER_PATTERN}"
        )
    if target.qualifier and target.alias() is None:
        raise not_found(missing)
    return target


def _check(body: dict[str, Any], creating: bool) -> None:
    auth = body.get("AuthType")
    if (creating or auth is not None) and auth not in AUTH_TYPES:
        raise validation(
            f"Value '{auth}' at 'authType' failed to satisfy constraint: "
            "Member must satisfy enum value set: [AWS_IAM, NONE]"
        )
    mode = body.get("InvokeMode")
    if mode is not None and mode not in INVOKE_MODES:
        raise validation(
            f"Value '{mode}' at 'invokeMode' failed to satisfy constraint: "
            "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]"
        )


# -- Handlers -----------------------------------------------------------------------------------


def create(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    body = req.json_body()
    try:
        target = _target(req, match, "Function does not exist")
        _check(body, creating=True)
    except ApiError as exc:
        return exc.reply()
    configs = target.store(KIND)
    existing = configs.get(target.key)
    if existing is not None:
        return ApiError(
            409,
            "ResourceConflictException",
            f"Failed to create function url config for [functionArn = {existing.function_arn}]. "
            "Error message:  FunctionUrlConfig exists for this Lambda function",
        ).reply()
    created = _now()
    address = url_id(req.account_id, req.region, target.name, target.key)
    config = UrlConfig(
        url=f"https://{address}.lambda-url.{req.region}.on.aws/",
        function_arn=target.arn,
        auth_type=str(body["AuthType"]),
        cors=body.get("Cors"),
        invoke_mode=str(body.get("InvokeMode") or "BUFFERED"),
        created=created,
        modified=created,
    )
    configs[target.key] = config
    return json_reply(201, config.reply(with_modified=False))


def get(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match, _NO_SUCH_CONFIG)
    except ApiError as exc:
        return exc.reply()
    config = target.store(KIND).get(target.key)
    if config is None:
        return not_found(_NO_SUCH_CONFIG).reply()
    return json_reply(200, config.reply())


def update(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    body = req.json_body()
    try:
        target = _target(req, match, "Function does not exist")
        _check(body, creating=False)
    except ApiError as exc:
        return exc.reply()
    configs = target.store(KIND)
    config = configs.get(target.key)
    if config is None:
        return not_found(_NO_SUCH_CONFIG).reply()
    changes: dict[str, Any] = {"modified": _now()}
    if body.get("AuthType") is not None:
        changes["auth_type"] = body["AuthType"]
    if body.get("Cors") is not None:
        changes["cors"] = body["Cors"]
    if body.get("InvokeMode") is not None:
        changes["invoke_mode"] = body["InvokeMode"]
    configs[target.key] = config = replace(config, **changes)
    return json_reply(200, config.reply())


def delete(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match, _NO_SUCH_CONFIG)
    except ApiError as exc:
        return exc.reply()
    if target.store(KIND).pop(target.key, None) is None:
        return not_found(_NO_SUCH_CONFIG).reply()
    return Reply(status=204)


def list_configs(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match, "Function does not exist")
    except ApiError as exc:
        return exc.reply()
    configs = sorted(target.store(KIND).values(), key=lambda c: c.function_arn)
    try:
        keys = [(c.function_arn,) for c in configs]
        chunk, marker = page(configs, keys, req.query.get("Marker"), req.query.get("MaxItems"))
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {"FunctionUrlConfigs": [c.reply() for c in chunk]}
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)
