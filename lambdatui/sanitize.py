"""Make untrusted text safe to show in the terminal.

Function names, descriptions, tags, log lines and payloads come from an AWS account that
anyone with write access may have filled in. They are *shown*, never interpreted:

* terminal escape sequences (CSI, OSC such as OSC 52 "set clipboard" or OSC 8 links, DCS, APC,
  PM, SOS, single ``ESC x`` sequences) and 8-bit C1 controls are removed;
* other control characters become visible Unicode "control pictures" (``\\r`` shows as ``␍``),
  so nothing can move the cursor, ring the bell or rewrite what is already on screen;
* text never passes through a markup parser: use :func:`safe_text` to build a Rich ``Text``,
  and :func:`escape_markup` in the rare place where a markup string is put together.

This is a leaf module (stdlib and Rich only): the UI and the CLI both use it. :func:`clean` and
:func:`one_line` run on every cell of lists with thousands of rows, so plain text takes a fast
path and is returned unchanged (the same object).
"""

from __future__ import annotations

import re

from rich.text import Text

__all__ = ["ELLIPSIS", "clean", "escape_markup", "one_line", "safe_text", "visible_controls"]

ELLIPSIS = "…"

# Anything that may need work: C0 controls, DEL and C1 controls. `clean` keeps tab and newline.
_NEEDS_CLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEEDS_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Escape sequences, 7-bit (ESC-introduced) and 8-bit (C1-introduced). A string-type sequence
# (OSC, DCS, SOS, PM, APC) runs to its terminator (ST = ESC \ or 0x9c; OSC also accepts BEL);
# an unterminated one runs to the end of the text, as a terminal would swallow it.
_ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?        # CSI: ESC [ params final
    | (?:\x1b\]|\x9d) .*? (?:\x07|\x1b\\|\x9c|\Z)                   # OSC ... BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) .*? (?:\x1b\\|\x9c|\Z)      # DCS/SOS/PM/APC ... ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                # other ESC sequences
    | [\x80-\x9f]                                                   # stray C1 controls
    """,
    re.VERBOSE | re.DOTALL,
)

# After escape sequences are gone: control characters left over get a visible stand-in.
_C0_CLEAN = re.compile(r"\r\n|[\x00-\x08\x0b-\x1f\x7f]")
_C0_ONE_LINE = re.compile(r"\r\n|[\x00-\x1f\x7f]")
# Every control character but tab, for `visible_controls`.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    """The Unicode control picture for a control character (U+2400 block)."""
    char = match.group()
    if char == "\r\n":
        return "\n"
    code = ord(char)
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def _picture_one_line(match: re.Match[str]) -> str:
    """Like `_picture`, but line breaks and tabs become a single space."""
    char = match.group()
    if char in ("\r\n", "\n", "\t"):
        return " "
    code = ord(char)
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def _truncate(text: str, max_len: int | None) -> str:
    if max_len is None or len(text) <= max_len:
        return text
    if max_len <= 0:
        return ""
    return text[: max_len - 1] + ELLIPSIS


def clean(text: str, max_len: int | None = None) -> str:
    """Return `text` without terminal escape sequences or cursor-moving controls.

    Tabs and newlines are kept (``\\r\\n`` becomes ``\\n``). Other control characters are
    replaced by their visible control picture (``\\r`` → ``␍``, ``\\x07`` → ``␇``).

    Args:
        text: Untrusted text.
        max_len: If given, the result is cut to at most this many characters, the last one
            being ``…`` when something was cut. Characters, not terminal cells.

    Returns:
        Text that is safe to write to a terminal; `text` itself when nothing had to change.
    """
    # str.isprintable() is False for every control character, so True means nothing to do.
    if not text.isprintable() and _NEEDS_CLEAN.search(text) is not None:
        text = _C0_CLEAN.sub(_picture, _ESCAPE_SEQUENCE.sub("", text))
    return _truncate(text, max_len)


def one_line(text: str, max_len: int | None = None) -> str:
    """Like :func:`clean`, but on one line: tabs and line breaks become spaces.

    For table cells, titles and any other single-line place.
    """
    if not text.isprintable() and _NEEDS_ONE_LINE.search(text) is not None:
        text = _C0_ONE_LINE.sub(_picture_one_line, _ESCAPE_SEQUENCE.sub("", text))
    return _truncate(text, max_len)


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str) -> str:
    """`text` with every control character but tab shown as one visible character (its control
    picture; a C1 control as ``\ufffd``), so the length and every offset into it stay the same.

    For a widget that draws text the user edits (a TextArea), where :func:`clean` would move
    the cursor's offsets: the text itself is left as it is, only what is drawn changes.
    """
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_stand_in, text)


def safe_text(text: str, style: str = "") -> Text:
    """A Rich ``Text`` of the cleaned `text`, with no markup or ANSI interpretation."""
    return Text(clean(text), style=style)


def escape_markup(text: str) -> str:
    """Clean `text` and escape it for inclusion in a Textual markup string.

    Every ``[`` is escaped, so neither tags (``[bold]``, ``[@click=…]``) nor variables
    (``[$accent]``) in the text take effect. Textual's markup (``Static``, ``Label``,
    ``notify``) has no escape for a backslash: a trailing backslash would escape the tag that
    follows, so a zero-width space is put after it.
    """
    escaped = clean(text).replace("[", "\\[")
    if escaped.endswith("\\"):
        escaped += "\u200b"
    return escaped
