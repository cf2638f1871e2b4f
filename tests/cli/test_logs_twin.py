"""`lambdatui logs`: prints or follows a function's lines, sanitised, in a real subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from tests.demo.conftest import wait_for
from tests.logs_helpers import client, make_function, put_lines, today


def _command(account: Any, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "lambdatui",
        "logs",
        *args,
        "--endpoint-url",
        account.endpoint_url,
        "--region",
        account.region,
    ]


def _run(account: Any, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(account, *args),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_prints_recent_lines_sanitised_and_narrowed(account: Any) -> None:
    make_function(account, "checkout", group="/acme/shop")
    day = today()
    put_lines(
        account, "/acme/shop", f"{day}/checkout[$LATEST]abcdef12", "hello", "ev\x1b]0;t\x07il"
    )
    put_lines(account, "/acme/shop", f"{day}/refunds[$LATEST]abcdef12", "not mine")
    result = _run(account, "checkout")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == 2
    assert out[0].endswith("hello") and "$LATEST/abcdef" in out[0]
    assert out[1].endswith("evil")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_json_output_one_object_per_line_with_level(account: Any) -> None:
    make_function(account, "structured")
    stream = f"{today()}/[$LATEST]abcdef12"
    message = json.dumps({"level": "ERROR", "message": "boom \x9b2J"})
    put_lines(account, "/aws/lambda/structured", stream, message)
    result = _run(account, "structured", "--json", "--since", "1h")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.isascii()
    record = json.loads(line)
    assert record["level"] == "ERROR" and record["message"] == message
    assert record["stream"] == stream and record["timestamp"].endswith("Z")


def test_server_side_filter_pattern(account: Any) -> None:
    make_function(account, "noisy")
    stream = f"{today()}/[$LATEST]abcdef12"
    put_lines(account, "/aws/lambda/noisy", stream, "ERROR one", "INFO two", "ERROR three")
    result = _run(account, "noisy", "--filter", "ERROR")
    assert [line.split()[-1] for line in result.stdout.splitlines()] == ["one", "three"]


def test_errors_are_one_line_and_exit_2(account: Any) -> None:
    missing = _run(account, "no-such-function")
    assert missing.returncode == 2
    assert len(missing.stderr.strip().splitlines()) == 1
    assert missing.stderr.startswith("lambdatui: ")
    make_function(account, "silent")
    never = _run(account, "silent")
    assert never.returncode == 2 and "no log group yet" in never.stderr
    bad = _run(account, "silent", "--since", "yesterday-ish")
    assert bad.returncode == 2 and "not a start position" in bad.stderr


def test_follow_prints_new_lines_and_stops_cleanly_on_ctrl_c(account: Any) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "tailed")
    lam = client(account, "lambda")
    lam.invoke(FunctionName="tailed", Payload=b'"before"')
    process = subprocess.Popen(
        _command(account, "tailed:$LATEST", "--follow"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        # The Live Tail session is open (the handler's lines are written well after it
        # starts: what exists when a session starts is not streamed).
        wait_for(lambda: account.logs_knobs.sessions_started >= 1)
        lam.invoke(FunctionName="tailed", Payload=b'"during"')
        assert process.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not any("REPORT" in x for x in lines):
            lines.append(process.stdout.readline())
        process.send_signal(signal.SIGINT)
        _rest, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    text = "".join(lines)
    assert "hello from during" in text and "before" not in text
    assert process.returncode in (0, 130)
    assert "Traceback" not in err


def test_a_report_line_says_its_kind_once(account: Any) -> None:
    """The kind column says START/END/REPORT (or the level): the message does not again."""
    make_function(account, "kinds")
    rid = "8f5f3c1e-0a4b-4e4e-9a55-0c4a0b0e6d11"
    put_lines(
        account,
        "/aws/lambda/kinds",
        f"{today()}/[$LATEST]abcdef12",
        f"START RequestId: {rid} Version: $LATEST",
        f"[ERROR]\t2026-01-02T03:04:05.678Z\t{rid}\tboom",
        f"END RequestId: {rid}",
        f"REPORT RequestId: {rid}\tDuration: 1.00 ms\tBilled Duration: 1 ms\t"
        "Memory Size: 128 MB\tMax Memory Used: 40 MB",
    )
    result = _run(account, "kinds")
    assert result.returncode == 0, result.stderr
    start, error, end, report = (line.split(maxsplit=2)[2] for line in result.stdout.splitlines())
    assert start.startswith(f"START  RequestId: {rid} Version")
    assert error.startswith("ERROR  2026-01-02T03:04:05.678Z")
    assert end == f"END    RequestId: {rid}"
    assert report.startswith(f"REPORT RequestId: {rid} ") and "Duration: 1.00 ms" in report
    assert "REPORT REPORT" not in result.stdout and "START START" not in result.stdout


# -- plain moto (not the faithful account) ---------------------------------------------------


def _plain(moto: Any, *args: str, url: str | None = None) -> list[str]:
    endpoint = url or moto.endpoint_url
    return [sys.executable, "-m", "lambdatui", "logs", *args, "--endpoint-url", endpoint]


def test_plain_moto_float_timestamps_are_listed(plain_moto: Any) -> None:
    """Issue 27: after an Invoke on plain moto (a float timestamp), `logs --since 1h` failed
    with ValueError; every line is listed."""
    from tests.plain_moto import seed_like_a_real_account

    seed_like_a_real_account(plain_moto)
    lam = plain_moto.client("lambda")
    for _ in range(2):
        lam.invoke(FunctionName="orders", Payload=b"{}")
    result = subprocess.run(
        [*_plain(plain_moto, "orders", "--since", "1h"), "--region", plain_moto.region],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all("error running docker" in line for line in lines)


def test_plain_moto_follow_prints_each_line_once_and_says_it_polls(plain_moto: Any) -> None:
    """Issue 26: plain moto's Live Tail replays everything and ends; `logs --follow` printed
    each line hundreds of times and called StartLiveTail ~50 times a second."""
    from tests.plain_moto import seed_like_a_real_account
    from tests.wire import delayed_proxy

    seed_like_a_real_account(plain_moto)
    lam = plain_moto.client("lambda")
    lam.invoke(FunctionName="orders", Payload=b"{}")  # before: not printed (following is live)
    with delayed_proxy(plain_moto.endpoint_url) as (url, seen):
        process = subprocess.Popen(
            [*_plain(plain_moto, "orders", "--follow", url=url), "--region", plain_moto.region],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            wait_for(lambda: "POST / StartLiveTail" in seen)  # following (from now on)
            lam.invoke(FunctionName="orders", Payload=b"{}")
            # The third session that ends at once turns to polling; the third session's
            # backfill and two polls after it each read the line again.
            wait_for(lambda: seen.count("POST / StartLiveTail") >= 3, timeout=30)
            reads = seen.count("POST / FilterLogEvents")
            wait_for(lambda: seen.count("POST / FilterLogEvents") >= reads + 3, timeout=30)
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
    assert out.count("error running docker") == 1, out
    assert sum(request == "POST / StartLiveTail" for request in seen) <= 3
    assert "lambdatui: polling: Live Tail ended 3 times at once" in err
    assert "Traceback" not in err


@contextlib.contextmanager
def _scripted_logs(events: list[Any]) -> Iterator[str]:
    """An endpoint with one function whose FilterLogEvents answers ``events`` (what a broken
    or non-AWS endpoint may send), through botocore's real parsing."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    group = "/aws/lambda/odd"
    arn = f"arn:aws:logs:us-east-1:123456789012:log-group:{group}"
    answers = {
        "DescribeLogGroups": {"logGroups": [{"logGroupName": group, "logGroupArn": arn}]},
        "FilterLogEvents": {"events": events},
    }

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            operation = (self.headers.get("X-Amz-Target") or "").rpartition(".")[2]
            if self.path.startswith("/2015-03-31/functions/odd"):
                reply: Any = {
                    "FunctionName": "odd",
                    "FunctionArn": "arn:aws:lambda:x:1:function:odd",
                }
            else:
                reply = answers.get(operation, {})
            body = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_unreadable_record_is_shown_as_such_and_the_rest_listed() -> None:
    stream = "2026/01/02/[$LATEST]abcdef12"
    now = int(time.time() * 1000)
    events = [
        {"logStreamName": stream, "timestamp": now + 0.9539, "message": "float", "eventId": "1"},
        {"logStreamName": stream, "timestamp": "yesterday", "message": "odd", "eventId": "2"},
        {"logStreamName": stream, "timestamp": now + 2, "eventId": "3"},
        {"timestamp": now + 3, "message": "no stream", "ingestionTime": "soon", "eventId": "4"},
    ]
    with _scripted_logs(events) as url:
        result = subprocess.run(
            [sys.executable, "-m", "lambdatui", "logs", "odd", "--endpoint-url", url],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"},
        )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4, lines
    assert lines[0].endswith("(unreadable log record: timestamp yesterday) odd")
    assert lines[1].endswith(" float")
    assert "(unreadable log record: ingestionTime soon) no stream" in result.stdout
