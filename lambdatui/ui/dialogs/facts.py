"""A change shown as (label, value) facts before it is made: what a deploy or a release
change replaces with what, confirmed like an edit (a production banner and the function's name
to type there; a read-only warning). Subclasses name their keys and words."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...sanitize import one_line
from .confirm import GuardedConfirmScreen


def facts_table(rows: list[tuple[str, str]]) -> Table:
    """Label │ value, each value sanitised (hashes and names come from AWS or the disk)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(label), Text(one_line(value)))
    return table


class FactsConfirmScreen(GuardedConfirmScreen):
    """``rows`` (label, value) describe the change; the apply key applies, back goes back."""

    #: The binding ids of the apply and back keys, with the words their hints say.
    KEYS: tuple[tuple[str, str], tuple[str, str]]
    #: What is refused in read-only mode ("the deploy"), and the verb of the typed name ("deploy").
    WHAT = "this"
    VERB = "apply"

    def __init__(
        self,
        function: str,
        title: str,
        rows: list[tuple[str, str]],
        *,
        production: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__(
            name=function,
            title=title,
            keys=self.KEYS,
            refused=f"Read-only mode: {self.WHAT} will be refused, nothing will change.",
            mismatch=f"Type the function's name exactly ({function}) to {self.VERB}.",
            production=production,
            read_only=read_only,
        )
        self.rows = rows

    def body(self) -> Widget:
        return Static(facts_table(self.rows), id="confirm-diff")

    def action_apply(self) -> None:
        self.confirm()
