"""The TUI's plain command lines are read without argparse (`plain_ui_args`), exactly as
argparse reads them; anything else is left to argparse."""

from __future__ import annotations

import itertools

import pytest

from lambdatui.cli import build_parser, plain_ui_args

PIECES = [
    ["--profile", "dev"],
    ["--region", "eu-west-1"],
    ["--endpoint-url", "http://127.0.0.1:5000"],
    ["--read-only"],
    ["--demo"],
    ["--no-mouse"],
    ["--debug"],
]


def _lines() -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for count in (1, 2, 3):
        for chosen in itertools.permutations(PIECES, count):
            lines.append([token for piece in chosen for token in piece])
    lines.append([token for piece in PIECES for token in piece])
    lines.append(["--region", ""])  # an empty value is a value
    return lines


@pytest.mark.parametrize("argv", _lines(), ids=" ".join)
def test_a_plain_command_line_reads_as_argparse_reads_it(argv: list[str]) -> None:
    plain = plain_ui_args(argv)
    assert plain is not None
    assert vars(plain) == vars(build_parser(argv).parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["-h"],
        ["--help"],
        ["--version"],
        ["--region=eu-west-1"],
        ["--reg", "eu-west-1"],  # argparse's abbreviation
        ["--region"],
        ["--region", "--demo"],
        ["--region", "a", "--region", "b"],
        ["--demo", "--demo"],
        ["--bogus"],
        ["invoke", "my-function"],
        ["--region", "eu-west-1", "ls"],
        ["-"],
    ],
    ids=" ".join,
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert plain_ui_args(argv) is None
