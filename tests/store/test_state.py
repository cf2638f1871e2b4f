"""Remembered state: theme pick vs the config file, recent targets, damaged file ignored."""

from __future__ import annotations

import stat
from pathlib import Path

from lambdatui.store import state
from lambdatui.store.state import RecentTarget, State


def test_round_trip_private_file(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "state.json"
    saved = State(
        theme="nord",
        theme_config="textual-dark",
        recent=(RecentTarget("dev", "eu-west-1"),),
        metrics_column=True,
    )
    state.save(saved, path)
    assert state.load(path) == saved
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_picked_theme_wins_until_the_config_file_changes_its_theme() -> None:
    remembered = State(theme="nord", theme_config="textual-dark")
    assert remembered.theme_for("textual-dark") == "nord"
    assert remembered.theme_for("gruvbox") == "gruvbox"  # the user edited config.toml since
    assert State().theme_for("textual-dark") == "textual-dark"


def test_recent_targets_most_recent_first_without_duplicates() -> None:
    s = State()
    for i in range(15):
        s = s.with_recent(RecentTarget(f"p{i}", "us-east-1"))
    s = s.with_recent(RecentTarget("p10", "us-east-1"))
    assert s.recent[0] == RecentTarget("p10", "us-east-1")
    assert len(s.recent) == state.RECENT_LIMIT
    assert len(set(s.recent)) == len(s.recent)


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for text in (
        "{not json",
        "[]",
        '{"recent": [1, {"profile": "x"}], "theme": 3}',
        '{"metrics_column": "yes"}',
    ):
        path.write_text(text)
        assert state.load(path) == State()
    assert state.load(tmp_path / "missing.json") == State()
