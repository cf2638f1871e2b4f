"""The package cache: kept by hash, private, whole or absent, and held under its cap by
evicting what was used least recently."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lambdatui.code.pack import lambda_sha256
from lambdatui.store.code_cache import CacheMismatch, CodeCache


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_package_is_kept_by_its_hash_in_a_private_file(isolated_env: Path) -> None:
    cache = CodeCache()
    data = b"PK package bytes"
    sha = lambda_sha256(data)
    assert cache.get(sha) is None
    path = cache.put(sha, data)
    # under the isolated XDG cache dir, never the user's
    assert path.is_relative_to(isolated_env) and path.parent.name == "code"
    assert cache.get(sha) == path and path.read_bytes() == data
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    assert os.listdir(path.parent) == [path.name]


def test_bytes_that_do_not_match_the_hash_are_not_kept(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "code")
    with pytest.raises(CacheMismatch):
        cache.put(lambda_sha256(b"expected"), b"something else")
    assert list((tmp_path / "code").iterdir()) == []


def test_a_failed_stream_leaves_nothing_behind(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "code")
    sha = lambda_sha256(b"whole")
    with pytest.raises(ConnectionError), cache.incoming(sha) as sink:
        sink.write(b"who")
        raise ConnectionError("the download broke off")
    assert cache.get(sha) is None
    assert list((tmp_path / "code").iterdir()) == []


def test_a_download_streams_in_pieces(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "code")
    sha = lambda_sha256(b"one two three")
    with cache.incoming(sha) as sink:
        for piece in (b"one ", b"two ", b"three"):
            sink.write(piece)
    found = cache.get(sha)
    assert found is not None and found.read_bytes() == b"one two three"


def test_the_least_recently_used_go_first_when_over_the_cap(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "code", cap=250)
    packages = {name: name.encode() * 100 for name in "abc"}  # 100 bytes each
    shas = {name: lambda_sha256(data) for name, data in packages.items()}
    for when, name in enumerate("ab"):
        os.utime(cache.put(shas[name], packages[name]), (1000 + when, 1000 + when))
    assert cache.get(shas["a"]) is not None  # a read: "a" is now the most recent
    cache.put(shas["c"], packages["c"])  # 300 bytes > 250: the oldest, "b", goes
    assert cache.get(shas["b"]) is None
    assert cache.get(shas["a"]) is not None and cache.get(shas["c"]) is not None
    assert cache.total_size() == 200


def test_a_package_larger_than_the_cap_is_kept_until_the_next(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "code", cap=50)
    big, other = b"x" * 100, b"y" * 100
    cache.put(lambda_sha256(big), big)
    assert cache.get(lambda_sha256(big)) is not None
    cache.put(lambda_sha256(other), other)
    assert cache.get(lambda_sha256(big)) is None
    assert cache.get(lambda_sha256(other)) is not None


def test_a_hash_that_is_not_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a base64 SHA-256"):
        CodeCache(tmp_path).get("../../etc/passwd")
