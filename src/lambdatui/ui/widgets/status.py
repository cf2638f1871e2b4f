"""The status line: profile, region, account, endpoint, and how many functions are loaded."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...aws.target import Target
from ...sanitize import one_line


class StatusLine(Static):
    """One line at the top of the function list."""

    def __init__(self, target: Target, *, demo: bool = False, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.target = target
        self.demo = demo
        self.account = ""
        self.progress = ""
        self.note = ""

    def on_mount(self) -> None:
        self.refresh_text()

    def set(
        self, *, account: str | None = None, progress: str | None = None, note: str | None = None
    ) -> None:
        if account is not None:
            self.account = account
        if progress is not None:
            self.progress = progress
        if note is not None:
            self.note = note
        self.refresh_text()

    def refresh_text(self) -> None:
        sep = (" │ ", "dim")
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("demo" if self.demo else one_line(self.target.profile_label), "bold")
        text.append(*sep)
        text.append(one_line(self.target.region), "bold")
        text.append(*sep)
        text.append(self.account or "account …")
        if self.target.read_only:
            text.append(*sep)
            text.append("READ-ONLY", "bold")
        if self.progress:
            text.append(*sep)
            text.append(self.progress)
        if self.note:
            text.append(*sep)
            text.append(one_line(self.note), "italic")
        endpoint = self.target.custom_endpoint
        if self.demo:
            text.append(*sep)
            text.append("embedded demo account", "dim")
        elif endpoint:
            text.append(*sep)
            text.append(one_line(endpoint), "dim")
        self.update(text)
