"""`lambdatui code` as a subprocess against the local account: ls (text and JSON), cat, get into
a folder and as a .zip, diff of two versions, the package cache, and its one-line errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from tests.cli.code_helpers import (
    FIRST,
    SECOND,
    one_error_line,
    sha,
    twin,
    two_versions,
    zip_of,
)
from tests.wire import delayed_proxy


def _code(account: Any, *args: str) -> Any:
    return twin(account.endpoint_url, account.region, "code", *args)


def test_ls_lists_paths_and_sizes_as_text_and_json(account: Any) -> None:
    two_versions(account)
    text = _code(account, "shop:1", "ls")
    assert text.returncode == 0, text.stderr
    rows = [line.split() for line in text.stdout.splitlines()]
    assert rows == [[name, str(_size(content))] for name, content in FIRST.items()]
    as_json = _code(account, "shop", "ls", "--json")
    assert as_json.returncode == 0, as_json.stderr
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert records == [{"path": name, "size": _size(content)} for name, content in SECOND.items()]


def _size(content: str | bytes) -> int:
    return len(content.encode() if isinstance(content, str) else content)


def test_cat_prints_a_file_as_it_is(account: Any) -> None:
    two_versions(account)
    latest = _code(account, "shop", "cat", "app.py")
    first = _code(account, "shop:1", "cat", "app.py")
    assert (latest.returncode, first.returncode) == (0, 0), latest.stderr + first.stderr
    assert latest.stdout == SECOND["app.py"] and first.stdout == FIRST["app.py"]


def test_get_writes_the_package_or_its_files(account: Any, tmp_path: Path) -> None:
    lam = two_versions(account)
    target = tmp_path / "v1.zip"
    saved = _code(account, "shop:1", "get", "-o", str(target))
    assert saved.returncode == 0, saved.stderr
    deployed = lam.get_function_configuration(FunctionName="shop", Qualifier="1")["CodeSha256"]
    assert sha(target.read_bytes()) == deployed
    assert f"SHA-256 {deployed}" in saved.stdout
    folder = tmp_path / "latest"
    extracted = _code(account, "shop", "get", "-o", str(folder))
    assert extracted.returncode == 0, extracted.stderr
    assert "3 files written" in extracted.stdout
    assert (folder / "app.py").read_text() == SECOND["app.py"]
    assert (folder / "data.bin").read_bytes() == SECOND["data.bin"]
    again = _code(account, "shop:1", "get", "-o", str(target))
    assert "exists already" in one_error_line(again)
    nowhere = _code(account, "shop:1", "get", "-o", str(tmp_path / "no" / "such" / "x.zip"))
    assert "No such file or directory" in one_error_line(nowhere)


def test_a_package_is_downloaded_once_then_read_from_the_cache(account: Any) -> None:
    two_versions(account)
    first = _code(account, "shop:2", "ls")
    assert first.returncode == 0, first.stderr
    account.knobs.code_url_seconds = 0  # every download link refused from now on
    again = _code(account, "shop:2", "ls")
    assert again.stdout == first.stdout, again.stderr
    # $LATEST has version 2's code: the same package, by hash, from the cache
    latest = _code(account, "shop", "cat", "new.py")
    assert latest.stdout == SECOND["new.py"], latest.stderr
    expired = one_error_line(_code(account, "shop:1", "ls"))  # not cached: downloaded
    assert "ten minutes" in expired


def test_diff_of_two_versions_summarises_then_shows_each_file(account: Any) -> None:
    two_versions(account)
    result = _code(account, "shop", "diff", "1", "$LATEST")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    head = out.split("\n\n")[0].splitlines()
    assert head[0].startswith("shop: 1 (") and " → $LATEST (" in head[0]
    assert head[1:] == [
        "  added    new.py",
        "  removed  lib/util.py",
        "  changed  app.py",
        "  1 unchanged",
    ]
    assert "--- a/app.py\n+++ b/app.py" in out
    assert "-    return 'one'\n+    return 'two'" in out
    assert "--- /dev/null\n+++ b/new.py" in out and "+ADDED = True" in out
    assert "--- a/lib/util.py\n+++ /dev/null" in out


def test_errors_are_one_line_and_exit_2(account: Any) -> None:
    two_versions(account)
    assert "not found" in one_error_line(_code(account, "ghost", "ls")).lower()
    missing = one_error_line(_code(account, "shop", "cat", "nowhere.py"))
    assert "no file 'nowhere.py'" in missing
    assert "two qualifiers" in one_error_line(_code(account, "shop:1", "diff", "1", "2"))


def test_a_package_that_does_not_match_its_hash_is_refused(account: Any) -> None:
    two_versions(account)
    wrong = sha(zip_of({"other.py": "x"}))

    def lie(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "GET" and path.startswith("/2015-03-31/functions/shop"):
            body["Configuration"]["CodeSha256"] = wrong
        return body

    with delayed_proxy(account.endpoint_url, rewrite=lie) as (proxy, _seen):
        result = twin(proxy, account.region, "code", "shop", "ls")
    line = one_error_line(result)
    assert "SHA-256" in line and wrong in line and "not kept" in line


def test_names_from_the_package_are_printed_harmless(account: Any) -> None:
    lam = two_versions(account)
    lam.update_function_code(FunctionName="shop", ZipFile=zip_of({"evil\x1b]0;pwned\x07.py": "x"}))
    result = _code(account, "shop", "ls")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    as_json = _code(account, "shop", "ls", "--json")
    assert json.loads(as_json.stdout)["path"] == "evil\x1b]0;pwned\x07.py"
    assert "\x1b" not in as_json.stdout  # escaped in the JSON text
    assert zipfile  # (the module is used by the helpers' zips)
