"""Baseline of bench_startup: a minimal Textual app that paints one line (the argument)."""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Paint(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(sys.argv[1])


if __name__ == "__main__":
    Paint().run()
