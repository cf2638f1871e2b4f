"""Comparing two packages: files added, removed and changed by content, a unified diff of one."""

from __future__ import annotations

from lambdatui.code.archive import Package
from lambdatui.code.diff import compare_packages, unified

from .helpers import zip_bytes

OLD = {
    "app.py": "def handler(e, c):\n    return 1\n",
    "same.py": "X = 1\n",
    "gone.py": "bye\n",
    "lib.so": b"\x7fELF" + b"\0" * 20,
}
NEW = {
    "app.py": "def handler(e, c):\n    return 2\n",
    "same.py": "X = 1\n",
    "new.py": "hi\n",
    "lib.so": b"\x7fELF" + b"\1" * 20,
}


def test_files_added_removed_and_changed() -> None:
    with Package(zip_bytes(OLD)) as old, Package(zip_bytes(NEW)) as new:
        diff = compare_packages(old, new)
    assert diff.added == ("new.py",)
    assert diff.removed == ("gone.py",)
    assert diff.changed == ("app.py", "lib.so")
    assert diff.same == 1 and not diff.identical


def test_the_same_files_zipped_differently_are_identical() -> None:
    import zipfile

    stored = zip_bytes(OLD, method=zipfile.ZIP_STORED)
    with Package(zip_bytes(OLD)) as a, Package(stored) as b:
        assert compare_packages(a, b).identical


def test_a_unified_diff_per_file() -> None:
    with Package(zip_bytes(OLD)) as old, Package(zip_bytes(NEW)) as new:
        changed = unified(old, new, "app.py")
        added = unified(old, new, "new.py")
        removed = unified(old, new, "gone.py")
        binary = unified(old, new, "lib.so")
    assert changed[:2] == ["--- a/app.py", "+++ b/app.py"]
    assert "-    return 1" in changed and "+    return 2" in changed
    assert added[:2] == ["--- /dev/null", "+++ b/new.py"] and "+hi" in added
    assert removed[:2] == ["--- a/gone.py", "+++ /dev/null"] and "-bye" in removed
    assert binary == ["Binary files: lib.so differ"]
