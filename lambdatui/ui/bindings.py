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
INVOKE = "Invoke"
LOGS = "Logs"

#: binding id → help section
SECTIONS: dict[str, str] = {}
#: Every binding made with ``key``, in the order they are defined (README's table, tests).
ALL: list[Binding] = []


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
    binding = Binding(
        keys,
        action,
        description,
        show=show,
        key_display=key_display,
        priority=priority,
        tooltip=tooltip or description,
        id=id,
    )
    ALL.append(binding)
    return binding


def every_binding() -> list[Binding]:
    """Every binding of the app, including those screens define in their own modules."""
    from .invoke import library  # noqa: F401  (defines the event library's keys)

    return list(ALL)


#: Kept in the footer however narrow the terminal (with every escape key): the way to the rest.
ALWAYS_IN_FOOTER = frozenset({"app.help", "app.quit", "app.palette"})

APP_BINDINGS = [
    key("question_mark", "help", "Help", id="app.help", section=GLOBAL, key_display="?"),
    key("q", "quit", "Quit", id="app.quit", section=GLOBAL),
    key(
        "P",
        "switch_profile",
        "Switch profile",
        id="app.profile",
        section=GLOBAL,
        show=False,
        tooltip="Another AWS profile (recent ones first); the list reloads for it",
    ),
    key(
        "R",
        "switch_region",
        "Switch region",
        id="app.region",
        section=GLOBAL,
        show=False,
        tooltip="Another region for the same profile; the list reloads for it",
    ),
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

FUNCTION_BINDINGS = [
    key("escape", "back", "Back", id="function.back", section=FUNCTION),
    key(
        "r",
        "refresh",
        "Refresh",
        id="function.refresh",
        tooltip="Load the configuration and triggers again",
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

#: `enter` belongs to the focused table, so the footer shows what it does there.
FUNCTION_TABLE_BINDINGS = [
    key("enter", "select", "Open", id="functions.open", section=FUNCTIONS),
]
QUALIFIER_TABLE_BINDINGS = [
    key(
        "enter",
        "select",
        "Use",
        id="function.qualifier",
        section=FUNCTION,
        tooltip="Make the highlighted version or alias the qualifier of invoke, logs and edit",
    ),
]

FIELD_TABLE_BINDINGS = [
    key(
        "enter",
        "select",
        "Open",
        id="function.raw",
        section=FUNCTION,
        tooltip="The selected line's raw JSON, or its whole value wrapped (a heading: its section)",
    ),
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

FIELD_DETAIL_BINDINGS = [
    key("escape,q", "close", "Close", id="detail.close", section=FUNCTION),
    key("y", "copy", "Copy", id="detail.copy", section=FUNCTION),
]

PICKER_BINDINGS = [
    key("escape", "close", "Close", id="picker.close", section=GLOBAL, priority=True),
    key("down", "move(1)", "Next", id="picker.down", section=GLOBAL, show=False, priority=True),
    key("up", "move(-1)", "Previous", id="picker.up", section=GLOBAL, show=False, priority=True),
]

COPIED_BINDINGS = [
    key("escape", "close", "Close", id="copied.close", section=GLOBAL, priority=True),
]

CONFIRM_BINDINGS = [
    key("enter", "yes", "Yes", id="confirm.yes", section=GLOBAL, priority=True),
    key("escape", "no", "No", id="confirm.no", section=GLOBAL, priority=True),
]

HELP_BINDINGS = [
    key("escape,question_mark,q", "close", "Close", id="help.close", section=GLOBAL),
]

#: The invoke screen. The editor takes printable keys, so these are control keys.
INVOKE_BINDINGS = [
    key("escape", "back", "Back", id="invoke.back", section=INVOKE),
    key(
        "ctrl+r",
        "send",
        "Invoke",
        id="invoke.send",
        tooltip="Send the event once (never retried); refused until the JSON is valid",
        section=INVOKE,
        key_display="^r",
    ),
    key(
        "ctrl+o",
        "format",
        "Format",
        id="invoke.format",
        section=INVOKE,
        key_display="^o",
        show=False,  # the footer has room for 80 columns; ? lists it
        tooltip="Pretty-print the event (2-space JSON)",
    ),
    key(
        "ctrl+l",
        "events",
        "Events",
        id="invoke.events",
        tooltip="The event library: saved, shared and shareable events, and templates",
        section=INVOKE,
        key_display="^l",
    ),
    key(
        "ctrl+s",
        "save",
        "Save",
        id="invoke.save",
        section=INVOKE,
        key_display="^s",
        tooltip="Save the editor as a test event of this function",
    ),
    key(
        "ctrl+g",
        "rerun",
        "Rerun",
        id="invoke.rerun",
        section=INVOKE,
        key_display="^g",
        tooltip="Run the last invocation again, as it was",
    ),
    key(
        "ctrl+b",
        "history",
        "History",
        id="invoke.history",
        tooltip="The function's last 50 invocations; enter loads one",
        section=INVOKE,
        key_display="^b",
    ),
    key(
        "ctrl+t",
        "cycle_type",
        "Type",
        id="invoke.type",
        section=INVOKE,
        key_display="^t",
        tooltip="Invocation type: RequestResponse, Event (asynchronous), DryRun",
    ),
    key(
        "ctrl+n",
        "client_context",
        "Client context",
        id="invoke.context",
        tooltip="Client context (JSON) sent with RequestResponse invocations",
        section=INVOKE,
        key_display="^n",
        show=False,
    ),
    key(
        "f3",
        "tenant_id",
        "Tenant id",
        id="invoke.tenant",
        tooltip="The tenant a tenant-isolated function is invoked for (TenantId)",
        section=INVOKE,
        show=False,
    ),
    key(
        "f2",
        "command_line",
        "AWS CLI",
        id="invoke.cli",
        section=INVOKE,
        show=False,
        tooltip="Show the equivalent `aws lambda invoke` command line",
    ),
]
#: On the result (focused with tab): keys that would type into the editor.
INVOKE_RESULT_BINDINGS = [
    key(
        "y",
        "screen.copy_response",
        "Copy",
        id="invoke.copy",
        section=INVOKE,
        tooltip="Copy the response (OSC 52)",
    ),
    key(
        "c",
        "screen.command_line",
        "CLI",
        id="invoke.cli-key",
        section=INVOKE,
        tooltip="Show the equivalent `aws lambda invoke` command line",
    ),
    key(
        "x",
        "screen.open_execution",
        "Execution",
        id="invoke.execution",
        section=INVOKE,
        tooltip="Open the durable execution this invocation started (durable functions)",
    ),
]
INVOKE_DIALOG_BINDINGS = [
    key("escape", "cancel", "Cancel", id="invoke.dialog-cancel", section=INVOKE),
]
INVOKE_COMMAND_BINDINGS = [
    *INVOKE_DIALOG_BINDINGS,
    key("y", "copy", "Copy", id="invoke.cli-copy", section=INVOKE),
]

EDIT = "Edit settings"

#: `e` / `u` on the function list and the function view (appended to their screens' bindings).
FUNCTION_LIST_EDIT_BINDINGS = [
    key(
        "e",
        "edit",
        "Edit",
        id="functions.edit",
        tooltip="Edit memory, timeout, storage, environment, concurrency (confirmed)",
        section=FUNCTIONS,
    ),
    key(
        "u",
        "revert",
        "Revert",
        id="functions.revert",
        section=FUNCTIONS,
        show=False,
        tooltip="Offer to undo the selected function's last change (journaled), confirmed again",
    ),
]
FUNCTION_EDIT_BINDINGS = [
    key(
        "e",
        "edit",
        "Edit",
        id="function.edit",
        tooltip="Edit the current qualifier's settings (confirmed)",
        section=FUNCTION,
    ),
    key(
        "u",
        "revert",
        "Revert",
        id="function.revert",
        section=FUNCTION,
        show=False,
        tooltip="Offer to undo this function's last change (journaled), confirmed again",
    ),
]

EDIT_BINDINGS = [
    key("escape", "cancel", "Cancel", id="edit.cancel", section=EDIT),
    key(
        "ctrl+s",
        "review",
        "Review",
        id="edit.review",
        section=EDIT,
        key_display="^s",
        priority=True,
        tooltip="Check the values and show the changes before applying (enter in a field too)",
    ),
    key(
        "ctrl+r",
        "reveal",
        "Reveal",
        id="edit.reveal",
        section=EDIT,
        key_display="^r",
        priority=True,
        tooltip="Show or mask environment variable values",
    ),
    key(
        "ctrl+n",
        "add_variable",
        "Add var",
        id="edit.add-variable",
        section=EDIT,
        key_display="^n",
        priority=True,
        tooltip="Add an environment variable (clear a name to remove one)",
    ),
    key(
        "ctrl+l",
        "reload",
        "Reload",
        id="edit.reload",
        section=EDIT,
        key_display="^l",
        priority=True,
        tooltip="Read the current values again (asks first whether to drop what you typed)",
    ),
]

EDIT_CONFIRM_BINDINGS = [
    key("enter", "apply", "Apply", id="edit.apply", section=EDIT, priority=True),
    key("escape", "back", "Back to the form", id="edit.back", section=EDIT, priority=True),
]

LOGS_BINDINGS = [
    key("escape", "back", "Back", id="logs.back", section=LOGS),
    key("slash", "focus_filter", "Filter", id="logs.filter", section=LOGS, key_display="/"),
    key(
        "i",
        "invoke",
        "Invoke",
        id="logs.invoke",
        section=LOGS,
        tooltip="Invoke this function over its logs; escape comes back to them arriving",
    ),
    key(
        "L",
        "cycle_level",
        "Level",
        id="logs.level",
        section=LOGS,
        show=False,  # room in 80 columns for the keys of every screen: ? lists it
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
    key(
        "n",
        "next_error",
        "Error",
        id="logs.next-error",
        section=LOGS,
        tooltip="Jump to the next ERROR line",
    ),
    key(
        "b",
        "since",
        "Start at",
        id="logs.since",
        section=LOGS,
        show=False,
        tooltip="Start at: live, 5m, 1h, 1d ago or a time",
    ),
    key(
        "c",
        "clear",
        "Clear",
        id="logs.clear",
        tooltip="Clear the view (following goes on)",
        section=LOGS,
        show=False,
    ),
    key(
        "w",
        "toggle_wrap",
        "Wrap",
        id="logs.wrap",
        tooltip="Wrap long lines, or cut them at the edge",
        section=LOGS,
        show=False,
    ),
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
    # Last: at 80 columns the footer gives it up first; the header names it while polling.
    key(
        "r",
        "live_tail",
        "Live Tail",
        id="logs.live-tail",
        section=LOGS,
        tooltip="Try Live Tail again (shown while following polls instead)",
    ),
]

SINCE_BINDINGS = [
    key("escape", "cancel", "Cancel", id="since.cancel", section=LOGS),
]

DURABLE = "Durable executions"
CAPACITY = "Capacity providers"

#: `x` in a durable function's view (shown once its configuration says it is durable). Its label
#: is short and it comes before `e`, so at 80 columns it shows (and `e` gives way to it).
FUNCTION_DURABLE_BINDINGS = [
    key(
        "x",
        "executions",
        "Runs",
        id="function.executions",
        section=FUNCTION,
        tooltip="Durable executions of the function (at the current qualifier), newest first",
    ),
]
#: `C` on the function list: no room in its footer at 80 columns; ? and the palette list it.
FUNCTION_LIST_CAPACITY_BINDINGS = [
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

EXECUTIONS_BINDINGS = [
    key("escape", "back", "Back", id="executions.back", section=DURABLE),
    key(
        "r",
        "refresh",
        "Refresh",
        id="executions.refresh",
        section=DURABLE,
        tooltip="List the executions again",
    ),
    key(
        "f",
        "cycle_status",
        "Status",
        id="executions.status",
        section=DURABLE,
        tooltip="Show only one status: all, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED",
    ),
    key(
        "b",
        "cycle_since",
        "Started",
        id="executions.since",
        section=DURABLE,
        tooltip="Show only executions started in the last hour, day or week, or any time",
    ),
    key(
        "s",
        "stop",
        "Stop",
        id="executions.stop",
        section=DURABLE,
        tooltip="Stop the highlighted running execution (confirmed, journaled)",
    ),
]
EXECUTIONS_TABLE_BINDINGS = [
    key(
        "enter",
        "select",
        "Open",
        id="executions.open",
        section=DURABLE,
        tooltip="The execution: status, input, result or error, and its step timeline",
    ),
]
EXECUTION_BINDINGS = [
    key("escape", "back", "Back", id="execution.back", section=DURABLE),
    key(
        "r",
        "refresh",
        "Refresh",
        id="execution.refresh",
        section=DURABLE,
        tooltip="Read the execution and its history again",
    ),
    key(
        "o",
        "data",
        "Input/result",
        id="execution.data",
        section=DURABLE,
        tooltip="The execution as GetDurableExecution returns it: input, result or error (JSON)",
    ),
    key(
        "s",
        "stop",
        "Stop",
        id="execution.stop",
        section=DURABLE,
        tooltip="Stop this running execution (confirmed, journaled)",
    ),
    key(
        "y",
        "copy",
        "Copy ARN",
        id="execution.copy",
        section=DURABLE,
        show=False,
        tooltip="Copy the execution's ARN (OSC 52)",
    ),
]
TIMELINE_TABLE_BINDINGS = [
    key(
        "enter",
        "select",
        "Events",
        id="execution.events",
        section=DURABLE,
        tooltip="The highlighted row's history events (JSON)",
    ),
]
STOP_CONFIRM_BINDINGS = [
    key("enter", "stop", "Stop it", id="stop.confirm", section=DURABLE, priority=True),
    key("escape", "back", "Keep it running", id="stop.back", section=DURABLE, priority=True),
]

CAPACITY_BINDINGS = [
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
CAPACITY_TABLE_BINDINGS = [
    key(
        "enter",
        "select",
        "Open",
        id="capacity.open",
        section=CAPACITY,
        tooltip="The provider's configuration and the function versions on it",
    ),
]
PROVIDER_VERSIONS_BINDINGS = [
    key(
        "enter",
        "select",
        "Open function",
        id="capacity.function",
        section=CAPACITY,
        tooltip="The function's view, at this version",
    ),
]
