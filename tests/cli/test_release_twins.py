"""`lambdatui publish` and `lambdatui alias` as subprocesses against the local account (and
plain moto): publish prints only the new version's number, alias prints the alias as it now
is; both ask, refuse without a terminal or under --read-only (exit 1), report a change
meanwhile or a bad weight as one error line (exit 2), and journal what they did."""

from __future__ import annotations

from typing import Any

from lambdatui.store import release_journal as rj
from tests.aws.test_edit import make_function
from tests.cli.code_helpers import one_error_line, twin


def _versions(lam: Any) -> list[str]:
    return [v["Version"] for v in lam.list_versions_by_function(FunctionName="shop")["Versions"]]


def _journaled(account: Any) -> rj.Release | None:
    return rj.last_release(
        "shop", profile=None, region=account.region, endpoint=account.endpoint_url
    )


def test_publish_prints_only_the_new_version_and_journals_it(account: Any) -> None:
    lam = make_function(account)
    lam.update_function_configuration(FunctionName="shop", Description="three")
    result = twin(
        account.endpoint_url, account.region, "publish", "shop", "--description", "v3", "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "3\n"
    assert "publish $LATEST" in result.stderr and "Version 3: Active" in result.stderr
    assert _versions(lam) == ["$LATEST", "1", "2", "3"]
    assert lam.get_function_configuration(FunctionName="shop", Qualifier="3")["Description"] == "v3"
    journaled = _journaled(account)
    assert journaled is not None and (journaled.action, journaled.qualifier) == (rj.PUBLISH, "3")


def test_publish_without_a_terminal_or_under_read_only_publishes_nothing(account: Any) -> None:
    lam = make_function(account)
    asked = twin(account.endpoint_url, account.region, "publish", "shop")
    assert asked.returncode == 1 and "stdin is not a terminal" in asked.stderr
    read_only = twin(
        account.endpoint_url, account.region, "publish", "shop", "--yes", "--read-only"
    )
    assert read_only.returncode == 1 and "not published" in read_only.stderr
    assert asked.stdout == read_only.stdout == ""
    assert _versions(lam) == ["$LATEST", "1", "2"]
    assert _journaled(account) is None


def test_publish_of_an_unknown_function_is_one_error_line(account: Any) -> None:
    result = twin(account.endpoint_url, account.region, "publish", "nope", "--yes")
    assert "nope" in one_error_line(result) or "not found" in one_error_line(result).lower()


def test_alias_creates_updates_and_deletes(account: Any) -> None:
    lam = make_function(account)

    def alias(*args: str) -> Any:
        return twin(account.endpoint_url, account.region, "alias", "shop", *args, "--yes")

    created = alias("beta", "--version", "1", "--weight", "2=0.25", "--description", "try")
    assert created.returncode == 0, created.stderr
    assert "alias        beta" in created.stdout and "version      1" in created.stdout
    assert "routing      v1 75% / v2 25%  (additional: 2=0.25)" in created.stdout
    assert "description  try" in created.stdout
    assert "(none) → v1 75% / v2 25%" in created.stderr
    revision = lam.get_alias(FunctionName="shop", Name="beta")["RevisionId"]
    assert f"revision     {revision}" in created.stdout

    updated = alias("beta", "--version", "2", "--weight", "none")
    assert updated.returncode == 0, updated.stderr
    assert "version      2" in updated.stdout and "description  try" in updated.stdout
    assert "v1 75% / v2 25% → v2" in updated.stderr
    got = lam.get_alias(FunctionName="shop", Name="beta")
    assert got["FunctionVersion"] == "2"
    assert not (got.get("RoutingConfig") or {}).get("AdditionalVersionWeights")
    journaled = _journaled(account)
    assert journaled is not None and journaled.action == rj.UPDATE_ALIAS
    assert journaled.before is not None and journaled.before.function_version == "1"

    same = alias("beta", "--version", "2")
    assert same.returncode == 0 and "nothing to change" in same.stderr

    deleted = alias("beta", "--delete")
    assert deleted.returncode == 0 and deleted.stdout == "alias        beta: deleted\n"
    assert [a["Name"] for a in lam.list_aliases(FunctionName="shop")["Aliases"]] == ["live"]


def test_alias_refusals(account: Any) -> None:
    lam = make_function(account)
    live = lam.get_alias(FunctionName="shop", Name="live")

    def alias(*args: str) -> Any:
        return twin(account.endpoint_url, account.region, "alias", "shop", *args)

    bad = alias("live", "--weight", "2=1.5", "--yes")
    assert "between 0 and 1" in one_error_line(bad)
    assert "VERSION=WEIGHT" in one_error_line(alias("live", "--weight", "half", "--yes"))
    assert "--version" in one_error_line(alias("nope", "--yes"))
    no_terminal = alias("live", "--version", "2")
    assert no_terminal.returncode == 1 and "stdin is not a terminal" in no_terminal.stderr
    read_only = alias("live", "--delete", "--yes", "--read-only")
    assert read_only.returncode == 1 and "not changed" in read_only.stderr
    assert lam.get_alias(FunctionName="shop", Name="live")["RevisionId"] == live["RevisionId"]


def test_alias_and_publish_work_on_plain_moto(plain_moto: Any) -> None:
    lam = make_function(plain_moto)
    lam.update_function_configuration(FunctionName="shop", Description="three")
    published = twin(plain_moto.endpoint_url, plain_moto.region, "publish", "shop", "--yes")
    assert published.returncode == 0, published.stderr
    assert published.stdout == "3\n"
    moved = twin(
        plain_moto.endpoint_url,
        plain_moto.region,
        "alias",
        "shop",
        "live",
        "--version",
        "3",
        "--weight",
        "none",
        "--yes",
    )
    assert moved.returncode == 0, moved.stderr
    assert "version      3" in moved.stdout
    assert lam.get_alias(FunctionName="shop", Name="live")["FunctionVersion"] == "3"
