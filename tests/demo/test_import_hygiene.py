"""The demo stays to the side: the AWS layer never loads it, and it loads moto only on use."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import lambdatui.aws
from lambdatui import twins


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


def test_the_aws_layer_never_loads_the_demo_or_its_runner() -> None:
    modules = [m.name for m in pkgutil.iter_modules(lambdatui.aws.__path__, "lambdatui.aws.")]
    loaded = loaded_after("\n".join(f"import {name}" for name in ["lambdatui.aws", *modules]))
    assert not {m for m in loaded if m.startswith("lambdatui.demo")}


def test_importing_the_demo_package_does_not_start_moto() -> None:
    loaded = loaded_after("import lambdatui.demo")
    assert "moto" not in loaded


def test_the_start_up_path_paints_without_the_sdk_or_the_gateway() -> None:
    """What the app imports before its first paint (the command line, the app, the list
    screen): no botocore, aiobotocore or aiohttp (imported in a thread by the gateway), and not
    the gateway with its records (imported in a thread as the list starts loading)."""
    loaded = loaded_after("import lambdatui.cli, lambdatui.ui.app, lambdatui.ui.screens.functions")
    assert not {m for m in loaded if m.split(".")[0] in ("botocore", "aiobotocore", "aiohttp")}
    assert "lambdatui.aws.gateway" not in loaded
    assert not {m for m in loaded if m.startswith("lambdatui.demo")}
    assert "textual.widgets._text_area" not in loaded  # the invoke editor's, when it opens
    # the monitoring pane's plotting library (~0.25 s cold), when the pane first draws
    assert not {m for m in loaded if m.split(".")[0] in ("textual_plotext", "plotext")}
    assert "hashlib" not in loaded  # its OpenSSL set-up, ~6 ms, for a cache file's name
    # the command palette's providers, when the palette first opens
    assert not {"lambdatui.ui.commands", "lambdatui.ui.release.commands"} & loaded
    assert "lambdatui.ui.tune.resume" not in loaded
    # what a failed call, an MFA profile, versions and aliases, a small terminal or the
    # filter box need, when they first do (issue 20: ~5 ms of the warm start's imports)
    assert (
        not {
            "lambdatui.aws.errors",
            "lambdatui.aws.credentials",
            "lambdatui.aws.qualifier_records",
            "lambdatui.ui.screens.too_small",
            "lambdatui.ui.widgets.filter_bar",
        }
        & loaded
    )


def test_a_plain_tui_command_line_is_read_without_argparse() -> None:
    """``lambdatui --endpoint-url URL --region R`` (the TUI's own flags alone): no argparse
    and no gettext, ~2.6 ms before the first frame (``cli.plain_ui_args``)."""
    loaded = loaded_after(
        "from lambdatui.cli import plain_ui_args\n"
        "assert plain_ui_args(['--endpoint-url', 'http://x', '--region', 'r', '--read-only'])"
    )
    assert not {"argparse", "gettext"} & loaded


def test_the_cache_check_before_the_start_up_child_loads_no_cache_module(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The command line asks whether any list is cached before it starts the child that
    fetches the first page: ``store.cache`` (records, dataclasses, json: ~24 ms) made the
    child start, and the first row come, that much later."""
    cached = tmp_path / "cache" / "functions"
    cached.mkdir(parents=True)
    (cached / "a-target.json").write_text("{}")  # a cached list: no child is started
    loaded = loaded_after(
        f"import os; os.environ['LAMBDATUI_HOME'] = {str(tmp_path)!r}\n"
        "from lambdatui.list_ahead import start_early\n"
        "assert start_early(['--region', 'eu-west-1']) is None"
    )
    assert "lambdatui.store.cached" in loaded
    assert "lambdatui.store.cache" not in loaded
    assert "lambdatui.aws.records" not in loaded


def test_the_function_view_opens_without_the_plotting_library() -> None:
    """The function view composes its monitoring pane empty: the graphs' module and the
    plotting library load when the pane first draws, not when a function is opened."""
    loaded = loaded_after("import lambdatui.ui.screens.function")
    assert not {m for m in loaded if m.split(".")[0] in ("textual_plotext", "plotext")}
    assert "lambdatui.ui.widgets.metric_chart" not in loaded


def loaded_by_command(*argv: str) -> set[str]:
    """The modules loaded by ``lambdatui ARGV…`` run to its end (``--version``, ``--help``)."""
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.stderr.write('\\n'.join(sorted(sys.modules))))\n"
        f"sys.argv = ['lambdatui', *{list(argv)!r}]\n"
        "from lambdatui.cli import entry\n"
        "entry()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stderr.split())


def test_version_builds_no_parser() -> None:
    """``lambdatui --version`` answers as fast as Python starts: no argparse, no typing."""
    loaded = loaded_by_command("--version")
    assert not {"argparse", "typing", "lambdatui.twins._common"} & loaded


def test_help_loads_the_commands_but_not_their_work() -> None:
    """``--help`` and each command's ``--help`` load the commands' modules for their one-line
    help, and nothing the commands need only to run: no SDK, no asyncio, no json, no typing;
    not even shutil, which argparse imports to learn the terminal's width (cli.help_formatter)."""
    heavy = {"asyncio", "json", "datetime", "typing", "shutil", "botocore", "lambdatui.aws.gateway"}
    for argv in (("--help",), *((name, "--help") for name in twins.names())):
        loaded = loaded_by_command(*argv)
        assert "lambdatui.twins._common" in loaded, argv
        assert not heavy & loaded, (argv, heavy & loaded)
