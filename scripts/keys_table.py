"""Generate README's key table from the binding table (ui/bindings/).

./run python scripts/keys_table.py          # rewrite README.md between the markers
./run python scripts/keys_table.py --check  # exit 1 if README is out of date (a test runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from lambdatui.ui import bindings
from lambdatui.ui.bindings import key_label

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- keys:begin -->", "<!-- keys:end -->"


def table() -> str:
    rows = ["| Key | Action | Where | Binding id |", "| --- | --- | --- | --- |"]
    for binding in bindings.every_binding():
        label = key_label(binding).replace("|", "\\|")
        section = bindings.SECTIONS[binding.id or ""]
        rows.append(f"| `{label}` | {binding.description} | {section} | `{binding.id}` |")
    return "\n".join(rows)


def render(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main() -> int:
    text = README.read_text()
    new = render(text)
    if "--check" in sys.argv:
        if new != text:
            print("README.md key table is out of date: run scripts/keys_table.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
