"""What the function list and the fleet view share about their `/` filter."""

from __future__ import annotations

from ...filtering import Filter


def filter_narrows(previous: Filter, new: Filter) -> bool:
    """True when ``new`` can only hide more rows than ``previous``: one more character typed
    at the end of a plain substring. Then the table tests only the rows shown now."""
    text, before = new.text, previous.text
    return (
        bool(before)
        and text.startswith(before)
        and not text.startswith(("re:", "!"))
        and previous.active
    )
