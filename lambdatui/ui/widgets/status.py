"""The status line: profile, region, account, endpoint, and how many functions are loaded."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from ...aws.target import Target
from ...sanitize import one_line

SEPARATOR = (" │ ", "dim")


def target_text(target: Target, account: str, *, demo: bool = False) -> Text:
    """'profile │ region │ account[ │ READ-ONLY]': where every screen says it is looking."""
    text = Text(no_wrap=True, overflow="ellipsis")
    # The demo's own profile is "demo"; a function opened from its fleet names the other one.
    label = one_line(target.profile_label)
    if demo:
        label = f"demo · {label}" if target.profile else "demo"
    text.append(label, "bold")
    text.append(*SEPARATOR)
    text.append(one_line(target.region), "bold")
    text.append(*SEPARATOR)
    text.append(one_line(account) if account else "account …")
    if target.read_only:
        text.append(*SEPARATOR)
        text.append("READ-ONLY", "bold")
    return text


class StatusLine(Static):
    """One line at the top of the function list."""

    class AccountKnown(Message):
        """The line shows a new account id (or "account ?"): the app keeps it, for the other
        screens' headers (a widget does not write the app's state)."""

        def __init__(self, account: str) -> None:
            super().__init__()
            self.account = account

    def __init__(self, target: Target, *, demo: bool = False, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.target = target
        self.demo = demo
        self.account = ""
        self.progress = ""
        self.note = ""
        #: What the list's metrics columns say about themselves (a failure, a whole-list fetch).
        self.metrics = ""

    def on_mount(self) -> None:
        self.refresh_text()

    def set(
        self,
        *,
        account: str | None = None,
        progress: str | None = None,
        note: str | None = None,
        metrics: str | None = None,
    ) -> None:
        if account is not None:
            self.account = account
            if self.is_attached:
                self.post_message(self.AccountKnown(account))
        if progress is not None:
            self.progress = progress
        if note is not None:
            self.note = note
        if metrics is not None:
            self.metrics = metrics
        self.refresh_text()

    def refresh_text(self) -> None:
        sep = SEPARATOR
        text = target_text(self.target, self.account, demo=self.demo)
        if self.progress:
            text.append(*sep)
            text.append(self.progress)
        if self.note:
            text.append(*sep)
            text.append(one_line(self.note), "italic")
        if self.metrics:
            text.append(*sep)
            text.append(one_line(self.metrics), "italic")
        endpoint = self.target.custom_endpoint
        if self.demo:
            text.append(*sep)
            text.append("embedded demo account", "dim")
        elif endpoint:
            text.append(*sep)
            text.append(one_line(endpoint), "dim")
        # one line, as wide as the screen (#status in app.tcss): a new text needs no layout
        # of the screen (a full one at each filter keystroke, at 10,000 rows)
        self.update(text, layout=False)
