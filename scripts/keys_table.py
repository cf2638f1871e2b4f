"""Generate README's key table from the binding table (ui/bindings.py).

    ./run python scripts/keys_table.py          # rewrite README.md between the markers
    ./run python scripts/keys_table.py --check  # exit 1 if README is out of date (a test runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from lambdatui.ui import bindings
from lambdatui.ui.screens import events as event_screens
from lambdatui.ui.screens.help import key_label

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- keys:begin -->", "<!-- keys:end -->"


def table() -> str:
    rows = ["| Key | Action | Where | Binding id |", "| --- | --- | --- | --- |"]
    groups = (
        bindings.APP_BINDINGS,
        bindings.FUNCTION_LIST_BINDINGS,
        bindings.FUNCTION_TABLE_BINDINGS,
        bindings.FILTER_BINDINGS,
        bindings.FUNCTION_BINDINGS,
        bindings.QUALIFIER_TABLE_BINDINGS,
        bindings.FIELD_TABLE_BINDINGS,
        bindings.RAW_JSON_BINDINGS,
        bindings.INVOKE_BINDINGS,
        bindings.INVOKE_RESULT_BINDINGS,
        bindings.INVOKE_COMMAND_BINDINGS,
        event_screens.EVENT_LIBRARY_BINDINGS,
        event_screens.EVENT_PROMPT_BINDINGS,
        event_screens.EVENT_CONFIRM_BINDINGS,
        bindings.FUNCTION_LIST_EDIT_BINDINGS,
        bindings.FUNCTION_EDIT_BINDINGS,
        bindings.EDIT_BINDINGS,
        bindings.EDIT_CONFIRM_BINDINGS,
        bindings.LOGS_BINDINGS,
        bindings.SINCE_BINDINGS,
    )
    for group in groups:
        for binding in group:
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
