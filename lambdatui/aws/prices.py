"""What Lambda charges, per region and architecture: per GB-second of duration and per request.

Two sources give the same record, ``Prices``. The table below is in the code, with the page it
was read from and the date; the Price List API (``pricing_gateway``) gives the current figures
where it is reachable and permitted. Whoever shows a cost shows which one it came from, and the
table's age when it is the table.

Only on-demand duration's first tier is used (the first 6 billion GB-seconds a month on x86,
7.5 billion on Arm): a tuning run, or a function's bill at that scale, is priced per
invocation, and the tiers are applied to a whole account's month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

#: Where the table was read, and when: change the table and both together.
TABLE_SOURCE = "https://aws.amazon.com/lambda/pricing/"
TABLE_TAKEN = date(2026, 11, 24)

_X86_STANDARD = Decimal("0.0000166667")
_ARM_STANDARD = Decimal("0.0000133334")
_REQUEST_STANDARD = Decimal("0.20") / Decimal(1_000_000)

#: Regions that charge US East (N. Virginia)'s prices (first tier), by architecture; the
#: request price is the same on both architectures there.
_STANDARD_REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
)
#: region → architecture → (per GB-second, per request).
TABLE: dict[str, dict[str, tuple[Decimal, Decimal]]] = {
    region: {
        "x86_64": (_X86_STANDARD, _REQUEST_STANDARD),
        "arm64": (_ARM_STANDARD, _REQUEST_STANDARD),
    }
    for region in _STANDARD_REGIONS
}
FALLBACK_REGION = "us-east-1"
ARCHITECTURES = ("x86_64", "arm64")


@dataclass(frozen=True, slots=True)
class Prices:
    """Lambda's on-demand prices for one region and architecture, and where they came from."""

    region: str
    architecture: str
    per_gb_second: Decimal
    per_request: Decimal
    source: str  # "table" or "price-list"
    as_of: date  # the day the table was taken, or the prices fetched
    #: False when the region is not in the table and FALLBACK_REGION's prices stand in.
    exact_region: bool = True

    def invocation_cost(self, memory_mb: int, billed_ms: float) -> Decimal:
        """USD for one invocation: GB × seconds × price per GB-second + the request price."""
        gb_seconds = Decimal(memory_mb) / 1024 * Decimal(str(billed_ms)) / 1000
        return gb_seconds * self.per_gb_second + self.per_request

    def age_days(self, today: date) -> int:
        return max(0, (today - self.as_of).days)

    def describe(self, today: date) -> str:
        """Where the prices came from, in words: shown next to every cost."""
        if self.source == "price-list":
            return f"AWS Price List, {self.as_of.isoformat()}"
        where = "" if self.exact_region else f"; {self.region} not in it, {FALLBACK_REGION}'s used"
        return f"price table of {self.as_of.isoformat()} ({self.age_days(today)} days old{where})"


def table_prices(region: str, architecture: str = "x86_64") -> Prices:
    """The table's prices for ``region`` (FALLBACK_REGION's when the table lacks it)."""
    exact = region in TABLE
    arch = architecture if architecture in ARCHITECTURES else "x86_64"
    per_gb_second, per_request = TABLE[region if exact else FALLBACK_REGION][arch]
    return Prices(region, arch, per_gb_second, per_request, "table", TABLE_TAKEN, exact)
