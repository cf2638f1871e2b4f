"""Invoke: key to response vs a bare boto3 invoke; a 1 MB response never blocks input; the twin.

Against the local account served from its own process (as AWS would be: the app's event loop
and the server do not share one GIL), with two functions: ``echo`` (returns its event) and
``big`` (returns about 1 MB of JSON).

(a) the invoke key (ctrl+r) to the response on screen, in a headless app, against a bare
    boto3 ``invoke`` + read of the same function in the same run (target: within + 30 ms);
(b) while a 1 MB response is fetched, pretty-printed, highlighted and shown: the longest the
    event loop was unable to take input (a probe that wakes every 5 ms; target < 50 ms);
(c) ``lambdatui invoke echo --payload '{}'`` as a whole process against a one-shot boto3
    script doing the same (target: at most 250 ms median).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))
from common import isolate, listed  # noqa: E402

ROUNDS = 15
PROCESS_ROUNDS = 10
SERVER = (
    "import time\n"
    "from lambdatui.demo.server import start_local_account\n"
    "from tests.invoke_functions import BIG, ECHO, make_function\n"
    "a = start_local_account()\n"
    "make_function(a, 'echo', ECHO)\n"
    "make_function(a, 'big', BIG, MemorySize=1024)\n"
    "print(a.endpoint_url, flush=True)\n"
    "time.sleep(900)\n"
)
ONE_SHOT = (
    "import sys, boto3\n"
    "c = boto3.client('lambda', endpoint_url=sys.argv[1], region_name='us-east-1')\n"
    "r = c.invoke(FunctionName='echo', Payload=b'{}')\n"
    "sys.stdout.buffer.write(r['Payload'].read())\n"
)


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


async def key_to_response(endpoint: str) -> None:
    import boto3
    from textual import events

    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI
    from lambdatui.ui.invoke.screen import InvokeScreen

    bare = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1")
    app = LambdaTUI(resolve_target(endpoint_url=endpoint, region="us-east-1"), use_cache=False)
    baseline: list[float] = []
    shown: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(app, pilot, "echo")
        await pilot.press("i")
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, InvokeScreen)
        screen.editor.load_text('{"bench": true}')
        for round_ in range(ROUNDS + 1):
            t = time.perf_counter()
            await asyncio.to_thread(
                lambda: bare.invoke(FunctionName="echo", Payload=b'{"bench": true}')[
                    "Payload"
                ].read()
            )
            bare_s = time.perf_counter() - t
            screen.result = None
            start = time.perf_counter()
            app.post_message(events.Key("ctrl+r", None))
            while screen.result is None or not screen.response.line_count:
                await asyncio.sleep(0.0005)
            took = time.perf_counter() - start
            await app.workers.wait_for_complete()
            if round_:  # the first of each warms its client
                baseline.append(bare_s)
                shown.append(took)
    b, s = ms(baseline), ms(shown)
    verdict = "OK" if s - b <= 30 else "OVER BUDGET"
    print(f"(a) bare boto3 invoke + read: median {b:.1f} ms (baseline)")
    print(
        f"(a) invoke key to response on screen: median {s:.1f} ms = baseline + {s - b:.1f} ms "
        f"(target: + 30 ms) {verdict}"
    )


async def probe(gaps: list[float], stop: asyncio.Event) -> None:
    """Wake every 5 ms and record how late each wake-up was (input would wait as long)."""
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.005)
        now = time.perf_counter()
        gaps.append(now - last - 0.005)
        last = now


async def large_response(endpoint: str) -> None:
    from textual import events

    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI
    from lambdatui.ui.invoke.screen import InvokeScreen

    app = LambdaTUI(resolve_target(endpoint_url=endpoint, region="us-east-1"), use_cache=False)
    worst: list[float] = []
    idle: list[float] = []
    totals: list[float] = []
    size = 0

    async def probe_for(seconds: float) -> float:
        """The longest wait of a 5 ms probe while the app does nothing: this machine's noise."""
        gaps: list[float] = []
        last = start = time.perf_counter()
        while last - start < seconds:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last - 0.005)
            last = now
        return max(gaps)

    async with app.run_test(size=(120, 40)) as pilot:
        await listed(app, pilot, "big")
        await pilot.press("i")
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, InvokeScreen)
        screen.editor.load_text('{"kb": 1000}')
        for round_ in range(7):
            screen.result = None
            gaps: list[float] = []
            stop = asyncio.Event()
            prober = asyncio.create_task(probe(gaps, stop))
            start = time.perf_counter()
            app.post_message(events.Key("ctrl+r", None))
            while screen.result is None or not screen.response.line_count:
                await asyncio.sleep(0.001)
            await pilot.pause()  # and painted
            totals.append(time.perf_counter() - start)
            await asyncio.sleep(0.3)
            stop.set()
            await prober
            size = len(screen.result.payload)
            if round_:
                worst.append(max(gaps))
                idle.append(await probe_for(totals[-1] + 0.3))
    verdict = "OK" if max(worst) < 0.05 else "OVER BUDGET"
    print(
        f"(b) baseline, the same probe with the app idle for as long: max "
        f"{max(idle) * 1000:.1f} ms (median of runs {ms(idle):.1f} ms)"
    )
    print(
        f"(b) {size / 1e6:.2f} MB response: shown in median {ms(totals):.0f} ms; longest the "
        f"event loop could not take input: max {max(worst) * 1000:.1f} ms over "
        f"{len(worst)} runs (median of runs {ms(worst):.1f} ms; target < 50 ms) {verdict}"
    )


def twin_process(endpoint: str) -> None:
    twin = [
        sys.executable,
        "-m",
        "lambdatui",
        "invoke",
        "echo",
        "--payload",
        "{}",
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
    ]
    script = [sys.executable, "-c", ONE_SHOT, endpoint]
    # As installed: our modules' bytecode cached like site-packages' (the warm-up writes it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    timings: dict[str, list[float]] = {"twin": [], "boto3": []}
    for round_ in range(PROCESS_ROUNDS + 1):
        for name, command in (("twin", twin), ("boto3", script)):
            t = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            if round_:
                timings[name].append(time.perf_counter() - t)
    t, b = ms(timings["twin"]), ms(timings["boto3"])
    verdict = "OK" if t <= 250 else "OVER 250 ms on this machine"
    print(f"(c) one-shot boto3 script: median {b:.0f} ms (baseline)")
    print(f"(c) lambdatui invoke, whole process: median {t:.0f} ms = {t / b:.2f}× ({verdict})")


async def main() -> None:
    isolate()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    endpoint = server.stdout.readline().strip()  # type: ignore[union-attr]
    try:
        await key_to_response(endpoint)
        await large_response(endpoint)
        twin_process(endpoint)
    finally:
        server.terminate()


if __name__ == "__main__":
    asyncio.run(main())
