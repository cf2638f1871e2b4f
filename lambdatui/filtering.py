"""Filter expressions, k9s style: substring (case-insensitive), ``re:`` regex, ``!`` inverts.

Pure functions, no Textual. ``parse_filter`` returns a predicate over a row's haystack text,
or raises ``FilterError`` for an invalid regular expression (the UI keeps the last good one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Substring:
    """The plain-text matcher: ``needle`` in a haystack (or not, ``invert``). A table model that
    knows it tests ``needle in text`` inline over its search texts (no Python call per row:
    at 50,000 rows that call is most of a keystroke); anyone else just calls it."""

    needle: str
    invert: bool = False

    def __call__(self, haystack: str) -> bool:
        return (self.needle in haystack) is not self.invert


class FilterError(ValueError):
    """The expression cannot be used (an invalid regular expression)."""


class Filter(NamedTuple):
    """What the user typed, and its matcher. (A NamedTuple: the function list makes one at
    start-up, and it is defined in ~0.1 ms, where a frozen dataclass takes ~0.6.)"""

    text: str
    match: Callable[[str], bool] | None  # None: everything matches

    @property
    def active(self) -> bool:
        return self.match is not None


def parse_filter(expression: str) -> Filter:
    """Turn what the user typed into a matcher over lower-cased haystacks."""
    text = expression
    invert = text.startswith("!")
    if invert:
        text = text[1:]
    if text.startswith("re:"):
        pattern = text[3:]
        if not pattern:
            return Filter(expression, None)
        try:
            regex = re.compile(pattern, re.IGNORECASE | re.MULTILINE)  # ^ $ per field
        except re.error as exc:
            raise FilterError(f"invalid regex: {exc}") from exc
        search = regex.search
        positive: Callable[[str], bool] = lambda hay: search(hay) is not None  # noqa: E731
    else:
        needle = text.strip().lower()
        if not needle:
            return Filter(expression, None)
        return Filter(expression, Substring(needle, invert))
    if invert:
        return Filter(expression, lambda hay: not positive(hay))
    return Filter(expression, positive)
