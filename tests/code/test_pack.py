"""Zipping a folder for a deploy: the same folder gives the same bytes and CodeSha256, litter and
links out of the folder are left out, and a package too large to send directly is refused."""

from __future__ import annotations

import base64
import hashlib
import os
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from lambdatui.code.pack import (
    DIRECT_UPLOAD_LIMIT,
    TooLargeForDirectUpload,
    check_direct_upload,
    lambda_sha256,
    pack_folder,
)


def _project(root: Path) -> Path:
    (root / "src" / "__pycache__").mkdir(parents=True)
    (root / ".git" / "objects").mkdir(parents=True)
    (root / "app.py").write_text("def handler(e, c):\n    return 1\n")
    (root / "src" / "util.py").write_text("X = 1\n")
    (root / "src" / "__pycache__" / "util.cpython-312.pyc").write_bytes(b"\x00pyc")
    (root / "src" / "old.pyc").write_bytes(b"\x00pyc")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / ".DS_Store").write_bytes(b"\0")
    (root / "notes.tmp").write_text("scratch")
    bootstrap = root / "bootstrap"
    bootstrap.write_text("#!/bin/sh\n")
    bootstrap.chmod(0o755)
    return root


def test_the_same_folder_gives_the_same_sha_twice(tmp_path: Path) -> None:
    folder = _project(tmp_path / "p")
    first = pack_folder(folder)
    # later, and with the files touched: timestamps do not count
    for path in folder.rglob("*"):
        os.utime(path, (1_900_000_000, 1_900_000_000), follow_symlinks=False)
    second = pack_folder(folder)
    assert first.data == second.data and first.sha256 == second.sha256
    assert first.sha256 == base64.b64encode(hashlib.sha256(first.data).digest()).decode()
    assert first.size == len(first.data)


def test_litter_is_left_out_and_entries_are_sorted_with_fixed_metadata(tmp_path: Path) -> None:
    packed = pack_folder(_project(tmp_path / "p"), exclude=["*.tmp"])
    assert packed.files == ("app.py", "bootstrap", "src/util.py")
    with zipfile.ZipFile(BytesIO(packed.data)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == list(packed.files)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in infos}
    assert modes == {"app.py": 0o644, "bootstrap": 0o755, "src/util.py": 0o644}


def test_links_inside_are_packed_and_links_outside_left_out(tmp_path: Path) -> None:
    secret = tmp_path / "credentials"
    secret.write_text("aws_secret_access_key = x")
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "app.py").write_text("a")
    os.symlink(folder / "app.py", folder / "alias.py")
    os.symlink(secret, folder / "creds")
    packed = pack_folder(folder)
    assert packed.files == ("alias.py", "app.py")
    assert packed.skipped == (("creds", "link to outside the folder or to a folder"),)
    assert b"aws_secret" not in packed.data


def test_a_package_over_the_direct_upload_limit_names_the_s3_route() -> None:
    check_direct_upload(DIRECT_UPLOAD_LIMIT)
    with pytest.raises(TooLargeForDirectUpload) as raised:
        check_direct_upload(DIRECT_UPLOAD_LIMIT + 1)
    assert "50 MB" in raised.value.message and "S3" in raised.value.hint


def test_lambda_sha256_is_base64_of_the_digest() -> None:
    assert lambda_sha256(b"") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
