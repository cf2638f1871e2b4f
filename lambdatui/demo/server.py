"""The faithful local account: moto in server mode on 127.0.0.1, plus the Lambda it lacks.

``start_local_account`` serves moto's ``DomainDispatcherApplication`` behind
``LambdaFidelityMiddleware`` (paging, RevisionId, LoggingConfig, per-qualifier URLs, policies,
async configs and provisioned concurrency, account settings, a real handler runner) and
``CodeLocationMiddleware`` (code and layer Locations it serves itself) on a
threaded werkzeug server in a daemon thread. moto keeps its state in module-level backends, so
every local account in one process shares the same accounts: start one per process.

Nothing here reads credentials; moto accepts any signature, and the callers sign with dummies.
"""

from __future__ import annotations

import io
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, DechunkedInput, make_server
from werkzeug.wsgi import LimitedStream

from . import function_state as state
from .cloudwatch import MotoLogSink
from .code_location import CodeLocationMiddleware
from .history import lambda_timestamp
from .limits import AccountKnobs
from .live_tail import LiveTailKnobs, LogsFidelityMiddleware
from .metric_data import MetricsKnobs, MetricsMiddleware
from .metric_sink import MotoMetricSink
from .middleware import LambdaFidelityMiddleware
from .runner import Runner
from .schemas import SchemasMiddleware

HOST = "127.0.0.1"

_running: dict[str, LocalAccount] = {}  # endpoint URL → the account this process serves there


def running_account(endpoint_url: str) -> LocalAccount | None:
    """The local account this process serves at ``endpoint_url``, if any."""
    return _running.get(endpoint_url.rstrip("/"))


class _QuietRequestHandler(MotoRequestHandler):
    """No per-request lines on stderr (the demo runs under a full-screen terminal UI), and
    connections kept open between requests, as AWS keeps them.

    werkzeug's server answers every request with ``Connection: close``, then reads whatever
    the client sends next and throws it away: it cannot tell whether the application read the
    whole request body. So every call paid a new TCP connection, and an app's request waited
    for its connect behind whatever its event loop was doing, which against AWS it does not.
    This handler gives the application a body of exactly ``Content-Length`` bytes, reads what
    the application left of it itself, and hides the socket from werkzeug's clean-up (an empty
    stream in its place while the request runs), so the next request on the connection is
    read whole. A body of unknown length (chunked) still closes the connection.
    """

    #: Replies go out as they are written: on a kept connection, Nagle's algorithm would hold
    #: a reply's body back until the client acknowledged its headers (40 ms, a delayed ACK).
    disable_nagle_algorithm = True
    _body: LimitedStream | None = None
    _socket_stream: Any = None

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        self._body = None
        length = environ.get("CONTENT_LENGTH") or "0"
        if environ.get("wsgi.input_terminated") or not length.isdigit():
            chunked = environ.get("wsgi.input_terminated")
            stream = self._socket_stream
            environ["wsgi.input"] = DechunkedInput(stream) if chunked else stream
            self.close_connection = True  # its end is not known here: closed after
        else:
            self._body = LimitedStream(self._socket_stream, int(length))
            environ["wsgi.input"] = self._body
        return environ

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "connection" and value.lower() == "close" and self._body:
            return  # kept open (a client that wants it closed says so itself)
        super().send_header(keyword, value)

    def run_wsgi(self) -> None:
        self._socket_stream, self.rfile = self.rfile, io.BytesIO()  # werkzeug drains nothing
        try:
            super().run_wsgi()
        finally:
            self.rfile = self._socket_stream
        if self._body is None:
            self.close_connection = True
        elif not self.close_connection:
            self._body.exhaust()  # the next request starts after this one's body

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass

    def log(self, *args: Any, **kwargs: Any) -> None:
        pass


class _Dispatcher(DomainDispatcherApplication):
    """moto's dispatcher, remembering which backend serves a host: moto works it out again on
    every request by listing its own package directory, a third of a small request's time."""

    def __init__(self) -> None:
        super().__init__(create_backend_app)
        self._backend_for_host: dict[str | None, Any] = {}

    def get_backend_for_host(self, host: str | None) -> Any:
        if host not in self._backend_for_host:
            self._backend_for_host[host] = super().get_backend_for_host(host)
        return self._backend_for_host[host]


