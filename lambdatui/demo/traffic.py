"""Steady traffic on the demo's ``live`` aliases while ``--demo`` runs (``release_seed.TRAFFIC``).

A traffic shift is watched through its per-version counts; in a demo account nothing would
invoke anything, so the counts would stand still. ``SteadyTraffic`` invokes each alias a few
times a second from a thread of the demo's account process (``serve.py`` starts it once the
account is seeded), through the account's own API as any client would: each invocation is
routed by the alias's weights, and its metrics carry the version that ran. Never started on
the AWS path, and off in tests unless a test starts it.
"""

from __future__ import annotations

import contextlib
import json
import threading
from typing import Any

from .clients import local_client
from .release_seed import TRAFFIC


class SteadyTraffic:
    """Invoke each of ``targets`` ``per_second`` times a second until ``stop``."""

    def __init__(
        self,
        endpoint_url: str,
        region: str,
        targets: tuple[tuple[str, str, dict[str, Any]], ...] = TRAFFIC,
        per_second: float = 2.0,
    ) -> None:
        self.endpoint_url, self.region = endpoint_url, region
        self.targets, self.per_second = targets, per_second
        self.sent = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> SteadyTraffic:
        self._thread = threading.Thread(target=self._run, name="demo-traffic", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        lam = local_client("lambda", self.endpoint_url, self.region)
        pause = 1.0 / (self.per_second * max(len(self.targets), 1))
        while not self._stop.is_set():
            for function, alias, event in self.targets:
                if self._stop.wait(pause):
                    return
                # a failed invocation (the broken release) or a server going away is traffic
                # too, or the end of it: never an error in the demo's own process
                with contextlib.suppress(Exception):
                    lam.invoke(
                        FunctionName=function,
                        Qualifier=alias,
                        Payload=json.dumps(event).encode(),
                    )
                    self.sent += 1
