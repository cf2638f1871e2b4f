"""`lambdatui --demo`, a newcomer's first command: launch to the demo's 44 functions listed.

Measured in tmux as a user sees it, ROUNDS times. Baseline, in the same run and the same way:
a process that imports what the demo must import before it can list anything (textual.app,
boto3 and moto's server) and prints the row. The demo lists once its functions exist and
seeds the rest (sources, versions, aliases, log history, shareable events) behind the list.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import Terminal, isolate

ROUNDS = 5
ROW = "44 functions"
PYTHON = sys.executable
LAMBDATUI = str(Path(PYTHON).parent / "lambdatui")
TERMINAL = Terminal("demo")


def main() -> None:
    if not shutil.which("tmux"):
        print("bench_demo: tmux is not installed; skipped")
        return
    isolate()
    baseline_cmd = f"{PYTHON} -c 'import textual.app, boto3, moto.server; print(\"{ROW}\")'"
    demo, base = [], []
    for _ in range(ROUNDS):
        base.append(TERMINAL.time_to_text(baseline_cmd, ROW, timeout=60, poll=0.01))
        demo.append(TERMINAL.time_to_text(f"{LAMBDATUI} --demo", ROW, timeout=60, poll=0.01))
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"baseline `import textual.app, boto3, moto.server` + print: median {ms(base):.0f} ms")
    print(
        f"--demo, 44 functions listed: median {ms(demo):.0f} ms "
        f"({ms(demo) / ms(base):.2f}x baseline; min {min(demo) * 1000:.0f}, "
        f"max {max(demo) * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
