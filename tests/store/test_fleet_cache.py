"""The fleet cache: a warm start paints the last fleet; any damage is a miss."""

from __future__ import annotations

from dataclasses import replace

from lambdatui.aws.fleet import FleetRow
from lambdatui.aws.records import FunctionSummary
from lambdatui.store import fleet_cache
from lambdatui.store.fleet_cache import FleetChoice, fleet_key, load_fleet, save_fleet

_FN = FunctionSummary(
    "f",
    "arn:aws:lambda:eu-west-1:1:function:f",
    "python3.12",
    "Zip",
    128,
    3,
    "t",
    "Active",
    ("arm64",),
    "d",
)


def test_a_saved_fleet_reads_back_row_for_row() -> None:
    rows = [
        FleetRow("dev", "111", "eu-west-1", _FN),
        FleetRow("prod", "222", "us-east-1", replace(_FN, name="g", description="ü")),
    ]
    key = fleet_key(["dev", "prod"], ["eu-west-1", "us-east-1"], None)
    save_fleet(key, rows)
    cached = load_fleet(key)
    assert cached is not None and cached.rows == rows
    assert fleet_cache.cache_file(key).stat().st_mode & 0o777 == 0o600


def test_the_key_is_the_choice_not_its_order_and_names_the_endpoint() -> None:
    assert fleet_key(["a", "b"], ["x", "y"], None) == fleet_key(["b", "a"], ["y", "x"], None)
    assert fleet_key(["a"], ["x"], None) != fleet_key(["a"], ["x"], "http://127.0.0.1:1")
    assert fleet_key(["a"], ["x", "y"], None) != fleet_key(["a", "x"], ["y"], None)


def test_a_damaged_or_absent_cache_is_a_miss() -> None:
    key = fleet_key(["a"], ["x"], None)
    assert load_fleet(key) is None
    save_fleet(key, [FleetRow("a", "1", "x", _FN)])
    fleet_cache.cache_file(key).write_text('{"version": 1, "columns": []')
    assert load_fleet(key) is None


def test_the_choice_is_remembered() -> None:
    assert fleet_cache.load_choice() is None
    fleet_cache.save_choice(FleetChoice(("dev",), ("eu-west-1", "us-east-1")))
    assert fleet_cache.load_choice() == FleetChoice(("dev",), ("eu-west-1", "us-east-1"))
