"""Shared bench helpers: an isolated environment and a seeded local account."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any


def isolate() -> Path:
    """Fake credentials and private dirs, so a bench never touches the user's AWS setup."""
    home = Path(tempfile.mkdtemp(prefix="lambdatui-bench-"))
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    # Timed commands run as a user's do: from compiled bytecode. With this variable set (some
    # shells and CI images set it) every module without a .pyc is compiled again at each start,
    # which once added ~60 ms to every start-up figure.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_CONFIG_FILE=str(home / "aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        LAMBDATUI_HOME=str(home / "lambdatui"),
    )
    return home


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    median = statistics.median(values) * 1000
    return f"median {median:.1f} ms (min {ordered[0] * 1000:.1f}, p90 {p90 * 1000:.1f})"


class Terminal:
    """A private tmux server running one command at 120x40, as a user's terminal would."""

    def __init__(self, name: str) -> None:
        self.socket = f"lambdatui-bench-{name}-{os.getpid()}"

    def tmux(self, *args: str) -> str:
        import subprocess

        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        ).stdout

    def start(self, command: str) -> None:
        """Run ``command`` (with this process's AWS_*/LAMBDATUI_* variables) in a new pane."""
        import shlex

        env = " ".join(
            f"{k}={shlex.quote(v)}"
            for k, v in os.environ.items()
            if k.startswith(("AWS_", "LAMBDATUI_")) or k in ("HOME", "PATH")
        )
        self.tmux("kill-server")
        self.tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            f"env TERM=screen-256color {env} {command}; sleep 30",
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def pid(self) -> int:
        """The command's process id (the pane's shell's child)."""
        import subprocess

        shell = self.tmux("list-panes", "-F", "#{pane_pid}").strip()
        child = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout
        return int(child.split()[0])

    def rss_mb(self) -> float:
        """Resident memory of the pane's command and its child processes, in MB (Linux)."""
        import subprocess

        total, pending = 0, [self.pid()]
        while pending:
            pid = pending.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")),
                0,
            )
            children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
            pending += [int(child) for child in children.stdout.split()]
        return total / 1024

    def quit(self) -> None:
        import time

        self.tmux("send-keys", "q")
        time.sleep(0.3)
        self.tmux("kill-server")

    def time_to_text(
        self,
        command: str,
        text: str,
        *,
        timeout: float = 20.0,
        settle: str = "",
        poll: float = 0.001,
        memory: list[float] | None = None,
    ) -> float:
        """Seconds from starting ``command`` in a fresh pane until ``text`` shows (nan if it
        never does), then quit it.

        With ``settle``, the command is left running until that text shows too (e.g. the whole
        list loaded and cached) before it is quit. With ``memory``, the resident memory of the
        command and its children when ``text`` shows is appended to it (``rss_mb``).

        The pane's output is streamed to a file (tmux ``pipe-pane``) read every ``poll``
        seconds: ``text`` counts as shown once the terminal has been sent it. The command waits
        (``tmux wait-for``) until the stream is attached; the clock starts when it is let go.
        Polling ``capture-pane`` instead (before issue 20's last figures) started a tmux client
        every few milliseconds: most of a core, taken from whatever was being timed, and more
        from a command that uses both cores than from one that uses one.
        """
        import tempfile
        import time

        stream = Path(tempfile.mkdtemp(prefix="lambdatui-bench-pane-")) / "pane"
        stream.touch()
        channel = f"go-{os.getpid()}"
        self.start(f"tmux -L {self.socket} wait-for {channel}; {command}")
        self.tmux("pipe-pane", "-o", f"cat >> {stream}")
        start = time.perf_counter()
        self.tmux("wait-for", "-S", channel)
        elapsed = float("nan")
        needle, seen = text.encode(), b""
        with stream.open("rb") as output:
            while time.perf_counter() - start < timeout:
                chunk = output.read()
                if chunk:
                    seen = seen[-len(needle) :] + chunk
                    if needle in seen:
                        elapsed = time.perf_counter() - start
                        if memory is not None:
                            memory.append(self.rss_mb())
                        break
                time.sleep(poll)
        while settle and time.perf_counter() - start < timeout * 3:
            if settle in self.screen():
                time.sleep(0.5)  # e.g. the cache is written right after the last page
                break
            time.sleep(0.05)
        self.quit()
        shutil.rmtree(stream.parent, ignore_errors=True)
        return elapsed


def cold_and_warm(
    terminal: Terminal,
    app: str,
    row: str,
    settle: str,
    home: Path,
    delay: list[float],
    memory: dict[str, list[float]] | None = None,
) -> tuple[float, float]:
    """One cold start of ``app`` (no cache; left running until ``settle`` shows, so its cache
    is written) and one warm start on that cache with every reply held back 2 s (``delay`` is
    the proxy's, in seconds): seconds until ``row`` shows, each."""
    shutil.rmtree(home / "lambdatui" / "cache", ignore_errors=True)
    delay[0] = 0.0
    memory = memory if memory is not None else {"cold": [], "warm": []}
    cold = terminal.time_to_text(app, row, settle=settle, memory=memory["cold"])
    delay[0] = 2.0
    warm = terminal.time_to_text(app, row, memory=memory["warm"])
    delay[0] = 0.0
    return cold, warm


#: A process serving the local account seeded with the demo, printing its endpoint.
_DEMO_SERVER = (
    "import time\n"
    "from lambdatui.demo.server import start_local_account\n"
    "from lambdatui.demo.seed import seed_demo\n"
    "a = start_local_account()\n"
    "seed_demo(a.endpoint_url, a.region)\n"
    "print(a.endpoint_url, flush=True)\n"
    "time.sleep(600)\n"
)


async def on_demo_server(measure: Callable[[str, str], Awaitable[None]]) -> None:
    """``measure(endpoint, label)`` against the seeded demo account served from a process of its
    own (as AWS would be: the app's event loop and the server do not share one GIL), then
    through a proxy adding 80 ms of network latency to each call."""
    import subprocess
    import sys

    isolate()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.wire import delayed_proxy

    server = subprocess.Popen(
        [sys.executable, "-c", _DEMO_SERVER], stdout=subprocess.PIPE, text=True
    )
    endpoint = server.stdout.readline().strip()  # type: ignore[union-attr]
    try:
        await measure(endpoint, "local server")
        with delayed_proxy(endpoint, 0.08) as (url, _):
            await measure(url, "+80 ms network latency per call")
    finally:
        server.terminate()


async def listed(app: Any, pilot: Any, name: str, timeout: float = 30.0) -> None:
    """Wait until the function list has ``name`` and put the cursor on it. The list is asked
    for once its first frame is drawn, so waiting for the workers right after start-up can
    return before it was even asked."""
    import time

    deadline = time.perf_counter() + timeout
    while not (hasattr(app.screen, "table") and app.screen.table.move_cursor_to_key(name)):
        if time.perf_counter() > deadline:
            raise AssertionError(f"{name} was never listed")
        await pilot.pause(0.05)
