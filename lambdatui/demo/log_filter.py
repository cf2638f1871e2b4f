"""FilterLogEvents as the CloudWatch Logs API reference describes it, over moto's logs backend.

What moto 5.2.5 lacks and this adds: ``logStreamNamePrefix`` (moto ignores it), events
interleaved across streams in time order (AWS ignores ``interleaved`` since 2019 and always
interleaves), and paging with an opaque ``nextToken`` that resumes after the last event
returned, so events ingested between two pages are neither lost nor repeated.
``startTime`` and ``endTime`` are both inclusive; ``limit`` is at most 10,000 (the default).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from .wire import Reply, json_reply

MAX_LIMIT = 10_000
MAX_STREAM_NAMES = 100


def logs_backend(account: str, region: str) -> Any:
    from moto.logs.models import logs_backends

    return logs_backends[account][region]


def find_group(backend: Any, identifier: str) -> Any:
    """The log group named by ``identifier`` (a name or an ARN, with or without ``:*``)."""
    name = identifier
    if identifier.startswith("arn:"):
        # arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]
        parts = identifier.split(":", 6)
        if len(parts) < 7:
            return None
        name = parts[6].removesuffix(":*")
    return backend.groups.get(name)


def stream_matches(name: str, names: list[str], prefixes: list[str]) -> bool:
    if names:
        return name in names
    if prefixes:
        return any(name.startswith(prefix) for prefix in prefixes)
    return True


def _error(error_type: str, message: str) -> Reply:
    return json_reply(400, {"__type": error_type, "message": message})


def _token(key: tuple[int, int]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def _after(token: str) -> tuple[int, int] | None:
    try:
        timestamp, event_id = json.loads(base64.urlsafe_b64decode(token.encode()))
        return int(timestamp), int(event_id)
    except (ValueError, TypeError):
        return None


def filter_log_events(account: str, region: str, params: dict[str, Any]) -> Reply:
    from moto.logs.utils import EventMessageFilter

    name, identifier = params.get("logGroupName"), params.get("logGroupIdentifier")
    if bool(name) == bool(identifier):
        return _error(
            "InvalidParameterException",
            "Exactly one of logGroupName or logGroupIdentifier must be provided.",
        )
    names = list(params.get("logStreamNames") or [])
    prefix = str(params.get("logStreamNamePrefix") or "")
    if names and prefix:
        return _error(
            "InvalidParameterException",
            "logStreamNames and logStreamNamePrefix cannot both be specified.",
        )
    if len(names) > MAX_STREAM_NAMES:
        return _error(
            "InvalidParameterException",
            f"logStreamNames can have at most {MAX_STREAM_NAMES} members.",
        )
    limit = params.get("limit") or MAX_LIMIT
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        return _error(
            "InvalidParameterException",
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
            f"constraint: Member must have value between 1 and {MAX_LIMIT}",
        )
    group = find_group(logs_backend(account, region), str(name or identifier))
    if group is None:
        return _error("ResourceNotFoundException", "The specified log group does not exist.")
    after: tuple[int, int] | None = None
    token = params.get("nextToken")
    if token:
        after = _after(str(token))
        if after is None:
            return _error("InvalidParameterException", "The specified nextToken is invalid.")
    start, end = params.get("startTime"), params.get("endTime")
    matches = EventMessageFilter(str(params.get("filterPattern") or "")).matches
    found: list[tuple[tuple[int, int], str, Any]] = []
    for stream_name, stream in list(group.streams.items()):
        if not stream_matches(stream_name, names, [prefix] if prefix else []):
            continue
        for event in list(stream.events):
            if start is not None and event.timestamp < start:
                continue
            if end is not None and event.timestamp > end:
                continue
            key = (int(event.timestamp), int(event.event_id))
            if after is not None and key <= after:
                continue
            if matches(event.message):
                found.append((key, stream_name, event))
    found.sort(key=lambda item: item[0])
    page = found[:limit]
    reply: dict[str, Any] = {
        "events": [
            {
                "logStreamName": stream_name,
                "timestamp": event.timestamp,
                "message": event.message,
                "ingestionTime": event.ingestion_time,
                "eventId": str(event.event_id),
            }
            for _key, stream_name, event in page
        ],
        "searchedLogStreams": [],
    }
    if len(found) > limit:
        reply["nextToken"] = _token(page[-1][0])
    return json_reply(200, reply)
