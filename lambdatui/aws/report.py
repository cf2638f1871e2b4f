"""An invocation's REPORT figures, read from its log, and what that invocation cost.

Lambda ends every invocation's log with a REPORT line (Text log format)::

    REPORT RequestId: 8f5…\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\t
    Max Memory Used: 41 MB\tInit Duration: 150.00 ms

(``Init Duration`` only on a cold start), or, in the JSON log format, a ``platform.report``
record whose ``record.metrics`` carry the same numbers (``durationMs``, ``billedDurationMs``,
``memorySizeMB``, ``maxMemoryUsedMB``, ``initDurationMs``).

The cost is memory (GB) × billed duration (s) × the architecture's price per GB-second, plus
the price of one request. ``Billed Duration`` already includes whatever AWS bills of the init
phase, so it is used as is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from .prices import ARCHITECTURES, FALLBACK_REGION, TABLE, TABLE_TAKEN, Prices

#: US East (N. Virginia)'s prices, from the dated table in ``prices`` (per region and
#: architecture there; a ``Prices`` record, passed in, prices any other region).
PRICES_TAKEN = TABLE_TAKEN.isoformat()
PRICE_PER_GB_SECOND = {arch: TABLE[FALLBACK_REGION][arch][0] for arch in ARCHITECTURES}
PRICE_PER_REQUEST = TABLE[FALLBACK_REGION]["x86_64"][1]

_FIELDS = {
    "Duration": "duration_ms",
    "Billed Duration": "billed_ms",
    "Memory Size": "memory_mb",
    "Max Memory Used": "max_memory_mb",
    "Init Duration": "init_ms",
    "Restore Duration": "restore_ms",
    "Billed Restore Duration": "billed_restore_ms",
}
_PAIR = re.compile(r"(?P<key>[A-Za-z ]+): (?P<value>[^\t]+?)\s*(?:\t|$)")
_NUMBER = re.compile(r"[\d.]+")


@dataclass(frozen=True, slots=True)
class Report:
    """The figures of one REPORT line."""

    request_id: str
    duration_ms: float
    billed_ms: int
    memory_mb: int
    max_memory_mb: int
    init_ms: float | None = None
    status: str = ""  # "" on success (Text format), else timeout / error / success (JSON)
    error_type: str = ""

    @property
    def cold_start(self) -> bool:
        return self.init_ms is not None

    @property
    def memory_ratio(self) -> float:
        return self.max_memory_mb / self.memory_mb if self.memory_mb else 0.0

    def cost(self, architecture: str = "x86_64", prices: Prices | None = None) -> Decimal:
        """What this invocation cost in USD (see the module docstring), at ``prices`` when
        given (any region), else at US East's table prices."""
        if prices is not None:
            return prices.invocation_cost(self.memory_mb, self.billed_ms)
        return invocation_cost(self.memory_mb, self.billed_ms, architecture)


def invocation_cost(memory_mb: int, billed_ms: int, architecture: str = "x86_64") -> Decimal:
    """USD for one invocation at US East's table prices: GB × seconds × price per GB-second +
    the request price."""
    price = PRICE_PER_GB_SECOND.get(architecture, PRICE_PER_GB_SECOND["x86_64"])
    gb_seconds = Decimal(memory_mb) / 1024 * Decimal(billed_ms) / 1000
    return gb_seconds * price + PRICE_PER_REQUEST


def format_cost(cost: Decimal) -> str:
    """'$0.0000002083' — enough digits to tell invocations apart."""
    return f"${cost:.10f}"


def parse_report_line(line: str) -> Report | None:
    """A Text-format ``REPORT RequestId: …`` line or a JSON ``platform.report`` record."""
    text = line.strip()
    if text.startswith("{"):
        return _parse_json(text)
    if not text.startswith("REPORT "):
        return None
    values: dict[str, str] = {}
    for match in _PAIR.finditer(text[len("REPORT ") :]):
        values[match["key"].strip()] = match["value"].strip()
    request_id = values.get("RequestId", "")
    numbers: dict[str, float] = {}
    for label, name in _FIELDS.items():
        found = _NUMBER.search(values.get(label, ""))
        if found:
            numbers[name] = float(found.group())
    if "duration_ms" not in numbers or "memory_mb" not in numbers:
        return None
    return Report(
        request_id=request_id,
        duration_ms=numbers["duration_ms"],
        billed_ms=int(numbers.get("billed_ms", 0)),
        memory_mb=int(numbers["memory_mb"]),
        max_memory_mb=int(numbers.get("max_memory_mb", 0)),
        init_ms=numbers.get("init_ms"),
        status=values.get("Status", ""),
        error_type=values.get("Error Type", ""),
    )


def _parse_json(text: str) -> Report | None:
    try:
        entry = json.loads(text)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("type") != "platform.report":
        return None
    record = entry.get("record") or {}
    metrics = record.get("metrics") or {}
    try:
        init = metrics.get("initDurationMs")
        return Report(
            request_id=str(record.get("requestId", "")),
            duration_ms=float(metrics["durationMs"]),
            billed_ms=int(metrics.get("billedDurationMs", 0)),
            memory_mb=int(metrics["memorySizeMB"]),
            max_memory_mb=int(metrics.get("maxMemoryUsedMB", 0)),
            init_ms=None if init is None else float(init),
            status=str(record.get("status", "")),
            error_type=str(record.get("errorType", "") or ""),
        )
    except (KeyError, TypeError, ValueError):
        return None


def find_report(log_text: str, request_id: str = "") -> Report | None:
    """The last REPORT in ``log_text`` (of ``request_id`` when given)."""
    for line in reversed(log_text.splitlines()):
        if "REPORT" not in line and "platform.report" not in line:
            continue
        report = parse_report_line(line)
        if report is not None and (not request_id or report.request_id == request_id):
            return report
    return None
