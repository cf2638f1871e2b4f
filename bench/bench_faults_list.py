"""10,000 functions listed through the fault-injecting proxy (``tests/faults.py``) throttling
5% of ListFunctions pages (Lambda's 429 TooManyRequestsException, a seeded RNG): the list
completes, no row duplicated or missing, every retry counted (by the gateway, as the status
line shows them, and by the proxy, as really sent).

    .venv/bin/python bench/bench_faults_list.py [count] [throttled share]
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from common import isolate

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
SHARE = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05


async def main() -> None:
    isolate()
    from lambdatui.aws.gateway import Gateway
    from lambdatui.aws.target import resolve_target
    from lambdatui.demo.seed import seed_functions
    from lambdatui.demo.server import start_local_account
    from tests import faults

    account = start_local_account()
    try:
        t0 = time.perf_counter()
        seed_functions(account.endpoint_url, COUNT, region=account.region, prefix="load")
        print(f"seeded {COUNT:,} functions in {time.perf_counter() - t0:.1f} s")
        with faults.fault_proxy(account.endpoint_url, seed=21) as proxy:
            proxy.on("ListFunctions", faults.throttled(), probability=SHARE)
            target = resolve_target(endpoint_url=proxy.url, region=account.region)
            started = time.perf_counter()
            async with Gateway(target) as gateway:
                names = [f.name async for page in gateway.iter_functions() for f in page]
                retried = gateway.retried["ListFunctions"]
            took = time.perf_counter() - started
        sent = proxy.count("ListFunctions")
        throttled = len(proxy.faulted("ListFunctions"))
        pages = sent - throttled
        print(f"listed {len(names):,} rows in {took:.1f} s: {pages} pages, {sent} requests sent")
        print(f"throttled {throttled} ({throttled / sent:.1%}); the gateway counted {retried}")
        print(f"duplicated: {len(names) - len(set(names))}; missing: {COUNT - len(set(names))}")
        assert len(names) == len(set(names)) == COUNT, "a row duplicated or missing"
        assert retried == throttled, "a retry not counted"
    finally:
        account.stop()


if __name__ == "__main__":
    asyncio.run(main())
