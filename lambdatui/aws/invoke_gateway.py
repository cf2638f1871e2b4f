"""Invoke, InvokeWithResponseStream and a request's full logs: mixed into ``Gateway``.

**Never invoke twice.** botocore's defaults (60 s read timeout, retries on a read timeout) send
an invocation again when a function runs longer than a minute, and it runs again. So Invoke
goes through a client variant of its own: one attempt in total, and a read timeout longer than
the function's timeout plus a margin. If no response arrives even then, ``ResponseNotReceived``
says so and nothing is retried: the function may still be running. A reply lost another way
after the request left (a reset connection, a cut reply, a proxy's error page) is
``ResponseNotReceived`` too (``reply_lost``): the function may have run, its logs tell.

In read-only mode the gateway's hook lets Invoke through only as DryRun (see ``gateway.py``).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import errors
from .clients import ClientSource
from .log_records import millis
from .payload import ASYNC_PAYLOAD_LIMIT as ASYNC_PAYLOAD_LIMIT  # the limits, re-exported
from .payload import SYNC_PAYLOAD_LIMIT as SYNC_PAYLOAD_LIMIT
from .payload import payload_limit as payload_limit
from .report import Report, find_report

if TYPE_CHECKING:
    from types_aiobotocore_lambda import LambdaClient

INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")
#: Seconds added to the function's timeout before the client stops waiting for a response.
INVOKE_MARGIN_S = 15.0
#: The longest timeout a function can have: used when the caller does not know the function's.
MAX_FUNCTION_TIMEOUT_S = 900
#: ClientContext is at most 3,583 bytes once base64-encoded.
CLIENT_CONTEXT_LIMIT = 3583
#: TenantId (X-Amz-Tenant-Id) as the API model constrains it.
TENANT_ID = re.compile(r"[a-zA-Z0-9._:/=+\-@ ]{1,256}")


class ResponseNotReceived(errors.TimedOut):
    """The invocation was sent, and no response came back within the read timeout."""

    title = "No response"


def payload_too_large(payload: bytes, invocation_type: str) -> str:
    """Why ``payload`` cannot be sent as ``invocation_type`` ('' when it can)."""
    limit = payload_limit(invocation_type)
    if len(payload) <= limit:
        return ""
    kind = "an asynchronous (Event)" if invocation_type == "Event" else "a synchronous"
    return (
        f"The payload is {len(payload):,} bytes; {kind} invocation takes at most "
        f"{limit:,} bytes ({limit // (1024 * 1024)} MB). Nothing was sent."
    )


def encode_client_context(context: str | dict[str, Any] | None) -> str | None:
    """The ClientContext header value: base64 of the JSON object; ValueError if invalid."""
    if context is None or context == "":
        return None
    if isinstance(context, str):
        try:
            context = json.loads(context)
        except ValueError as exc:
            raise ValueError(f"The client context is not JSON: {exc}") from exc
    if not isinstance(context, dict):
        raise ValueError("The client context must be a JSON object.")
    encoded = base64.b64encode(json.dumps(context, separators=(",", ":")).encode()).decode()
    if len(encoded) > CLIENT_CONTEXT_LIMIT:
        raise ValueError(
            f"The client context is {len(encoded):,} bytes in base64; Lambda takes at most "
            f"{CLIENT_CONTEXT_LIMIT:,}."
        )
    return encoded


def tenant_id_error(tenant_id: str) -> str:
    """Why ``tenant_id`` cannot be sent ('' when it can)."""
    if TENANT_ID.fullmatch(tenant_id):
        return ""
    return (
        "A tenant id is 1–256 characters: letters, digits, spaces and . _ : / = + - @ "
        f"(got {tenant_id!r})."
    )


def read_timeout_for(function_timeout_s: float, margin_s: float = INVOKE_MARGIN_S) -> float:
    return float(math.ceil((function_timeout_s + margin_s) * 10) / 10)


@dataclass(frozen=True, slots=True)
class FunctionError:
    """A failed invocation's error document (errorType, errorMessage, stackTrace)."""

    kind: str  # Unhandled | Handled
    error_type: str
    message: str
    stack: tuple[str, ...]

    @property
    def headline(self) -> str:
        """'ValueError: bad order', without the empty parts ('' when both are empty)."""
        return ": ".join(part for part in (self.error_type, self.message) if part)


