"""Name, version and alias: what a ``FunctionName`` plus ``Qualifier`` points at, and the state
Lambda keeps per qualifier (URL, policy, async config, provisioned concurrency) that moto keeps
once per function or not at all.

Per-qualifier state lives in dicts on moto's ``$LATEST`` function object, keyed by ``"$LATEST"``
(the unqualified function), a version number or an alias name, so deleting the function or
resetting the account takes it along. Deleting an alias or a version forgets its entries.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from . import function_state as state
from .wire import LambdaRequest, Reply, error_reply

LATEST = "$LATEST"
LATEST_PUBLISHED = state.LATEST_PUBLISHED
_PREFIX = "_lambdatui_by_qualifier_"
_lock = threading.RLock()


class ApiError(Exception):
    """A Lambda API error reply, raised from deep inside a handler."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message

    def reply(self) -> Reply:
        return error_reply(self.status, self.error_type, self.message)


def invalid(message: str) -> ApiError:
    return ApiError(400, "InvalidParameterValueException", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "ResourceNotFoundException", message)


def conflict(message: str) -> ApiError:
    return ApiError(409, "ResourceConflictException", message)


def validation(message: str) -> ApiError:
    return ApiError(400, "ValidationException", f"1 validation error detected: {message}")


def split_function_name(raw: str) -> tuple[str, str | None]:
    """A name, name:qualifier, partial ARN or full ARN → (function name, embedded qualifier)."""
    tail = raw.split(":function:", 1)[1] if ":function:" in raw else raw
    name, _, qualifier = tail.partition(":")
    return name, qualifier or None


@dataclass(frozen=True)
class Target:
    """One function, and the qualifier a request named (None: the unqualified function)."""

    backend: Any
    latest: Any  # moto's $LATEST object: the owner of every per-qualifier dict
    name: str
    qualifier: str | None

    @property
    def unqualified_arn(self) -> str:
        return str(self.latest.function_arn)

    @property
    def key(self) -> str:
        """The per-qualifier dicts' key: "$LATEST" stands for the unqualified function."""
        return self.qualifier or LATEST

    @property
    def arn(self) -> str:
        """The ARN as named: unqualified, or with the version or alias appended."""
        return (
            f"{self.unqualified_arn}:{self.qualifier}" if self.qualifier else self.unqualified_arn
        )

    def arn_for(self, key: str) -> str:
        return f"{self.unqualified_arn}:{key}"

    @property
    def is_alias(self) -> bool:
        qualifier = self.qualifier or ""
        return (
            bool(qualifier)
            and qualifier not in (LATEST, LATEST_PUBLISHED)
            and not (qualifier.isdigit())
        )

    def alias(self) -> Any | None:
        """moto's alias object when the qualifier names an existing alias."""
        if not self.is_alias:
            return None
        try:
            return self.backend.get_alias(self.qualifier, self.name)
        except Exception:  # moto's UnknownAliasException
            return None

    def version(self) -> Any | None:
        """The function object the qualifier points at ($LATEST, a version, an alias's version)."""
        if not self.qualifier or self.qualifier == LATEST:
            return self.latest
        if self.qualifier == LATEST_PUBLISHED:
            return state.latest_published(self.latest)
        if self.qualifier.isdigit():
            return state.find_function(self.backend, self.name, self.qualifier)
        alias = self.alias()
        if alias is None:
            return None
        return state.find_function(self.backend, self.name, str(alias.function_version))

    def exists(self) -> bool:
        return self.version() is not None

    def store(self, kind: str) -> dict[str, Any]:
        return store(self.latest, kind)


def resolve(req: LambdaRequest, raw_name: str) -> Target:
    """The Target of a request; 404 when the function itself does not exist.

    The qualifier comes from the name (``name:live``, a qualified ARN) or from ``?Qualifier=``;
    both at once must agree. Whether the version or alias exists is left to the caller, whose
    error message differs per operation.
    """
    name, embedded = split_function_name(unquote(raw_name))
    param = req.query.get("Qualifier") or None
    if embedded and param and embedded != param:
        raise invalid(
            "The derived qualifier from the function name does not match the specified qualifier."
        )
    backend = state.lambda_backend(req.account_id, req.region)
    latest = state.find_function(backend, name, None)
    if latest is None:
        arn = f"arn:aws:lambda:{req.region}:{req.account_id}:function:{name}"
        raise not_found(f"Function not found: {arn}")
    return Target(backend, latest, name, embedded or param)


def store(latest: Any, kind: str) -> dict[str, Any]:
    """The per-qualifier dict of one kind on a function's $LATEST object, made on first use."""
    attribute = _PREFIX + kind
    with _lock:
        found: dict[str, Any] | None = latest.__dict__.get(attribute)
        if found is None:
            found = {}
            setattr(latest, attribute, found)
        return found


def peek(latest: Any, kind: str) -> dict[str, Any]:
    """The per-qualifier dict of one kind if there is one (empty otherwise), without making it."""
    found: dict[str, Any] | None = latest.__dict__.get(_PREFIX + kind)
    return found if found is not None else {}


def forget(latest: Any, qualifier: str) -> None:
    """Drop everything kept for a deleted alias or version."""
    with _lock:
        for attribute, value in list(latest.__dict__.items()):
            if attribute.startswith(_PREFIX) and isinstance(value, dict):
                value.pop(qualifier, None)


def published_versions(backend: Any, name: str) -> list[Any]:
    """The stored objects of every published version of a function, oldest first."""
    versions = []
    for copy_or_version in backend.list_versions_by_function(name):
        if str(copy_or_version.version) == LATEST:
            continue
        fn = state.find_function(backend, name, str(copy_or_version.version))
        if fn is not None:
            versions.append(fn)
    return versions


def qualifier_order(key: str) -> tuple[int, int, str]:
    """$LATEST, then versions by number, then aliases by name."""
    if key == LATEST:
        return (0, 0, "")
    if key.isdigit():
        return (1, int(key), "")
    return (2, 0, key)
