"""The Code viewer's lexer: by the file's name, else by its shebang; control characters in a
package's text are shown, never sent to the terminal."""

from __future__ import annotations

from lambdatui.ui.code.highlight import highlight, lexer_for, safe_lines


def _name(lexer: object) -> str | None:
    return getattr(lexer, "name", None)


def test_the_file_name_chooses_the_lexer() -> None:
    assert _name(lexer_for("src/app.py")) == "Python"
    assert _name(lexer_for("index.mjs")) == "JavaScript"
    assert _name(lexer_for("template.yaml")) == "YAML"


def test_a_file_without_a_known_name_is_read_by_its_shebang() -> None:
    assert _name(lexer_for("bootstrap", "#!/usr/bin/env python3")) == "Python"
    assert _name(lexer_for("bootstrap", "#!/bin/bash")) == "Bash"
    assert _name(lexer_for("run", "#! /usr/bin/env -S node --no-warnings")) == "JavaScript"
    assert _name(lexer_for("handler", "#!/usr/local/bin/python3.12")) == "Python"
    assert lexer_for("bootstrap", "not a shebang") is None  # plain text
    assert lexer_for("bootstrap", "#!/opt/custom-runtime") is None


def test_text_is_made_safe_and_highlighted_line_for_line() -> None:
    lines = safe_lines(['x = "\x1b[2J"', "\tif x:", '"""a', 'docstring"""'])
    assert "\x1b" not in "".join(lines) and lines[1].startswith("    if")
    shown = highlight(lines, lexer_for("a.py"))
    assert [t.plain for t in shown] == lines
    assert shown[2].spans and shown[3].spans  # the docstring coloured across its two lines
