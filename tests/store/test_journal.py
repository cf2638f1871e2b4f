"""The change journal: appended lines, private file, the last change of a function."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lambdatui.aws.settings import Settings
from lambdatui.store import journal
from lambdatui.store.journal import Change


def _change(function: str, memory: int, **kw: object) -> Change:
    return Change(
        function=function,
        qualifier=None,
        before=Settings(512, 3, 512, (("TOKEN", "a"),)),
        after=Settings(memory, 3, 512, (("TOKEN", "b"),), reserved=5),
        profile=kw.get("profile", "dev"),  # type: ignore[arg-type]
        region="us-east-1",
        endpoint=None,
    )


def test_changes_are_appended_to_a_private_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path / "lt"))
    path = journal.append(_change("a", 1024))
    journal.append(_change("b", 2048))
    journal.append(_change("a", 1769))
    assert path == tmp_path / "lt" / "data" / "changes.jsonl"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert len(path.read_text().splitlines()) == 3
    stored = journal.changes()
    assert [c.function for c in stored] == ["a", "b", "a"]
    assert stored[0].time  # stamped when written
    assert stored[0].after == _change("a", 1024).after


def test_the_last_change_of_a_function_on_this_target(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path))
    journal.append(_change("a", 1024))
    journal.append(_change("a", 1769))
    journal.append(_change("a", 4096, profile="other"))
    last = journal.last_change("a", profile="dev", region="us-east-1")
    assert last is not None and last.after.memory_mb == 1769
    assert journal.last_change("a", profile="dev", region="eu-west-1") is None
    assert journal.last_change("nope", profile="dev", region="us-east-1") is None


def test_a_damaged_line_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path))
    path = journal.append(_change("a", 1024))
    with path.open("a") as handle:
        handle.write("{not json\n")
    journal.append(_change("a", 2048))
    assert [c.after.memory_mb for c in journal.changes()] == [1024, 2048]


def test_no_journal_yet_means_no_change(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path))
    assert journal.changes() == []
    assert journal.last_change("a", profile=None, region="us-east-1") is None


def test_an_action_is_journaled_beside_the_changes_and_revert_skips_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from lambdatui.aws.target import resolve_target

    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path))
    target = resolve_target(profile=None, region="us-east-1")
    journal.append(_change("flow", 1024, profile=None))
    arn = "arn:aws:lambda:us-east-1:1:function:flow:1/durable-execution/o-3/x"
    path = journal.record_action(target, "flow", "1", "StopDurableExecution", arn)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    [action] = journal.actions()
    assert (action["function"], action["qualifier"], action["action"], action["subject"]) == (
        "flow",
        "1",
        "StopDurableExecution",
        arn,
    )
    assert action["region"] == "us-east-1" and action["time"]
    assert [c.function for c in journal.changes()] == ["flow"]
    last = journal.last_change("flow", profile=None, region="us-east-1")
    assert last is not None and last.after.memory_mb == 1024


def test_a_deploy_is_an_action_found_per_function_and_target(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from lambdatui.aws.target import resolve_target

    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path))
    here = resolve_target(profile=None, region="us-east-1")
    there = resolve_target(profile=None, region="eu-west-1")
    journal.append(_change("shop", 1024, profile=None))
    journal.record_deploy(here, "shop", "b2xk", "bmV3", "3")
    journal.record_deploy(there, "shop", "b2xk", "dGhlcmU=")
    journal.record_deploy(here, "cart", "", "Y2FydA==")
    last = journal.last_deploy("shop", profile=None, region="us-east-1")
    assert last is not None
    assert (last.before_sha256, last.after_sha256, last.version) == ("b2xk", "bmV3", "3")
    assert journal.last_deploy("shop", profile="dev", region="us-east-1") is None
    assert journal.last_deploy("nothing", profile=None, region="us-east-1") is None
    # a deploy is no settings change: the edit form's revert never sees it
    assert [c.function for c in journal.changes()] == ["shop"]
    assert journal.last_change("cart", profile=None, region="us-east-1") is None
