"""The ``aws lambda invoke`` command line (f2 on the invoke screen): which AWS CLI it is written
for, its two shapes, and the printed command run with a real AWS CLI v1 against the local account.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lambdatui.aws.target import Target
from lambdatui.ui.invoke import command
from lambdatui.ui.invoke.command import (
    V2_ASSUMED,
    AwsCli,
    aws_cli_command,
    detect_aws_cli,
    parse_aws_version,
)
from lambdatui.ui.invoke.dialogs import CommandLine
from tests.invoke_functions import ECHO, make_function
from tests.ui.helpers import (
    fake_aws,
    make_app,
    on_path,
    open_invoke,
    press_id,
    screen_text,
    settle,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "major", "found"),
    [
        ("aws-cli/1.29.0 Python/3.11.7 Linux/6.1 botocore/1.31.0\n", 1, "aws-cli/1.29.0"),
        ("aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.amzn.2 prompt/off\n", 2, "2.15.30"),
        ("noise\naws-cli/1.18.147 Python/2.7.18 Linux/4.14 botocore/1.18.6", 1, "1.18.147"),
    ],
)
def test_the_version_is_read_from_what_aws_prints(text: str, major: int, found: str) -> None:
    cli = parse_aws_version(text)
    assert cli is not None and cli.major == major and cli.v1 == (major == 1)
    assert cli.found.endswith(found) and cli.found.startswith("aws-cli/")
    assert cli.describe() == f"AWS CLI v{major} ({cli.found} found)"


@pytest.mark.parametrize("text", ["", "aws: command not found", "aws-cli/x.y", "my-aws-cli/1.2"])
def test_no_version_in_the_text_is_none(text: str) -> None:
    assert parse_aws_version(text) is None


def test_the_version_comes_from_stdout_or_stderr_of_aws_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path(monkeypatch, fake_aws(tmp_path / "new", out="aws-cli/1.44.2 Python/3.12.1\n"))
    assert detect_aws_cli() == AwsCli(1, found="aws-cli/1.44.2")
    on_path(monkeypatch, fake_aws(tmp_path / "old", err="aws-cli/1.16.300 Python/2.7.18\n"))
    assert detect_aws_cli() == AwsCli(1, found="aws-cli/1.16.300")  # Python 2 era: stderr
    on_path(monkeypatch, fake_aws(tmp_path / "v2", out="aws-cli/2.31.4 Python/3.13.7\n"))
    assert detect_aws_cli().describe() == "AWS CLI v2 (aws-cli/2.31.4 found)"


def test_without_an_aws_that_answers_v2_is_assumed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    on_path(monkeypatch, tmp_path / "empty", alone=True)
    assert detect_aws_cli() is V2_ASSUMED
    assert V2_ASSUMED.describe() == "AWS CLI v2 (no aws found; assumed)"
    on_path(monkeypatch, fake_aws(tmp_path / "broken", err="Traceback …\n", code=1), alone=True)
    assert detect_aws_cli() == AwsCli(2, why="aws --version said no version")


def test_an_aws_that_hangs_is_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_aws(tmp_path / "bin") / "aws"
    script.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    on_path(monkeypatch, tmp_path / "bin", alone=True)
    monkeypatch.setattr(command, "VERSION_TIMEOUT_S", 0.2)
    started = time.monotonic()
    assert detect_aws_cli() == AwsCli(2, why="aws --version did not answer in 0.2 s")
    assert time.monotonic() - started < 10


def test_aws_is_asked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fake_aws(tmp_path / "bin", out="aws-cli/1.29.0 Python/3.11\n")
    on_path(monkeypatch, folder)
    assert detect_aws_cli().v1
    fake_aws(folder, out="aws-cli/2.0.0 Python/3.11\n")  # not asked again: still v1
    assert detect_aws_cli() == AwsCli(1, found="aws-cli/1.29.0")


TARGET = Target(profile="dev", region="eu-west-1")


def test_v1_gets_the_json_as_is_and_v2_the_binary_format_flag() -> None:
    v1, _ = aws_cli_command(TARGET, "echo", "live", "RequestResponse", '{"a":1}', cli=AwsCli(1))
    v2, _ = aws_cli_command(TARGET, "echo", "live", "RequestResponse", '{"a":1}', cli=AwsCli(2))
    tail = "--payload '{\"a\":1}' --profile dev --region eu-west-1 response.json"
    assert v1 == (
        "aws lambda invoke --function-name echo --qualifier live "
        f"--invocation-type RequestResponse --log-type Tail {tail}"
    )
    assert v2 == v1.replace("--payload", "--cli-binary-format raw-in-base64-out --payload")
    assert (
        aws_cli_command(TARGET, "echo", None, "Event", "{}")[0]
        == aws_cli_command(TARGET, "echo", None, "Event", "{}", cli=V2_ASSUMED)[0]
    )  # v2 unless told


def test_both_shapes_keep_the_other_flags_and_the_payload_file() -> None:
    big = json.dumps({"x": "y" * 5000})
    for cli in (AwsCli(1), AwsCli(2)):
        command, note = aws_cli_command(
            TARGET, "echo", None, "Event", big, client_context="e30=", tenant_id="acme", cli=cli
        )
        assert "--client-context e30= --tenant-id acme" in command
        assert "--payload file://payload.json" in command and "--log-type" not in command
        assert ("--cli-binary-format" in command) is not cli.v1
        assert "save it as payload.json" in note and "--tenant-id needs a recent" in note


# ---- the printed command, run with a real AWS CLI v1 ------------------------------------


@pytest.fixture(scope="session")
def aws_cli_v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a venv with AWS CLI v1 from the package index: its own venv, as
    awscli pins its own botocore, which the project's would conflict with. Compiled, as pip
    leaves it: the first start would compile botocore, longer than f2 waits for an answer."""
    venv = tmp_path_factory.mktemp("awscli-v1") / "venv"
    uv = ROOT / ".tools" / "bin" / "uv"
    if uv.exists():
        steps = [
            [str(uv), "venv", "-q", "--python", sys.executable, str(venv)],
            [
                str(uv),
                "pip",
                "install",
                "-q",
                "--python",
                str(venv / "bin" / "python"),
                "--compile-bytecode",
                "awscli<2",
            ],
        ]
    else:
        steps = [
            [sys.executable, "-m", "venv", str(venv)],
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "awscli<2"],
        ]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            pytest.skip(f"could not install awscli v1: {error}")
        if done.returncode:
            pytest.skip(f"could not install awscli v1: {done.stderr.strip()[-500:]}")
    version = subprocess.run(
        [venv / "bin" / "aws", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert "aws-cli/1." in version.stdout + version.stderr, version
    return venv / "bin"


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` as a user pastes it into a shell, with this test's environment."""
    bash = shutil.which("bash") or "/bin/sh"
    return subprocess.run(
        [bash, "-c", command], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
async def test_the_printed_command_runs_on_aws_cli_v1_and_answers_as_the_app(
    account: Any, aws_cli_v1: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_function(account, "echo", ECHO)
    on_path(monkeypatch, aws_cli_v1)
    payload = {"a": "it's", "n": [1, 2.5, None], "ü": '日本 "quoted" $HOME `x`'}
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_invoke(pilot)
        screen.editor.load_text(json.dumps(payload))
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        assert screen.result is not None and screen.result.ok
        ours = json.loads(screen.result.payload)
        await press_id(pilot, "invoke.cli")
        await wait_until(pilot, lambda: "For AWS CLI v1" in screen_text(app), timeout=30)
        dialog = app.screen
        assert isinstance(dialog, CommandLine)
        assert "For AWS CLI v1 (aws-cli/1." in screen_text(app)
        command = dialog.command
    assert "--cli-binary-format" not in command
    assert f"--endpoint-url {account.endpoint_url}" in command
    assert ours == {"echo": payload, "version": "$LATEST"}

    done = _shell(command, tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "response.json").read_text()) == ours
    reply = json.loads(done.stdout)
    assert reply["StatusCode"] == 200 and reply["ExecutedVersion"] == "$LATEST"

    # A payload too long for one line goes to payload.json: v1 reads file:// as the text too.
    big = {"big": "ü" * 5000}
    command, note = aws_cli_command(
        app.target, "echo", None, "RequestResponse", json.dumps(big), cli=detect_aws_cli()
    )
    assert "--payload file://payload.json" in command and "payload.json" in note
    (tmp_path / "payload.json").write_text(json.dumps(big), encoding="utf-8")
    done = _shell(command, tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "response.json").read_text()) == {
        "echo": big,
        "version": "$LATEST",
    }

    # What the issue reported: the v2 shape is refused by v1.
    v2 = command.replace("--payload", "--cli-binary-format raw-in-base64-out --payload")
    refused = _shell(v2, tmp_path)
    assert refused.returncode != 0 and "Unknown options: --cli-binary-format" in refused.stderr
