"""Capacity providers: `C` on the function list, the list and one provider."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import CAPACITY, FUNCTIONS, key

#: `C` on the function list: no room in its footer at 80 columns; ? and the palette list it.
FUNCTION_LIST_CAPACITY_BINDINGS: list[BindingType] = [
    key(
        "C",
        "capacity_providers",
        "Capacity providers",
        id="functions.capacity",
        section=FUNCTIONS,
        show=False,
        tooltip="The account's capacity providers (Lambda Managed Instances) and what runs on them",
    ),
]
CAPACITY_BINDINGS: list[BindingType] = [
    key("escape", "back", "Back", id="capacity.back", section=CAPACITY),
    key(
        "r",
        "refresh",
        "Refresh",
        id="capacity.refresh",
        section=CAPACITY,
        tooltip="Read the capacity providers again",
    ),
]
CAPACITY_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Open",
        id="capacity.open",
        section=CAPACITY,
        tooltip="The provider's configuration and the function versions on it",
    ),
]
PROVIDER_VERSIONS_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Open function",
        id="capacity.function",
        section=CAPACITY,
        tooltip="The function's view, at this version",
    ),
]
