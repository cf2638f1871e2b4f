"""What a terminal shows, from ``tmux capture-pane -e``: text runs with their colours as RGB
(256-colour and 16-colour codes through xterm's palette) and WCAG contrast between them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

RGB = tuple[int, int, int]
_BASE: list[RGB] = [
    (0, 0, 0), (128, 0, 0), (0, 128, 0), (128, 128, 0),
    (0, 0, 128), (128, 0, 128), (0, 128, 128), (192, 192, 192),
    (128, 128, 128), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (0, 0, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
]  # fmt: skip
_STEPS = (0, 95, 135, 175, 215, 255)


def xterm(index: int) -> RGB:
    """xterm's colour ``index`` (0-255) as RGB."""
    if index < 16:
        return _BASE[index]
    if index < 232:
        n = index - 16
        return (_STEPS[n // 36], _STEPS[n // 6 % 6], _STEPS[n % 6])
    grey = 8 + (index - 232) * 10
    return (grey, grey, grey)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1 (same) to 21 (black on white)."""

    def luminance(rgb: RGB) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Run:
    row: int
    text: str
    fg: RGB | None  # None: the terminal's own foreground
    bg: RGB | None  # None: the terminal's own background


def runs(captured: str) -> Iterator[Run]:
    """The text runs of a ``capture-pane -e`` dump, each with the colours it is drawn in."""
    fg: RGB | None = None
    bg: RGB | None = None
    for row, line in enumerate(captured.split("\n")):
        for match in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b]+)", line):
            if match.group(2) is not None:
                yield Run(row, match.group(2), fg, bg)
                continue
            codes = [int(c) for c in match.group(1).split(";") if c] or [0]
            i = 0
            while i < len(codes):
                code = codes[i]
                colour: RGB | None = None
                if code in (38, 48) and codes[i + 1] == 5:
                    colour, i = xterm(codes[i + 2]), i + 2
                elif code in (38, 48) and codes[i + 1] == 2:
                    colour, i = (codes[i + 2], codes[i + 3], codes[i + 4]), i + 4
                if code == 0:
                    fg = bg = None
                elif code == 39:
                    fg = None
                elif code == 49:
                    bg = None
                elif code == 38:
                    fg = colour
                elif code == 48:
                    bg = colour
                elif 30 <= code <= 37 or 90 <= code <= 97:
                    fg = xterm(code - 30 if code < 90 else code - 82)
                elif 40 <= code <= 47 or 100 <= code <= 107:
                    bg = xterm(code - 40 if code < 100 else code - 92)
                i += 1


def colour_codes(captured: str) -> set[str]:
    """Which kinds of colour codes were used: "truecolor", "256" and/or "16"."""
    kinds = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", captured):
        codes = [int(c) for c in params.split(";") if c]
        i = 0
        while i < len(codes):
            if codes[i] in (38, 48):
                kinds.add("truecolor" if codes[i + 1] == 2 else "256")
                i += 5 if codes[i + 1] == 2 else 3
                continue
            if 30 <= codes[i] <= 37 or 40 <= codes[i] <= 47 or 90 <= codes[i] <= 107:
                kinds.add("16")
            i += 1
    return kinds
