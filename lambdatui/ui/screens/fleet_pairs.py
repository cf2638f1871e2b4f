"""The fleet's (profile, region) pairs: each one's status as a table, and the gateway lent to
the app while a function of that pair is open.

Every screen (configuration, invoke, logs, edit, monitoring, code) reads ``app.target`` and
``app.gateway``; none takes a gateway of its own. So the fleet does not make them take one:
it lends the app the pair's target and gateway (one per pair, kept while the fleet is open,
sharing a botocore session per profile) and takes the app's own back when the fleet is shown
again. The status line and headers then say the pair's profile and region, as they should.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ...aws import fleet as fleet_states
from ...aws.fleet import PairStatus
from ...aws.target import Target
from ...sanitize import one_line

if TYPE_CHECKING:
    from ...aws.gateway import Gateway, SessionShare
    from ..app import LambdaTUI

_STYLES = {
    fleet_states.DONE: "",
    fleet_states.LOADING: "dim",
    fleet_states.WAITING: "dim",
    fleet_states.DENIED: "bold",
    fleet_states.NOT_ENABLED: "",
}


def pairs_table(statuses: list[PairStatus]) -> Table:
    """One line per pair: profile, region, what it is doing or why it failed."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis")
    for status in sorted(statuses, key=lambda s: (not s.failed, s.profile, s.region)):
        style = _STYLES.get(status.state, "bold")
        mark = "✗ " if status.failed else "  "
        table.add_row(
            one_line(status.profile),
            one_line(status.region),
            Text(mark + one_line(status.text), style=style),
        )
    return table


class PairGateways:
    """The pairs' gateways, and the app's own target, gateway and account while one is lent."""

    def __init__(self, app: LambdaTUI) -> None:
        self.app = app
        self._gateways: dict[tuple[str, str], Gateway] = {}
        self._sessions: SessionShare | None = None
        self._saved: tuple[Target, Gateway, str] | None = None
        #: The pair lent now, or None.
        self.lent: tuple[str, str] | None = None

    def lend(self, target: Target, account: str) -> None:
        """Make ``target`` (a pair of the fleet) the app's, with its gateway, until
        ``give_back``: the screens pushed meanwhile work on that profile and region."""
        from ...aws.gateway import Gateway, SessionShare

        app = self.app
        if self._saved is None:
            self._saved = (app.target, app.gateway, app.account)
        read_only = app.target.read_only
        key = (target.profile_label, target.region)
        gateway = self._gateways.get(key)
        if gateway is None:
            self._sessions = self._sessions or SessionShare()
            gateway = self._gateways[key] = Gateway(target, sessions=self._sessions)
        gateway.set_read_only(read_only)
        app.target = replace(target, read_only=read_only)
        app.gateway = gateway
        app.account = account
        self.lent = key

    def give_back(self) -> None:
        """The app's own target and gateway again (read-only as it is now)."""
        if self._saved is None:
            return
        target, gateway, account = self._saved
        self._saved, self.lent = None, None
        app = self.app
        if not any(app.gateway is lent for lent in self._gateways.values()):
            return  # the user switched target meanwhile (P / R): that one stays
        read_only = app.target.read_only
        gateway.set_read_only(read_only)
        app.target = replace(target, read_only=read_only)
        app.gateway = gateway
        app.account = account

    async def close(self) -> None:
        gateways, self._gateways = list(self._gateways.values()), {}
        for gateway in gateways:
            await gateway.close()
