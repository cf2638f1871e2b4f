"""Idle cost over a slow link: bytes the app writes to the terminal per minute doing nothing.

The real `lambdatui` in tmux at 80x24 on a seeded local account; once the list is loaded,
tmux's pipe-pane records every byte the app writes for WINDOW seconds: on the function list,
on a function's view, following its (quiet) logs and in the invoke editor. Baseline, same
run: the bytes of one full repaint (what one screen costs), so the idle figure reads as
"screens per minute". Target: (almost) nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import Terminal, isolate

LAMBDATUI = str(Path(sys.executable).parent / "lambdatui")
WINDOW = float(os.environ.get("IDLE_SECONDS", "30"))


def record(terminal: Terminal, path: Path, seconds: float) -> int:
    path.write_bytes(b"")
    terminal.tmux("pipe-pane", "-o", f"cat >> {path}")
    time.sleep(seconds)
    terminal.tmux("pipe-pane")  # stop
    time.sleep(0.2)
    return path.stat().st_size


def main() -> None:
    isolate()
    from lambdatui.demo.seed import seed_demo
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    scratch = Path(tempfile.mkdtemp(prefix="lambdatui-idle-"))
    try:
        seed_demo(account.endpoint_url, account.region)
        terminal = Terminal("idle")
        terminal.start(
            f"{LAMBDATUI} --endpoint-url {account.endpoint_url} --region {account.region}"
        )
        terminal.tmux("resize-window", "-x", "80", "-y", "24")
        deadline = time.time() + 60
        while time.time() < deadline and "functions" not in terminal.screen():
            time.sleep(0.1)
        time.sleep(3)  # identity, cache write, last repaints
        paint = scratch / "paint.bin"
        terminal.tmux("pipe-pane", "-o", f"cat >> {paint}")
        terminal.tmux("send-keys", "C-l")  # nothing bound: no repaint expected either
        terminal.tmux("resize-window", "-x", "81", "-y", "24")  # forces one full repaint
        time.sleep(1.5)
        terminal.tmux("pipe-pane")
        one_screen = paint.stat().st_size
        idle_list = record(terminal, scratch / "list.bin", WINDOW)
        terminal.tmux("send-keys", "/")
        terminal.tmux("send-keys", "-l", "orders-api")
        terminal.tmux("send-keys", "Enter")
        terminal.tmux("send-keys", "Enter")
        time.sleep(4)  # every section loaded
        if "Runtime" not in terminal.screen():
            raise SystemExit("bench_idle: the function view did not open:\n" + terminal.screen())
        idle_view = record(terminal, scratch / "view.bin", WINDOW)
        terminal.tmux("send-keys", "l")  # following its logs, with no new line arriving
        time.sleep(4)
        if "follow" not in terminal.screen().lower():
            raise SystemExit("bench_idle: the logs did not open:\n" + terminal.screen())
        idle_logs = record(terminal, scratch / "logs.bin", WINDOW)
        terminal.tmux("send-keys", "Escape")
        time.sleep(1)
        terminal.tmux("send-keys", "i")  # the invoke screen, the cursor in its editor
        time.sleep(3)
        if "invoke" not in terminal.screen():
            raise SystemExit("bench_idle: the invoke screen did not open:\n" + terminal.screen())
        idle_invoke = record(terminal, scratch / "invoke.bin", WINDOW)
        terminal.quit()
        per_min = 60 / WINDOW
        print(f"one full repaint at 81x24 (baseline): {one_screen} bytes")
        for name, size in (
            ("function list", idle_list),
            ("function view", idle_view),
            ("logs, following", idle_logs),
            ("invoke editor", idle_invoke),
        ):
            print(
                f"idle on the {name}: {size * per_min:.0f} bytes/minute "
                f"= {size * per_min / max(one_screen, 1):.3f} screens/minute "
                f"(measured over {WINDOW:.0f} s)"
            )
    finally:
        account.stop()


if __name__ == "__main__":
    main()
