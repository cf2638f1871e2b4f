"""Global keys (help, quit, profile, region, palette) and the small dialogs' keys."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import GLOBAL, key

#: Kept in the footer however narrow the terminal (with every escape key): the way to the rest.
ALWAYS_IN_FOOTER = frozenset({"app.help", "app.quit", "app.palette"})

APP_BINDINGS: list[BindingType] = [
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
PICKER_BINDINGS: list[BindingType] = [
    key("escape", "close", "Close", id="picker.close", section=GLOBAL, priority=True),
    key("down", "move(1)", "Next", id="picker.down", section=GLOBAL, show=False, priority=True),
    key("up", "move(-1)", "Previous", id="picker.up", section=GLOBAL, show=False, priority=True),
]

COPIED_BINDINGS: list[BindingType] = [
    key("escape", "close", "Close", id="copied.close", section=GLOBAL, priority=True),
]

CONFIRM_BINDINGS: list[BindingType] = [
    key("enter", "yes", "Yes", id="confirm.yes", section=GLOBAL, priority=True),
    key("escape", "no", "No", id="confirm.no", section=GLOBAL, priority=True),
]

PROMPT_BINDINGS: list[BindingType] = [
    key("escape", "cancel", "Cancel", id="prompt.cancel", section=GLOBAL),
]

HELP_BINDINGS: list[BindingType] = [
    key("escape,question_mark,q", "close", "Close", id="help.close", section=GLOBAL),
]
