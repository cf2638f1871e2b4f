"""`?`: every key of the screen underneath and the global ones, generated from the bindings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..bindings import HELP_BINDINGS, NAVIGATION, SECTION_ORDER, SECTIONS, every_key, key_label

__all__ = ["HelpScreen", "footnote", "help_rows", "key_label"]


def help_rows(screen: Screen[object]) -> list[tuple[str, str, str, str]]:
    """(section, keys, description, what it does) for every active binding of ``screen``,
    deduplicated; "what it does" is the binding's tooltip (the footer's labels are short)."""
    rows: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        section = SECTIONS.get(binding.id or "", NAVIGATION)
        item = (key_label(binding), binding.description)
        if item in seen:
            continue
        seen.add(item)
        detail = binding.tooltip if binding.tooltip != binding.description else ""
        rows.append((section, *item, detail))
    order = {name: i for i, name in enumerate(SECTION_ORDER)}
    rows.sort(key=lambda row: (order.get(row[0], len(order)), row[0]))
    return rows


def footnote(node: DOMNode) -> str:
    """Filter syntax, the command-line twins, where the config file is, how to close."""
    from ... import twins
    from ...store.config import config_path

    commands = twins.names()
    lines = ["Filter syntax: text (case-insensitive), re:<regex>, !<text> to invert."]
    if commands:
        lines.append(f"Command line: lambdatui {'|'.join(commands)} … (lambdatui COMMAND --help).")
    lines.append(f"Config file: {config_path()} (keys by binding id: see README).")
    lines.append(f"Press {every_key(node, 'help.close')} to close.")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal listing the keys of the screen it was opened on."""

    BINDINGS = HELP_BINDINGS

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.rows = help_rows(under)

    def compose(self) -> ComposeResult:
        parts: list[RenderableType] = []
        sections: dict[str, list[tuple[str, str, str]]] = {}
        for section, keys, description, detail in self.rows:
            sections.setdefault(section, []).append((keys, description, detail))
        for section, rows in sections.items():
            table = Table(box=None, expand=True, show_header=False, pad_edge=False)
            table.add_column("key", style="bold", no_wrap=True, width=10)
            table.add_column("action", no_wrap=True, width=18)
            table.add_column("what it does", style="dim", ratio=1, overflow="fold")
            for row in rows:
                table.add_row(*row)
            if parts:
                parts.append(Text(""))
            parts += [Text(section, style="underline"), table]
        with VerticalScroll(id="help-body"):
            yield Static(Group(*parts), id="help-table")
            yield Static(footnote(self), id="help-footnote", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "Keys"

    def action_close(self) -> None:
        self.dismiss()
