"""Every twin piped into a reader that has stopped reading (``| head -c 10``, ``| true``):
what it did stands, it exits 0 and prints nothing more, no BrokenPipeError traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from lambdatui.store.events import EventLibrary, SavedEvent
from tests.invoke_functions import ECHO, starts
from tests.invoke_functions import make_function as make_invokable
from tests.logs_helpers import make_function as make_logging
from tests.logs_helpers import put_lines, today


def _into_closed_reader(account: Any, *args: str) -> subprocess.CompletedProcess[str]:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        return subprocess.run(
            [sys.executable, "-m", "lambdatui", *args,
             "--endpoint-url", account.endpoint_url, "--region", account.region],
            stdin=subprocess.DEVNULL,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )  # fmt: skip
    finally:
        os.close(write)


@pytest.fixture
def functions(account: Any) -> None:
    make_invokable(account, "echo", ECHO)
    make_logging(account, "chatty")
    put_lines(account, "/aws/lambda/chatty", f"{today()}/[$LATEST]abcdef12", *["line"] * 50)
    EventLibrary().save(SavedEvent("smoke", '{"a": 1}', "echo"))


@pytest.mark.parametrize(
    "args",
    [
        ("invoke", "echo", "--payload", '{"big": "' + "x" * 100_000 + '"}'),
        ("events", "list", "echo"),
        ("events", "show", "echo", "smoke"),
        ("logs", "chatty", "--since", "1h"),
        ("set", "echo", "--memory", "256", "--yes"),
    ],
    ids=["invoke", "events list", "events show", "logs", "set"],
)
def test_a_twin_into_a_closed_reader_exits_quietly(
    account: Any, functions: None, args: tuple[str, ...]
) -> None:
    done = _into_closed_reader(account, *args)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    if args[0] == "invoke":
        assert len(starts(account, "echo")) == 1  # it ran, once
