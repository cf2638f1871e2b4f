"""The function view: its keys, the tables in its tabs and the dialogs it opens."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import FUNCTION, key

FUNCTION_BINDINGS: list[BindingType] = [
    key("escape", "back", "Back", id="function.back", section=FUNCTION),
    key(
        "r",
        "refresh",
        "Refresh",
        id="function.refresh",
        tooltip="Load the configuration and triggers again (and the metrics, when shown)",
        section=FUNCTION,
    ),
    key(
        "y",
        "copy",
        "Copy",
        id="function.copy",
        section=FUNCTION,
        tooltip="Copy the selected value, or the function's ARN (OSC 52)",
    ),
    key(
        "v",
        "reveal",
        "Reveal",
        id="function.reveal",
        section=FUNCTION,
        show=False,  # the footer keeps room for the keys of every screen; ? lists it
        tooltip="Show or mask environment variable values (this view only)",
    ),
    key(
        "1",
        "show_tab('configuration')",
        "Configuration",
        id="function.tab-configuration",
        section=FUNCTION,
        show=False,
    ),
    key(
        "2",
        "show_tab('triggers')",
        "Triggers",
        id="function.tab-triggers",
        section=FUNCTION,
        show=False,
    ),
    key(
        "3",
        "show_tab('versions')",
        "Versions",
        id="function.tab-versions",
        section=FUNCTION,
        show=False,
    ),
    key(
        "4",
        "show_tab('aliases')",
        "Aliases",
        id="function.tab-aliases",
        section=FUNCTION,
        show=False,
    ),
    key(
        "0",
        "clear_qualifier",
        "Use $LATEST",
        id="function.latest",
        tooltip="Back to $LATEST as the qualifier",
        section=FUNCTION,
        show=False,
    ),
    key(
        "i",
        "invoke",
        "Invoke",
        id="function.invoke",
        section=FUNCTION,
        tooltip="Invoke the function at the current qualifier",
    ),
    key(
        "l",
        "logs",
        "Logs",
        id="function.logs",
        section=FUNCTION,
        tooltip="Follow the logs of this function (the current qualifier's streams)",
    ),
]
QUALIFIER_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Use",
        id="function.qualifier",
        section=FUNCTION,
        tooltip="Make the highlighted version or alias the qualifier of invoke, logs and edit",
    ),
]

FIELD_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Open",
        id="function.raw",
        section=FUNCTION,
        tooltip="The selected line's raw JSON, or its whole value wrapped (a heading: its section)",
    ),
]
RAW_JSON_BINDINGS: list[BindingType] = [
    key("escape,q", "close", "Close", id="raw.close", section=FUNCTION),
    key("y", "copy", "Copy JSON", id="raw.copy", section=FUNCTION),
]

FIELD_DETAIL_BINDINGS: list[BindingType] = [
    key("escape,q", "close", "Close", id="detail.close", section=FUNCTION),
    key("y", "copy", "Copy", id="detail.copy", section=FUNCTION),
]
