"""The project's shape, checked: one-way imports, README's key table from the bindings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
