"""Lambda's prices from the Price List API (pricing:GetProducts), cached a day, and the dated
table standing in when the API is denied, unreachable or not implemented (the local account and
plain moto have no Price List)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.prices import TABLE_TAKEN, Prices, table_prices
from lambdatui.aws.pricing_gateway import PriceListIncomplete, parse_products
from lambdatui.aws.target import resolve_target
from lambdatui.store import price_cache
from lambdatui.tune.prices import current_prices
from tests.wire import canned_endpoint, serving

TODAY = date(2026, 12, 7)


def product(usage: str, region: str, *tiers: tuple[str, str]) -> str:
    """One PriceList entry as GetProducts returns it (a JSON string)."""
    dimensions = {
        f"SKU.TERM.{index}": {"beginRange": begin, "pricePerUnit": {"USD": usd}}
        for index, (begin, usd) in enumerate(tiers)
    }
    return json.dumps(
        {
            "product": {"attributes": {"usagetype": usage, "regionCode": region}},
            "terms": {"OnDemand": {"SKU.TERM": {"priceDimensions": dimensions}}},
        }
    )


EU_WEST_1 = [
    product("EU-Lambda-Edge-Request", "eu-west-1", ("0", "0.0000006")),
    product("Global-Request", "eu-west-1", ("0", "0")),
    product(
        "EUW1-Lambda-GB-Second",
        "eu-west-1",
        ("15000000000", "0.0000133334"),
        ("0", "0.0000166667"),
        ("6000000000", "0.0000150000"),
    ),
    product("EUW1-Lambda-GB-Second-ARM", "eu-west-1", ("0", "0.0000133334")),
    product("EUW1-Request", "eu-west-1", ("0", "0.0000002000")),
    product("EUW1-Request-ARM", "eu-west-1", ("0", "0.0000002100")),
    product("USE1-Request-ARM", "us-east-1", ("0", "9")),  # another region's: ignored
]


def test_the_first_tier_of_each_meter_is_read_across_region_prefixes() -> None:
    x86 = parse_products(EU_WEST_1, "eu-west-1", "x86_64", TODAY)
    assert (x86.per_gb_second, x86.per_request) == (Decimal("0.0000166667"), Decimal("2E-7"))
    arm = parse_products(EU_WEST_1, "eu-west-1", "arm64", TODAY)
    assert (arm.per_gb_second, arm.per_request) == (Decimal("0.0000133334"), Decimal("2.1E-7"))
    assert (arm.source, arm.as_of) == ("price-list", TODAY)


def test_a_price_list_without_the_meters_is_incomplete() -> None:
    with pytest.raises(PriceListIncomplete, match="Lambda-GB-Second-ARM and Request-ARM"):
        parse_products([*EU_WEST_1[:2], "not json", "{}"], "eu-west-1", "arm64", TODAY)


@contextmanager
def price_list(entries: list[str]) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """An endpoint answering GetProducts with ``entries``; yields (url, requests seen)."""
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"target": self.headers["X-Amz-Target"], **request["Filters"][0]})
            seen[-1]["authorization"] = self.headers["Authorization"]
            body = json.dumps({"FormatVersion": "aws_v1", "PriceList": entries}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as url:
        yield url, seen


def gateway(endpoint: str, region: str = "eu-west-1") -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region=region))


async def test_prices_are_asked_of_us_east_1_for_the_functions_region_and_cached() -> None:
    now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    with price_list(EU_WEST_1) as (url, seen):
        async with gateway(url) as gw:
            prices = await current_prices(gw, "eu-west-1", "arm64", now)
            again = await current_prices(gw, "eu-west-1", "arm64", now + timedelta(hours=23))
    assert prices.source == "price-list" and prices.per_request == Decimal("2.1E-7")
    assert again == prices
    assert len(seen) == 1  # the second came from the cache
    assert seen[0]["target"] == "AWSPriceListService.GetProducts"
    assert (seen[0]["Field"], seen[0]["Value"]) == ("regionCode", "eu-west-1")
    assert "/us-east-1/pricing/aws4_request" in seen[0]["authorization"]
    cached = price_cache.cache_file("eu-west-1", "arm64")
    assert stat.S_IMODE(os.stat(cached).st_mode) == 0o600


async def test_cached_prices_older_than_a_day_are_fetched_again() -> None:
    now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    stale = Prices("eu-west-1", "x86_64", Decimal(1), Decimal(1), "price-list", TODAY)
    price_cache.save(stale, now - timedelta(days=1, seconds=1))
    with price_list(EU_WEST_1) as (url, seen):
        async with gateway(url) as gw:
            prices = await current_prices(gw, "eu-west-1", "x86_64", now)
    assert (len(seen), prices.per_gb_second) == (1, Decimal("0.0000166667"))


async def test_denied_the_table_stands_in_and_says_its_age() -> None:
    with canned_endpoint(403, "AccessDeniedException", "not authorized") as (url, seen):
        async with gateway(url) as gw:
            prices = await current_prices(gw, "eu-west-1", "x86_64")
    assert seen  # it was asked
    assert prices == table_prices("eu-west-1", "x86_64")
    age = (TODAY - TABLE_TAKEN).days
    assert prices.describe(TODAY) == f"price table of {TABLE_TAKEN.isoformat()} ({age} days old)"
    assert not price_cache.cache_file("eu-west-1", "x86_64").exists()


async def test_unreachable_the_table_stands_in() -> None:
    async with gateway("http://127.0.0.1:9") as gw:
        prices = await current_prices(gw, "us-east-1", "arm64")
    assert (prices.source, prices.per_gb_second) == ("table", Decimal("0.0000133334"))


@pytest.mark.slow
async def test_the_local_account_has_no_price_list_so_the_table_is_used(account: Any) -> None:
    async with gateway(account.endpoint_url, account.region) as gw:
        prices = await current_prices(gw, account.region, "x86_64")
    assert prices == table_prices(account.region, "x86_64")


@pytest.mark.slow
async def test_plain_moto_has_no_price_list_so_the_table_is_used(plain_moto: Any) -> None:
    async with gateway(plain_moto.endpoint_url, "us-east-1") as gw:
        prices = await current_prices(gw, "us-east-1", "arm64")
    assert prices == table_prices("us-east-1", "arm64")
