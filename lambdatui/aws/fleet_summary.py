"""What the fleet adds up to: functions per runtime (deprecated ones flagged) and, per
(profile, region), concurrency and code storage used against the account's limits.

Pure functions over the rows and ``AccountLimits`` (GetAccountSettings); ``read_limits``
asks every pair for its settings, a bounded number at a time. A pair whose settings cannot be
read (denied, or plain moto's HTML 404) keeps the reason instead: the list is never held up.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import errors
from .config import AccountLimits
from .fleet import DEFAULT_CONCURRENCY, FleetRow, shared_gateways
from .gateway import Gateway
from .runtimes import runtime_standing
from .target import Target


@dataclass(frozen=True, slots=True)
class RuntimeCount:
    runtime: str  # the row's runtime label: "image" for container images, "-" when none
    functions: int
    standing: str  # runtimes.SUPPORTED / SOON / DEPRECATED


@dataclass(frozen=True, slots=True)
class PairLimits:
    """One pair's GetAccountSettings, or why it could not be read."""

    profile: str
    region: str
    limits: AccountLimits | None
    problem: str = ""

    @property
    def concurrency_used(self) -> int:
        """Concurrency set aside (reserved) of the region's limit: limit − unreserved."""
        if self.limits is None:
            return 0
        return self.limits.concurrent_executions - self.limits.unreserved_concurrent_executions

    @property
    def text(self) -> str:
        if self.limits is None:
            return f"limits could not be read: {self.problem}"
        lim = self.limits
        return (
            f"concurrency {self.concurrency_used}/{lim.concurrent_executions} reserved, "
            f"code storage {_size(lim.total_code_size_used)}/{_size(lim.total_code_size_limit)}"
        )


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"  # pragma: no cover - the loop returns at GB


def per_runtime(rows: Iterable[FleetRow], today: date) -> list[RuntimeCount]:
    """Functions per runtime, most first; each runtime's deprecation standing on ``today``."""
    counts = Counter(row.function.runtime_label for row in rows)
    return [
        RuntimeCount(runtime, n, runtime_standing(runtime, today))
        for runtime, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def flagged(counts: Iterable[RuntimeCount]) -> list[RuntimeCount]:
    """The runtimes that need attention: deprecated or deprecated soon."""
    return [count for count in counts if count.standing]


async def read_limits(
    targets: Sequence[Target],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    gateway_for: Callable[[Target], Gateway] | None = None,
) -> list[PairLimits]:
    """GetAccountSettings of every pair, at most ``concurrency`` at a time, in ``targets``'
    order."""
    make = gateway_for or shared_gateways()
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(target: Target) -> PairLimits:
        profile, region = target.profile_label, target.region
        async with gate:
            gateway = make(target)
            try:
                return PairLimits(profile, region, await gateway.get_account_limits())
            except errors.GatewayError as exc:
                reason = ": ".join(errors.unavailable(exc))
                return PairLimits(profile, region, None, reason)
            finally:
                await gateway.close()

    return list(await asyncio.gather(*(one(target) for target in targets)))
