"""Small conversions from API values to record fields (shared by the config records)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

EMPTY: Mapping[str, Any] = MappingProxyType({})


def empty() -> Mapping[str, Any]:
    """The default of a ``raw`` field (a dataclass default must be made by a factory)."""
    return EMPTY


def frozen(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of an API document, for a record's ``raw`` field."""
    return MappingProxyType(dict(item))


def int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """A string map as (key, value) pairs, in the API's order."""
    return tuple((str(k), str(v)) for k, v in (value or {}).items())


def destination(config: Any, outcome: str) -> str:
    """A DestinationConfig's OnSuccess/OnFailure ARN; '' when unset."""
    return str(((config or {}).get(outcome) or {}).get("Destination") or "")


def api_error(value: Any) -> str:
    """'ErrorCode: Message' of an API error structure; '' when there is none."""
    if not value:
        return ""
    code, message = value.get("ErrorCode") or "", value.get("Message") or ""
    return ": ".join(str(part) for part in (code, message) if part)
