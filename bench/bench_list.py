"""Listing every function through the app's gateway vs a bare aiobotocore paginator loop.

Against a local account seeded with 2,000 functions, both measured in this one process,
alternating, so the ratio holds on a noisy machine. Target: gateway ≤ 1.10× bare.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import isolate, summary

COUNT = 2000
ROUNDS = 21  # the local server's replies are bimodal (about 0.4 s or 0.65 s a run): many rounds


async def bare(endpoint: str, region: str) -> int:
    from aiobotocore.session import AioSession

    session = AioSession()
    async with session.create_client("lambda", endpoint_url=endpoint, region_name=region) as client:
        count = 0
        async for page in client.get_paginator("list_functions").paginate():
            count += len(page["Functions"])
        return count


async def through_gateway(endpoint: str, region: str) -> int:
    from lambdatui.aws.gateway import Gateway
    from lambdatui.aws.target import resolve_target

    target = resolve_target(endpoint_url=endpoint, region=region)
    async with Gateway(target) as gateway:
        count = 0
        async for page in gateway.iter_functions():
            count += len(page)
        return count


async def main() -> None:
    isolate()
    from lambdatui.demo.seed import seed_functions
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    try:
        t0 = time.perf_counter()
        seed_functions(account.endpoint_url, COUNT, region=account.region, prefix="bench")
        print(f"seeded {COUNT} functions in {time.perf_counter() - t0:.1f} s")
        args = (account.endpoint_url, account.region)
        assert await bare(*args) == COUNT and await through_gateway(*args) == COUNT  # warm-up
        bare_times: list[float] = []
        gateway_times: list[float] = []
        for _ in range(ROUNDS):
            for fn, sink in ((bare, bare_times), (through_gateway, gateway_times)):
                t = time.perf_counter()
                await fn(*args)
                sink.append(time.perf_counter() - t)
        ratio = statistics.median(gateway_times) / statistics.median(bare_times)
        fastest = min(gateway_times) / min(bare_times)
        print(f"bare aiobotocore paginator, {COUNT} functions: {summary(bare_times)}")
        print(f"lambdatui gateway,       {COUNT} functions: {summary(gateway_times)}")
        verdict = "OK" if ratio <= 1.10 else "OVER BUDGET"
        print(
            f"gateway / bare = {ratio:.2f}x median, {fastest:.2f}x fastest "
            f"(target ≤ 1.10x) {verdict}"
        )
    finally:
        account.stop()


if __name__ == "__main__":
    asyncio.run(main())
