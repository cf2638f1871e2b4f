"""Lambda's current prices from the AWS Price List API (``pricing:GetProducts``), mixed into
``Gateway``.

The Price List API answers in us-east-1 and ap-south-1 only, whatever region the function is
in, so its client has a region of its own (``PRICE_LIST_REGION``); the products asked for are
those of service ``AWSLambda`` whose ``regionCode`` is the function's region. Each product is a
JSON document: its ``attributes.usagetype`` names the meter (``Lambda-GB-Second``,
``Lambda-GB-Second-ARM``, ``Request``, ``Request-ARM``; outside us-east-1 with a region prefix,
``EUW1-Lambda-GB-Second``), and ``terms.OnDemand.*.priceDimensions.*`` its tiers, of which the
first (``beginRange`` 0) is used, as in ``prices``.

The caller (``tune.prices``) caches the answer and falls back to the table in ``prices`` when
this fails: denied (no ``pricing:GetProducts`` permission), unreachable, or an endpoint that
does not implement the API (moto does not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .clients import ClientSource
from .prices import Prices

PRICE_LIST_REGION = "us-east-1"
#: architecture → (the duration meter, the request meter), without a region prefix.
METERS = {
    "x86_64": ("Lambda-GB-Second", "Request"),
    "arm64": ("Lambda-GB-Second-ARM", "Request-ARM"),
}
_REGION_PREFIX = re.compile(r"^[A-Z]{2,4}\d*-")


class PriceListIncomplete(ValueError):
    """The Price List's answer lacks a price this needs."""


def _meter(usage_type: str) -> str:
    """'EUW1-Lambda-GB-Second' → 'Lambda-GB-Second' (us-east-1's have no prefix)."""
    return _REGION_PREFIX.sub("", usage_type, count=1)


def _first_tier_usd(product: dict[str, Any]) -> Decimal | None:
    for term in (product.get("terms") or {}).get("OnDemand", {}).values():
        for dimension in (term.get("priceDimensions") or {}).values():
            if str(dimension.get("beginRange", "0")) != "0":
                continue
            try:
                return Decimal(str(dimension["pricePerUnit"]["USD"]))
            except (KeyError, TypeError, InvalidOperation):
                continue
    return None


def parse_products(
    price_list: Iterable[str | dict[str, Any]], region: str, architecture: str, today: date
) -> Prices:
    """GetProducts' ``PriceList`` entries → the ``Prices`` of ``region`` and ``architecture``;
    PriceListIncomplete when the duration or request price is not among them."""
    duration_meter, request_meter = METERS.get(architecture, METERS["x86_64"])
    found: dict[str, Decimal] = {}
    for entry in price_list:
        try:
            product = json.loads(entry) if isinstance(entry, str) else entry
            attributes = product["product"]["attributes"]
        except (ValueError, KeyError, TypeError):
            continue
        if attributes.get("regionCode", region) != region:
            continue
        meter = _meter(str(attributes.get("usagetype", "")))
        if meter in (duration_meter, request_meter) and meter not in found:
            price = _first_tier_usd(product)
            if price is not None:
                found[meter] = price
    if duration_meter not in found or request_meter not in found:
        raise PriceListIncomplete(
            f"The Price List has no {duration_meter} and {request_meter} prices for {region}."
        )
    return Prices(
        region=region,
        architecture=architecture if architecture in METERS else "x86_64",
        per_gb_second=found[duration_meter],
        per_request=found[request_meter],
        source="price-list",
        as_of=today,
    )


class PricingCalls(ClientSource):
    """The Price List call of ``Gateway`` (see the module docstring)."""

    async def lambda_prices(self, region: str, architecture: str = "x86_64") -> Prices:
        """Lambda's current on-demand prices in ``region`` for ``architecture``. Raises
        ``GatewayError`` (denied, unreachable, not implemented) or PriceListIncomplete."""
        pricing = await self.client(
            "pricing",
            variant="price-list",
            region_name=PRICE_LIST_REGION,
            retries={"total_max_attempts": 1},
            connect_timeout=3,
            read_timeout=10,
        )
        request: dict[str, Any] = {
            "ServiceCode": "AWSLambda",
            "Filters": [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": region}],
            "FormatVersion": "aws_v1",
            "MaxResults": 100,
        }
        entries: list[str | dict[str, Any]] = []
        async with self._translating("pricing", "GetProducts"):
            for _page in range(20):  # Lambda has a few dozen products a region
                reply = await pricing.get_products(**request)
                entries.extend(reply.get("PriceList") or [])
                token = reply.get("NextToken")
                if not token:
                    break
                request["NextToken"] = token
        return parse_products(entries, region, architecture, date.today())
