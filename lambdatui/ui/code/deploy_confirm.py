"""The last look before code is replaced: what goes over what, confirmed like an edit (a
production banner and the function's name to type there; a read-only warning).

Both a deploy (``DeployScreen``) and an undo of one (the Code pane's ``U``) ask this way: the
package's size and SHA-256 over the deployed one's, the RevisionId the deploy goes with, and
for a deploy the count of files that change and whether a version is published.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...sanitize import one_line
from ..bindings import DEPLOY_CONFIRM_BINDINGS
from ..dialogs.confirm import GuardedConfirmScreen


def facts_table(rows: list[tuple[str, str]]) -> Table:
    """Label │ value, each value sanitised (hashes and names come from AWS or the disk)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(label), Text(one_line(value)))
    return table


class ConfirmDeployScreen(GuardedConfirmScreen):
    """``rows`` (label, value) describe the change; enter deploys, escape goes back."""

    BINDINGS = DEPLOY_CONFIRM_BINDINGS

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
            keys=(("deploy.apply", "deploy"), ("deploy.back", "back")),
            refused="Read-only mode: the deploy will be refused, nothing will change.",
            mismatch=f"Type the function's name exactly ({function}) to deploy.",
            production=production,
            read_only=read_only,
        )
        self.rows = rows

    def body(self) -> Widget:
        return Static(facts_table(self.rows), id="confirm-diff")

    def action_apply(self) -> None:
        self.confirm()
