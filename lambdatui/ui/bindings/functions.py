"""The function list: its keys, its table's `enter` and the filter box's."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import FUNCTIONS, key

FUNCTION_LIST_BINDINGS: list[BindingType] = [
    # priority: handled as the key arrives, so keys typed right after it land in the box.
    key(
        "slash",
        "focus_filter",
        "Filter",
        id="functions.filter",
        tooltip="Filter as you type: text, re:<regex>, !<text> to invert",
        section=FUNCTIONS,
        key_display="/",
        priority=True,
    ),
    key(
        "r",
        "refresh",
        "Refresh",
        id="functions.refresh",
        tooltip="List the functions again (every page)",
        section=FUNCTIONS,
    ),
    key(
        "s",
        "cycle_sort",
        "Sort",
        id="functions.sort",
        tooltip="Sort by the next column",
        section=FUNCTIONS,
    ),
    key(
        "i",
        "invoke",
        "Invoke",
        id="functions.invoke",
        tooltip="Invoke the selected function ($LATEST) with a saved or new event",
        section=FUNCTIONS,
    ),
    key(
        "escape",
        "clear_filter",
        "Clear filter",
        id="functions.clear-filter",
        section=FUNCTIONS,
        show=False,
    ),
    key(
        "l",
        "logs",
        "Logs",
        id="functions.logs",
        tooltip="Follow the selected function's logs live",
        section=FUNCTIONS,
    ),
    key(
        "y",
        "copy",
        "Copy",
        id="functions.copy",
        tooltip="Copy the selected function's ARN (OSC 52)",
        section=FUNCTIONS,
        show=False,  # the list's footer is full at 80 columns; ? lists it
    ),
]
#: Last in the list's keys: the footer leaves it out at 80 columns (? and the palette list it).
FUNCTION_LIST_METRICS_BINDINGS: list[BindingType] = [
    key(
        "m",
        "toggle_metrics",
        "Metrics",
        id="functions.metrics",
        tooltip="Show or hide the last hour's invocations, errors and sparkline (remembered)",
        section=FUNCTIONS,
    ),
]
#: `enter` belongs to the focused table, so the footer shows what it does there.
FUNCTION_TABLE_BINDINGS: list[BindingType] = [
    key("enter", "select", "Open", id="functions.open", section=FUNCTIONS),
]
FILTER_BINDINGS: list[BindingType] = [
    key("escape", "clear", "Clear filter", id="filter.clear", section=FUNCTIONS, priority=True),
    key("enter", "done", "Keep filter", id="filter.done", section=FUNCTIONS, priority=True),
    key(
        "down",
        "done",
        "To the list",
        id="filter.down",
        section=FUNCTIONS,
        show=False,
        priority=True,
    ),
]
