"""Text measured in terminal cells, not characters: ``漢`` and ``😀`` take two cells, a
combining accent none. Every place that pads or cuts text into columns goes through here, so a
name with wide characters cannot push the columns after it (a leaf module: Rich only)."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

__all__ = ["ELLIPSIS", "cell_len", "fit", "pad"]

ELLIPSIS = "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (left-aligned unless ``right``); a longer
    text is returned whole."""
    missing = width - cell_len(text)
    if missing <= 0:
        return text
    return " " * missing + text if right else text + " " * missing


def fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with ``…`` as its last cell."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    return pad(text, width, right=right)
