"""Time from launch to the first function row on screen, measured in tmux as a user sees it.

Cold: no cache, against a local account with 2,000 functions. Warm: the cache from the cold
run, with every network reply held back 2 s by a proxy, so a row before 2 s was painted
before any reply. Baseline, in the same run and the same way: a process that only imports
`textual.app` and `boto3` and prints the row (the issue's 284 ms reference on its machine).
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from common import Terminal, isolate  # noqa: E402

from tests.wire import delayed_proxy  # noqa: E402

COUNT = 2000
ROUNDS = 5
ROW = "bench-00000"
PYTHON = sys.executable
LAMBDATUI = str(Path(PYTHON).parent / "lambdatui")
TERMINAL = Terminal("startup")


def main() -> None:
    if not shutil.which("tmux"):
        print("bench_startup: tmux is not installed; skipped")
        return
    home = isolate()
    from lambdatui.demo.seed import seed_functions
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    seed_functions(account.endpoint_url, COUNT, region=account.region, prefix="bench")
    delay = [0.0]
    with delayed_proxy(account.endpoint_url, lambda: delay[0]) as (url, _):
        app = f"{LAMBDATUI} --endpoint-url {url} --region {account.region}"
        baseline_cmd = f"{PYTHON} -c 'import textual.app, boto3; print(\"{ROW}\")'"
        cold, warm, base = [], [], []
        cache_dir = home / "lambdatui" / "cache"
        for _ in range(ROUNDS):
            base.append(TERMINAL.time_to_text(baseline_cmd, ROW))
            shutil.rmtree(cache_dir, ignore_errors=True)
            delay[0] = 0.0
            cold.append(TERMINAL.time_to_text(app, ROW, settle=f"{COUNT:,} functions"))
            delay[0] = 2.0
            warm.append(TERMINAL.time_to_text(app, ROW))
            delay[0] = 0.0
    account.stop()
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"baseline `import textual.app, boto3` + print: median {ms(base):.0f} ms")
    print(
        f"cold start, first of {COUNT} rows on screen: median {ms(cold):.0f} ms "
        f"({ms(cold) / ms(base):.2f}x baseline; target 500 ms)"
    )
    print(
        f"warm start, cached row on screen: median {ms(warm):.0f} ms "
        f"({ms(warm) / ms(base):.2f}x baseline); replies held 2000 ms, so "
        f"{'painted before any reply' if max(warm) < 2.0 else 'NOT before the first reply'}"
    )


if __name__ == "__main__":
    main()