@dataclass
class LocalAccount:
    """A running local account. ``endpoint_url`` is what an AWS client points at; ``knobs``
    tunes it (how long provisioned concurrency takes), and ``reset`` restores them;
    ``backdate`` gives a seeded function a past."""

    endpoint_url: str
    region: str
    account_id: str
    knobs: AccountKnobs
    _server: BaseWSGIServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _runner: Runner = field(repr=False)
    #: How Live Tail sessions behave (update interval, maximum duration), for tests.
    logs_knobs: LiveTailKnobs = field(default_factory=LiveTailKnobs)
    #: How its CloudWatch answers GetMetricData (denials, page size), for tests.
    metrics_knobs: MetricsKnobs = field(default_factory=MetricsKnobs)
    #: How many times ``reset`` has run: state seeded at one generation is gone at the next.
    generation: int = 0

    def reset(self) -> None:
        """Back to an empty account: moto's state, warm instances and unzipped code."""
        self._runner.reset()  # first: no run accepted before it writes logs after moto's reset
        request = urllib.request.Request(f"{self.endpoint_url}/moto-api/reset", method="POST")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
        with opener.open(request, timeout=30) as reply:
            reply.read()
        self.knobs.restore_defaults()
        self.logs_knobs.restore_defaults()
        self.metrics_knobs.restore_defaults()
        self.generation += 1

    def backdate(self, function: str, moment: datetime, version: str = "$LATEST") -> None:
        """Have the function (or one of its published versions) report ``moment`` as its
        LastModified, as if its last change had been made then: a seeded account's history
        (AWS has no such call). Its next update of code or configuration dates it anew, as
        Lambda does. KeyError when there is no such function or version."""
        backend = state.lambda_backend(self.account_id, self.region)
        with state.update_lock:
            fn = state.find_function(backend, function, version)
            if fn is None:
                raise KeyError(f"{function}:{version}")
            fn.last_modified = lambda_timestamp(moment)

    def publish_metrics(self, data: list[Any]) -> None:
        """Add datums built beforehand (``metric_history``: a seeded week) to the account's
        CloudWatch in one go, as if Lambda had published them over time."""
        if self._runner.metrics is not None:
            self._runner.metrics.write(self.account_id, self.region, data)

    def move_metrics(self, moved: Callable[[int], int | None]) -> None:
        """Date again the metrics of invocations that ran just now (``MotoMetricSink.move``):
        a seeded history's, dated back as their log lines are."""
        if self._runner.metrics is not None:
            self._runner.metrics.move(self.account_id, self.region, moved)

    def stop(self) -> None:
        _running.pop(self.endpoint_url, None)
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._runner.close()


def _one_model_loader() -> None:
    """moto makes a new botocore loader for each service model it reads, and each new loader
    lists every service's data folder again (~40 ms a service, ~190 ms before the demo's list):
    one loader for the process, whose listing and files are read once."""
    import functools

    import moto.core.utils

    create = getattr(moto.core.utils, "create_loader", None)
    if create is not None and not hasattr(create, "cache_info"):
        moto.core.utils.create_loader = functools.cache(create)  # type: ignore[attr-defined]


def start_local_account(port: int = 0, region: str = "us-east-1") -> LocalAccount:
    """Start the local account on 127.0.0.1 (a free port when ``port`` is 0) and return it."""
    _one_model_loader()
    runner = Runner(MotoLogSink(), MotoMetricSink())
    knobs = AccountKnobs()
    logs_knobs, metrics_knobs = LiveTailKnobs(), MetricsKnobs()
    lambda_app = LambdaFidelityMiddleware(_Dispatcher(), runner, knobs)
    code_app = CodeLocationMiddleware(lambda_app, knobs)
    logs_app = LogsFidelityMiddleware(SchemasMiddleware(code_app), logs_knobs)
    app = MetricsMiddleware(logs_app, metrics_knobs)
    server = make_server(HOST, port, app, threaded=True, request_handler=_QuietRequestHandler)
    server.daemon_threads = True  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=server.serve_forever, name="lambdatui-local-account", daemon=True
    )
    thread.start()
    account = LocalAccount(
        endpoint_url=f"http://{HOST}:{server.server_port}",
        region=region,
        account_id=DEFAULT_ACCOUNT_ID,
        knobs=knobs,
        _server=server,
        _thread=thread,
        _runner=runner,
        logs_knobs=logs_knobs,
        metrics_knobs=metrics_knobs,
    )
    _running[account.endpoint_url] = account
    return account
