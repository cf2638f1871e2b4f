"""Start-up of two lambdatui builds, A/B, as a user sees it: time to the first function row.

    .venv/bin/python bench/bench_startup_ab.py OLD/bin/lambdatui NEW/bin/lambdatui [ROUNDS]

e.g. a worktree of an older commit with its own ``./run true`` environment against this one.
Both run against one local account of 2,000 functions, alternating round by round so the
machine's noise falls on both: cold (no cache) and warm (the cache from the cold run, every
reply held back 2 s by a proxy, so the row is painted before any reply). Prints each build's
medians and the ratios of the second to the first. ``./run bench`` skips it (it needs two
builds).
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
ROW = "bench-00000"


def main() -> None:
    if len(sys.argv) < 3 or not shutil.which("tmux"):
        print(__doc__)
        return
    builds = sys.argv[1:3]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    terminal = Terminal("startup-ab")
    home = isolate()
    from lambdatui.demo.seed import seed_functions
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    seed_functions(account.endpoint_url, COUNT, region=account.region, prefix="bench")
    delay = [0.0]
    times: dict[str, dict[str, list[float]]] = {b: {"cold": [], "warm": []} for b in builds}
    rss: dict[str, dict[str, list[float]]] = {b: {"cold": [], "warm": []} for b in builds}
    with delayed_proxy(account.endpoint_url, lambda: delay[0]) as (url, _):
        for _ in range(rounds):
            for build in builds:
                app = f"{build} --endpoint-url {url} --region {account.region}"
                cold, warm = cold_and_warm(
                    terminal, app, ROW, f"{COUNT:,} functions", home, delay, rss[build]
                )
                times[build]["cold"].append(cold)
                times[build]["warm"].append(warm)
    account.stop()
    median = {b: {k: statistics.median(v) * 1000 for k, v in t.items()} for b, t in times.items()}
    for build in builds:
        m = median[build]
        r = {k: statistics.median(v) for k, v in rss[build].items()}
        print(
            f"{build}: cold {m['cold']:.0f} ms, warm {m['warm']:.0f} ms (medians of {rounds}); "
            f"memory at the first row (with any child process) cold {r['cold']:.0f} MB, "
            f"warm {r['warm']:.0f} MB"
        )
    first, second = builds
    for kind in ("cold", "warm"):
        print(f"{kind}: second / first = {median[second][kind] / median[first][kind]:.2f}x")


if __name__ == "__main__":
    main()
