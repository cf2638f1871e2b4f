"""What a tuning run is asked to do: the memory sizes, and the notice of what it may cost.

The default spread is Power Tuning's usual one plus 1,769 MB, where a function gets one full
vCPU, kept to the sizes the function may have (``aws.settings.memory_range``). A typed list is
read strictly: every entry a whole number of MB in range, or a message naming the bad one.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lambdatui.aws.prices import Prices
from lambdatui.aws.report import format_cost
from lambdatui.aws.settings import memory_range

DEFAULT_SIZES = (128, 256, 512, 1024, 1769, 3008)
DEFAULT_RUNS = 10
MAX_RUNS = 1000


def default_sizes(managed_instances: bool = False) -> list[int]:
    low, high = memory_range(managed_instances)
    return [size for size in DEFAULT_SIZES if low <= size <= high]


def parse_sizes(text: str, managed_instances: bool = False) -> list[int]:
    """'128, 256,512' → [128, 256, 512] (sorted, each once); ValueError naming the bad entry."""
    low, high = memory_range(managed_instances)
    sizes: set[int] = set()
    entries = [entry.strip() for entry in text.split(",")]
    if not any(entries):
        raise ValueError("Give at least one memory size, e.g. 128,256,512.")
    for entry in entries:
        if not entry:
            continue
        digits = entry.removesuffix("MB").removesuffix("mb").strip()
        if not digits.isdecimal():
            raise ValueError(f"{entry!r} is not a memory size: whole MB, e.g. 512.")
        size = int(digits)
        if not low <= size <= high:
            raise ValueError(f"{size} MB is out of range: memory must be {low}–{high} MB.")
        sizes.add(size)
    return sorted(sizes)


def parse_runs(text: str) -> int:
    """Invocations per size: a whole number from 1 to MAX_RUNS."""
    if not text.strip().isdecimal() or not 1 <= int(text) <= MAX_RUNS:
        raise ValueError(f"Runs per size must be a whole number from 1 to {MAX_RUNS}.")
    return int(text)


def worst_case_cost(sizes: Sequence[int], runs: int, timeout_s: int, prices: Prices) -> Decimal:
    """What the run costs at most: every invocation lasting the function's whole Timeout."""
    longest_ms = timeout_s * 1000
    return sum((runs * prices.invocation_cost(size, longest_ms) for size in sizes), Decimal(0))


def notice(function: str, sizes: Sequence[int], runs: int, timeout_s: int, prices: Prices) -> str:
    """The warning shown before a run starts (``function`` already made safe to show)."""
    total = runs * len(sizes)
    at_most = format_cost(worst_case_cost(sizes, runs, timeout_s, prices))
    return (
        f"This really runs {function} {total} times ({runs} × {len(sizes)} memory sizes), "
        f"side effects included. It costs at most {at_most}, if every run lasts its whole "
        f"Timeout of {timeout_s} s."
    )
