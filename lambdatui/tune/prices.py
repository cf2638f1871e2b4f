"""The prices a tuning run (or any cost shown) uses: the Price List's where it can be had, else
the dated table.

Order: prices fetched less than a day ago (``store.price_cache``); else ``pricing:GetProducts``
through the gateway, cached; else, when that is denied, unreachable or not implemented (moto),
the table in ``aws.prices``, whose ``Prices.describe`` then says how old it is. Never raises
for want of prices.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from lambdatui.aws.errors import GatewayError
from lambdatui.aws.prices import Prices, table_prices
from lambdatui.store import price_cache

log = logging.getLogger(__name__)


class PriceSource(Protocol):
    async def lambda_prices(self, region: str, architecture: str = "x86_64") -> Prices: ...


async def current_prices(
    gateway: PriceSource, region: str, architecture: str = "x86_64", now: datetime | None = None
) -> Prices:
    cached = price_cache.load(region, architecture, now)
    if cached is not None:
        return cached
    try:
        prices = await gateway.lambda_prices(region, architecture)
    except (GatewayError, ValueError) as exc:  # ValueError: PriceListIncomplete
        log.info("Price List not used for %s/%s: %s", region, architecture, exc)
        return table_prices(region, architecture)
    try:
        price_cache.save(prices, now)
    except OSError as exc:  # the prices are still good for this run
        log.warning("could not cache the prices: %s", exc)
    return prices
