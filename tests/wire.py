"""Canned HTTP endpoints on 127.0.0.1: one fixed AWS error for every request (`canned_endpoint`),
JSON replies by path (`json_server`), a proxy that delays, refuses or counts (`delayed_proxy`).

For failures the local account cannot produce (access denied, throttling, expired token), so
the gateway is still tested at the wire, through botocore's real parsing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@contextmanager
def serving(server: Any) -> Iterator[str]:
    """``server`` (an HTTP server bound to 127.0.0.1) answering from a daemon thread, at the
    URL given, until the block ends."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def json_server(reply: Callable[[str], tuple[int, Any]]) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 (not yet serving: see `serving`; a TLS test wraps its socket
    first) answering each GET with ``reply(path)``: a status and a JSON body. An error body's
    ``__type`` also goes in ``x-amzn-ErrorType``, as AWS sends it."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, payload = reply(self.path)
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if isinstance(payload, dict) and "__type" in payload:
                self.send_header("x-amzn-ErrorType", str(payload["__type"]))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@contextmanager
def canned_endpoint(status: int, code: str, message: str = "") -> Iterator[tuple[str, list[str]]]:
    """Yield (endpoint_url, seen) where seen collects 'METHOD path' of each request."""
    seen: list[str] = []
    body = json.dumps({"__type": code, "Message": message, "message": message}).encode()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            seen.append(f"{self.command} {self.path}")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("x-amzn-ErrorType", code)
            self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with serving(server) as url:
        yield url, seen


@dataclass(frozen=True)
class HtmlPage:
    """What moto, a proxy or a captive portal answers instead of AWS's error: an HTML page."""

    status: int
    title: str

    @property
    def body(self) -> bytes:
        return (
            f"<!doctype html>\n<html lang=en>\n<title>{self.status} {self.title}</title>\n"
            f"<h1>{self.title}</h1>\n<p>The server could not answer this request.</p>\n"
        ).encode()


def fail_once(
    when: Callable[[str], bool], status: int = 500, code: str = "ServiceException"
) -> Callable[[str, str], tuple[int, str, str] | None]:
    """A ``refuse`` for ``delayed_proxy``: the first request whose path ``when`` matches is
    answered with ``status`` and ``code`` (an endpoint's passing failure); the rest go on."""
    failed: list[str] = []

    def refuse(method: str, path: str) -> tuple[int, str, str] | None:
        if when(path) and not failed:
            failed.append(path)
            return (status, code, "try again")
        return None

    return refuse


@contextmanager
def delayed_proxy(
    upstream: str,
    delay: float | Callable[[], float] = 0.0,
    *,
    deny: Callable[[str, str], bool] | None = None,
    refuse: Callable[[str, str], tuple[int, str, str] | HtmlPage | None] | None = None,
    rewrite: Callable[[str, str, dict[str, Any]], dict[str, Any]] | None = None,
    sent_headers: list[tuple[str, dict[str, str]]] | None = None,
    sent_bodies: list[tuple[str, bytes]] | None = None,
) -> Iterator[tuple[str, list[str]]]:
    """An HTTP proxy to ``upstream`` that holds every reply for ``delay`` seconds.

    ``delay`` may be a callable, read at each request (a bench changes it between runs).
    ``deny(method, path)`` true answers that request as AWS does when IAM refuses it
    (403 AccessDeniedException), without forwarding it. ``refuse(method, path)`` may answer
    any error instead: it returns (status, error code, message), an ``HtmlPage`` (answered as
    text/html, as moto answers what it lacks), or None to forward. ``rewrite(method, path,
    body)`` gets each forwarded JSON object reply (a 2xx one) and returns the body to answer
    instead: fields the local account does not produce yet are put on the wire this way, and
    the client parses them as it would AWS's. ``sent_headers``, when given, collects
    ('METHOD path', request headers) of each request (e.g. Invoke's X-Amz-Tenant-Id), and
    ``sent_bodies`` ('METHOD path', request body) (e.g. GetMetricData's queries).

    Lets a test see what the UI shows *before* a reply arrives (cache paint, first page).
    Yields (proxy_url, seen) where seen lists 'METHOD path' of each request. A JSON-protocol
    call (CloudWatch Logs: every operation is ``POST /``) names its operation after the path,
    from ``X-Amz-Target``: 'POST / StartLiveTail'; ``deny`` and ``refuse`` get that path too.
    """
    import http.client
    import time
    from urllib.parse import urlsplit

    parts = urlsplit(upstream)
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            target = self.headers.get("X-Amz-Target") or ""
            path = f"{self.path} {target.rpartition('.')[2]}" if target else self.path
            seen.append(f"{self.command} {path}")
            if sent_headers is not None:
                sent_headers.append((f"{self.command} {path}", dict(self.headers.items())))
            if sent_bodies is not None:
                sent_bodies.append((f"{self.command} {path}", body or b""))
            refused = refuse(self.command, path) if refuse is not None else None
            if refused is None and deny is not None and deny(self.command, path):
                refused = (403, "AccessDeniedException", "not authorized to perform this action")
            if isinstance(refused, HtmlPage):
                page = refused.body
                self.send_response(refused.status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                return
            if refused is not None:
                status, code, message = refused
                # The code in the body too: the JSON protocol (CloudWatch Logs) reads it there.
                denied = json.dumps({"__type": code, "Type": "User", "Message": message}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("x-amzn-ErrorType", code)
                self.send_header("Content-Length", str(len(denied)))
                self.end_headers()
                self.wfile.write(denied)
                return
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            headers["Host"] = parts.netloc
            conn.request(self.command, self.path, body=body, headers=headers)
            reply = conn.getresponse()
            data = reply.read()
            if rewrite is not None and 200 <= reply.status < 300 and data[:1] == b"{":
                data = json.dumps(rewrite(self.command, path, json.loads(data))).encode()
            time.sleep(delay() if callable(delay) else delay)
            self.send_response(reply.status)
            for name, value in reply.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = _forward

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        # socketserver's default backlog is 5: a 6th connection made at once (the fleet's 16
        # pairs) had its SYN dropped and retried a second later, a stall AWS does not have.
        request_queue_size = 128

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that hung up mid-reply (the app quit) is not a failure here

    server = Server(("127.0.0.1", 0), Handler)
    with serving(server) as url:
        yield url, seen


@contextmanager
def served_files(
    routes: dict[str, tuple[int, bytes]], *, chunk: int = 0
) -> Iterator[tuple[str, list[str]]]:
    """A plain HTTP server on 127.0.0.1 answering GET ``path`` with (status, body) from
    ``routes`` (404 otherwise), as S3 answers a presigned link: for downloads that must not go
    through botocore. ``chunk`` > 0 writes the body in pieces of that size, flushed one by one.
    Yields (base_url, seen) where seen lists each path asked for."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            seen.append(self.path)
            status, body = routes.get(self.path.split("?")[0], (404, b"<Error>NoSuchKey</Error>"))
            self.send_response(status)
            self.send_header("Content-Type", "application/zip" if status == 200 else "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = chunk or len(body) or 1
            for start in range(0, len(body), step):
                self.wfile.write(body[start : start + step])
                self.wfile.flush()

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that stopped reading (a refused download) is not a failure here

    server = Server(("127.0.0.1", 0), Handler)
    with serving(server) as url:
        yield url, seen
