"""The demo's handler runner: Invoke really runs a Python function's handler, in this process.

Demo-only. Each execution environment ("instance") is a ``Sandbox`` with the function's code
imported privately; an instance is reused while warm and replaced when the function's code or
configuration changes (its RevisionId) or after a timeout, as Lambda does. The handler runs on its
own daemon thread so a handler that overruns its Timeout is reported as timed out instead of
holding the caller; the thread itself cannot be killed and is left to finish, its output dropped.

A Python handler's reported Duration follows its memory the way Lambda's CPU allocation does
(``cpu``): its CPU time is scaled by the function's CPU share, its waits are not, and the reply is
held for the modelled duration.

Functions on other runtimes (and container images) keep moto's behaviour, echoing the event, but
still write their START/END/REPORT lines.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from . import cpu
from .logformat import Capture, ReportMetrics, now_ms
from .metric_sink import MotoMetricSink, Sample
from .sandbox import CodeCache, InitError, Sandbox

log = logging.getLogger(__name__)

INIT_LIMIT_S = 10.0
LOG_TAIL_BYTES = 4096
# Typical "Max Memory Used" of an idle runtime; the runner cannot measure one function's memory.
_BASE_MEMORY_MB = {"python": 38, "nodejs": 66, "java": 112, "provided": 21, "": 148}


@dataclass(frozen=True)
class FunctionSpec:
    """What an invocation needs to know about the function version it runs."""

    account_id: str
    region: str
    name: str
    version: str  # the executed version: "$LATEST" or "3"
    invoked_arn: str
    runtime: str  # "" for container images
    handler: str
    package_type: str
    memory_mb: int
    timeout_s: int
    code_sha256: str
    revision_id: str
    logging_config: dict[str, str]
    environment: dict[str, str] = field(default_factory=dict)
    code_zip: bytes = field(default=b"", repr=False)

    @property
    def runs_python(self) -> bool:
        return self.package_type == "Zip" and self.runtime.startswith("python")

    @property
    def log_group(self) -> str:
        return self.logging_config.get("LogGroup") or f"/aws/lambda/{self.name}"


@dataclass(frozen=True)
class Outcome:
    """The reply to one synchronous invocation."""

    request_id: str
    payload: bytes
    function_error: str | None  # "Unhandled" when the function failed
    log_tail: bytes  # the last 4 KB of this invocation's log
    executed_version: str


class LogSink(Protocol):
    def write(
        self, account_id: str, region: str, group: str, stream: str, lines: list[tuple[int, str]]
    ) -> None: ...


class LambdaContext:
    """The ``context`` argument, with the attributes of the Python runtime's LambdaContext."""

    def __init__(self, spec: FunctionSpec, request_id: str, stream: str, capture: Capture) -> None:
        self.function_name = spec.name
        self.function_version = spec.version
        self.invoked_function_arn = spec.invoked_arn
        self.memory_limit_in_mb = str(spec.memory_mb)  # a string, as the runtime sets it
        self.aws_request_id = request_id
        self.log_group_name = spec.log_group
        self.log_stream_name = stream
        self.identity: Any = None
        self.client_context: Any = None
        self._deadline_ms = now_ms() + spec.timeout_s * 1000
        self._capture = capture

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self._deadline_ms - now_ms())

    def log(self, message: str) -> None:
        self._capture.write(message if message.endswith("\n") else message + "\n")


def lambda_environment(spec: FunctionSpec, stream: str) -> dict[str, str]:
    """The environment a Lambda execution environment starts with, then the function's own."""
    environ = {
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{spec.runtime}",
        "AWS_DEFAULT_REGION": spec.region,
        "AWS_REGION": spec.region,
        "AWS_LAMBDA_FUNCTION_NAME": spec.name,
        "AWS_LAMBDA_FUNCTION_VERSION": spec.version,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec.memory_mb),
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": spec.log_group,
        "AWS_LAMBDA_LOG_STREAM_NAME": stream,
        "LAMBDA_TASK_ROOT": "/var/task",
        "LAMBDA_RUNTIME_DIR": "/var/runtime",
        "LANG": "en_US.UTF-8",
        "PATH": "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin",
        "TZ": ":UTC",
        "_HANDLER": spec.handler,
    }
    if spec.logging_config.get("LogFormat") == "JSON":
        environ["AWS_LAMBDA_LOG_FORMAT"] = "JSON"
        environ["AWS_LAMBDA_LOG_LEVEL"] = spec.logging_config.get("ApplicationLogLevel", "INFO")
    environ.update(spec.environment)
    return environ


