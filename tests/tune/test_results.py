"""The tuning maths, against figures worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from lambdatui.aws.prices import table_prices
from lambdatui.aws.report import Report
from lambdatui.tune.results import (
    SizeResult,
    p90,
    recommend,
    run_cost,
    summarise,
    to_csv,
    to_json,
)

PRICES = table_prices("us-east-1", "x86_64")
GB_S = Decimal("0.0000166667")
REQUEST = Decimal("0.0000002")


def rep(memory: int, duration: float, billed: int, init: float | None = None, **kw: str) -> Report:
    return Report("r", duration, billed, memory, 60, init, **kw)


def size(memory: int, cost: str, duration: float) -> SizeResult:
    return SizeResult(memory, 10, 1, 0, duration, duration, duration, duration, None, 60,
                      Decimal(cost), Decimal(cost) * 10)  # fmt: skip


def test_cold_starts_are_counted_and_kept_out_of_the_steady_figures() -> None:
    reports = [
        rep(128, 99.5, 100, init=210.0),
        rep(128, 99.2, 100),
        rep(128, 109.1, 110),
        rep(128, 119.3, 120),
        rep(128, 129.4, 130),
        rep(256, 50.0, 50, init=190.0),
    ]
    small, large = summarise(reports, PRICES)
    assert (small.memory_mb, small.runs, small.cold_starts) == (128, 5, 1)
    assert small.duration_p50_ms == pytest.approx((109.1 + 119.3) / 2)  # warm runs only
    assert small.duration_p90_ms == 129.4  # the 4th of 4 (nearest rank ⌈3.6⌉)
    assert (small.billed_p50_ms, small.billed_p90_ms) == (115, 130)
    assert small.init_p50_ms == 210.0
    # 128 MB = 0.125 GB, for 115 ms: 0.014375 GB-s.
    assert small.cost_per_invocation_usd == Decimal("0.014375") * GB_S + REQUEST
    assert small.cost_per_million_usd == small.cost_per_invocation_usd * 1_000_000
    # The run's own cost counts every run, the cold one too: 560 ms at 0.125 GB, 5 requests.
    assert small.total_cost_usd == Decimal("0.07") * GB_S + 5 * REQUEST
    # A size measured only cold still has figures, from its cold runs.
    assert (large.runs, large.cold_starts, large.billed_p50_ms) == (1, 1, 50)
    assert run_cost([small, large]) == small.total_cost_usd + large.total_cost_usd


def test_failures_are_counted() -> None:
    reports = [
        rep(128, 10, 10),
        rep(128, 3000, 3000, status="timeout"),
        rep(128, 5, 5, error_type="X"),
    ]
    assert summarise(reports, PRICES)[0].failures == 2


def test_p90_is_a_measured_value() -> None:
    assert p90([5.0]) == 5.0
    assert p90([float(n) for n in range(1, 11)]) == 9.0
    assert p90([float(n) for n in range(1, 12)]) == 10.0


KNEE = [size(128, "10", 1000), size(512, "6.2", 244), size(1024, "8", 240), size(3008, "20", 240)]


def test_cost_picks_the_cheapest_and_says_why() -> None:
    chosen = recommend(KNEE, "cost")
    assert chosen.memory_mb == 512
    assert chosen.reason == (
        "512 MB: 38% cheaper than 128 MB and 4.1× faster; "
        "above it the price rises with no gain in speed"
    )


def test_speed_picks_the_fastest_and_the_cheaper_of_a_tie() -> None:
    chosen = recommend(KNEE, "speed")
    assert chosen.memory_mb == 1024  # as fast as 3008 MB, and cheaper
    assert chosen.reason.startswith("1024 MB: 20% cheaper than 128 MB and 4.2× faster")


SLOPE = [size(128, "1.0", 1000), size(256, "1.1", 400), size(512, "2.0", 150), size(1024, "4", 100)]


def test_balanced_weighs_normalised_cost_against_normalised_duration() -> None:
    # w = 0.5, max cost 4, max duration 1000: 128 → .625, 256 → .3375, 512 → .325, 1024 → .55.
    assert recommend(SLOPE, "balanced", 0.5).memory_mb == 512
    assert recommend(SLOPE, "cost").memory_mb == 128
    assert recommend(SLOPE, "speed").memory_mb == 1024
    assert recommend(SLOPE, "balanced", 1.0).memory_mb == 128  # cost only
    assert recommend(SLOPE, "balanced", 0.0).memory_mb == 1024  # speed only
    assert recommend(SLOPE, "balanced", 7.0).weight == 1.0  # kept in [0, 1]


def test_the_smallest_size_winning_is_said_so() -> None:
    flat = [size(128, "1", 100), size(256, "2", 100)]
    chosen = recommend(flat, "cost")
    assert chosen.reason == (
        "128 MB: the smallest size tested is the cheapest; "
        "above it the price rises with no gain in speed"
    )


def test_bad_strategy_or_nothing_measured_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown strategy 'fast'"):
        recommend(KNEE, "fast")
    with pytest.raises(ValueError, match="nothing was measured"):
        recommend([], "cost")


def test_json_export_carries_the_twins_keys_and_the_prices_used() -> None:
    results = summarise([rep(512, 20.4, 21, init=100.0), rep(512, 10.2, 11)], PRICES)
    document = json.loads(to_json(results, recommend(results), PRICES))
    row = document["sizes"][0]
    assert {k: row[k] for k in ("memory", "runs", "cold_starts", "billed_p50_ms")} == {
        "memory": 512,
        "runs": 2,
        "cold_starts": 1,
        "billed_p50_ms": 11,
    }
    assert row["duration_p50_ms"] == 10.2
    assert row["cost_per_invocation_usd"] == float(Decimal("0.0055") * GB_S + REQUEST)
    assert document["recommendation"]["memory"] == 512
    assert document["prices"]["source"] == "table"
    assert document["prices"]["as_of"] == PRICES.as_of.isoformat()


def test_csv_export_has_a_header_and_one_row_per_size() -> None:
    results = summarise([rep(128, 10, 10), rep(256, 5, 5)], PRICES)
    rows = list(csv.DictReader(io.StringIO(to_csv(results))))
    assert [row["memory"] for row in rows] == ["128", "256"]
    assert rows[0]["init_p50_ms"] == ""
    assert Decimal(rows[1]["cost_per_invocation_usd"]) == results[1].cost_per_invocation_usd


def test_prices_say_where_they_came_from() -> None:
    today = date(2026, 12, 4)
    assert table_prices("eu-west-1", "arm64").per_gb_second == Decimal("0.0000133334")
    assert "10 days old" in PRICES.describe(today)
    elsewhere = table_prices("xx-nowhere-9")
    assert not elsewhere.exact_region
    assert "xx-nowhere-9 not in it, us-east-1's used" in elsewhere.describe(today)
