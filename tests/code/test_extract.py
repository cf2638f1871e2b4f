"""Writing a package out: nothing lands outside the chosen folder, links are never followed."""

from __future__ import annotations

import os
from pathlib import Path

from lambdatui.code.archive import Package
from lambdatui.code.extract import extract

from .helpers import zip_bytes


def _files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir()}


def test_hostile_entries_are_skipped_and_the_rest_written(tmp_path: Path) -> None:
    dest = tmp_path / "out"
    data = zip_bytes(
        {
            "app.py": "ok\n",
            "lib/util.py": "ok\n",
            "../escape.txt": "no",
            "a/../../escape2.txt": "no",
            "/tmp/abs.txt": "no",
        },
        links={"passwd": "/etc/passwd", "lib/up": "../../.."},
    )
    with Package(data) as package:
        result = extract(package, dest)
    assert sorted(result.written) == ["app.py", "lib/util.py"]
    assert dict(result.skipped) == {
        "../escape.txt": "leaves the folder (..)",
        "a/../../escape2.txt": "leaves the folder (..)",
        "/tmp/abs.txt": "absolute path",
        "passwd": "symbolic link",
        "lib/up": "symbolic link",
    }
    assert _files_under(tmp_path) == {"out/app.py", "out/lib/util.py"}
    assert not any(p.is_symlink() for p in dest.rglob("*"))


def test_a_link_already_in_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "out"
    dest.mkdir()
    os.symlink(outside, dest / "lib")  # left there earlier, or by someone else
    os.symlink(outside / "target.txt", dest / "file.txt")
    data = zip_bytes({"lib/planted.py": "no", "file.txt": "no", "fine.py": "ok"})
    with Package(data) as package:
        result = extract(package, dest)
    assert result.written == ["fine.py"]
    reasons = dict(result.skipped)
    assert reasons["lib/planted.py"] == "leaves the folder (through a link)"
    assert reasons["file.txt"] == "leaves the folder (through a link)"
    assert list(outside.iterdir()) == []


def test_an_existing_file_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("mine")
    with Package(zip_bytes({"app.py": "theirs"})) as package:
        result = extract(package, tmp_path)
    assert result.skipped == [("app.py", "already exists")]
    assert (tmp_path / "app.py").read_text() == "mine"
