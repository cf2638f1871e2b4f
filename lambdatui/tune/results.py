"""A tuning run's figures per memory size, and the size to recommend. Pure: no Textual, no AWS.

The input is the REPORT lines (``aws.report.Report``) of N invocations at each memory size.
Cold starts (a REPORT with Init Duration) are counted and kept out of the steady-state figures,
which are what a function running warm costs and takes; they still count in the run's own
total cost, which is what the measuring itself cost. When a size has no warm run at all, its
figures are taken from the cold ones rather than left empty.

Percentiles: the median is ``statistics.median``; p90 is the nearest-rank value (the
⌈0.9·n⌉-th smallest), so it is always a duration that was really measured. The cost per
invocation is that of the median billed duration at the size's memory.

Strategies, as AWS Lambda Power Tuning defines them (alexcasalboni/aws-lambda-power-tuning,
``lambda/analyzer.js``): *cost* picks the cheapest (ties: the faster), *speed* the fastest
(ties: the cheaper), *balanced* minimises ``w · cost / max cost + (1 − w) · duration / max
duration`` over the sizes, with the weight w in [0, 1] (1 = cost only, 0 = speed only; Power
Tuning's default is 0.5). Power Tuning compares averages; these compare medians, which a
stray slow run does not move.
"""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lambdatui.aws.prices import Prices
from lambdatui.aws.report import Report

STRATEGIES = ("cost", "speed", "balanced")
DEFAULT_WEIGHT = 0.5
#: Two sizes within this fraction of each other's median duration are "as fast".
SAME_SPEED = 0.05


@dataclass(frozen=True, slots=True)
class SizeResult:
    """The figures of one memory size."""

    memory_mb: int
    runs: int
    cold_starts: int
    failures: int  # invocations that ended in an error or a timeout
    duration_p50_ms: float
    duration_p90_ms: float
    billed_p50_ms: float
    billed_p90_ms: float
    init_p50_ms: float | None  # the median Init Duration of the cold starts
    max_memory_used_mb: int
    cost_per_invocation_usd: Decimal
    total_cost_usd: Decimal  # every run at this size, cold ones included

    @property
    def cost_per_million_usd(self) -> Decimal:
        return self.cost_per_invocation_usd * 1_000_000

    def as_json(self) -> dict[str, Any]:
        """The command-line twin's object for this size."""
        return {
            "memory": self.memory_mb,
            "runs": self.runs,
            "cold_starts": self.cold_starts,
            "failures": self.failures,
            "duration_p50_ms": round(self.duration_p50_ms, 2),
            "duration_p90_ms": round(self.duration_p90_ms, 2),
            "billed_p50_ms": self.billed_p50_ms,
            "billed_p90_ms": self.billed_p90_ms,
            "init_p50_ms": None if self.init_p50_ms is None else round(self.init_p50_ms, 2),
            "max_memory_used_mb": self.max_memory_used_mb,
            "cost_per_invocation_usd": float(self.cost_per_invocation_usd),
            "cost_per_million_usd": float(round(self.cost_per_million_usd, 6)),
            "total_cost_usd": float(self.total_cost_usd),
        }


@dataclass(frozen=True, slots=True)
class Recommendation:
    memory_mb: int
    strategy: str
    weight: float
    reason: str


