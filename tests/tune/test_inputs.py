"""Memory sizes read from the user, and the worst-case notice before a run."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lambdatui.aws.prices import table_prices
from lambdatui.tune.inputs import (
    default_sizes,
    notice,
    parse_runs,
    parse_sizes,
    worst_case_cost,
)

PRICES = table_prices("us-east-1")


def test_the_default_spread_includes_one_full_vcpu() -> None:
    assert default_sizes() == [128, 256, 512, 1024, 1769, 3008]


def test_a_typed_list_is_sorted_and_deduplicated() -> None:
    assert parse_sizes("512, 128,256,128") == [128, 256, 512]
    assert parse_sizes("1024 MB,") == [1024]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("128,abc", "'abc' is not a memory size"),
        ("128,1.5", "'1.5' is not a memory size"),
        ("64", "64 MB is out of range: memory must be 128–10240 MB"),
        ("20000", "20000 MB is out of range"),
        (" , ", "Give at least one memory size"),
    ],
)
def test_a_bad_list_names_the_bad_entry(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_sizes(text)


def test_managed_instances_allow_more_memory() -> None:
    assert parse_sizes("20000", managed_instances=True) == [20000]


def test_runs_per_size() -> None:
    assert parse_runs("10") == 10
    for bad in ("0", "-1", "ten", "1001"):
        with pytest.raises(ValueError, match="whole number from 1 to 1000"):
            parse_runs(bad)


def test_the_worst_case_is_every_run_lasting_the_whole_timeout() -> None:
    # 10 runs at 0.125 GB and 10 at 1 GB, 3 s each: 33.75 GB-s and 20 requests.
    expected = Decimal("33.75") * Decimal("0.0000166667") + 20 * Decimal("0.0000002")
    assert worst_case_cost([128, 1024], 10, 3, PRICES) == expected
    text = notice("shop", [128, 1024], 10, 3, PRICES)
    assert "really runs shop 20 times (10 × 2 memory sizes), side effects included" in text
    assert f"at most ${expected:.10f}" in text
    assert "Timeout of 3 s" in text
