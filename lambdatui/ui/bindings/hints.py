"""Keys in words, from the table: "y copy · esc close" under a dialog, "i" beside a palette
command, "esc, ? or q" in the help. Each is read as the user's ``[keys]`` maps it, so a hint
never names a key that no longer does what it says.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding

from .registry import BY_ID

if TYPE_CHECKING:
    from textual.dom import DOMNode

#: How keys are written for people (Textual's names otherwise).
KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "enter": "enter",
    "pageup": "pgup",
    "pagedown": "pgdn",
}


def key_name(key: str) -> str:
    return KEY_NAMES.get(key.strip(), key.strip())


def key_label(binding: Binding) -> str:
    """All of a binding's keys, as the footer, ``?`` and README write them."""
    if binding.key_display:
        return binding.key_display
    return ", ".join(key_name(k) for k in binding.key.split(","))


def keymap(node: DOMNode) -> Mapping[str, str]:
    """The ids the app remaps (the config file's ``[keys]``, given to ``App.set_keymap``;
    Textual keeps them in ``App._keymap`` and offers no reader)."""
    return getattr(node.app, "_keymap", {})


def bound(node: DOMNode, binding_id: str) -> Binding:
    """The binding with this id as the app uses it: with the user's keys if remapped."""
    binding = BY_ID[binding_id]
    keys = keymap(node).get(binding_id)
    return binding.with_key(keys, key_display=None) if keys else binding


def key_hint(node: DOMNode, binding_id: str) -> str:
    """The first key of the binding, as a hint names it ("esc", "^s", "y")."""
    binding = bound(node, binding_id)
    return binding.key_display or key_name(binding.key.split(",")[0])


def key_word(node: DOMNode, binding_id: str) -> str:
    """The first key of the binding as a sentence names it ("ctrl+r invokes…", "esc goes
    back"), whatever the footer shows for it."""
    return key_name(bound(node, binding_id).key.split(",")[0])


def hint(node: DOMNode, *keys: tuple[str, str]) -> str:
    """``(binding id, words)`` pairs as one line: "y copy · esc close"."""
    return " · ".join(f"{key_hint(node, binding_id)} {words}" for binding_id, words in keys)


def every_key(node: DOMNode, binding_id: str) -> str:
    """Every key of the binding in words: "esc, ? or q"."""
    binding = bound(node, binding_id)
    names = [key_name(k) for k in binding.key.split(",")]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
