"""A fault-injecting HTTP proxy on 127.0.0.1, in front of the local account (or plain moto).

Test infrastructure only (``lambdatui`` never imports it). Each request is named by its AWS
operation: ``X-Amz-Target`` for the JSON protocol (CloudWatch Logs: 'StartLiveTail'), else the
service (from the SigV4 credential scope) and the REST method and path matched against
botocore's own model of that service ('GET /2015-03-31/functions/' → 'ListFunctions'), else
the query protocol's ``Action=``. Faults are chosen per operation (or '*'), by call count (the
Nth call of that operation, 1-based) or by probability (a seeded RNG), and every request is
recorded (operation, method, path, time, fault applied), so a test counts what was really sent.

The faults are what real networks and AWS do: throttling (Lambda's 429
TooManyRequestsException with or without Retry-After, the JSON protocol's
ThrottlingException), 5xx (AWS's JSON error or a load balancer's HTML page), a connection
reset before the request is forwarded or after it was forwarded and before the reply (the
request reached the account: a mutation happened, its reply is lost), a stall, a body that
trickles or is cut short, malformed JSON, expired or unrecognized credentials, access denied,
and an event stream (Live Tail, InvokeWithResponseStream) cut after N messages.
"""

from __future__ import annotations

import functools
import http.client
import json
import random
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.wire import HtmlPage, serving

# -- naming a request by its operation ----------------------------------------------------

_KEY = re.compile(r"Credential=([^/]+)/")
_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")
#: The SigV4 signing name → botocore's service name, where they differ.
_SERVICE = {"execute-api": "lambda"}


@functools.cache
def _routes(service: str) -> list[tuple[str, re.Pattern[str], int, str]]:
    """(method, path pattern, literal length, operation) of each REST operation of
    ``service``, most specific first."""
    from botocore.loaders import create_loader

    try:
        model = create_loader().load_service_model(service, "service-2")
    except Exception:
        return []
    routes = []
    for name, op in model.get("operations", {}).items():
        http_ = op.get("http") or {}
        uri = str(http_.get("requestUri") or "/").split("?")[0]
        pattern = ""
        literal = 0
        for part in re.split(r"(\{[^}]+\})", uri):
            if part.startswith("{"):
                pattern += ".+" if part.endswith("+}") else "[^/]+"
            else:
                pattern += re.escape(part)
                literal += len(part)
        routes.append(
            (str(http_.get("method") or "POST"), re.compile(f"^{pattern}/?$"), literal, name)
        )
    routes.sort(key=lambda route: -route[2])
    return routes


def operation_of(method: str, path: str, headers: Any, body: bytes | None) -> str:
    """The AWS operation a request calls ('' when it cannot be named)."""
    target = headers.get("X-Amz-Target") or ""
    if target:
        return str(target).rpartition(".")[2]
    if body and b"Action=" in body[:200]:
        action = parse_qs(body.decode("utf-8", "replace")).get("Action") or [""]
        return action[0]
    scope = _SCOPE.search(headers.get("Authorization") or "")
    service = _SERVICE.get(scope.group(1), scope.group(1)) if scope else "lambda"
    bare = urlsplit(path).path
    for verb, pattern, _literal, name in _routes(service):
        if verb == method and pattern.match(bare):
            return name
    return ""


# -- faults -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """What the proxy does instead of (or to) one exchange. Build with the functions below."""

    kind: str  # error, page, reset_before, reset_after, stall, trickle, truncate, malformed, cut
    status: int = 0
    code: str = ""
    message: str = ""
    retry_after: str | None = None
    seconds: float = 0.0
    keep: int = 0  # truncate: bytes of the body sent; cut: event-stream messages passed
    chunk: int = 1  # trickle: bytes per write
    graceful: bool = False  # cut: end the stream as if complete instead of resetting

    @property
    def label(self) -> str:
        return f"{self.kind} {self.status or ''} {self.code}".strip()


def error(status: int, code: str, message: str = "", *, retry_after: str | None = None) -> Fault:
    """AWS's JSON error (Lambda reads the x-amzn-ErrorType header, the JSON protocol __type)."""
    return Fault("error", status, code, message or f"{code} (injected)", retry_after)


def throttled(*, retry_after: str | None = None) -> Fault:
    """Lambda's 429 TooManyRequestsException (with Retry-After when given)."""
    return error(429, "TooManyRequestsException", "Rate exceeded", retry_after=retry_after)


def throttling() -> Fault:
    """The JSON protocol's throttling (CloudWatch Logs): 400 ThrottlingException."""
    return error(400, "ThrottlingException", "Rate exceeded")


