"""The demo's release flow: two functions whose alias ``live`` points at version 1 and whose
``$LATEST`` is the next release, waiting to be published and shifted to.

* coupon-validator: the next release changes a setting only (``APP_VERSION`` 1.1.0); it works,
  so publishing it and shifting ``live`` to it ends at 100 %.
* loyalty-points: the next release renames the event field its handler reads
  (``BROKEN_CHANGE``), so every invocation of it fails with a KeyError; a shift to it trips
  the error-rate guard and rolls back on its own.

``TRAFFIC`` is what ``traffic.SteadyTraffic`` sends to each ``live`` alias while ``--demo``
runs, so a shift's per-version counts move.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from . import catalog

if TYPE_CHECKING:
    from .clients import SeedAccount

GOOD, BROKEN = "coupon-validator", "loyalty-points"
#: The line loyalty-points' next release changes in worker.py: a field renamed by one side only.
BROKEN_CHANGE = (
    b'items = int(event.get("items", 3))',
    b'items = int(event["item_count"])',
)
#: (function, alias, event) invoked steadily while the demo runs.
TRAFFIC: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (GOOD, "live", {"job": "validate SUMMER24", "items": 2}),
    (BROKEN, "live", {"job": "credit order 1042", "items": 1}),
)


@cache
def broken_package() -> bytes:
    """loyalty-points' next release: worker.py with ``BROKEN_CHANGE``."""
    old, new = BROKEN_CHANGE
    source = catalog.handler_source("worker")
    if old not in source:
        raise ValueError("worker.py no longer has the line loyalty-points' release changes")
    return catalog.package({"worker.py": source.replace(old, new)})


def seed_releases(acct: SeedAccount) -> None:
    """Version 1 and alias live of both functions, then their next release on $LATEST."""
    lam = acct.lam
    for name in (GOOD, BROKEN):
        lam.publish_version(FunctionName=name, Description="release 1.0.0")
        lam.create_alias(
            FunctionName=name, Name="live", FunctionVersion="1", Description="Production traffic"
        )
    good = next(fn for fn in catalog.FUNCTIONS if fn.name == GOOD)
    lam.update_function_configuration(
        FunctionName=GOOD, Environment={"Variables": {**good.env, "APP_VERSION": "1.1.0"}}
    )
    lam.update_function_code(FunctionName=BROKEN, ZipFile=broken_package())
