"""Durable executions: `x` in a durable function's view, the list, one execution."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import DURABLE, FUNCTION, key

#: `x` in a durable function's view (shown once its configuration says it is durable). Its label
#: is short and it comes before `e`, so at 80 columns it shows (and `e` gives way to it).
FUNCTION_DURABLE_BINDINGS: list[BindingType] = [
    key(
        "x",
        "executions",
        "Runs",
        id="function.executions",
        section=FUNCTION,
        tooltip="Durable executions of the function (at the current qualifier), newest first",
    ),
]
EXECUTIONS_BINDINGS: list[BindingType] = [
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
EXECUTIONS_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Open",
        id="executions.open",
        section=DURABLE,
        tooltip="The execution: status, input, result or error, and its step timeline",
    ),
]
EXECUTION_BINDINGS: list[BindingType] = [
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
TIMELINE_TABLE_BINDINGS: list[BindingType] = [
    key(
        "enter",
        "select",
        "Events",
        id="execution.events",
        section=DURABLE,
        tooltip="The highlighted row's history events (JSON)",
    ),
]
STOP_CONFIRM_BINDINGS: list[BindingType] = [
    key("enter", "stop", "Stop it", id="stop.confirm", section=DURABLE, priority=True),
    key("escape", "back", "Keep it running", id="stop.back", section=DURABLE, priority=True),
]
