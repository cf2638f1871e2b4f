"""Reading an untrusted package: names checked and shown harmless, bombs refused, members
read a window at a time, text told from binary."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lambdatui.code.archive import (
    MAX_LINE,
    ArchiveRefused,
    Caps,
    NotAnArchive,
    Package,
    name_problem,
    sniff,
)

from .helpers import zip_bytes


def test_entries_list_sizes_folders_and_links() -> None:
    data = zip_bytes({"app.py": "print(1)\n", "lib/": b""}, links={"current": "app.py"})
    with Package(data) as package:
        by_name = {e.name: e for e in package.entries}
    assert by_name["app.py"].size == 9 and not by_name["app.py"].is_dir
    assert by_name["lib/"].is_dir
    assert by_name["current"].is_symlink and by_name["current"].problem == "symbolic link"
    assert by_name["app.py"].problem == ""


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../x", "leaves the folder (..)"),
        ("a/../../x", "leaves the folder (..)"),
        ("..\\x", "leaves the folder (..)"),
        ("/etc/passwd", "absolute path"),
        ("C:/Windows/x", "absolute path"),
        ("a/b..c/d", ""),
        ("..hidden", ""),
    ],
)
def test_names_that_leave_the_folder_are_flagged(name: str, problem: str) -> None:
    assert name_problem(name) == problem
    with Package(zip_bytes({name: b"x"})) as package:
        assert package.entries[0].problem == problem


def test_names_are_shown_without_escape_sequences() -> None:
    hostile = "evil\x1b]52;c;aGk=\x07\x1b[2J.py"
    with Package(zip_bytes({hostile: b"x"})) as package:
        entry = package.entries[0]
    assert entry.name == hostile  # kept for reading
    assert "\x1b" not in entry.display and "\x07" not in entry.display
    assert entry.display.startswith("evil") and entry.display.endswith(".py")


def test_a_bomb_by_ratio_is_refused_before_anything_is_read() -> None:
    bomb = zip_bytes({"zeros.bin": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 20_000
    with pytest.raises(ArchiveRefused, match="archive bomb"):
        Package(bomb)
    # the same file is fine under a looser cap
    with Package(bomb, Caps(max_ratio=10_000)) as package:
        assert package.entries[0].size == 8 * 1024 * 1024


def test_a_package_over_the_total_cap_is_refused() -> None:
    data = zip_bytes({"a": b"x" * 3000, "b": b"y" * 3000}, method=zipfile.ZIP_STORED)
    with pytest.raises(ArchiveRefused, match="unpack to 6,000 bytes"):
        Package(data, Caps(max_total=5000))


def test_too_many_entries_are_refused() -> None:
    data = zip_bytes({f"f{i}": b"" for i in range(5)})
    with pytest.raises(ArchiveRefused, match="5 entries"):
        Package(data, Caps(max_entries=4))


def test_not_a_zip_is_a_clear_error() -> None:
    with pytest.raises(NotAnArchive) as raised:
        Package(b"<html>expired</html>")
    assert raised.value.title == "Not a zip package"


def test_members_are_read_a_window_at_a_time() -> None:
    body = bytes(range(256)) * 1000
    with Package(zip_bytes({"blob": body})) as package:
        assert package.read("blob", 1000, 16) == body[1000:1016]
        assert package.read("blob", len(body) - 4, 100) == body[-4:]
        assert b"".join(package.chunks("blob", 4096)) == body


def test_lines_are_read_from_a_start_and_long_lines_cut() -> None:
    text = "".join(f"line {i}\n" for i in range(1000))
    long = "x" * (MAX_LINE * 3) + "\nafter\n"
    with Package(zip_bytes({"t.txt": text, "min.js": long})) as package:
        assert package.lines("t.txt", 500, 3) == ["line 500", "line 501", "line 502"]
        assert package.lines("t.txt", 998, 10) == ["line 998", "line 999"]
        first, second = package.lines("min.js", 0, 2)
    assert len(first) == MAX_LINE and second == "after"


def test_text_and_binary_are_told_apart() -> None:
    files = {
        "app.py": "def handler(e, c):\n    return 'héllo'\n",
        "bootstrap": b"\x7fELF\x02\x01\x01" + b"\0" * 100,
        "logo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 50,
        "data.bin": bytes([0xFF, 0xFE, 0x00, 0x10]) * 10,
    }
    with Package(zip_bytes(files)) as package:
        py = package.kind("app.py")
        elf = package.kind("bootstrap")
        png = package.kind("logo.png")
        other = package.kind("data.bin")
    assert py.is_text and py.label == "text/x-python"
    assert (elf.is_text, elf.label) == (False, "ELF executable")
    assert (png.is_text, png.label) == (False, "PNG image")
    assert not other.is_text


def test_a_character_cut_by_the_window_is_still_text() -> None:
    assert sniff("aé".encode()[:-1]).is_text
    assert not sniff(b"a\xff\xfeb").is_text


def test_reading_a_file_the_package_lacks_is_an_archive_error() -> None:
    with Package(zip_bytes({"a": b""})) as package, pytest.raises(Exception, match="no file"):
        package.read("missing")


def test_a_package_on_disk_is_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "p.zip"
    path.write_bytes(zip_bytes({"a.txt": "hi\n"}))
    with Package(path) as package:
        assert package.lines("a.txt") == ["hi"]
