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
        "heavy = ('textual', 'botocore.session', 'aiobotocore', 'moto')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_twin_module_is_a_subcommand_with_the_target_flags() -> None:
    from lambdatui import twins

    result = _run("--help")
    for name in twins.names():
        assert name in result.stdout
        sub = _run(name, "--help")
        assert sub.returncode == 0, sub.stderr
        for flag in ("--profile", "--region", "--endpoint-url", "--read-only"):
            assert flag in sub.stdout


def test_a_twin_runs_on_the_target_its_flags_name(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """A twin module dropped into the package is found, gets its arguments and the target."""
    import types

    from lambdatui import twins

    seen: dict[str, object] = {}
    module = types.ModuleType("lambdatui.twins.probe_")
    module.HELP = "a probe"  # type: ignore[attr-defined]
    module.configure = lambda parser: parser.add_argument("thing")  # type: ignore[attr-defined]

    def run(args, target):  # type: ignore[no-untyped-def]
        seen.update(thing=args.thing, region=target.region, read_only=target.read_only)
        return 7

    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lambdatui.twins.probe_", module)
    monkeypatch.setattr(twins, "names", lambda: ["probe"])
    monkeypatch.setattr(twins, "module_name", lambda name: "lambdatui.twins.probe_")
    assert main(["--region", "eu-west-1", "probe", "x", "--read-only"]) == 7
    assert seen == {"thing": "x", "region": "eu-west-1", "read_only": True}
    assert main(["probe", "y", "--region", "us-east-2"]) == 7
    assert seen["region"] == "us-east-2" and seen["read_only"] is False


def test_config_file_supplies_profile_and_region_last(monkeypatch, capsys, isolated_env) -> None:  # type: ignore[no-untyped-def]
    """Flags and variables win; lambdatui's config file fills in what nothing else named."""
    import os
    import types
    from pathlib import Path

    from lambdatui import twins

    config = Path(os.environ["XDG_CONFIG_HOME"]) / "lambdatui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[aws]\nregion = "eu-west-3"\nprofile = "cfg"\n[ui]\nmouse = "no"\n')
    seen: dict[str, object] = {}
    module = types.ModuleType("lambdatui.twins.probe_")
    module.HELP = "a probe"  # type: ignore[attr-defined]
    module.configure = lambda parser: None  # type: ignore[attr-defined]

    def run(args, target):  # type: ignore[no-untyped-def]
        seen.update(region=target.region, profile=target.profile)
        return 0

    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lambdatui.twins.probe_", module)
    monkeypatch.setattr(twins, "names", lambda: ["probe"])
    monkeypatch.setattr(twins, "module_name", lambda name: "lambdatui.twins.probe_")
    assert main(["probe"]) == 0
    assert seen == {"region": "eu-west-3", "profile": "cfg"}
    assert f"{config}:5: [ui] mouse must be true or false" in capsys.readouterr().err
    monkeypatch.setenv("AWS_REGION", "ap-south-1")
    assert main(["probe", "--profile", "flag"]) == 0
    assert seen == {"region": "ap-south-1", "profile": "flag"}


def test_config_events_directory_and_time_zone_act_on_the_process(isolated_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    from pathlib import Path

    config = Path(os.environ["XDG_CONFIG_HOME"]) / "lambdatui" / "config.toml"
    config.parent.mkdir(parents=True)
    events = tmp_path / "team-events"
    config.write_text(f'[events]\ndirectory = "{events}"\n[ui]\ntimezone = "Mars/Olympus"\n')
    env = {k: v for k, v in os.environ.items() if k != "LAMBDATUI_EVENTS_DIR"}
    result = subprocess.run(
        [sys.executable, "-m", "lambdatui", "events", "save", "fn", "e1", "--payload", "{}"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert list(events.rglob("*.json"))  # saved where the config file says
    assert "timezone 'Mars/Olympus' is not a known time zone" in result.stderr


def test_the_tui_command_line_builds_no_command_parser() -> None:
    """Without a command's name in it, the command line cannot choose a command: the TUI's
    parser knows the commands by name only (a parser each was ~3 ms before its first frame)."""
    import argparse

    from lambdatui import twins
    from lambdatui.cli import build_parser

    given = ["--region", "eu-west-1", "--read-only"]
    parser = build_parser(given)
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(sub.choices) == twins.names()
    assert not any(sub.choices.values())
    args = parser.parse_args(given)
    assert (args.command, args.region, args.read_only) == (None, "eu-west-1", True)


def test_an_unknown_command_is_refused_with_every_command_named() -> None:
    from lambdatui import twins

    result = _run("--region", "eu-west-1", "no-such-command")
    assert result.returncode == EXIT_USAGE
    assert "invalid choice: 'no-such-command'" in result.stderr
    assert all(f"'{name}'" in result.stderr for name in twins.names())
    assert "Traceback" not in result.stderr