def server_error(status: int = 500) -> Fault:
    """AWS's own 5xx: 500 ServiceException, 503 ServiceUnavailableException, ..."""
    codes = {500: "ServiceException", 502: "BadGateway", 503: "ServiceUnavailableException"}
    return error(status, codes.get(status, "ServiceException"), "Service error (injected)")


def page(status: int) -> Fault:
    """A load balancer's HTML error page (502 Bad Gateway, 504 Gateway Timeout)."""
    return Fault("page", status)


def expired_token() -> Fault:
    return error(
        403, "ExpiredTokenException", "The security token included in the request is expired"
    )


def unrecognized_client() -> Fault:
    return error(
        403, "UnrecognizedClientException", "The security token included in the request is invalid."
    )


def access_denied() -> Fault:
    return error(403, "AccessDeniedException", "User is not authorized to perform this action")


def reset_before() -> Fault:
    """The connection is reset once the request was read, before it is forwarded."""
    return Fault("reset_before")


def reset_after() -> Fault:
    """The request is forwarded (the account acts on it), then the connection is reset."""
    return Fault("reset_after")


def stall(seconds: float) -> Fault:
    """The request is forwarded, and the reply held ``seconds``."""
    return Fault("stall", seconds=seconds)


def trickle(chunk: int = 16, every: float = 0.01) -> Fault:
    """The reply's body is sent ``chunk`` bytes at a time, ``every`` seconds apart."""
    return Fault("trickle", chunk=chunk, seconds=every)


def truncate(keep: int = 10) -> Fault:
    """The reply announces its whole length and sends ``keep`` bytes, then closes."""
    return Fault("truncate", keep=keep)


def malformed() -> Fault:
    """A 200 whose JSON body is cut off mid-object (the whole of what is sent)."""
    return Fault("malformed")


def cut_stream(after: int, *, graceful: bool = False) -> Fault:
    """An event stream (Live Tail, response streaming) passed for ``after`` messages, then
    the connection is reset (``graceful``: the stream is ended as if it were complete, as a
    proxy that times a long reply out may end it)."""
    return Fault("cut", keep=after, graceful=graceful)


@dataclass
class Rule:
    operation: str  # an operation name, or '*'
    fault: Fault
    calls: frozenset[int] | None = None  # the Nth calls of the operation (1-based)
    probability: float | None = None
    times: int | None = None  # at most this many applications
    signed_by: str | None = None  # only requests signed with this access key id
    applied: int = 0


@dataclass(frozen=True)
class Sent:
    """One request the proxy received."""

    operation: str
    method: str
    path: str
    at: float
    fault: str  # '' when forwarded untouched
    port: int = 0  # the client's port: one per connection (keep-alive reuses it)


@dataclass
class FaultProxy:
    """The proxy's state: its rules and what it received (see the module docstring)."""

    upstream: str
    seed: int = 0
    url: str = ""
    rules: list[Rule] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def on(
        self,
        operation: str,
        fault: Fault,
        *,
        calls: int | tuple[int, ...] | None = None,
        probability: float | None = None,
        times: int | None = None,
        signed_by: str | None = None,
    ) -> Rule:
        """Apply ``fault`` to ``operation`` ('*': any): on its Nth ``calls``, or with
        ``probability``, or (neither given) on every call; at most ``times`` times; only to
        requests signed with the access key ``signed_by`` when given (an expired key)."""
        chosen = (calls,) if isinstance(calls, int) else calls
        rule = Rule(
            operation, fault, frozenset(chosen) if chosen else None, probability, times, signed_by
        )
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def count(self, operation: str) -> int:
        """How many requests of ``operation`` reached the proxy."""
        return sum(1 for s in self.sent if s.operation == operation)

    def operations(self) -> list[str]:
        return [s.operation for s in self.sent]

    def faulted(self, operation: str | None = None) -> list[Sent]:
        return [s for s in self.sent if s.fault and operation in (None, s.operation)]

    def _choose(
        self, operation: str, method: str, path: str, port: int, key: str = ""
    ) -> Fault | None:
        with self._lock:
            n = self._counts[operation] = self._counts.get(operation, 0) + 1
            chosen: Fault | None = None
            for rule in self.rules:
                if rule.operation not in ("*", operation):
                    continue
                if rule.times is not None and rule.applied >= rule.times:
                    continue
                if rule.signed_by is not None and rule.signed_by != key:
                    continue
                if rule.calls is not None:
                    hit = n in rule.calls
                elif rule.probability is not None:
                    hit = self.rng.random() < rule.probability
                else:
                    hit = True
                if hit:
                    rule.applied += 1
                    chosen = rule.fault
                    break
            self.sent.append(
                Sent(
                    operation, method, path, time.monotonic(), chosen.label if chosen else "", port
                )
            )
            return chosen