@dataclass(frozen=True, slots=True)
class InvokeResult:
    """One invocation's reply."""

    function: str
    qualifier: str | None
    invocation_type: str
    status_code: int
    request_id: str
    executed_version: str
    function_error: str  # "" when the function succeeded, else Unhandled / Handled
    payload: bytes = field(repr=False)
    log_tail: str = field(repr=False)
    elapsed_ms: float
    streamed: bool = False
    durable_execution_arn: str = ""  # the execution a durable function's invocation started

    @property
    def ok(self) -> bool:
        return not self.function_error and 200 <= self.status_code < 300

    @property
    def report(self) -> Report | None:
        return find_report(self.log_tail, self.request_id)

    @property
    def tail_cut(self) -> bool:
        """True when the 4 KB tail does not reach back to the invocation's START line."""
        if not self.log_tail:
            return False
        head = self.log_tail.lstrip().split("\n", 1)[0]
        return not (head.startswith(("START ", "INIT_START")) or '"platform.' in head)

    @property
    def error(self) -> FunctionError | None:
        if not self.function_error:
            return None
        try:
            doc = json.loads(self.payload or b"{}")
        except ValueError:
            doc = None
        # Not an error document (a JSON object): the payload itself says what went wrong.
        message = "" if isinstance(doc, dict) else self.payload.decode("utf-8", "replace")
        if not isinstance(doc, dict):
            doc = {}
        stack = doc.get("stackTrace") or ()
        if isinstance(stack, str):
            stack = stack.splitlines()
        return FunctionError(
            kind=self.function_error,
            error_type=str(doc.get("errorType", "") or ""),
            message=str(doc.get("errorMessage", "") or message),
            stack=tuple(str(line) for line in stack) if isinstance(stack, list | tuple) else (),
        )


@dataclass(frozen=True, slots=True)
class LogLine:
    timestamp_ms: int
    message: str
    stream: str = ""


def decode_log_result(value: str | None) -> str:
    if not value:
        return ""
    try:
        return base64.b64decode(value).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""


def invoke_params(
    function: str,
    qualifier: str | None,
    payload: bytes,
    invocation_type: str,
    client_context: str | dict[str, Any] | None,
    log_tail: bool,
    tenant_id: str | None = None,
) -> dict[str, Any]:
    """Invoke's parameters, checked; ``tenant_id`` for a tenant-isolated function (TenancyConfig:
    Lambda refuses to invoke one without it, and runs each tenant in its own environments)."""
    if invocation_type not in INVOCATION_TYPES:
        raise errors.ValidationFailed(
            f"Unknown invocation type {invocation_type!r}: use one of "
            f"{', '.join(INVOCATION_TYPES)}.",
            operation="Invoke",
        )
    too_large = payload_too_large(payload, invocation_type)
    if too_large:
        raise errors.ValidationFailed(too_large, operation="Invoke")
    params: dict[str, Any] = {
        "FunctionName": function,
        "InvocationType": invocation_type,
        "Payload": payload,
    }
    if qualifier:
        params["Qualifier"] = qualifier
    if log_tail and invocation_type == "RequestResponse":
        params["LogType"] = "Tail"
    try:
        context = encode_client_context(client_context)
    except ValueError as exc:
        raise errors.ValidationFailed(str(exc), operation="Invoke") from exc
    if context:
        params["ClientContext"] = context
    if tenant_id:
        problem = tenant_id_error(tenant_id)
        if problem:
            raise errors.ValidationFailed(problem, operation="Invoke")
        params["TenantId"] = tenant_id
    return params


def result_from_reply(
    params: dict[str, Any], reply: Mapping[str, Any], payload: bytes, elapsed_ms: float
) -> InvokeResult:
    """The ``InvokeResult`` of an Invoke call made with ``params`` (sync or async client).

    A DryRun's or an Event's outcome is its status code (nothing ran, or nothing has run yet),
    so an X-Amz-Function-Error header on its reply (plain moto sends one) is not a function
    error."""
    no_result = params["InvocationType"] != "RequestResponse"
    return InvokeResult(
        function=params["FunctionName"],
        qualifier=params.get("Qualifier"),
        invocation_type=params["InvocationType"],
        status_code=int(reply.get("StatusCode", 0) or 0),
        request_id=_request_id(reply),
        executed_version=str(reply.get("ExecutedVersion", "") or ""),
        function_error="" if no_result else str(reply.get("FunctionError", "") or ""),
        payload=payload,
        log_tail=decode_log_result(reply.get("LogResult")),
        elapsed_ms=elapsed_ms,
        durable_execution_arn=str(reply.get("DurableExecutionArn") or ""),
    )


def not_received(function: str, read_timeout: float) -> ResponseNotReceived:
    return ResponseNotReceived(
        f"Response not received from {function} within {read_timeout:g} s; "
        "the function may still be running.",
        hint="It was not sent again. Look at its logs to see how it ended.",
        operation="Invoke",
    )


