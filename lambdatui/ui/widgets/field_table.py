"""A pane of labelled fields in sections (configuration, triggers), on the virtual table.

Each section is put as a whole when its call completes, so sections fill in independently
and in any order while the pane keeps its layout and the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import BindingType

from ..bindings import FIELD_TABLE_BINDINGS
from ..context import OnLambdaTUI
from ..render.fields import Field
from ..render.values import age_text
from ..workers import ReportsWorkerFailures
from .virtual_table import Column, VirtualTable


def _label(field: Field) -> str:
    return field.label if field.heading else f"  {field.label}"


def _style(field: Field) -> str:
    return "bold" if field.heading else field.style


def _value_style(field: Field) -> str:
    return field.style


class FieldTable(OnLambdaTUI, ReportsWorkerFailures, VirtualTable[Field]):
    """Fields in section order; `enter` opens the raw document behind a line."""

    BINDINGS: ClassVar[list[BindingType]] = FIELD_TABLE_BINDINGS

    def __init__(self, *, label_width: int = 24, id: str | None = None) -> None:
        super().__init__(
            [
                Column(
                    "field",
                    "FIELD",
                    _label,
                    width=label_width,
                    sort_key=lambda f: f.order,
                    style=_style,
                ),
                Column(
                    "value",
                    "VALUE",
                    self._value,
                    min_width=10,
                    sort_key=lambda f: f.order,
                    style=_value_style,
                    volatile=True,  # ages ("Last modified"); the other values do not change
                ),
            ],
            row_key=lambda f: f.key,
            empty_text="Loading…",
            sort_column="field",
            id=id,
        )
        self._sections: dict[int, list[Field]] = {}
        self._revealed = False

    def _value(self, field: Field) -> str:
        if field.since is None:
            return field.shown_value
        return age_text(field.since, self.app.age_now())

    @property
    def revealed(self) -> bool:
        return self._revealed

    def put_section(self, fields: Sequence[Field]) -> None:
        """Replace one section's lines (all ``fields`` share one section index)."""
        if not fields:
            return
        self._sections[fields[0].index] = [f.revealed(self._revealed) for f in fields]
        self._refill()

    def clear_sections(self) -> None:
        """Forget every section and mask values again (the view shows another function)."""
        self._sections = {}
        self._revealed = False
        self.set_rows([])

    def reveal(self, on: bool) -> None:
        """Show (or mask again) secret values, for this view only."""
        self._revealed = on
        for index, fields in self._sections.items():
            self._sections[index] = [f.revealed(on) for f in fields]
        self._refill()

    def _refill(self) -> None:
        rows = [field for index in sorted(self._sections) for field in self._sections[index]]
        self.set_rows(rows)
