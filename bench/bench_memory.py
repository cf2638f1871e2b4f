"""Resident memory of the running app with 10,000 functions loaded (target < 200 MB).

The real `lambdatui` process in tmux, against a local account seeded with 10,000 functions;
baseline, in the same run: the same app on an empty account.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import Terminal, isolate

COUNT = 10_000
LAMBDATUI = str(Path(sys.executable).parent / "lambdatui")


def rss_when_loaded(endpoint: str, region: str, expect: str) -> float:
    """RSS in MB of the app once ``expect`` (e.g. '10,000 functions') is on screen."""
    terminal = Terminal("memory")
    terminal.start(f"{LAMBDATUI} --endpoint-url {endpoint} --region {region}")
    deadline = time.time() + 120
    while time.time() < deadline and expect not in terminal.screen():
        time.sleep(0.1)
    time.sleep(1.0)  # the cache write after the last page
    status = Path(f"/proc/{terminal.pid()}/status").read_text()
    rss_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    terminal.quit()
    return rss_kb / 1024


def main() -> None:
    isolate()
    from lambdatui.demo.seed import seed_functions
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    try:
        base = rss_when_loaded(account.endpoint_url, account.region, "0 functions")
        t = time.perf_counter()
        seed_functions(account.endpoint_url, COUNT, region=account.region, prefix="mem")
        print(f"seeded {COUNT:,} functions in {time.perf_counter() - t:.1f} s")
        loaded = rss_when_loaded(account.endpoint_url, account.region, f"{COUNT:,} functions")
    finally:
        account.stop()
    print(f"baseline: app with 0 functions: RSS {base:.0f} MB")
    verdict = "OK" if loaded < 200 else "OVER BUDGET"
    print(
        f"app with {COUNT:,} functions loaded: RSS {loaded:.0f} MB "
        f"(+{loaded - base:.0f} MB over baseline; target < 200 MB) {verdict}"
    )


if __name__ == "__main__":
    main()
