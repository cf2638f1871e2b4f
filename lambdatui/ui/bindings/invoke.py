"""The invoke screen, its dialogs and the event library."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import EVENTS, INVOKE, key

#: The invoke screen. The editor takes printable keys, so these are control keys.
INVOKE_BINDINGS: list[BindingType] = [
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
INVOKE_RESULT_BINDINGS: list[BindingType] = [
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
        "l",
        "screen.follow_logs",
        "Logs",
        id="invoke.logs",
        section=INVOKE,
        tooltip="Follow the function's logs: the request just made is on screen at once",
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
INVOKE_DIALOG_BINDINGS: list[BindingType] = [
    key("escape", "cancel", "Cancel", id="invoke.dialog-cancel", section=INVOKE),
]
INVOKE_COMMAND_BINDINGS: list[BindingType] = [
    *INVOKE_DIALOG_BINDINGS,
    key("y", "copy", "Copy", id="invoke.cli-copy", section=INVOKE),
]

#: The event library (ctrl+l). On the list itself, so `enter` reads "Use event" in the help
#: rather than the list's own.
EVENT_LIST_BINDINGS: list[BindingType] = [
    key("enter", "pick", "Use event", id="events.pick", section=EVENTS)
]
EVENT_LIBRARY_BINDINGS: list[BindingType] = [
    *EVENT_LIST_BINDINGS,
    key("r", "rename", "Rename", id="events.rename", section=EVENTS),
    key("d", "delete", "Delete", id="events.delete", section=EVENTS),
    key("i", "import_file", "Import file", id="events.import", section=EVENTS),
    key("x", "export_file", "Export file", id="events.export", section=EVENTS),
    key(
        "s",
        "share",
        "Make shareable",
        id="events.share",
        section=EVENTS,
        tooltip="Save the event in the account as a shareable test event (the console's)",
    ),
    key("escape", "close", "Close", id="events.close", section=EVENTS),
    # A modal screen hides the app's keys, `?` included.
    key(
        "question_mark",
        "app.help",
        "Help",
        id="events.help",
        section=EVENTS,
        key_display="?",
        show=False,
    ),
]
