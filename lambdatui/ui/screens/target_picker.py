"""Pick another profile or region: recent targets first, then every profile (or region).

Type to narrow the list; `enter` switches, `escape` closes without changing anything.
Profiles and regions are read in a thread (botocore's parser and endpoint data).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...aws.profiles import AwsProfile, lambda_regions, list_profiles
from ...sanitize import one_line
from ...store import state as saved_state
from ..bindings import PICKER_BINDINGS
from ..workers import ReportsWorkerFailures

PROFILE, REGION = "profile", "region"


@dataclass(frozen=True)
class Choice:
    """Where to switch: ``None`` keeps the current value (a region change keeps the profile)."""

    profile: str | None
    region: str | None
    #: The profile is switched to (``profile`` None then means the default profile).
    switch_profile: bool = False


class TargetPicker(ReportsWorkerFailures, ModalScreen[Choice | None]):
    """A filterable list of recent targets and profiles (``mode=PROFILE``) or regions."""

    BINDINGS = PICKER_BINDINGS

    def __init__(self, mode: str, *, current_profile: str | None, current_region: str) -> None:
        super().__init__()
        self.mode = mode
        self.current = (current_profile, current_region)
        self._choices: list[tuple[str, Choice, str]] = []  # (label, choice, search text)

    def compose(self) -> ComposeResult:
        title = "Switch profile" if self.mode == PROFILE else "Switch region"
        with Vertical(id="picker-body"):
            yield Static(title, id="picker-title", markup=False)
            yield Input(placeholder="type to narrow", id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self.query_one("#picker-list", OptionList).add_option(Option("loading…", disabled=True))
        self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        recent = (await asyncio.to_thread(saved_state.load)).recent
        choices: list[tuple[str, Choice, str]] = []
        for target in recent:
            if (target.profile, target.region) == self.current:
                continue
            if self.mode == REGION:  # this profile's recent regions
                if target.profile == self.current[0]:
                    label = f"{target.region}   recent"
                    choices.append((label, Choice(None, target.region), target.region))
                continue
            label = f"{target.profile or 'default'} · {target.region}   recent"
            choice = Choice(target.profile, target.region, switch_profile=True)
            choices.append((label, choice, label))
        if self.mode == PROFILE:
            profiles: list[AwsProfile] = await asyncio.to_thread(list_profiles)
            for profile in profiles:
                region = f" · {profile.region}" if profile.region else ""
                mfa = " · MFA" if profile.needs_mfa else ""
                label = f"{profile.name}   ({profile.kind}{region}{mfa})"
                name = None if profile.name == "default" else profile.name
                choices.append((label, Choice(name, None, switch_profile=True), profile.name))
        else:
            regions = await asyncio.to_thread(lambda_regions)
            for region in regions:
                choices.append((region, Choice(None, region), region))
        self._choices = choices
        self._show(self.query_one("#picker-filter", Input).value)
        self.query_one("#picker-filter", Input).focus()

    def _show(self, text: str) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        needle = text.strip().lower()
        shown = [
            Option(Text(one_line(label)), id=str(index))  # a str prompt is markup
            for index, (label, _choice, haystack) in enumerate(self._choices)
            if needle in haystack.lower()
        ]
        if self.mode == REGION and needle and not any(needle == h for _l, _c, h in self._choices):
            # opt-in or new regions botocore does not know yet: take what was typed
            shown.append(Option(Text(one_line(f"use '{text.strip()}'")), id="typed"))
        if not shown:
            shown = [Option("nothing matches", disabled=True)]
        options.add_options(shown)
        options.highlighted = 0 if shown and not shown[0].disabled else None

    @on(Input.Changed, "#picker-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        if option.disabled or option.id is None:
            return
        if option.id == "typed":
            typed = self.query_one("#picker-filter", Input).value.strip()
            self.dismiss(Choice(None, typed))
            return
        self.dismiss(self._choices[int(option.id)][1])

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
