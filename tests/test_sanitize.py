"""Untrusted text is shown, never interpreted: escape sequences and markup stay inert."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.markup import to_content

from lambdatui.sanitize import clean, escape_markup, one_line, safe_text, visible_controls

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"


def assert_inert(text: str) -> None:
    """No ESC, no C1 control, no control other than tab and newline survives."""
    for char in text:
        code = ord(char)
        assert code >= 0x20 or char in "\t\n", repr(text)
        assert not 0x7F <= code <= 0x9F, repr(text)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (f"{ESC}[31mred{ESC}[0m", "red"),
        (f"{ESC}[38;2;255;0;0mtrue{ESC}[m colour", "true colour"),
        (f"a{ESC}[2Jb{ESC}[Hc", "abc"),  # clear screen, cursor home
        (f"x{ESC}[?1049hy", "xy"),  # alternate screen, private parameter
        (f"{ESC}]0;pwned title{BEL}name", "name"),  # OSC set title, BEL-terminated
        (f"{ESC}]8;;https://evil.example{ST}link{ESC}]8;;{ST}", "link"),  # OSC 8 hyperlink
        (f"{ESC}P+q544e{ST}dcs", "dcs"),  # DCS
        (f"{ESC}_apc payload{ST}apc", "apc"),  # APC
        (f"{ESC}^pm{ST}pm", "pm"),  # PM
        (f"{ESC}Xsos{ST}sos", "sos"),  # SOS
        (f"{ESC}cfull reset", "full reset"),  # RIS, a single ESC sequence
        (f"{ESC}7saved{ESC}8", "saved"),  # DECSC / DECRC
        (f"{ESC}(0charset", "charset"),  # designate G0 with an intermediate byte
        ("\x9b31m8-bit csi", "8-bit csi"),
        ("\x9d0;title\x9c8-bit osc", "8-bit osc"),
        ("\x90dcs\x9c8-bit dcs", "8-bit dcs"),
        ("c1\x85\x8d\x8econtrols", "c1controls"),  # NEL, RI, SS2
        (f"{ESC}]0;never terminated", ""),
        (f"trailing escape{ESC}", "trailing escape"),
    ],
)
def test_escape_sequences_are_removed(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert one_line(raw) == shown


def test_osc_52_clipboard_injection_is_removed() -> None:
    # OSC 52 writes base64 data to the user's clipboard; both terminators are used in the wild.
    payload = "cm0gLXJmIH4K"  # "rm -rf ~"
    for terminator in (BEL, ST):
        raw = f"my-function{ESC}]52;c;{payload}{terminator}-prod"
        assert clean(raw) == "my-function-prod"
        assert "52" not in one_line(raw)


def test_control_characters_cannot_move_the_cursor() -> None:
    text = clean("progress 10%\rprogress 20%\x08\x08!\x07")
    assert_inert(text)
    assert text == "progress 10%␍progress 20%␈␈!␇"
    assert clean("del\x7f") == "del␡"


def test_clean_keeps_tabs_and_newlines_and_normalises_crlf() -> None:
    assert clean("a\tb\nc\r\nd") == "a\tb\nc\nd"


def test_one_line_turns_line_breaks_and_tabs_into_spaces() -> None:
    assert one_line("a\tb\nc\r\nd\re") == "a b c d␍e"


def test_fast_path_returns_the_same_object_for_plain_text() -> None:
    plain = "order-processor-prod · 128 MB · café ✓ 日本"
    assert clean(plain) is plain
    assert one_line(plain) is plain
    multiline = "line 1\n\tline 2"
    assert clean(multiline) is multiline


def test_truncation_marks_the_cut_with_an_ellipsis() -> None:
    assert clean("abcdefgh", max_len=5) == "abcd…"
    assert one_line("abc", max_len=3) == "abc"
    assert one_line(f"{ESC}[1mabcdef", max_len=4) == "abc…"
    assert clean("abc", max_len=0) == ""


def test_nothing_dangerous_survives_any_character_mix() -> None:
    every_char = "".join(chr(code) for code in range(0x00, 0x2FF))
    for text in (every_char, every_char[::-1], every_char[0x20:] + every_char[:0x20]):
        assert_inert(clean(text))
        assert_inert(one_line(text))


def test_printable_text_is_untouched() -> None:
    printable = "".join(chr(code) for code in [*range(0x20, 0x7F), *range(0xA0, 0x2FF)])
    assert clean(printable) is printable
    assert one_line(printable) is printable


def test_safe_text_shows_markup_literally() -> None:
    text = safe_text("[bold]x[/] [link=https://evil.example]y[/link]", style="italic")
    assert text.plain == "[bold]x[/] [link=https://evil.example]y[/link]"
    assert text.spans == []
    assert str(text.style) == "italic"
    console = Console(width=80, color_system=None, file=None, record=True)
    with console.capture() as capture:
        console.print(text)
    assert capture.get().rstrip("\n") == "[bold]x[/] [link=https://evil.example]y[/link]"


def test_safe_text_does_not_interpret_ansi() -> None:
    text = safe_text(f"{ESC}[31mred{ESC}[0m")
    assert text.plain == "red"
    assert text.spans == []


@pytest.mark.parametrize(
    "raw",
    [
        "[bold]x[/]",
        "[$accent]variable[/]",
        "[@click=app.quit]quit[/]",
        "[#ff0000]hex[/]",
        "a]b[c",
        "C:\\path\\[x]",
        "ends with backslash\\",
    ],
)
def test_escape_markup_round_trips_through_textual_markup(raw: str) -> None:
    markup = f"[b]{escape_markup(raw)}[/b] tail"
    content = to_content(markup)
    assert content.plain.replace("\u200b", "") == f"{raw} tail"


def test_escape_markup_cleans_first() -> None:
    assert escape_markup(f"{ESC}[31m[red]x") == "\\[red]x"


def test_visible_controls_keeps_the_length_and_shows_every_control() -> None:
    raw = "a\x1b[2J\tb\x9b31m\x07\r\x7f"
    shown = visible_controls(raw)
    assert shown == "a␛[2J\tb\ufffd31m␇␍␡"
    assert len(shown) == len(raw) and shown.isprintable() is False  # the tab stays
    assert visible_controls("plain {json}") == "plain {json}"
