"""Marker paging as the Lambda list APIs do it: at most 50 items, an opaque NextMarker.

A marker names the sort key of the last item handed out, not a position, so a listing stays
stable while items are created or deleted between pages.
"""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

MAX_PAGE = 50
_MARKER_VERSION = 1


class BadPageRequest(ValueError):
    """An unusable Marker or MaxItems (the API answers 400 InvalidParameterValueException)."""


def encode_marker(key: Sequence[Any]) -> str:
    raw = json.dumps({"v": _MARKER_VERSION, "after": list(key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_marker(marker: str) -> list[Any]:
    padded = marker + "=" * (-len(marker) % 4)
    try:
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError) as exc:
        raise BadPageRequest(f"Invalid Marker: {marker}") from exc
    if not isinstance(data, dict) or data.get("v") != _MARKER_VERSION:
        raise BadPageRequest(f"Invalid Marker: {marker}")
    after = data.get("after")
    if not isinstance(after, list):
        raise BadPageRequest(f"Invalid Marker: {marker}")
    return after


def page_size(max_items: str | None, limit: int = MAX_PAGE) -> int:
    """MaxItems as sent (a string from the query) → the page size the API will use."""
    if max_items in (None, ""):
        return limit
    try:
        size = int(str(max_items))
    except ValueError as exc:
        raise BadPageRequest(f"Invalid MaxItems: {max_items}") from exc
    if size < 1:
        raise BadPageRequest("MaxItems must be greater than or equal to 1")
    return min(size, limit)


def page(
    items: Sequence[T],
    keys: Sequence[tuple[Any, ...]],
    marker: str | None,
    max_items: str | None,
    limit: int = MAX_PAGE,
) -> tuple[list[T], str | None]:
    """One page of ``items`` and the NextMarker, if more remain.

    ``keys[i]`` is the sort key of ``items[i]``; both are already in that order. ``limit`` is
    the largest page the API hands out, whatever MaxItems asks for.
    """
    size = page_size(max_items, limit)
    start = 0
    if marker:
        after = tuple(decode_marker(marker))
        try:
            start = bisect_right(keys, after)
        except TypeError as exc:  # a marker minted by another listing
            raise BadPageRequest(f"Invalid Marker: {marker}") from exc
    chunk = list(items[start : start + size])
    more = start + size < len(items)
    next_marker = encode_marker(keys[start + size - 1]) if more and chunk else None
    return chunk, next_marker


def version_key(version: str) -> int:
    """Sort $LATEST before the published versions, then by number."""
    return -1 if version == "$LATEST" else int(version) if version.isdigit() else 1 << 62
