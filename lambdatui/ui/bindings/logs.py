"""The live log view and its start-at dialog."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import LOGS, key

LOGS_BINDINGS: list[BindingType] = [
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
    # Shown only while polling; before Earlier and Start at, which the footer gives up first
    # where there is no room (? lists them; the marker row names the earlier key).
    key(
        "r",
        "live_tail",
        "Live Tail",
        id="logs.live-tail",
        section=LOGS,
        tooltip="Try Live Tail again (shown while following polls instead)",
    ),
    key(
        "e",
        "earlier",
        "Earlier",
        id="logs.earlier",
        section=LOGS,
        tooltip="Load the lines logged before the first one shown, above it",
    ),
    key(
        "b",
        "since",
        "Start at",
        id="logs.since",
        section=LOGS,
        tooltip="Start at: live, 5m, 1h, 1d ago or a time",
    ),
]
