"""A released function for the shift tests: version 1 (good) behind alias ``live``, version 2
(good or failing), traffic through the alias, and an engine run on a fast clock."""

from __future__ import annotations

import json
from typing import Any

import boto3

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.release.plan import Plan
from lambdatui.release.shift import Event, ShiftEngine, prepare
from lambdatui.release.state import Guards, ShiftState
from tests.cli.code_helpers import zip_of
from tests.invoke_functions import python_function

GOOD = "def handler(event, context):\n    return {'version': context.function_version}\n"
BROKEN = "def handler(event, context):\n    raise ValueError('version 2 is broken')\n"


def lam_of(endpoint: str, region: str = "us-east-1") -> Any:
    return boto3.client("lambda", endpoint_url=endpoint, region_name=region)


def released(endpoint: str, name: str = "shop", second: str = GOOD) -> Any:
    """``name``: version 1 runs GOOD, version 2 runs ``second``; alias live → 1."""
    python_function(endpoint, name, GOOD, role="shift-role")
    lam = lam_of(endpoint)
    lam.publish_version(FunctionName=name)
    lam.update_function_code(FunctionName=name, ZipFile=zip_of({"app.py": second}))
    lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    return lam


def traffic(lam: Any, name: str, count: int) -> dict[str, int]:
    """``count`` invocations of ``name:live``; how many each version ran."""
    ran: dict[str, int] = {}
    for _ in range(count):
        reply = lam.invoke(FunctionName=name, Qualifier="live", Payload=json.dumps({}).encode())
        version = reply["ExecutedVersion"]
        ran[version] = ran.get(version, 0) + 1
    return ran


def gateway(endpoint: str, **kw: Any) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1", **kw))


class FastClock:
    """A clock that moves only when slept on; each sleep first sends ``per_sleep``
    invocations through the alias (the traffic a real hold would see)."""

    def __init__(self, lam: Any, name: str, per_sleep: int, start: float) -> None:
        self.lam, self.name, self.per_sleep, self.now = lam, name, per_sleep, start
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        traffic(self.lam, self.name, self.per_sleep)
        self.now += seconds
        self.slept += seconds


async def shift(
    endpoint: str,
    plan: Plan,
    guards: Guards | None = None,
    *,
    name: str = "shop",
    per_sleep: int = 10,
    check_every: float = 30.0,
    start: float = 0.0,
    keep_after_waits: int = 0,
    **kw: Any,
) -> tuple[ShiftState, list[Event], FastClock]:
    """Shift ``name:live`` to version 2 on a fast clock; the end state, the events. With
    ``keep_after_waits``, the user keeps the weights once the engine has said that many times
    that it waits for invocations to judge on."""
    import time

    clock = FastClock(lam_of(endpoint), name, per_sleep, start or time.time())
    events: list[Event] = []
    async with gateway(endpoint, **kw) as gw:
        state = await prepare(gw, name, "live", "2", plan, guards or Guards(), clock)

        def listen(event: Event) -> None:
            events.append(event)
            if keep_after_waits and len(waits(events)) == keep_after_waits:
                engine.choose("keep")

        engine = ShiftEngine(
            gw, state, listener=listen, clock=clock, sleep=clock.sleep, check_every=check_every
        )
        end = await engine.run()
    return end, events, clock


def waits(events: list[Event]) -> list[Event]:
    """The checks past a step's hold that waited for invocations to judge on."""
    return [e for e in events if e.kind == "check" and "waiting for" in e.message]
