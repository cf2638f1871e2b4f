"""Which profiles × regions the fleet lists: two lines to fill, empty meaning all.

Profiles: names separated by commas, or empty for every profile of the AWS files (they are
listed below the boxes). Regions: names, or empty for the account's enabled regions where the
caller may ask (account:ListRegions), else botocore's Lambda regions. The fleet view remembers
the choice (``store.fleet_cache.save_choice``).
"""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...aws.profiles import list_profiles
from ...sanitize import one_line
from ...store.fleet_cache import FleetChoice
from ..bindings import FLEET_CHOICE_BINDINGS, key_hint
from ..workers import ReportsWorkerFailures


def _names(text: str) -> tuple[str, ...]:
    """'a, b  c' → ('a', 'b', 'c'), duplicates dropped."""
    return tuple(dict.fromkeys(part for part in text.replace(",", " ").split() if part))


class FleetChoiceScreen(ReportsWorkerFailures, ModalScreen[FleetChoice | None]):
    """Profiles and regions for the fleet; enter (or ctrl+s) lists them, escape keeps the
    last choice."""

    BINDINGS = FLEET_CHOICE_BINDINGS

    def __init__(self, choice: FleetChoice | None) -> None:
        super().__init__()
        self.choice = choice or FleetChoice()

    def compose(self) -> ComposeResult:
        with Vertical(id="fleet-choice-body"):
            yield Static("Fleet: which profiles and regions", id="fleet-choice-title")
            yield Static("Profiles (empty: every profile)", classes="fleet-choice-label")
            yield Input(", ".join(self.choice.profiles), id="fleet-profiles")
            yield Static(
                "Regions (empty: the account's enabled regions)", classes="fleet-choice-label"
            )
            yield Input(", ".join(self.choice.regions), id="fleet-regions")
            yield Static("", id="fleet-choice-known", markup=False)
            yield Static("", id="fleet-choice-keys", markup=False)

    def on_mount(self) -> None:
        accept, cancel = (key_hint(self, f"fleet.choice.{name}") for name in ("accept", "cancel"))
        self.query_one("#fleet-choice-keys", Static).update(
            f"enter: the next box, then list these · {accept}: list these · "
            f"{cancel}: keep the last choice"
        )
        self.load_profiles()

    @work(exclusive=True, exit_on_error=False)
    async def load_profiles(self) -> None:
        profiles = await asyncio.to_thread(list_profiles)
        names = ", ".join(one_line(profile.name) for profile in profiles) or "none (default)"
        self.query_one("#fleet-choice-known", Static).update(f"Profiles in your AWS files: {names}")

    def action_accept(self) -> None:
        profiles = _names(self.query_one("#fleet-profiles", Input).value)
        regions = _names(self.query_one("#fleet-regions", Input).value.lower())
        self.dismiss(FleetChoice(profiles, regions))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "fleet-profiles":
            self.query_one("#fleet-regions", Input).focus()
            return
        self.action_accept()
