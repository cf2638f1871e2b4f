"""Hostile log lines against the real app in a real terminal (tmux): the bytes the app writes
to the terminal carry none of the sequences in the lines, and the screen shows them as text."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.logs_helpers import make_function, put_lines, today
from tests.ui.test_logs import HOSTILE

LAMBDATUI = str(Path(sys.executable).parent / "lambdatui")

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Tmux:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"lambdatui-test-{os.getpid()}-{time.monotonic_ns()}"
        self.bytes = tmp / "terminal.bin"

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self, command: str) -> None:
        env = " ".join(
            f"{k}={shlex.quote(v)}"
            for k, v in os.environ.items()
            if k.startswith(("AWS_", "LAMBDATUI_", "XDG_")) or k in ("HOME", "PATH")
        )
        self.run("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "30",
                 f"env TERM=screen-256color {env} {command}; sleep 30")  # fmt: skip
        self.run("pipe-pane", "-o", f"cat >> {shlex.quote(str(self.bytes))}")

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        self.wait_until(lambda: text in self.screen(), f"{text!r} never showed", timeout)

    def wait_until(self, check: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}:\n{self.screen()}")
            time.sleep(0.1)

    def written(self) -> bytes:
        return self.bytes.read_bytes() if self.bytes.exists() else b""

    def stop(self) -> None:
        self.run("send-keys", "q")
        time.sleep(0.3)
        self.run("kill-server")


def test_hostile_lines_never_reach_the_terminal_as_sequences(account: Any, tmp_path: Path) -> None:
    account.logs_knobs.update_interval = 0.2
    make_function(account, "hostile")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/hostile", stream, "old")
    terminal = Tmux(tmp_path)
    terminal.start(f"{LAMBDATUI} --endpoint-url {account.endpoint_url} --region {account.region}")
    try:
        terminal.wait_for("hostile")
        terminal.run("send-keys", "/")
        terminal.wait_for("Keep filter")  # the filter has focus
        terminal.run("send-keys", *"hostile", "Enter")
        terminal.wait_for("q Quit")  # back on the list
        terminal.run("send-keys", "l")
        terminal.wait_for("── live from")  # the history read, the session started
        before = len(terminal.written())
        put_lines(account, "/aws/lambda/hostile", stream, *HOSTILE)
        terminal.wait_for("markup [red]red[/red]")
        # what the pane showed has reached the file too (`cat` writes it a moment later)
        terminal.wait_until(
            lambda: b"markup [red]red[/red]" in terminal.written()[before:], "never written"
        )
        screen = terminal.screen()
        written = terminal.written()[before:]
    finally:
        terminal.stop()
    assert "carriage␍return" in screen and "bell ␇ ring" in screen and "back␈␈␈space" in screen
    assert b"markup [red]red[/red]" in written  # the lines did reach the terminal, as text
    for payload in (b"pwned-title", b"cHduZWQ", b"evil.example", b"+q544e"):
        assert payload not in written
    for sequence in (b"\x1b]", b"\x1bP", b"\x07", b"\x08", b"\x9b", b"\xc2\x9b", b"\x1b[2J"):
        assert sequence not in written, sequence
