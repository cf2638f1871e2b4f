"""Byte counts as people read them: the largest unit in which the number is at least 1.

A leaf module (no imports of ours), used by the UI and the command-line twins alike, so a size
reads the same everywhere: ``512 B``, ``57.6 KB``, ``2.5 MB``, ``75 GB`` (units of 1,024).
"""

from __future__ import annotations

__all__ = ["format_size"]

_UNITS = (("TB", 1024**4), ("GB", 1024**3), ("MB", 1024**2), ("KB", 1024))


def format_size(count: int | None) -> str:
    """``count`` bytes in the largest sensible unit, one decimal at most ('-' when unknown)."""
    if count is None:
        return "-"
    for unit, scale in _UNITS:
        if abs(count) >= scale:
            number = f"{count / scale:,.1f}".removesuffix(".0")
            return f"{number} {unit}"
    return f"{count:,} B"
