"""Memory tuning: `M` on the function view, the run's form, its notice, progress and results."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import FUNCTION, TUNE, key

#: `M` on the function view (appended to its bindings); ? and the palette list it.
FUNCTION_TUNE_BINDINGS: list[BindingType] = [
    key(
        "M",
        "tune",
        "Tune memory",
        id="function.tune",
        section=FUNCTION,
        show=False,
        tooltip="Measure speed and cost at several memory sizes on the function, then put it back",
    ),
]
TUNE_FORM_BINDINGS: list[BindingType] = [
    key("escape", "cancel", "Cancel", id="tune.cancel", section=TUNE),
    key(
        "ctrl+s",
        "review",
        "Review",
        id="tune.review",
        section=TUNE,
        key_display="^s",
        priority=True,
        tooltip="Check the values and show what the run will do and cost (enter in a field too)",
    ),
    key(
        "ctrl+e",
        "next_event",
        "Saved event",
        id="tune.event",
        section=TUNE,
        key_display="^e",
        priority=True,
        tooltip="Take the payload from the next of the function's saved events",
    ),
]
TUNE_NOTICE_BINDINGS: list[BindingType] = [
    key("enter", "start", "Start", id="tune.start", section=TUNE, priority=True),
    key("escape", "back", "Back", id="tune.back", section=TUNE, priority=True),
]
TUNE_RUN_BINDINGS: list[BindingType] = [
    key(
        "escape",
        "leave",
        "Stop / back",
        id="tune.stop",
        section=TUNE,
        tooltip="Stop the run (memory restored, temporary versions deleted); once done: back",
    ),
    key(
        "x",
        "export",
        "Export",
        id="tune.export",
        section=TUNE,
        tooltip="Write the results as JSON or CSV (by the path's ending) to a new file",
    ),
]
TUNE_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Apply size",
        id="tune.apply",
        section=TUNE,
        tooltip="Open the edit form with this row's memory filled in (confirmed as any edit)",
    ),
]