def error_payload(
    error_type: str, message: str, request_id: str | None = None, stack: list[str] | None = None
) -> bytes:
    """A failed invocation's reply body, as the Python runtime shapes it."""
    body: dict[str, Any] = {"errorMessage": message, "errorType": error_type}
    if request_id is not None:
        body["requestId"] = request_id
    if stack is not None:
        body["stackTrace"] = stack
    return json.dumps(body).encode()


def root_log_level(spec: FunctionSpec) -> int:
    """The root logger level the Python runtime sets: WARNING in Text, the app level in JSON."""
    if spec.logging_config.get("LogFormat") != "JSON":
        return logging.WARNING
    levels = {"TRACE": 5, "DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40, "FATAL": 50}
    return levels.get(spec.logging_config.get("ApplicationLogLevel", "INFO"), logging.INFO)


class _Instance:
    """One warm execution environment and the log stream it writes to."""

    def __init__(self, spec: FunctionSpec) -> None:
        day = datetime.now(UTC).strftime("%Y/%m/%d")
        # A custom log group may be shared by several functions, so Lambda names the stream
        # after the function there: YYYY/MM/DD/<function_name>[<version>]<environment id>.
        owner = spec.name if spec.log_group != f"/aws/lambda/{spec.name}" else ""
        self.stream = f"{day}/{owner}[{spec.version}]{uuid.uuid4().hex}"
        self.sandbox: Sandbox | None = None
        self.handler: Any = None
        family = spec.runtime.split(".", 1)[0].rstrip("0123456789")
        self.memory_used_mb = _BASE_MEMORY_MB.get(family, 40) + len(spec.code_zip) // (1 << 20)


@dataclass
class _Run:
    """What the handler thread reports back."""

    init_error: InitError | None = None
    init_ms: float | None = None
    result: Any = None
    error: BaseException | None = None
    started: float = 0.0
    finished: float = 0.0
    cpu_ms: float = 0.0  # the handler thread's own CPU time
    queued_ms: float = 0.0  # its time ready to run but waiting for the host's CPU
    init_done: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)