# -- the server ---------------------------------------------------------------------------

_HOP = ("transfer-encoding", "connection", "content-length", "keep-alive")


def _reset(sock: socket.socket) -> None:
    """Close ``sock`` with a TCP RST (SO_LINGER 0), as a dropped link or a killed peer does."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    parts = urlsplit(proxy.upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _exchange(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            operation = operation_of(self.command, self.path, self.headers, body)
            signed = _KEY.search(self.headers.get("Authorization") or "")
            fault = proxy._choose(
                operation,
                self.command,
                self.path,
                self.client_address[1],
                signed.group(1) if signed else "",
            )
            kind = fault.kind if fault else ""
            if fault is not None and kind in ("error", "page"):
                return self._answer_error(fault)
            if kind == "malformed":
                return self._send(200, {"Content-Type": "application/json"}, b'{"Functions": [{"Fu')
            if kind == "reset_before":
                return self._drop()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            headers["Host"] = parts.netloc
            conn.request(self.command, self.path, body=body, headers=headers)
            reply = conn.getresponse()
            try:
                if kind == "reset_after":
                    reply.read()
                    return self._drop()
                if fault is not None and kind == "stall":
                    time.sleep(fault.seconds)
                self._relay(reply, fault)
            finally:
                conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _exchange

        def _drop(self) -> None:
            self.close_connection = True
            _reset(self.connection)

        def _send(self, status: int, headers: dict[str, str], data: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _answer_error(self, fault: Fault) -> None:
            if fault.kind == "page":
                html = HtmlPage(fault.status, http.HTTPStatus(fault.status).phrase).body
                return self._send(fault.status, {"Content-Type": "text/html"}, html)
            data = json.dumps(
                {
                    "__type": fault.code,
                    "Type": "User",
                    "message": fault.message,
                    "Message": fault.message,
                }
            ).encode()
            headers = {
                "Content-Type": "application/json",
                "x-amzn-ErrorType": fault.code,
                "x-amzn-RequestId": "00000000-0000-0000-0000-00000000fa17",
            }
            if fault.retry_after is not None:
                headers["Retry-After"] = fault.retry_after
            self._send(fault.status, headers, data)

        def _relay(self, reply: http.client.HTTPResponse, fault: Fault | None) -> None:
            # an event stream is passed on message by message, however the upstream sent it
            # (the local account's response streaming sends one body with its length)
            kind = str(reply.getheader("Content-Type") or "")
            streamed = reply.getheader("Content-Length") is None or "eventstream" in kind
            self.send_response(reply.status)
            for name, value in reply.getheaders():
                if name.lower() not in _HOP:
                    self.send_header(name, value)
            if streamed:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                return self._relay_stream(reply, fault)
            data = reply.read()
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if fault is not None and fault.kind == "truncate":
                self.wfile.write(data[: fault.keep])
                self.wfile.flush()
                return self._drop()
            if fault is not None and fault.kind == "trickle":
                for start in range(0, len(data), fault.chunk):
                    self.wfile.write(data[start : start + fault.chunk])
                    self.wfile.flush()
                    time.sleep(fault.seconds)
                return None
            self.wfile.write(data)
            return None

        def _relay_stream(self, reply: http.client.HTTPResponse, fault: Fault | None) -> None:
            """Pass a chunked reply on as it comes; an event stream message by message, so
            ``cut`` ends it on a message boundary (as a dropped link after a delivered one)."""
            cut = fault.keep if fault is not None and fault.kind == "cut" else None
            passed = 0
            while True:
                prelude = reply.read(4) if cut is not None else reply.read1(65536)
                if not prelude:
                    break
                data = prelude
                if cut is not None:
                    if len(prelude) < 4:
                        break
                    (total,) = struct.unpack(">I", prelude)
                    data += reply.read(total - 4)
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
                passed += 1
                if cut is not None and passed >= cut:
                    if fault is not None and fault.graceful:
                        break
                    return self._drop()
            self.wfile.write(b"0\r\n\r\n")
            return None

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a reset this proxy made, or a client that hung up: not a failure here


@contextmanager
def fault_proxy(upstream: str, *, seed: int = 0) -> Iterator[FaultProxy]:
    """A ``FaultProxy`` in front of ``upstream``, serving at ``proxy.url`` until the block ends."""
    proxy = FaultProxy(upstream, seed)
    server = _Server(("127.0.0.1", 0), _handler(proxy))
    with serving(server) as url:
        proxy.url = url
        yield proxy
