"""The command line: version, help, and the no-region error before any UI starts."""

from __future__ import annotations

import subprocess
import sys

from lambdatui import __version__
from lambdatui.cli import EXIT_USAGE, main


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_version_prints_the_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"lambdatui {__version__}"


def test_help_lists_the_aws_cli_flags() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for flag in ("--profile", "--region", "--endpoint-url", "--read-only", "--demo", "--version"):
        assert flag in result.stdout


def test_no_region_anywhere_exits_2_with_one_line() -> None:
    result = _run()
    assert result.returncode == EXIT_USAGE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no AWS region" in lines[0] and "--region" in lines[0]
    assert result.stdout == ""  # no UI was started


def test_main_returns_2_without_region(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--profile", "nowhere"]) == EXIT_USAGE
    assert "profile 'nowhere'" in capsys.readouterr().err


def test_layers_import_one_way() -> None:
    """The AWS layer and the store load without Textual; the CLI loads neither UI nor botocore."""
    code = (
        "import sys\n"
        "import lambdatui.aws.gateway, lambdatui.store.cache\n"
        "assert 'textual' not in sys.modules, 'aws/store imported textual'\n"
        "assert 'lambdatui.ui' not in sys.modules\n"
        "assert 'moto' not in sys.modules\n"
        "import lambdatui.cli\n"
        "heavy = ('textual', 'botocore.session', 'aioboto3', 'moto')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
