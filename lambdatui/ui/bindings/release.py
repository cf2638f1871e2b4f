"""Releases, in the function view's Versions and Aliases tabs: publish, aliases, deletes, undo,
and the traffic shift pane with its question (keep, roll back, finish, go on watching)."""

from __future__ import annotations

from textual.binding import BindingType

from .registry import RELEASES, key

#: One binding in both tabs: the undo of the function's last release (`U`: `u` reverts the last
#: change of settings, as everywhere in the view).
_UNDO = key(
    "U",
    "screen.undo_release",
    "Undo release",
    id="release.undo",
    section=RELEASES,
    show=False,
    tooltip="Offer to undo this function's last release (publish, alias change), confirmed",
)

VERSIONS_TABLE_BINDINGS: list[BindingType] = [
    key(
        "p",
        "screen.publish",
        "Publish",
        id="release.publish",
        section=RELEASES,
        tooltip="Publish $LATEST as a new version, guarded by the CodeSha256 and RevisionId seen",
    ),
    key(
        "d,delete",
        "screen.delete_version",
        "Delete",
        id="release.delete-version",
        section=RELEASES,
        tooltip="Delete the highlighted version (refused, with the reason, when an alias uses it)",
    ),
    _UNDO,
]

ALIASES_TABLE_BINDINGS: list[BindingType] = [
    key(
        "t",
        "screen.shift",
        "Shift traffic",
        id="release.shift",
        section=RELEASES,
        tooltip="Shift the alias's traffic to another version step by step, rolling back on errors",
    ),
    key("n", "screen.new_alias", "New alias", id="release.new-alias", section=RELEASES),
    key(
        "e",
        "screen.edit_alias",
        "Edit alias",
        id="release.edit-alias",
        section=RELEASES,
        tooltip="Retarget the highlighted alias, its description or its weighted routing",
    ),
    key(
        "d,delete",
        "screen.delete_alias",
        "Delete alias",
        id="release.delete-alias",
        section=RELEASES,
        show=False,
        tooltip="Delete the highlighted alias (confirmed)",
    ),
    _UNDO,
]

#: The alias and shift forms.
RELEASE_FORM_BINDINGS: list[BindingType] = [
    key("escape", "cancel", "Cancel", id="release.form-cancel", section=RELEASES),
    key(
        "ctrl+s",
        "review",
        "Review",
        id="release.form-review",
        section=RELEASES,
        key_display="^s",
        priority=True,
        tooltip="Check the values and show current → new before anything is sent (enter too)",
    ),
]

RELEASE_CONFIRM_BINDINGS: list[BindingType] = [
    key("enter", "apply", "Apply", id="release.apply", section=RELEASES, priority=True),
    key("escape", "back", "Back", id="release.back", section=RELEASES, priority=True),
]

#: The shift pane: escape asks how to end it (or just goes back once it has ended).
SHIFT_BINDINGS: list[BindingType] = [
    key(
        "escape",
        "ask",
        "Back / end…",
        id="shift.ask",
        section=RELEASES,
        tooltip="While it runs: keep the weights, roll back, finish now, or go on watching",
    ),
    key(
        "b",
        "back",
        "Back to the list",
        id="shift.back",
        section=RELEASES,
        tooltip="Leave the pane; the shift goes on (reopen it with t on the alias, or the palette)",
    ),
]

SHIFT_CHOICE_BINDINGS: list[BindingType] = [
    key("k", "choose('keep')", "Keep weights", id="shift.keep", section=RELEASES, priority=True),
    key(
        "r", "choose('rollback')", "Roll back", id="shift.rollback", section=RELEASES, priority=True
    ),
    key("f", "choose('finish')", "Finish now", id="shift.finish", section=RELEASES, priority=True),
    key(
        "escape",
        "choose('')",
        "Go on watching",
        id="shift.continue",
        section=RELEASES,
        priority=True,
        tooltip="Close the question; the shift goes on (at start-up: decide later)",
    ),
]
