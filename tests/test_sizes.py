"""One way to write a byte count, everywhere."""

from __future__ import annotations

import pytest

from lambdatui.sizes import format_size


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (None, "-"),
        (0, "0 B"),
        (1023, "1,023 B"),
        (1024, "1 KB"),
        (58_982, "57.6 KB"),
        (6 * 1024 * 1024, "6 MB"),
        (2_638_903, "2.5 MB"),
        (76_800 * 1024 * 1024, "75 GB"),
        (3 * 1024**4, "3 TB"),
    ],
)
def test_the_largest_sensible_unit(count: int | None, shown: str) -> None:
    assert format_size(count) == shown
