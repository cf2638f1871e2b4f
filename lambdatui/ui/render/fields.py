"""Rows of the configuration and triggers panes: pure data, built by ``render.config``.

A pane is a list of ``Field``s grouped in sections; each section is replaced as a whole when
its call completes. Secret values (environment variables) carry ``masked=True`` and are
shown as ``••••`` until the user reveals them for this view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from .values import age_text

MASK = "••••"

#: Cell styles (component classes of the table).
WARNING = "virtual-table--warning"
ERROR = "virtual-table--error"
MUTED = "virtual-table--muted"


@dataclass(frozen=True, slots=True)
class Field:
    """One line of a pane: a section heading, or a label and its value."""

    section: str
    index: int  # position of the section in the pane
    position: int  # position of the line in its section (0 = the heading)
    label: str
    value: str = ""
    style: str = ""
    masked: bool = False  # a secret, shown as MASK until revealed
    secret: bool = False  # True for values that may be revealed
    raw: Mapping[str, Any] | None = None  # the document behind this line, for "view raw"
    #: A note about secrets says something else once they are revealed (``value`` before).
    revealed_note: str | None = None
    #: An age ("5m ago"): the moment it counts from; the pane keeps ``value`` true as time
    #: passes (``value`` is the age when the line was made).
    since: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.section}\0{self.position}\0{self.label}"

    @property
    def order(self) -> tuple[int, int]:
        return (self.index, self.position)

    @property
    def heading(self) -> bool:
        return self.position == 0

    @property
    def shown_value(self) -> str:
        if self.revealed_note is not None:
            return self.value if self.masked else self.revealed_note
        return MASK if self.masked else self.value

    def revealed(self, reveal: bool) -> Field:
        return replace(self, masked=(self.secret or self.revealed_note is not None) and not reveal)


class Section:
    """Builds the fields of one section in order."""

    def __init__(self, title: str, index: int) -> None:
        self.title = title
        self.index = index
        self.fields: list[Field] = [Field(title, index, 0, title.upper())]

    def add(
        self,
        label: str,
        value: object,
        *,
        style: str = "",
        secret: bool = False,
        raw: Mapping[str, Any] | None = None,
        skip_empty: bool = False,
    ) -> Section:
        text = "" if value is None else str(value)
        if skip_empty and text in ("", "[]", "{}", "()"):
            return self
        self.fields.append(
            Field(
                self.title,
                self.index,
                len(self.fields),
                label,
                text,
                style=style,
                masked=secret,
                secret=secret,
                raw=raw,
            )
        )
        return self

    def add_age(self, label: str, moment: datetime | None, now: datetime) -> Section:
        """A line that says how long ago ``moment`` was, kept true as time passes."""
        self.add(label, age_text(moment, now))
        self.fields[-1] = replace(self.fields[-1], since=moment)
        return self

    def note(self, text: str, style: str = MUTED, *, revealed: str | None = None) -> Section:
        """A line of muted text; ``revealed``: what it says once secrets are revealed."""
        self.add("", text, style=style)
        if revealed is not None:
            self.fields[-1] = replace(self.fields[-1], masked=True, revealed_note=revealed)
        return self
