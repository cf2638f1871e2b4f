"""Editing settings: `e` / `u` where a function is shown, the form and its confirmation."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import EDIT, FUNCTION, FUNCTIONS, key

#: `e` / `u` on the function list and the function view (appended to their screens' bindings).
FUNCTION_LIST_EDIT_BINDINGS: list[BindingType] = [
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
FUNCTION_EDIT_BINDINGS: list[BindingType] = [
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

EDIT_BINDINGS: list[BindingType] = [
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

EDIT_CONFIRM_BINDINGS: list[BindingType] = [
    key("enter", "apply", "Apply", id="edit.apply", section=EDIT, priority=True),
    key("escape", "back", "Back to the form", id="edit.back", section=EDIT, priority=True),
]
