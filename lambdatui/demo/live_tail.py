"""CloudWatch Logs in the local account the way AWS serves it: a streaming Live Tail and a
FilterLogEvents that honours ``logStreamNamePrefix`` and pages.

moto 5.2.5 answers StartLiveTail with one batch of the events that already exist and closes,
and its FilterLogEvents ignores ``logStreamNamePrefix``. ``LogsFidelityMiddleware`` sits in
front of the Lambda middleware and answers these two operations itself from moto's logs
backend; every other request passes through untouched.

Live Tail, as the CloudWatch Logs API reference describes it (StartLiveTail):

* the reply is an ``application/vnd.amazon.eventstream`` body; with the JSON protocol the
  first frame is an ``initial-response``, then one ``sessionStart`` frame;
* then a ``sessionUpdate`` frame every second, with the events *ingested* since the previous
  one (an empty array when there are none), at most 500 of them: more than that in one
  second and the update is sampled down to 500, with ``sessionMetadata.sampled`` true;
* after the session's maximum duration (three hours on AWS; ``LiveTailKnobs`` tunes it here
  so tests can watch a session end) a ``SessionTimeoutException`` frame ends the stream;
* at most 10 log groups (by name or ARN); ``logStreamNames`` and ``logStreamNamePrefixes``
  exclude each other and need exactly one log group.

The body is a generator, so werkzeug sends it with chunked transfer encoding, one chunk per
frame, flushed as it is produced. Closing the connection ends the session.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from moto.core.eventstream import EventStreamEncoder

from .log_filter import filter_log_events, find_group, logs_backend, stream_matches
from .wire import Reply, WSGIApp, account_for, credential_scope, json_reply, read_body, send

_TARGET_PREFIX = "Logs_20140328."
#: AWS's limits for one session.
MAX_GROUPS = 10
MAX_PREFIXES = 100
MAX_EVENTS_PER_UPDATE = 500
SESSION_SECONDS = 3 * 60 * 60


@dataclass
class LiveTailKnobs:
    """How the local account's Live Tail sessions behave (AWS's values by default)."""

    update_interval: float = 1.0
    max_session_seconds: float = SESSION_SECONDS
    max_events_per_update: int = MAX_EVENTS_PER_UPDATE
    sessions_started: int = 0  # how many sessions began, for tests of reconnects
    #: Operations (StartLiveTail, FilterLogEvents) this account's caller may not call, the way
    #: an IAM policy without them answers: AccessDeniedException.
    denied: set[str] = field(default_factory=set)

    def restore_defaults(self) -> None:
        self.update_interval = 1.0
        self.max_session_seconds = SESSION_SECONDS
        self.max_events_per_update = MAX_EVENTS_PER_UPDATE
        self.sessions_started = 0
        self.denied = set()


def logs_error(error_type: str, message: str, status: int = 400) -> Reply:
    """An error as the JSON protocol sends it: ``__type`` and ``message``."""
    return json_reply(status, {"__type": error_type, "message": message})


class LogsFidelityMiddleware:
    """Answers StartLiveTail and FilterLogEvents; passes everything else to ``app``."""

    def __init__(self, app: WSGIApp, knobs: LiveTailKnobs | None = None) -> None:
        self.app = app
        self.knobs = knobs or LiveTailKnobs()
        self._lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
        scope = credential_scope(environ)
        if scope is None or scope[2] != "logs" or not target.startswith(_TARGET_PREFIX):
            return self.app(environ, start_response)
        operation = target[len(_TARGET_PREFIX) :]
        if operation not in ("StartLiveTail", "FilterLogEvents"):
            return self.app(environ, start_response)
        access_key, region, _service = scope
        body = read_body(environ)
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            return send(
                logs_error("SerializationException", "Malformed JSON body."), start_response
            )
        if not isinstance(params, dict):
            params = {}
        account = account_for(environ, access_key)
        if operation in self.knobs.denied:
            message = (
                f"User: arn:aws:iam::{account}:user/demo is not authorized to perform: "
                f"logs:{operation} because no identity-based policy allows the "
                f"logs:{operation} action"
            )
            return send(logs_error("AccessDeniedException", message), start_response)
        if operation == "FilterLogEvents":
            reply = filter_log_events(account, region, params)
            return send(reply, start_response)
        return self._live_tail(account, region, params, start_response)

    # -- StartLiveTail ---------------------------------------------------------------------

    def _live_tail(
        self, account: str, region: str, params: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        problem, groups = _validate(account, region, params)
        if problem is not None:
            return send(problem, start_response)
        session = _Session(
            groups=groups,
            names=list(params.get("logStreamNames") or []),
            prefixes=list(params.get("logStreamNamePrefixes") or []),
            pattern=str(params.get("logEventFilterPattern") or ""),
            knobs=self.knobs,
        )
        with self._lock:  # counted once it knows what exists: a line put after this streams
            self.knobs.sessions_started += 1
        start_response(
            "200 OK",
            [
                ("Content-Type", "application/vnd.amazon.eventstream"),
                ("x-amzn-RequestId", session.request_id),
            ],
        )
        return session.frames()


def _validate(account: str, region: str, params: dict[str, Any]) -> tuple[Reply | None, list[Any]]:
    identifiers = params.get("logGroupIdentifiers") or []
    if not isinstance(identifiers, list) or not 1 <= len(identifiers) <= MAX_GROUPS:
        return logs_error(
            "InvalidParameterException",
            "1 validation error detected: Value at 'logGroupIdentifiers' failed to satisfy "
            f"constraint: Member must have length between 1 and {MAX_GROUPS}",
        ), []
    names, prefixes = params.get("logStreamNames"), params.get("logStreamNamePrefixes")
    if names and prefixes:
        return logs_error(
            "InvalidParameterException",
            "Only one of logStreamNames or logStreamNamePrefixes can be provided.",
        ), []
    if (names or prefixes) and len(identifiers) != 1:
        return logs_error(
            "InvalidParameterException",
            "logStreamNames and logStreamNamePrefixes can only be used with a single log group.",
        ), []
    if prefixes and len(prefixes) > MAX_PREFIXES:
        return logs_error(
            "InvalidParameterException",
            f"logStreamNamePrefixes can have at most {MAX_PREFIXES} members.",
        ), []
    backend = logs_backend(account, region)
    groups = []
    for identifier in identifiers:
        group = find_group(backend, str(identifier))
        if group is None:
            return logs_error(
                "ResourceNotFoundException", f"Log group {identifier} does not exist."
            ), []
        groups.append(group)
    return None, groups


class _Session:
    """One Live Tail session: which streams it follows and how far it has read each one."""

    def __init__(
        self,
        groups: list[Any],
        names: list[str],
        prefixes: list[str],
        pattern: str,
        knobs: LiveTailKnobs,
    ) -> None:
        from moto.logs.utils import EventMessageFilter

        self.groups = groups
        self.names = names
        self.prefixes = prefixes
        self.pattern = pattern
        self.matches = EventMessageFilter(pattern).matches
        self.knobs = knobs
        self.request_id = str(uuid.uuid4())
        self.session_id = str(uuid.uuid4())
        self.encoder = EventStreamEncoder()
        # Live Tail shows what is ingested after the session starts: skip what exists now.
        self.read: dict[tuple[str, str], int] = {}
        for group in groups:
            for name, stream in list(group.streams.items()):
                self.read[(group.name, name)] = len(stream.events)

    def _event(self, event_type: str, payload: dict[str, Any]) -> bytes:
        return self.encoder.encode_message(
            {
                ":message-type": "event",
                ":event-type": event_type,
                ":content-type": "application/json",
            },
            json.dumps(payload).encode(),
        )

    def _exception(self, exception_type: str, message: str) -> bytes:
        return self.encoder.encode_message(
            {
                ":message-type": "exception",
                ":exception-type": exception_type,
                ":content-type": "application/json",
            },
            json.dumps({"message": message}).encode(),
        )

    def frames(self) -> Iterator[bytes]:
        yield self._event("initial-response", {})
        yield self._event(
            "sessionStart",
            {
                "requestId": self.request_id,
                "sessionId": self.session_id,
                "logGroupIdentifiers": [group.arn for group in self.groups],
                "logStreamNames": self.names,
                "logStreamNamePrefixes": self.prefixes,
                "logEventFilterPattern": self.pattern,
            },
        )
        started = time.monotonic()
        next_tick = started
        while True:
            next_tick += self.knobs.update_interval
            pause = next_tick - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            else:
                next_tick = time.monotonic()
            if time.monotonic() - started >= self.knobs.max_session_seconds:
                yield self._exception(
                    "SessionTimeoutException",
                    "Live Tail session has ended as the session timed out.",
                )
                return
            yield self._event("sessionUpdate", self._update())

    def _update(self) -> dict[str, Any]:
        results: list[dict[str, Any]] = []
        for group in self.groups:
            for name, stream in list(group.streams.items()):
                key = (group.name, name)
                if not stream_matches(name, self.names, self.prefixes):
                    self.read[key] = len(stream.events)
                    continue
                start = self.read.get(key, 0)
                events = stream.events[start:]
                self.read[key] = start + len(events)
                results.extend(
                    {
                        "logStreamName": name,
                        "logGroupIdentifier": group.arn,
                        "message": event.message,
                        "timestamp": event.timestamp,
                        "ingestionTime": event.ingestion_time,
                    }
                    for event in events
                    if self.matches(event.message)
                )
        limit = max(1, self.knobs.max_events_per_update)
        sampled = len(results) > limit
        if sampled:
            keep = sorted(random.sample(range(len(results)), limit))
            results = [results[i] for i in keep]
        results.sort(key=lambda item: (item["ingestionTime"], item["timestamp"]))
        return {"sessionMetadata": {"sampled": sampled}, "sessionResults": results}
