"""What a change of settings means and shows as: CPU share, price, the diff, the parameters."""

from __future__ import annotations

import pytest

from lambdatui.aws import settings_diff as s
from lambdatui.aws.settings import Context, Settings


def test_cpu_share_and_price() -> None:
    assert s.vcpus(1769) == pytest.approx(1.0)
    assert s.vcpus(10240) == pytest.approx(6.0)
    assert s.vcpus(128) == pytest.approx(128 / 1769)
    assert s.vcpus(6004) == pytest.approx(3.5, abs=0.01)  # halfway: linear
    assert s.price_per_second(1024, "x86_64") == pytest.approx(0.0000166667)
    assert s.price_per_second(1024, "arm64") < s.price_per_second(1024, "x86_64")
    assert s.memory_effect(512, 1769, "x86_64") == "1.00 vCPU, $0.0000288/s (×3.46)"


def test_diff_masks_values_and_warns_on_throttle() -> None:
    before = Settings(512, 3, 512, (("A", "1"), ("B", "2")), reserved=None)
    after = Settings(1769, 3, 512, (("A", "9"), ("C", "3")), reserved=0)
    changes = s.diff(before, after, Context(function="f"))
    rows = [(c.label, c.before, c.after) for c in changes]
    assert rows == [
        ("Memory", "512 MB", "1769 MB"),
        ("env A", "••••••", "••••••"),
        ("env B", "••••••", "(removed)"),
        ("env C", "(new)", "••••••"),
        (
            "Reserved concurrency",
            "none (unreserved pool)",
            "0 (throttled)",
        ),
    ]
    assert "throttles" in changes[-1].warning
    revealed = s.diff(before, after, Context(function="f"), reveal=True)
    assert ("env A", "1", "9") in [(c.label, c.before, c.after) for c in revealed]
    assert s.configuration_changes(before, after) == {
        "MemorySize": 1769,
        "Environment": {"Variables": {"A": "9", "C": "3"}},
    }