class Runner:
    """Runs invocations for the local account and writes their logs to ``sink``."""

    def __init__(self, sink: LogSink, metrics: MotoMetricSink | None = None) -> None:
        self._sink = sink
        #: Where invocations' AWS/Lambda metrics go (None: nowhere).
        self.metrics = metrics
        self._code = CodeCache()
        self._idle: dict[tuple[str, ...], list[_Instance]] = {}
        self._lock = threading.Lock()
        self._generation = 0
        self._writing = threading.Lock()
        self._events = ThreadPoolExecutor(max_workers=8, thread_name_prefix="lambdatui-event")

    # -- Public API -----------------------------------------------------------------------------

    def invoke(
        self,
        spec: FunctionSpec,
        event: Any,
        request_id: str | None = None,
        generation: int | None = None,
    ) -> Outcome:
        """Run one invocation to completion (or timeout) and return its reply.

        ``generation`` is the account generation the invocation was accepted in; its logs are
        dropped if the account has been reset since.
        """
        request_id = request_id or str(uuid.uuid4())
        generation = self._generation if generation is None else generation
        instance, cold = self._acquire(spec)
        busy = self.metrics.started(spec.account_id, spec.region, spec.name) if self.metrics else 0
        capture = Capture(request_id, spec.logging_config)
        if cold:
            capture.init_start(spec.runtime, spec.name, spec.version)
        if spec.runs_python:
            payload, error, keep = self._run_python(spec, instance, capture, event, cold)
        else:
            payload, error, keep = self._run_echo(spec, instance, capture, event, cold)
        capture.seal()
        if keep and generation == self._generation:
            self._release(spec, instance)
        with self._writing:  # a reset waits for this write, or this write sees the reset
            if generation == self._generation:
                try:
                    self._sink.write(
                        spec.account_id, spec.region, spec.log_group, instance.stream, capture.lines
                    )
                except Exception:
                    log.exception("could not write the logs of %s", spec.name)
                self._publish(spec, capture, error, busy)
        tail = capture.text().encode()[-LOG_TAIL_BYTES:]
        return Outcome(request_id, payload, error, tail, spec.version)

    def _publish(self, spec: FunctionSpec, capture: Capture, error: str | None, busy: int) -> None:
        """The invocation's AWS/Lambda metrics (``metric_sink``). The caller holds ``_writing``
        and has checked the generation: an account reset meanwhile gets none."""
        if self.metrics is None:
            return
        duration = capture.reported.duration_ms if capture.reported else 0.0
        samples = [
            Sample("Invocations", 1.0, "Count"),
            Sample("Errors", 1.0 if error else 0.0, "Count"),
            Sample("Duration", round(duration, 2), "Milliseconds"),
            Sample("ConcurrentExecutions", float(busy), "Count"),
        ]
        try:
            self.metrics.finished(
                spec.account_id, spec.region, spec.name, spec.invoked_arn, spec.version, samples
            )
        except Exception:
            log.exception("could not publish the metrics of %s", spec.name)

    def invoke_event(self, spec: FunctionSpec, event: Any) -> str:
        """Queue an asynchronous (Event) invocation and return its request id at once."""
        request_id = str(uuid.uuid4())
        self._events.submit(self._invoke_quietly, spec, event, request_id, self._generation)
        return request_id

    def reset(self) -> None:
        """Forget every instance and unzipped code; runs still in flight write nothing."""
        with self._writing, self._lock:
            self._generation += 1
            self._idle.clear()
            if self.metrics is not None:
                self.metrics.reset()
        self._code.clear()

    def close(self) -> None:
        self.reset()
        self._events.shutdown(wait=False, cancel_futures=True)

    # -- Instances ------------------------------------------------------------------------------

    @staticmethod
    def _key(spec: FunctionSpec) -> tuple[str, ...]:
        return (spec.account_id, spec.region, spec.name, spec.version, spec.revision_id)

    def _acquire(self, spec: FunctionSpec) -> tuple[_Instance, bool]:
        key = self._key(spec)
        with self._lock:
            for other in [k for k in self._idle if k[:4] == key[:4] and k != key]:
                del self._idle[other]  # the function changed: its old environments are gone
            idle = self._idle.get(key)
            if idle:
                return idle.pop(), False
        instance = _Instance(spec)
        if spec.runs_python:
            code_dir = self._code.directory(spec.code_sha256, spec.code_zip)
            instance.sandbox = Sandbox(
                code_dir, lambda_environment(spec, instance.stream), root_log_level(spec)
            )
        return instance, True

    def _release(self, spec: FunctionSpec, instance: _Instance) -> None:
        with self._lock:
            self._idle.setdefault(self._key(spec), []).append(instance)

    def _invoke_quietly(
        self, spec: FunctionSpec, event: Any, request_id: str, generation: int
    ) -> None:
        if generation != self._generation:
            return  # accepted by an account that has since been reset
        try:
            self.invoke(spec, event, request_id, generation)
        except Exception:
            log.exception("asynchronous invocation of %s failed", spec.name)

    # -- Running --------------------------------------------------------------------------------

    def _run_echo(
        self, spec: FunctionSpec, instance: _Instance, capture: Capture, event: Any, cold: bool
    ) -> tuple[bytes, str | None, bool]:
        init_ms = 0.0 if cold else None
        capture.start(spec.version)
        started = time.perf_counter()
        payload = json.dumps(event).encode()
        duration = (time.perf_counter() - started) * 1000
        capture.end()
        capture.report(ReportMetrics(duration, spec.memory_mb, instance.memory_used_mb, init_ms))
        return payload, None, True

    def _run_python(
        self, spec: FunctionSpec, instance: _Instance, capture: Capture, event: Any, cold: bool
    ) -> tuple[bytes, str | None, bool]:
        run = _Run()
        thread = threading.Thread(
            target=self._work,
            args=(spec, instance, capture, event, cold, run),
            name=f"lambdatui-invoke-{spec.name}",
            daemon=True,
        )
        thread.start()
        run.init_done.wait(INIT_LIMIT_S)
        finished = run.done.wait(spec.timeout_s) if run.init_done.is_set() else False
        if finished and run.init_error is None:
            finished = self._hold_for_cpu_share(spec, run)
        metrics_memory = instance.memory_used_mb
        if not finished:
            capture.close_handler()
            message = capture.timed_out(spec.timeout_s)
            capture.end()
            metrics = ReportMetrics(spec.timeout_s * 1000.0, spec.memory_mb, metrics_memory, None)
            capture.report(metrics, "timeout")
            reason = f"RequestId: {capture.request_id} Error: {message}"
            return error_payload("Sandbox.Timedout", reason), "Unhandled", False
        if run.init_error is not None:
            err = run.init_error
            capture.handler_error(err.error_type, err.message, err.stack)
            capture.start(spec.version)
            capture.end()
            metrics = ReportMetrics(run.init_ms or 0.0, spec.memory_mb, metrics_memory, None)
            capture.report(metrics, "error", err.error_type)
            # The runtime has no request id yet when the init phase fails.
            return error_payload(err.error_type, err.message, "", err.stack), "Unhandled", False
        duration = (run.finished - run.started) * 1000
        payload, error, keep, status, error_type = self._result(spec, instance, capture, run)
        capture.end()
        capture.report(
            ReportMetrics(duration, spec.memory_mb, metrics_memory, run.init_ms), status, error_type
        )
        return payload, error, keep

    @staticmethod
    def _hold_for_cpu_share(spec: FunctionSpec, run: _Run) -> bool:
        """Stretch the run to the duration ``cpu`` models at the function's memory, holding the
        reply that long; False when the modelled run overruns the Timeout."""
        wall_ms = (run.finished - run.started) * 1000
        modelled = cpu.modelled_ms(wall_ms, run.cpu_ms, spec.memory_mb, run.queued_ms)
        deadline = run.started + spec.timeout_s
        end = run.started + modelled / 1000
        time.sleep(max(0.0, min(end, deadline) - time.perf_counter()))
        if end > deadline:
            return False
        run.finished = end
        return True

    def _result(
        self, spec: FunctionSpec, instance: _Instance, capture: Capture, run: _Run
    ) -> tuple[bytes, str | None, bool, str, str | None]:
        """(payload, function error, keep instance, report status, report error type)."""
        exc = run.error
        if isinstance(exc, SystemExit | KeyboardInterrupt):
            code = exc.code if isinstance(exc, SystemExit) else 1
            message = (
                f"RequestId: {capture.request_id} Error: Runtime exited with error: "
                f"exit status {code}"
            )
            payload = error_payload("Runtime.ExitError", message)
            return payload, "Unhandled", False, "error", "Runtime.ExitError"
        if exc is not None:
            stack = instance.sandbox.stack(exc) if instance.sandbox else []
            capture.handler_error(type(exc).__name__, str(exc), stack)
            payload = error_payload(type(exc).__name__, str(exc), capture.request_id, stack)
            return payload, "Unhandled", True, "error", None
        try:
            return json.dumps(run.result).encode(), None, True, "success", None
        except (TypeError, ValueError) as marshal:
            message = f"Unable to marshal response: {marshal}"
            capture.handler_error("Runtime.MarshalError", message, [])
            payload = error_payload("Runtime.MarshalError", message, capture.request_id, [])
            return payload, "Unhandled", True, "error", None

    @staticmethod
    def _work(
        spec: FunctionSpec,
        instance: _Instance,
        capture: Capture,
        event: Any,
        cold: bool,
        run: _Run,
    ) -> None:
        """The handler thread: initialise a cold instance, then call the handler."""
        sandbox = instance.sandbox
        assert sandbox is not None
        sandbox.sink = capture
        try:
            if cold:
                began = time.perf_counter()
                try:
                    instance.handler = sandbox.load_handler(spec.handler)
                except InitError as exc:
                    run.init_error = exc
                run.init_ms = (time.perf_counter() - began) * 1000
                capture.flush()
            run.init_done.set()
            if run.init_error is not None:
                return
            capture.start(spec.version)
            context = LambdaContext(spec, capture.request_id, instance.stream, capture)
            run.started = time.perf_counter()
            cpu_started, queued = time.thread_time(), cpu.run_queue_ms()
            try:
                run.result = instance.handler(event, context)
            except BaseException as exc:  # the handler's failure is the invocation's result
                run.error = exc
            finally:
                run.cpu_ms = (time.thread_time() - cpu_started) * 1000
                run.queued_ms = cpu.run_queue_ms() - queued
                run.finished = time.perf_counter()
                capture.flush()
        finally:
            run.init_done.set()
            run.done.set()
