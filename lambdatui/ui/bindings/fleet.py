"""The fleet view: `F` on the function list, and the fleet's own keys."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import FLEET, FUNCTIONS, key

#: `F` on the function list (no room in its footer at 80 columns; ? and the palette list it).
FUNCTION_LIST_FLEET_BINDINGS: list[BindingType] = [
    key(
        "F",
        "fleet",
        "Fleet",
        id="functions.fleet",
        section=FUNCTIONS,
        show=False,
        tooltip="Fleet: every function of the chosen profiles × regions at once",
    ),
]
FLEET_BINDINGS: list[BindingType] = [
    # priority: handled as the key arrives, so keys typed right after it land in the box.
    key(
        "slash",
        "focus_filter",
        "Filter",
        id="fleet.filter",
        tooltip="Filter as you type: text, re:<regex>, !<text> to invert",
        section=FLEET,
        key_display="/",
        priority=True,
    ),
    key(
        "escape",
        "back",
        "Back",
        id="fleet.back",
        section=FLEET,
        tooltip="Clear the filter; with none, back to the function list",
    ),
    key(
        "s", "cycle_sort", "Sort", id="fleet.sort", section=FLEET, tooltip="Sort by the next column"
    ),
    key(
        "r",
        "refresh",
        "Refresh",
        id="fleet.refresh",
        section=FLEET,
        tooltip="List every (profile, region) again",
    ),
    key(
        "p",
        "toggle_pairs",
        "Pairs",
        id="fleet.pairs",
        section=FLEET,
        tooltip="Show or hide each (profile, region)'s status: loading, done, denied, …",
    ),
    key(
        "S",
        "summary",
        "Summary",
        id="fleet.summary",
        section=FLEET,
        tooltip="Functions per runtime (deprecated flagged), limits per region, errors",
    ),
    key(
        "c",
        "choose",
        "Choose",
        id="fleet.choose",
        section=FLEET,
        tooltip="Choose the profiles and regions the fleet lists (remembered)",
    ),
    key(
        "i",
        "invoke",
        "Invoke",
        id="fleet.invoke",
        section=FLEET,
        show=False,
        tooltip="Invoke the selected function in its own profile and region",
    ),
    key(
        "l",
        "logs",
        "Logs",
        id="fleet.logs",
        section=FLEET,
        show=False,
        tooltip="Follow the selected function's logs, in its own profile and region",
    ),
]
#: `enter` belongs to the focused table, so the footer shows what it does there.
FLEET_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Open",
        id="fleet.open",
        section=FLEET,
        tooltip="Open the function in its own profile and region",
    ),
]
FLEET_CHOICE_BINDINGS: list[BindingType] = [
    key("escape", "cancel", "Cancel", id="fleet.choice.cancel", section=FLEET, priority=True),
    key("ctrl+s", "accept", "List these", id="fleet.choice.accept", section=FLEET, priority=True),
]
FLEET_SUMMARY_BINDINGS: list[BindingType] = [
    key("escape,S", "close", "Close", id="fleet.summary.close", section=FLEET),
]
