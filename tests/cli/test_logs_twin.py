"""`lambdatui logs`: prints or follows a function's lines, sanitised, in a real subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from typing import Any

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
        time.sleep(3)  # started, Live Tail session open
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
