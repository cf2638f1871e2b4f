"""The project's shape, checked: one-way imports, README's key table from the bindings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_import_contracts_hold() -> None:
    """import-linter: aws imports nothing of ours nor Textual; store no UI; UI no demo; the
    command-line twins no Textual. Every contract in pyproject.toml is checked."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts['contracts'])} kept, 0 broken." in result.stdout


def test_readme_key_table_matches_the_bindings() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/keys_table.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_type_checker_passes() -> None:
    """mypy --strict over the files pyproject.toml names (its cache kept out of the tree)."""
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        result = subprocess.run(
            [str(BIN / "mypy"), "--cache-dir", cache],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_linter_passes() -> None:
    """ruff's checks and its formatting, as the project configures them."""
    for args in (
        ["check", "lambdatui", "tests", "bench"],
        ["format", "--check", "lambdatui", "tests", "bench"],
    ):
        result = subprocess.run(
            [str(BIN / "ruff"), *args, "--no-cache"], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
