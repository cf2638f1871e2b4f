"""Time from launch to the first function row on screen, measured in tmux as a user sees it.

Cold: no cache, against a local account with 2,000 functions. Warm: the cache from the cold
run, with every network reply held back 2 s by a proxy, so a row before 2 s was painted
before any reply. Baselines, in the same run and the same way:

* a process that only imports `textual.app` and `boto3` and prints the row;
* a minimal Textual app that paints the row (issue 20: warm ≤ 1.15× this);
* a one-shot boto3 process that fetches the first page and prints its first name (issue 20:
  cold ≤ 1.15× this).

And ``--demo`` to its first row on screen (issue 20: ≤ 2× the cold start), painted from the
recording of its list while its account starts; and to the account's own list ("43
functions" in the header), for comparison.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from common import Terminal, cold_and_warm, isolate  # noqa: E402

from tests.wire import delayed_proxy  # noqa: E402

COUNT = 2000
ROUNDS = 5
ROW = "bench-00000"
DEMO_ROW = "api-authorizer"  # the demo's first row, the recording's or the account's
DEMO_LIVE = "44 functions"  # the account's own answer is on screen
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
        paint_cmd = f"{PYTHON} {Path(__file__).parent / 'startup_paint.py'} {ROW}"
        page_cmd = f"{PYTHON} {Path(__file__).parent / 'startup_page.py'} {url} {account.region}"
        cold, warm, base, paint, page, demo, live = [], [], [], [], [], [], []
        for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS):
            base.append(TERMINAL.time_to_text(baseline_cmd, ROW))
            paint.append(TERMINAL.time_to_text(paint_cmd, ROW))
            page.append(TERMINAL.time_to_text(page_cmd, ROW))
            started = cold_and_warm(TERMINAL, app, ROW, f"{COUNT:,} functions", home, delay)
            cold.append(started[0])
            warm.append(started[1])
            demo.append(TERMINAL.time_to_text(f"{LAMBDATUI} --demo", DEMO_ROW, timeout=60))
            live.append(TERMINAL.time_to_text(f"{LAMBDATUI} --demo", DEMO_LIVE, timeout=60))
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
    print(
        f"baseline Textual app painting one line: median {ms(paint):.0f} ms; "
        f"warm / it = {ms(warm) / ms(paint):.2f}x (issue 20: ≤ 1.15x)"
    )
    print(
        f"baseline one-shot boto3 first page: median {ms(page):.0f} ms; "
        f"cold / it = {ms(cold) / ms(page):.2f}x (issue 20: ≤ 1.15x)"
    )
    print(
        f"--demo, first row on screen: median {ms(demo):.0f} ms; "
        f"demo / cold = {ms(demo) / ms(cold):.2f}x (issue 20: ≤ 2x)"
    )
    print(f"--demo, its account's own list on screen: median {ms(live):.0f} ms")


if __name__ == "__main__":
    main()
