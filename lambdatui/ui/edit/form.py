"""The edit form's widgets: the scrolling form, and one row per environment variable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input

from ...sanitize import one_line

_MASK = "••••••"


class EditForm(VerticalScroll, can_focus=False):
    """The scrolling form: tab goes from field to field, never to the container."""


class EnvRow(Horizontal):
    """One environment variable: name and value. An empty name removes it.

    A masked value is not in any widget (its field is empty, disabled and shows a mask of fixed
    length, so neither the value nor its length is on screen); revealed, it is an ordinary
    field. A variable added in the form is never masked: its value is being typed. The field
    shows the value on one line without control characters (an Input draws them as they are);
    left as shown, the value stays the original one.
    """

    def __init__(self, key: str, value: str, *, masked: bool) -> None:
        super().__init__(classes="edit-env-row")
        self._key, self._value, self._masked = key, value, masked

    def compose(self) -> ComposeResult:
        yield Input(self._key, placeholder="NAME", classes="edit-env-key")
        yield Input(
            "" if self._masked else one_line(self._value),
            placeholder=f"{_MASK} (^r reveals)" if self._masked else "value",
            disabled=self._masked,
            classes="edit-env-value",
        )

    @property
    def pair(self) -> tuple[str, str]:
        inputs = list(self.query(Input))
        if len(inputs) != 2:  # not composed yet
            return self._key.strip(), self._value
        value = self._value if self._masked else inputs[1].value
        if value == one_line(self._value):  # shown cleaned, not changed
            value = self._value
        return inputs[0].value.strip(), value

    def set_masked(self, masked: bool) -> None:
        if masked == self._masked:
            return
        field = self.query(Input).last()
        with field.prevent(Input.Changed):
            if masked:
                if field.value != one_line(self._value):
                    self._value = field.value
                field.value = ""
            else:
                field.value = one_line(self._value)
        field.placeholder = f"{_MASK} (^r reveals)" if masked else "value"
        field.disabled = masked
        self._masked = masked
