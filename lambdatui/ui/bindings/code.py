"""The Code pane of the function view (``c``), its file viewer and the package comparison."""

from __future__ import annotations

from textual.binding import BindingType

from .navigation import LOG_VIEW_BINDINGS
from .registry import CODE, FUNCTION, NAVIGATION, key

#: The function view's key to the pane (after monitoring: a narrow footer drops it first; the
#: tab's label, "c Code", names it at every width).
FUNCTION_CODE_BINDINGS: list[BindingType] = [
    key(
        "c",
        "show_tab('code')",
        "Code",
        id="function.tab-code",
        section=FUNCTION,
        show=False,
        tooltip="The deployed code at the current qualifier: files, layers, or an image's URI",
    ),
]

CODE_BINDINGS: list[BindingType] = [
    key(
        "d",
        "compare",
        "Compare",
        id="code.compare",
        section=CODE,
        tooltip="Compare this package with $LATEST, a version or an alias: files, then a diff",
    ),
    key(
        "y",
        "copy_path",
        "Copy path",
        id="code.copy-path",
        section=CODE,
        tooltip="Copy the highlighted file's path in the package",
    ),
    key(
        "s",
        "save",
        "Save",
        id="code.save",
        section=CODE,
        tooltip="Save the highlighted file, or the whole package (on a folder), to a local path",
    ),
    key(
        "D",
        "deploy",
        "Deploy",
        id="code.deploy",
        section=CODE,
        tooltip="Deploy a local folder or .zip as $LATEST's code: size, SHA-256 and the files "
        "that change shown first, then confirmed (off in read-only mode)",
    ),
    key(
        "U",
        "undo_deploy",
        "Undo deploy",
        id="code.undo-deploy",
        section=CODE,
        show=False,
        tooltip="Redeploy the package from before this function's last journaled deploy, from "
        "the local package cache (confirmed; says why when it cannot)",
    ),
]

#: The deploy screen: the path typed, the preview, then the confirmation.
DEPLOY_BINDINGS: list[BindingType] = [
    key("escape", "close", "Close", id="deploy.close", section=CODE),
    key(
        "ctrl+s",
        "review",
        "Deploy…",
        id="deploy.review",
        section=CODE,
        key_display="^s",
        priority=True,
        tooltip="Confirm and deploy the package previewed (enter in the path previews it)",
    ),
    key(
        "ctrl+t",
        "toggle_publish",
        "Publish",
        id="deploy.publish",
        section=CODE,
        key_display="^t",
        priority=True,
        tooltip="Publish a version of the deployed code too (on or off)",
    ),
]
DEPLOY_CONFIRM_BINDINGS: list[BindingType] = [
    key("enter", "apply", "Deploy", id="deploy.apply", section=CODE, priority=True),
    key("escape", "back", "Back", id="deploy.back", section=CODE, priority=True),
]

#: The file viewer: the log view's moves, plus sideways (lines run past the edge) and the end.
CODE_VIEWER_BINDINGS: list[BindingType] = [
    *LOG_VIEW_BINDINGS,
    key("left,h", "left", "Left", id="code.left", section=NAVIGATION, show=False),
    key("right,l", "right", "Right", id="code.right", section=NAVIGATION, show=False),
    key("end,G", "bottom", "End", id="code.end", section=NAVIGATION, show=False),
    key("slash", "find", "Find", id="code.find", section=CODE, key_display="/"),
    key(
        "n",
        "find_next",
        "Next",
        id="code.find-next",
        section=CODE,
        tooltip="The next line with the text looked for (from the one after the last found)",
    ),
    key(
        "escape",
        "leave",
        "Files",
        id="code.files",
        section=CODE,
        tooltip="Back to the list of files",
    ),
]

DIFF_BINDINGS: list[BindingType] = [
    key("escape,q", "close", "Close", id="diff.close", section=CODE),
]
DIFF_PICK_BINDINGS: list[BindingType] = [
    key("escape", "close", "Cancel", id="diff.pick-cancel", section=CODE, priority=True),
]
