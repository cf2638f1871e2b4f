"""`lambdatui deploy` as a subprocess against the local account: a folder deployed with --yes
(served by GetFunction's Location after), --publish, what it refuses (read-only, no terminal,
a stale RevisionId, over the direct-upload limit, unknown function or path), the journal, and
--undo from the package cache (and what it says when the package is not there)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import boto3

from lambdatui.code.pack import pack_folder
from lambdatui.store import journal
from lambdatui.store.code_cache import CodeCache
from tests.cli.code_helpers import SECOND, lam_of, one_error_line, served_code, sha, twin
from tests.cli.code_helpers import two_versions as make_function
from tests.wire import delayed_proxy

CODE_PUT = "PUT /2015-03-31/functions/shop/code"


def _deploy(account: Any, *args: str, endpoint: str = "") -> Any:
    return twin(endpoint or account.endpoint_url, account.region, "deploy", *args)


def _folder(tmp_path: Path) -> Path:
    """A project folder: $LATEST's app.py changed, helpers.py new, with litter left out."""
    src = tmp_path / "src"
    (src / "__pycache__").mkdir(parents=True)
    (src / ".git").mkdir()
    (src / "tests").mkdir()
    (src / "app.py").write_text("def handler(event, context):\n    return 'three'\n")
    (src / "helpers.py").write_text("HELP = 3\n")
    (src / "data.bin").write_bytes(bytes(SECOND["data.bin"]))  # type: ignore[arg-type]
    (src / "__pycache__" / "app.cpython-312.pyc").write_bytes(b"\x00pyc")
    (src / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (src / "tests" / "test_app.py").write_text("assert True\n")
    config = Path.home() / "xdg_config_home" / "lambdatui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[code]\nexclude = ["tests/"]\n')
    return src


def test_a_folder_deployed_with_yes_is_what_lambda_serves_after(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    src = _folder(tmp_path)
    packed = pack_folder(src, ("tests/",))
    result = _deploy(account, "shop", str(src), "--yes")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"package   {packed.size:>12,} bytes  SHA-256 {packed.sha256}" in out
    assert f"SHA-256 {before}" in out
    assert "  added    helpers.py" in out and "  removed  new.py" in out
    assert "  changed  app.py" in out and "  1 unchanged" in out
    assert out.rstrip().endswith(f"shop: deployed SHA-256 {packed.sha256} ({packed.size:,} bytes)")
    assert "LastUpdateStatus: Successful" in result.stderr
    served = served_code(lam, "shop")
    assert sha(served) == packed.sha256 and served == packed.data
    assert packed.files == ("app.py", "data.bin", "helpers.py")  # no .git, caches or tests/
    [deploy] = [journal.Deploy.from_json(a) for a in journal.actions()]
    assert (deploy.function, deploy.before_sha256, deploy.after_sha256, deploy.version) == (
        "shop",
        before,
        packed.sha256,
        "",
    )
    # both packages are in the cache: the one replaced (for an undo) and the one deployed
    assert CodeCache().get(before) and CodeCache().get(packed.sha256)
    again = _deploy(account, "shop", str(src), "--yes")
    assert again.returncode == 0 and "deployed already" in again.stdout


def test_publish_makes_a_version_of_the_deployed_code(account: Any, tmp_path: Path) -> None:
    lam = make_function(account)
    src = _folder(tmp_path)
    result = _deploy(account, "shop", str(src), "--yes", "--publish")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("version 3 published")
    latest = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    assert lam.get_function_configuration(FunctionName="shop", Qualifier="3")["CodeSha256"] == (
        latest
    )
    assert sha(served_code(lam, "shop", "3")) == latest


def test_a_zip_is_deployed_as_it_is(account: Any, tmp_path: Path) -> None:
    lam = make_function(account)
    package = tmp_path / "build.zip"
    package.write_bytes(pack_folder(_folder(tmp_path)).data + b"")
    result = _deploy(account, "shop", str(package), "--yes")
    assert result.returncode == 0, result.stderr
    assert served_code(lam, "shop") == package.read_bytes()


def test_read_only_sends_no_update(account: Any, tmp_path: Path) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    src = _folder(tmp_path)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        result = _deploy(account, "shop", str(src), "--yes", "--read-only", endpoint=proxy)
    assert result.returncode == 1
    assert "not deployed" in result.stderr and "read-only" in result.stderr
    assert seen and not [line for line in seen if line.startswith(CODE_PUT)]
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == before
    assert journal.actions() == []


def test_without_a_terminal_and_without_yes_nothing_is_deployed(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    result = _deploy(account, "shop", str(_folder(tmp_path)))
    assert result.returncode == 1
    assert "stdin is not a terminal" in result.stderr and "--yes" in result.stderr
    assert "  changed  app.py" in result.stdout  # the diff was shown
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == before


def test_another_writer_between_read_and_deploy_is_not_overwritten(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    other = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)

    def someone_else_first(method: str, path: str) -> None:
        if f"{method} {path}".startswith(CODE_PUT):
            other.update_function_configuration(FunctionName="shop", Description="not yours")
        return None

    with delayed_proxy(account.endpoint_url, refuse=someone_else_first) as (proxy, seen):
        result = _deploy(account, "shop", str(_folder(tmp_path)), "--yes", endpoint=proxy)
    assert result.returncode == 2, result.stderr
    # the progress of the deploy, then its error, in one line
    [line] = [line for line in result.stderr.splitlines() if line.startswith("lambdatui: ")]
    assert result.stderr.rstrip().endswith(line)
    assert "changed by someone else" in line and "nothing was deployed" in line
    assert [entry for entry in seen if entry.startswith(CODE_PUT)]  # it was sent, and refused
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == before
    assert journal.actions() == []


def test_over_the_direct_upload_limit_is_refused_before_any_call(
    account: Any, tmp_path: Path
) -> None:
    make_function(account)
    big = tmp_path / "big.zip"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: nothing is written
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        line = one_error_line(_deploy(account, "shop", str(big), "--yes", endpoint=proxy))
    assert "50 MB" in line and "S3" in line
    assert seen == []


def test_unknown_function_and_missing_path_are_one_line(account: Any, tmp_path: Path) -> None:
    make_function(account)
    src = _folder(tmp_path)
    assert "not found" in one_error_line(_deploy(account, "ghost", str(src), "--yes")).lower()
    missing = one_error_line(_deploy(account, "shop", str(tmp_path / "nowhere"), "--yes"))
    assert "no such folder or file" in missing
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello")
    assert "not a readable zip" in one_error_line(_deploy(account, "shop", str(not_zip)))
    assert "without a qualifier" in one_error_line(_deploy(account, "shop:1", str(src)))


def test_undo_redeploys_the_previous_package_from_the_cache(account: Any, tmp_path: Path) -> None:
    lam = make_function(account)
    original = served_code(lam, "shop")
    deployed = _deploy(account, "shop", str(_folder(tmp_path)), "--yes")
    assert deployed.returncode == 0, deployed.stderr
    # the twin refuses without a terminal, as a deploy does
    assert _deploy(account, "shop", "--undo").returncode == 1
    undone = _deploy(account, "shop", "--undo", "--yes")
    assert undone.returncode == 0, undone.stderr
    assert f"redeploy  SHA-256 {sha(original)} (from the package cache)" in undone.stdout
    assert served_code(lam, "shop") == original
    first, second = [journal.Deploy.from_json(a) for a in journal.actions()]
    assert (second.before_sha256, second.after_sha256) == (first.after_sha256, sha(original))
    # the undo is journaled like a deploy: undoing it deploys the folder's package again
    redone = _deploy(account, "shop", "--undo", "--yes")
    assert redone.returncode == 0, redone.stderr
    assert sha(served_code(lam, "shop")) == first.after_sha256


def test_undo_says_so_when_the_previous_package_is_not_cached(account: Any, tmp_path: Path) -> None:
    lam = make_function(account)
    deployed = _deploy(account, "shop", str(_folder(tmp_path)), "--yes")
    assert deployed.returncode == 0, deployed.stderr
    now = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    shutil.rmtree(CodeCache().root)
    line = one_error_line(_deploy(account, "shop", "--undo", "--yes"))
    assert "not in the local cache" in line
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == now
    assert "No journaled deploy" in one_error_line(
        twin(account.endpoint_url, account.region, "deploy", "other", "--undo")
    )


def test_undo_refuses_when_someone_deployed_since(account: Any, tmp_path: Path) -> None:
    lam = make_function(account)
    assert _deploy(account, "shop", str(_folder(tmp_path)), "--yes").returncode == 0
    theirs = pack_folder(tmp_path / "src" / "tests").data
    lam_of(account).update_function_code(FunctionName="shop", ZipFile=theirs)
    line = one_error_line(_deploy(account, "shop", "--undo", "--yes"))
    assert "someone deployed since" in line
    assert served_code(lam, "shop") == theirs


def test_on_plain_moto_the_deploy_goes_on_without_the_file_list(
    plain_moto: Any, tmp_path: Path
) -> None:
    """Plain moto does not serve its code links: the files are not compared, said in one line
    naming the host, and the deploy still happens."""
    lam = make_function(plain_moto)
    src = _folder(tmp_path)
    packed = pack_folder(src, ("tests/",))
    result = _deploy(plain_moto, "shop", str(src), "--yes")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  files not compared: the deployed package could not be read: Could not reach " in out
    assert ".amazonaws.com to download the package" in out
    assert "  3 files in the package" in out
    assert out.rstrip().endswith(f"shop: deployed SHA-256 {packed.sha256} ({packed.size:,} bytes)")
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == packed.sha256
