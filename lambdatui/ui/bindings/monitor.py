"""The monitoring pane of the function view (``m``): its range and the jump to the logs."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import FUNCTION, MONITORING, key

#: The function view's key to the pane: last of its keys, so a narrow footer drops it first
#: (the tab's own label, "m Monitoring", names it at every width).
FUNCTION_MONITOR_BINDINGS: list[BindingType] = [
    key(
        "m",
        "show_tab('monitoring')",
        "Monitoring",
        id="function.tab-monitoring",
        section=FUNCTION,
        tooltip="CloudWatch metrics of the function at the current qualifier, as graphs",
    ),
]

MONITOR_BINDINGS: list[BindingType] = [
    key(
        "w",
        "worst_minute",
        "Error logs",
        id="monitor.worst-minute",
        section=MONITORING,
        tooltip="Open the logs at the minute with the most errors in the range shown",
    ),
    key(
        "right_square_bracket",
        "wider",
        "Longer",
        id="monitor.wider",
        section=MONITORING,
        key_display="]",
        tooltip="Show a longer range: 1h, 3h, 12h, 1d, 3d, 1w (the period grows with it)",
    ),
    key(
        "left_square_bracket",
        "narrower",
        "Shorter",
        id="monitor.narrower",
        section=MONITORING,
        key_display="[",
        tooltip="Show a shorter range, down to the last hour",
    ),
]