#: What a connection that never carried the request fails with (the inner aiohttp error).
_NEVER_SENT = {
    "ClientConnectorError",  # aiohttp's
    "ClientConnectorCertificateError",
    "gaierror",
    "NewConnectionError",  # urllib3's (the twins' boto3)
    "NameResolutionError",
}


def reply_lost(function: str, error: errors.GatewayError) -> ResponseNotReceived | None:
    """The error to show when an invocation may have reached Lambda and its reply did not
    come back (a reset connection, a cut reply, a proxy's error page); None when it surely
    never left (the endpoint could not be reached) or AWS answered it."""
    if isinstance(error, errors.EndpointUnreachable):
        cause = error.__cause__
        inner = (getattr(cause, "kwargs", None) or {}).get("error")
        if type(cause).__name__ in {"ConnectTimeoutError", "SSLError", "ProxyConnectionError"}:
            return None
        if type(inner).__name__ in _NEVER_SENT:
            return None
    elif not isinstance(error, errors.EndpointPage):
        return None
    return ResponseNotReceived(
        f"The reply to the invocation of {function} was lost ({error.message}); "
        "the function may have run.",
        hint="It was not sent again. Look at its logs (l) to see whether and how it ran.",
        operation="Invoke",
    )


def _request_id(reply: Mapping[str, Any]) -> str:
    meta = reply.get("ResponseMetadata") or {}
    headers = meta.get("HTTPHeaders") or {}
    return str(meta.get("RequestId") or headers.get("x-amzn-requestid") or "")


