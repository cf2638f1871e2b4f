"""Lines of a file made safe and highlighted with pygments, a block at a time.

The lexer is chosen by the file's name, else by its shebang (``#!/usr/bin/env python3``),
else none (plain text). Control characters become visible stand-ins before highlighting
(``visible_controls`` keeps every offset), so nothing in a package reaches the terminal as a
sequence, and tabs are expanded so columns line up with what an editor shows.
"""

from __future__ import annotations

import re
from typing import Any

from rich.syntax import Syntax
from rich.text import Text

from ...sanitize import visible_controls

THEME = "ansi_dark"
_SHEBANG = re.compile(r"^#!\s*(?:\S*/)?(?:env\s+(?:-\S+\s+)*)?(?P<name>[A-Za-z_.+-]+)")


#: Interpreters pygments knows by another name (a Node.js script: ``#!/usr/bin/env node``).
_INTERPRETERS = {"node": "javascript", "nodejs": "javascript", "bun": "javascript", "deno": "ts"}


def lexer_for(name: str, first_line: str = "") -> Any | None:
    """A pygments lexer for a file named ``name`` (or by its shebang); None: plain text."""
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
    from pygments.util import ClassNotFound

    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        return get_lexer_for_filename(base, stripnl=False, ensurenl=False)
    except ClassNotFound:
        pass
    found = _SHEBANG.match(first_line)
    if found is None:
        return None
    interpreter = found["name"]
    interpreter = _INTERPRETERS.get(interpreter, interpreter)
    for candidate in (interpreter, interpreter.rstrip("0123456789.")):
        try:
            return get_lexer_by_name(candidate, stripnl=False, ensurenl=False)
        except ClassNotFound:
            continue
    return None


def diff_lexer() -> Any:
    from pygments.lexers.diff import DiffLexer

    return DiffLexer(stripnl=False, ensurenl=False)


def safe_lines(lines: list[str]) -> list[str]:
    return [visible_controls(line.expandtabs(4)) for line in lines]


def highlight(lines: list[str], lexer: Any | None) -> list[Text]:
    """``lines`` (already safe) as Text, highlighted together so that a construct spanning
    lines (a docstring) is coloured as one."""
    if lexer is None or not lines:
        return [Text(line) for line in lines]
    code = "\n".join(lines)
    syntax = Syntax(code, lexer, theme=THEME, background_color="default")
    text = syntax.highlight(code)
    text.rstrip()
    parts = text.split("\n", allow_blank=True)
    result = list(parts)[: len(lines)]
    while len(result) < len(lines):  # a trailing blank line the split dropped
        result.append(Text(""))
    return result