def p90(values: Sequence[float]) -> float:
    """The nearest-rank 90th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def summarise_size(memory_mb: int, reports: Sequence[Report], prices: Prices) -> SizeResult:
    """One size's figures from its invocations' REPORT lines (at least one)."""
    if not reports:
        raise ValueError(f"no REPORT lines for {memory_mb} MB")
    cold = [r for r in reports if r.cold_start]
    steady = [r for r in reports if not r.cold_start] or list(reports)
    durations = [r.duration_ms for r in steady]
    billed = [float(r.billed_ms) for r in steady]
    billed_p50 = statistics.median(billed)
    inits = [r.init_ms for r in cold if r.init_ms is not None]
    return SizeResult(
        memory_mb=memory_mb,
        runs=len(reports),
        cold_starts=len(cold),
        failures=sum(1 for r in reports if r.error_type or r.status in ("error", "timeout")),
        duration_p50_ms=statistics.median(durations),
        duration_p90_ms=p90(durations),
        billed_p50_ms=billed_p50,
        billed_p90_ms=p90(billed),
        init_p50_ms=statistics.median(inits) if inits else None,
        max_memory_used_mb=max(r.max_memory_mb for r in reports),
        cost_per_invocation_usd=prices.invocation_cost(memory_mb, billed_p50),
        total_cost_usd=sum(
            (prices.invocation_cost(memory_mb, r.billed_ms) for r in reports), Decimal(0)
        ),
    )


def summarise(reports: Iterable[Report], prices: Prices) -> list[SizeResult]:
    """Every size's figures, smallest memory first; a REPORT's own Memory Size groups it."""
    by_size: dict[int, list[Report]] = {}
    for report in reports:
        by_size.setdefault(report.memory_mb, []).append(report)
    return [summarise_size(size, by_size[size], prices) for size in sorted(by_size)]


def run_cost(results: Iterable[SizeResult]) -> Decimal:
    """What the whole tuning run cost."""
    return sum((r.total_cost_usd for r in results), Decimal(0))


def recommend(
    results: Sequence[SizeResult], strategy: str = "cost", weight: float = DEFAULT_WEIGHT
) -> Recommendation:
    """The size ``strategy`` picks (see the module docstring), with its reason in words."""
    if not results:
        raise ValueError("nothing was measured")
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}: use cost, speed or balanced")
    weight = min(max(weight, 0.0), 1.0)
    chosen = min(results, key=_ranking(results, strategy, weight))
    return Recommendation(chosen.memory_mb, strategy, weight, reason(chosen, results, strategy))


def _ranking(results: Sequence[SizeResult], strategy: str, weight: float) -> Any:
    if strategy == "cost":
        return lambda r: (r.cost_per_invocation_usd, r.duration_p50_ms, r.memory_mb)
    if strategy == "speed":
        return lambda r: (r.duration_p50_ms, r.cost_per_invocation_usd, r.memory_mb)
    max_cost = max(r.cost_per_invocation_usd for r in results) or Decimal(1)
    max_duration = max(r.duration_p50_ms for r in results) or 1.0

    def value(r: SizeResult) -> tuple[float, Decimal, int]:
        cost = float(r.cost_per_invocation_usd / max_cost)
        score = weight * cost + (1 - weight) * r.duration_p50_ms / max_duration
        return round(score, 12), r.cost_per_invocation_usd, r.memory_mb

    return value


def _speedup(slow: SizeResult, fast: SizeResult) -> float:
    return slow.duration_p50_ms / fast.duration_p50_ms if fast.duration_p50_ms else 1.0


def _versus(chosen: SizeResult, other: SizeResult) -> str:
    """'38% cheaper than 128 MB and 4.1× faster'."""
    base = other.cost_per_invocation_usd
    change = float((chosen.cost_per_invocation_usd - base) / base * 100) if base else 0.0
    if round(change) == 0:
        price = f"the same price as {other.memory_mb} MB"
    else:
        word = "cheaper" if change < 0 else "dearer"
        price = f"{abs(change):.0f}% {word} than {other.memory_mb} MB"
    ratio = _speedup(other, chosen)
    if abs(ratio - 1) <= SAME_SPEED:
        return f"{price} and as fast"
    return (
        f"{price} and {ratio:.1f}× faster" if ratio > 1 else f"{price} and {1 / ratio:.1f}× slower"
    )


def _above(chosen: SizeResult, results: Sequence[SizeResult]) -> str:
    """What the larger sizes would change."""
    larger = [r for r in results if r.memory_mb > chosen.memory_mb]
    if not larger:
        return "it is the largest size tested"
    fastest = min(larger, key=lambda r: r.duration_p50_ms)
    gain = _speedup(chosen, fastest)
    dearer = all(r.cost_per_invocation_usd > chosen.cost_per_invocation_usd for r in larger)
    if gain <= 1 + SAME_SPEED:
        return (
            "above it the price rises with no gain in speed"
            if dearer
            else "no larger size is faster"
        )
    tail = "at a higher price" if dearer else ""
    return f"{fastest.memory_mb} MB is {gain:.1f}× faster {tail}".rstrip()


def reason(chosen: SizeResult, results: Sequence[SizeResult], strategy: str) -> str:
    """'512 MB: 38% cheaper than 128 MB and 4.1× faster; above it the price rises with no gain
    in speed'."""
    smallest = min(results, key=lambda r: r.memory_mb)
    if chosen is smallest or len(results) == 1:
        what = {"cost": "the cheapest", "speed": "the fastest", "balanced": "the best balance"}
        first = f"the smallest size tested is {what[strategy]}"
    else:
        first = _versus(chosen, smallest)
    return f"{chosen.memory_mb} MB: {first}; {_above(chosen, results)}"


# -- Export -----------------------------------------------------------------------------------


def to_json(results: Sequence[SizeResult], chosen: Recommendation | None, prices: Prices) -> str:
    document = {
        "sizes": [r.as_json() for r in results],
        "recommendation": None
        if chosen is None
        else {
            "memory": chosen.memory_mb,
            "strategy": chosen.strategy,
            "weight": chosen.weight,
            "reason": chosen.reason,
        },
        "run_cost_usd": float(run_cost(results)),
        "prices": {
            "region": prices.region,
            "architecture": prices.architecture,
            "per_gb_second_usd": str(prices.per_gb_second),
            "per_request_usd": str(prices.per_request),
            "source": prices.source,
            "as_of": prices.as_of.isoformat(),
        },
    }
    return json.dumps(document, indent=2)


CSV_COLUMNS = (
    "memory",
    "runs",
    "cold_starts",
    "failures",
    "duration_p50_ms",
    "duration_p90_ms",
    "billed_p50_ms",
    "billed_p90_ms",
    "init_p50_ms",
    "max_memory_used_mb",
    "cost_per_invocation_usd",
    "cost_per_million_usd",
    "total_cost_usd",
)


def to_csv(results: Sequence[SizeResult]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        row = result.as_json()
        row["cost_per_invocation_usd"] = str(result.cost_per_invocation_usd)
        row["cost_per_million_usd"] = str(result.cost_per_million_usd)
        row["total_cost_usd"] = str(result.total_cost_usd)
        writer.writerow({key: "" if row[key] is None else row[key] for key in CSV_COLUMNS})
    return out.getvalue()
