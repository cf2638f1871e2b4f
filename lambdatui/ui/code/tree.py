"""`CodeTree`: a package's files as folders that fold, and its layers below them.

Names come from the archive and are untrusted: each path part is shown through
``sanitize.one_line`` as a ``Text`` (a ``str`` label would be read as markup). A node's data
says what it stands for: a file (its archive name, which package), a folder, or a layer whose
content is filled in when it is first opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...code.archive import Entry
from ...sanitize import one_line

FUNCTION = ""  # the source of the function's own files (a layer's is its ARN)


@dataclass(frozen=True, slots=True)
class Node:
    kind: str  # "file" | "folder" | "layer"
    name: str  # the archive's name of a file; a layer's ARN
    source: str = FUNCTION  # which package: the function's, or a layer's ARN


class CodeTree(Tree[Node]):
    """See the module docstring."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("package"), id=id)
        self.guide_depth = 2
        self.show_root = False

    def fill(self, entries: tuple[Entry, ...], source: str = FUNCTION) -> None:
        """The function's files at the top (what was there before goes)."""
        self.clear()
        add_entries(self.root, entries, source)
        self.root.expand()

    def add_layer(self, label: str, arn: str) -> TreeNode[Node]:
        text = Text("⧉ ", style="bold")
        text.append(one_line(label))
        return self.root.add(text, data=Node("layer", arn, arn), expand=False)


def add_entries(parent: TreeNode[Node], entries: tuple[Entry, ...], source: str) -> None:
    """Add a package's entries under ``parent``: folders first, each level sorted by name."""
    root: dict[str, object] = {}
    for entry in entries:
        parts = [p for p in entry.name.replace("\\", "/").split("/") if p]
        if not parts:
            continue
        level = root
        for part in parts[:-1]:
            level = level.setdefault(part + "/", {})  # type: ignore[assignment]
        if entry.is_dir:
            level.setdefault(parts[-1] + "/", {})
        else:
            level[parts[-1]] = entry.name
    _add_level(parent, root, source, "")


def _add_level(parent: TreeNode[Node], level: dict[str, object], source: str, prefix: str) -> None:
    folders = sorted(k for k, v in level.items() if isinstance(v, dict))
    files = sorted(k for k, v in level.items() if not isinstance(v, dict))
    for name in folders:
        children = level[name]
        assert isinstance(children, dict)
        path = prefix + name
        node = parent.add(Text(one_line(name), style="bold"), data=Node("folder", path, source))
        _add_level(node, children, source, path)
    for name in files:
        archive_name = level[name]
        assert isinstance(archive_name, str)
        parent.add_leaf(Text(one_line(name)), data=Node("file", archive_name, source))
