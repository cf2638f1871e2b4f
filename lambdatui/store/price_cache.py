"""Lambda prices fetched from the Price List API, kept a day in the cache dir.

One small JSON file per region and architecture (atomic, 0600). A file that is missing,
unreadable, malformed or older than ``MAX_AGE`` is simply not used: the prices are fetched
again, or the table stands in.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from lambdatui.aws.prices import Prices

from . import atomic, paths

MAX_AGE = timedelta(days=1)
_SAFE = re.compile(r"[^a-z0-9_-]")


def cache_file(region: str, architecture: str) -> Path:
    name = _SAFE.sub("_", f"lambda-{region}-{architecture}".lower())
    return paths.cache_dir() / "prices" / f"{name}.json"


def load(region: str, architecture: str, now: datetime | None = None) -> Prices | None:
    """The cached prices, if fetched less than ``MAX_AGE`` ago."""
    now = now or datetime.now(UTC)
    try:
        data = json.loads(cache_file(region, architecture).read_text(encoding="utf-8"))
        fetched = datetime.fromisoformat(data["fetched_at"])
        if not timedelta(0) <= now - fetched < MAX_AGE:
            return None
        return Prices(
            region=region,
            architecture=architecture,
            per_gb_second=Decimal(data["per_gb_second"]),
            per_request=Decimal(data["per_request"]),
            source="price-list",
            as_of=date.fromisoformat(data["as_of"]),
        )
    except (OSError, ValueError, KeyError, TypeError, ArithmeticError):
        return None


def save(prices: Prices, now: datetime | None = None) -> None:
    atomic.write_json(
        cache_file(prices.region, prices.architecture),
        {
            "fetched_at": (now or datetime.now(UTC)).isoformat(),
            "per_gb_second": str(prices.per_gb_second),
            "per_request": str(prices.per_request),
            "as_of": prices.as_of.isoformat(),
        },
    )