class InvokeCalls(ClientSource):
    """Invoke and its logs (see the module docstring)."""

    async def invoke_client(
        self, function_timeout_s: float = MAX_FUNCTION_TIMEOUT_S, margin_s: float = INVOKE_MARGIN_S
    ) -> LambdaClient:
        """The Lambda client for Invoke: one attempt, read timeout > function timeout + margin."""
        read_timeout = read_timeout_for(function_timeout_s, margin_s)
        return await self.once_client("invoke", read_timeout)

    async def invoke(
        self,
        function: str,
        qualifier: str | None,
        payload: bytes,
        invocation_type: str = "RequestResponse",
        *,
        function_timeout_s: float = MAX_FUNCTION_TIMEOUT_S,
        client_context: str | dict[str, Any] | None = None,
        log_tail: bool = True,
        margin_s: float = INVOKE_MARGIN_S,
        tenant_id: str | None = None,
    ) -> InvokeResult:
        """Invoke ``function`` once (never retried); the reply as an ``InvokeResult``.

        A function error is a result (``function_error`` set), not an exception.
        """
        params = invoke_params(
            function, qualifier, payload, invocation_type, client_context, log_tail, tenant_id
        )
        lam = await self.invoke_client(function_timeout_s, margin_s)
        started = time.perf_counter()
        try:
            async with self._translating("lambda", "Invoke"):
                reply = await lam.invoke(**params)
                body = reply.get("Payload")
                data = await body.read() if body is not None else b""
        except errors.TimedOut as exc:
            timeout = read_timeout_for(function_timeout_s, margin_s)
            raise not_received(function, timeout) from exc
        except errors.GatewayError as exc:
            lost = reply_lost(function, exc)
            if lost is None:
                raise
            raise lost from exc
        elapsed = (time.perf_counter() - started) * 1000
        return result_from_reply(params, reply, bytes(data or b""), elapsed)

    async def invoke_stream(
        self,
        function: str,
        qualifier: str | None,
        payload: bytes,
        invocation_type: str = "RequestResponse",
        *,
        function_timeout_s: float = MAX_FUNCTION_TIMEOUT_S,
        client_context: str | dict[str, Any] | None = None,
        log_tail: bool = True,
        margin_s: float = INVOKE_MARGIN_S,
        tenant_id: str | None = None,
    ) -> AsyncIterator[bytes | InvokeResult]:
        """InvokeWithResponseStream: yields each payload chunk as it arrives, then the
        ``InvokeResult`` (whole payload, log tail; ``function_error`` from InvokeComplete)."""
        if invocation_type == "Event":
            raise errors.ValidationFailed(
                "A streamed invocation is RequestResponse or DryRun, not Event.",
                operation="InvokeWithResponseStream",
            )
        params = invoke_params(
            function, qualifier, payload, invocation_type, client_context, log_tail, tenant_id
        )
        lam = await self.invoke_client(function_timeout_s, margin_s)
        started = time.perf_counter()
        chunks: list[bytes] = []
        error_code = log_result = ""
        details = ""
        completed = False
        try:
            async with self._translating("lambda", "InvokeWithResponseStream"):
                reply = await lam.invoke_with_response_stream(**params)
                stream = reply.get("EventStream")
                if stream is not None:
                    async for event in stream:
                        if "PayloadChunk" in event:
                            chunk = bytes(event["PayloadChunk"].get("Payload") or b"")
                            chunks.append(chunk)
                            yield chunk
                        elif "InvokeComplete" in event:
                            completed = True
                            done = event["InvokeComplete"]
                            error_code = str(done.get("ErrorCode") or "")
                            details = str(done.get("ErrorDetails") or "")
                            log_result = str(done.get("LogResult") or "")
        except errors.TimedOut as exc:
            timeout = read_timeout_for(function_timeout_s, margin_s)
            raise not_received(function, timeout) from exc
        except errors.GatewayError as exc:
            lost = reply_lost(function, exc)
            if lost is None:
                raise
            raise lost from exc
        if stream is not None and not completed:
            # the stream ended without Lambda's InvokeComplete: the connection was cut, and
            # what came is a part of the response, not all of it
            raise ResponseNotReceived(
                f"The response stream of {function} was cut after {len(chunks)} chunks, "
                "before it completed; the function may have run to its end.",
                hint="It was not sent again. Look at its logs (l) to see how it ended.",
                operation="InvokeWithResponseStream",
            )
        body = b"".join(chunks)
        if error_code and not body:
            body = json.dumps({"errorType": error_code, "errorMessage": details}).encode()
        yield InvokeResult(
            function=function,
            qualifier=qualifier,
            invocation_type=invocation_type,
            status_code=int(reply.get("StatusCode", 0) or 0),
            request_id=_request_id(reply),
            executed_version=str(reply.get("ExecutedVersion", "") or ""),
            function_error="Unhandled" if error_code and invocation_type != "DryRun" else "",
            payload=body,
            log_tail=decode_log_result(log_result),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            streamed=True,
        )

    async def request_logs(
        self,
        log_group: str,
        request_id: str,
        start: datetime,
        end: datetime,
        *,
        limit: int = 10_000,
    ) -> list[LogLine]:
        """Every log line of one invocation, START to REPORT (FilterLogEvents).

        Lines printed by the handler do not carry the request id, so: find the stream and the
        time span of the request's own lines (START … REPORT), then read that stream between
        them; an execution environment runs one request at a time, so everything in between is
        this request's. ``[]`` while the logs have not arrived yet.
        """
        logs = await self.client("logs")
        start_ms = int(start.timestamp() * 1000)
        end_ms = int(end.timestamp() * 1000) + 1
        marks: list[dict[str, Any]] = []
        async with self._translating("logs", "FilterLogEvents"):
            paginator = logs.get_paginator("filter_log_events")
            async for page in paginator.paginate(
                logGroupName=log_group,
                startTime=start_ms,
                endTime=end_ms,
                filterPattern=f'"{request_id}"',
            ):
                marks.extend(page.get("events", ()))
        if not marks:
            return []
        stream = str(marks[0].get("logStreamName", ""))
        # Tolerantly: moto writes float timestamps, another endpoint may leave one out.
        first = min(millis(e.get("timestamp")) or start_ms for e in marks)
        last = max(millis(e.get("timestamp")) or end_ms for e in marks)
        lines: list[LogLine] = []
        async with self._translating("logs", "FilterLogEvents"):
            paginator = logs.get_paginator("filter_log_events")
            async for page in paginator.paginate(
                logGroupName=log_group,
                logStreamNames=[stream],
                startTime=first,
                endTime=last + 1,
            ):
                for event in page.get("events", ()):
                    stamp = millis(event.get("timestamp")) or 0
                    message = str(event.get("message") or "")
                    lines.append(LogLine(stamp, message, stream))
                if len(lines) >= limit:
                    break
        return _between_start_and_report(lines, request_id)[:limit]


def _between_start_and_report(lines: list[LogLine], request_id: str) -> list[LogLine]:
    """The lines from the request's START (or the init lines before it) to its REPORT."""
    begin, finish = 0, len(lines)
    for index, line in enumerate(lines):
        if request_id in line.message and (
            line.message.startswith("START ") or '"platform.start"' in line.message
        ):
            begin = index
            # a cold start's INIT_START and init-phase lines come just before START
            while begin > 0 and not _ends_a_request(lines[begin - 1].message):
                begin -= 1
            break
    for index in range(begin, len(lines)):
        message = lines[index].message
        if request_id in message and (
            message.startswith("REPORT ") or '"platform.report"' in message
        ):
            finish = index + 1
            break
    return lines[begin:finish]


def _ends_a_request(message: str) -> bool:
    return message.startswith("REPORT ") or '"platform.report"' in message
