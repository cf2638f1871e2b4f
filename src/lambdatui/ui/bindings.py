"""The binding table: every key the app offers, with an id users can remap and a help section.

Screens take their ``BINDINGS`` from here; the footer, the ``?`` screen and README's key table
are generated from these, so they cannot drift apart.
"""

from __future__ import annotations

from textual.binding import Binding

GLOBAL = "Global"
FUNCTIONS = "Function list"
FUNCTION = "Function"
NAVIGATION = "Navigation"
LOGS = "Logs"

#: binding id → help section
SECTIONS: dict[str, str] = {}


def key(
    keys: str,
    action: str,
    description: str,
    *,
    id: str,
    section: str,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
    tooltip: str = "",
) -> Binding:
    SECTIONS[id] = section
    return Binding(
        keys,
        action,
        description,
        show=show,
        key_display=key_display,
        priority=priority,
        tooltip=tooltip or description,
        id=id,
    )


APP_BINDINGS = [
    key("question_mark", "help", "Help", id="app.help", section=GLOBAL, key_display="?"),
    key("q", "quit", "Quit", id="app.quit", section=GLOBAL),
    key(
        "ctrl+p",
        "command_palette",
        "Palette",
        id="app.palette",
        section=GLOBAL,
        priority=True,
        key_display="^p",
    ),
]

FUNCTION_LIST_BINDINGS = [
    # priority: handled as the key arrives, so keys typed right after it land in the box.
    key(
        "slash",
        "focus_filter",
        "Filter",
        id="functions.filter",
        section=FUNCTIONS,
        key_display="/",
        priority=True,
    ),
    key("r", "refresh", "Refresh", id="functions.refresh", section=FUNCTIONS),
    key("s", "cycle_sort", "Sort", id="functions.sort", section=FUNCTIONS),
    key(
        "escape",
        "clear_filter",
        "Clear filter",
        id="functions.clear-filter",
        section=FUNCTIONS,
        show=False,
    ),
    key("l", "logs", "Logs", id="functions.logs", section=FUNCTIONS),
]

FUNCTION_BINDINGS = [
    key("escape", "back", "Back", id="function.back", section=FUNCTION),
    key("r", "refresh", "Refresh", id="function.refresh", section=FUNCTION),
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
    key("0", "clear_qualifier", "Use $LATEST", id="function.latest", section=FUNCTION, show=False),
    key(
        "l",
        "logs",
        "Logs",
        id="function.logs",
        section=FUNCTION,
        tooltip="Follow the logs of this function (the current qualifier's streams)",
    ),
]

#: `enter` belongs to the focused table, so the footer shows what it does there.
FUNCTION_TABLE_BINDINGS = [
    key("enter", "select", "Open", id="functions.open", section=FUNCTIONS),
]
QUALIFIER_TABLE_BINDINGS = [
    key("enter", "select", "Use qualifier", id="function.qualifier", section=FUNCTION),
]

FIELD_TABLE_BINDINGS = [
    key("enter", "select", "Raw JSON", id="function.raw", section=FUNCTION),
]

FILTER_BINDINGS = [
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

RAW_JSON_BINDINGS = [
    key("escape,q", "close", "Close", id="raw.close", section=FUNCTION),
    key("y", "copy", "Copy JSON", id="raw.copy", section=FUNCTION),
]

HELP_BINDINGS = [
    key("escape,question_mark,q", "close", "Close", id="help.close", section=GLOBAL),
]

LOGS_BINDINGS = [
    key("escape", "back", "Back", id="logs.back", section=LOGS),
    key("slash", "focus_filter", "Filter", id="logs.filter", section=LOGS, key_display="/"),
    key(
        "L",
        "cycle_level",
        "Level",
        id="logs.level",
        section=LOGS,
        tooltip="Show only lines at or above a level: all, DEBUG, INFO, WARN, ERROR",
    ),
    key(
        "p",
        "toggle_pause",
        "Pause",
        id="logs.pause",
        section=LOGS,
        tooltip="Pause or resume following",
    ),
    key(
        "end,G",
        "follow",
        "Follow",
        id="logs.follow",
        section=LOGS,
        key_display="end",
        tooltip="Jump to the end and follow",
    ),
    key("n", "next_error", "Next error", id="logs.next-error", section=LOGS),
    key(
        "b",
        "since",
        "Start at",
        id="logs.since",
        section=LOGS,
        tooltip="Start at: live, 5m, 1h, 1d ago or a time",
    ),
    key("c", "clear", "Clear", id="logs.clear", section=LOGS, show=False),
    key("w", "toggle_wrap", "Wrap", id="logs.wrap", section=LOGS, show=False),
    key(
        "t",
        "cycle_timestamps",
        "Timestamps",
        id="logs.timestamps",
        section=LOGS,
        show=False,
        tooltip="Local time, UTC, or none",
    ),
    key(
        "v",
        "toggle_raw",
        "Raw",
        id="logs.raw",
        section=LOGS,
        show=False,
        tooltip="Raw messages or parsed (level, message, key=value)",
    ),
    key(
        "s", "save", "Save", id="logs.save", section=LOGS, tooltip="Save the lines shown to a file"
    ),
    key(
        "g",
        "toggle_requests",
        "Requests",
        id="logs.requests",
        section=LOGS,
        show=False,
        tooltip="One row per request (lines counted, errors and REPORT summarised), or all lines",
    ),
]

SINCE_BINDINGS = [
    key("escape", "cancel", "Cancel", id="since.cancel", section=LOGS),
]
