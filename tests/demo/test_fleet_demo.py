"""The demo chooses its fleet ahead: `F` lists its eight regions of both profiles at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lambdatui.demo.fleet import REGIONS, write_fleet_choice
from lambdatui.store import fleet_cache


def test_the_demos_fleet_choice_is_the_one_the_fleet_view_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path / "lambdatui"))
    write_fleet_choice(tmp_path / "lambdatui" / "config")
    assert fleet_cache.load_choice() == fleet_cache.FleetChoice((), REGIONS)
