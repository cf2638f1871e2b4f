"""The app in a real terminal: tmux at 80x24, as over SSH (TERM=screen-256color, no
COLORTERM). It starts, lists, filters and quits, and leaves the terminal as it found it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lambdatui.demo.seed import seed_functions

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
LAMBDATUI = Path(sys.executable).parent / "lambdatui"


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        ).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p")

    def launch(self, args: str, *, env: str = "", before: str = "") -> None:
        """Run `lambdatui ARGS` in a new 80x24 pane with the test's isolated environment
        (plus ``env``: `env` options and assignments), after the shell command ``before``;
        the pane then prints "exit status N" and stays."""
        command = f'{before}env {env} {_env()} {LAMBDATUI} {args}; echo "exit status $?"; sleep 60'
        self("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "sh", "-c", command)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 30) -> str:
        """The screen once ``check`` holds for it twice, 50 ms apart: a frame is written in
        pieces, and a capture between two of them (the header's count already there, the
        rows not yet) is not what the user sees."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if check(text):
                time.sleep(0.05)
                again = self.screen()
                if check(again):
                    return again
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen shows:\n{self.screen()}")


def _env() -> str:
    """The test's isolated AWS/XDG/HOME variables, as `env` arguments for the pane."""
    return " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in os.environ.items()
        if k.startswith(("AWS_", "XDG_")) or k in ("HOME", "PATH")
    )


@pytest.fixture
def tmux(isolated_env) -> Iterator[Tmux]:  # type: ignore[no-untyped-def]
    # a server of its own per test: a new session right after the last test's kill-server
    # could reach that server as it went away (a blank screen, under load)
    t = Tmux(f"lambdatui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    yield t
    t("kill-server")


def test_starts_lists_filters_and_quits_restoring_the_terminal(account, tmux) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 30, region=account.region, prefix="tty")
    tmux.launch(
        f"--endpoint-url {account.endpoint_url} --region {account.region}",
        env="-u COLORTERM TERM=screen-256color",
        before="printf 'before the app\\n'; ",
    )
    listed = tmux.wait_for(lambda s: "30 functions" in s)
    assert "tty-00000" in listed
    assert tmux("display", "-p", "#{alternate_on}").strip() == "1"
    tmux("send-keys", "/")
    tmux.wait_for(lambda s: "Keep filter" in s)  # the filter's keys: it has focus
    tmux("send-keys", "-l", "00017")
    filtered = tmux.wait_for(lambda s: "tty-00017" in s and "tty-00000" not in s)
    assert "tty-00016" not in filtered
    tmux("send-keys", "Enter")  # keep the filter, back to the list
    tmux.wait_for(lambda s: "q Quit" in s)  # the list's keys again
    tmux("send-keys", "q")
    after = tmux.wait_for(lambda s: "exit status" in s, timeout=15)
    assert "exit status 0" in after
    assert "before the app" in after
    assert "tty-000" not in after  # the UI is gone: back on the normal screen
    flags = tmux("display", "-p", "#{alternate_on} #{mouse_any_flag} #{cursor_flag}").split()
    assert flags == ["0", "0", "1"]  # normal screen, no mouse reporting, cursor shown


@pytest.mark.parametrize(("flag", "mouse"), [("", "1"), ("--no-mouse", "0")])
def test_no_mouse_leaves_the_mouse_to_the_terminal(account, tmux, flag, mouse) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="mouse")
    tmux.launch(f"{flag} --endpoint-url {account.endpoint_url} --region {account.region}")
    tmux.wait_for(lambda s: "1 function" in s)
    assert tmux("display", "-p", "#{mouse_any_flag}").strip() == mouse
    tmux("send-keys", "q")


def test_expired_session_runs_the_login_command_then_reloads(account, tmux, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The SSO path: calls fail with ExpiredToken until the (stubbed) login command has run;
    the app offers it, hands it the terminal (App.suspend), and lists once it is back."""
    from tests.wire import delayed_proxy

    seed_functions(account.endpoint_url, 4, region=account.region, prefix="sso")
    marker = tmp_path / "logged-in"
    login = tmp_path / "fake-login.sh"
    login.write_text(f'#!/bin/sh\necho "login for $2 as $1"\nsleep 1\ntouch {marker}\n')
    login.chmod(0o755)
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "lambdatui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[aws]\nlogin_command = "{login} --profile {{profile}}"\n')

    def expired(method: str, path: str) -> tuple[int, str, str] | None:
        if path.startswith("/2015-03-31/functions") and not marker.exists():
            return (403, "ExpiredTokenException", "The security token included has expired")
        return None

    with delayed_proxy(account.endpoint_url, refuse=expired) as (url, _seen):
        tmux.launch(f"--endpoint-url {url} --region {account.region}")
        offer = tmux.wait_for(lambda s: "enter: run it" in s)
        assert "expired" in offer.lower() and "fake-login.sh --profile default" in offer
        tmux("send-keys", "Enter")
        listed = tmux.wait_for(lambda s: "4 functions" in s)
        assert marker.exists()  # the login command ran, in the terminal the app handed over
        assert "sso-00000" in listed and "expired" not in listed.lower()
        tmux("send-keys", "q")


def _mfa_profiles(account) -> None:  # type: ignore[no-untyped-def]
    """'base' has keys; 'admin' assumes a role from it and asks for an MFA code."""
    aws = Path(os.environ["AWS_CONFIG_FILE"])
    aws.parent.mkdir(parents=True, exist_ok=True)
    aws.write_text(
        f"[profile base]\nregion = {account.region}\n"
        f"[profile admin]\nregion = {account.region}\nsource_profile = base\n"
        f"role_arn = arn:aws:iam::{account.account_id}:role/admin\n"
        f"mfa_serial = arn:aws:iam::{account.account_id}:mfa/me\n"
    )
    Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]).write_text(
        "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base\n"
    )


def test_an_mfa_profile_prompts_on_the_terminal_before_the_ui(account, tmux) -> None:  # type: ignore[no-untyped-def]
    """botocore's MFA prompt would be hidden behind the UI: it comes first, then the app."""
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="mfa")
    _mfa_profiles(account)
    tmux.launch("--profile admin", env=f"AWS_ENDPOINT_URL={account.endpoint_url}")
    prompt = tmux.wait_for(lambda s: "MFA code" in s and "mfa/me" in s)
    assert "profile 'admin' asks for an MFA code" in prompt
    tmux("send-keys", "-l", "123456")
    tmux("send-keys", "Enter")
    listed = tmux.wait_for(lambda s: "2 functions" in s)
    assert "admin │" in listed and "mfa-00000" in listed
    tmux("send-keys", "q")
    assert "exit status 0" in tmux.wait_for(lambda s: "exit status" in s)


def test_switching_to_an_mfa_profile_hands_the_terminal_over_for_the_code(account, tmux) -> None:  # type: ignore[no-untyped-def]
    """At runtime the prompt cannot come before the UI: the app suspends itself, botocore
    asks on the real terminal, and the list comes back for the new profile."""
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="sw")
    _mfa_profiles(account)
    tmux.launch("--profile base", env=f"AWS_ENDPOINT_URL={account.endpoint_url}")
    listed = tmux.wait_for(lambda s: "3 functions" in s)
    assert "base │" in listed
    tmux("send-keys", "P")
    tmux.wait_for(lambda s: "Switch profile" in s and "admin" in s)
    tmux("send-keys", "-l", "admin")
    tmux.wait_for(lambda s: "base   (" not in s)  # narrowed to admin
    tmux("send-keys", "Enter")
    prompt = tmux.wait_for(lambda s: "MFA code" in s and "mfa/me" in s)
    assert "profile 'admin' asks for an MFA code" in prompt
    assert "3 functions" not in prompt  # the UI is out of the way: a plain terminal
    tmux("send-keys", "-l", "654321")
    tmux("send-keys", "Enter")
    back = tmux.wait_for(lambda s: "admin │" in s and "3 functions" in s)
    assert "sw-00000" in back and "MFA code" not in back
    tmux("send-keys", "q")
    assert "exit status 0" in tmux.wait_for(lambda s: "exit status" in s)


def test_no_color_shows_greys_only_and_keeps_every_word(account, tmux) -> None:  # type: ignore[no-untyped-def]
    import re

    seed_functions(account.endpoint_url, 3, region=account.region, prefix="mono")
    tmux.launch(
        f"--read-only --endpoint-url {account.endpoint_url} --region {account.region}",
        env="NO_COLOR=1 TERM=xterm-256color",
    )
    listed = tmux.wait_for(lambda s: "3 functions" in s)
    assert "READ-ONLY" in listed  # the mode as a word
    assert "> mono-00000" in listed  # the cursor row is marked, not only highlighted
    tmux("send-keys", "/")
    tmux.wait_for(lambda s: "Keep filter" in s)
    tmux("send-keys", "-l", "re:(")
    shown = tmux.wait_for(lambda s: "invalid" in s.lower())
    assert "re:(" in shown
    escapes = tmux("capture-pane", "-p", "-e")
    # Textual's NO_COLOR is monochrome: shades of grey only, no hue anywhere
    greys = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}
    hues = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", escapes):
        codes = [int(c) for c in params.split(";") if c]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and codes[i + 1 : i + 2] == [5]:
                if codes[i + 2] not in greys:
                    hues.append(params)
                i += 3
            elif code in (38, 48) and codes[i + 1 : i + 2] == [2]:
                r, g, b = codes[i + 2 : i + 5]
                if not (r == g == b):
                    hues.append(params)
                i += 5
            else:
                if 31 <= code <= 36 or 41 <= code <= 46 or 91 <= code <= 96 or 101 <= code <= 106:
                    hues.append(params)
                i += 1
    assert not hues, hues[:5]
    tmux("send-keys", "Escape")
    tmux("send-keys", "q")


@pytest.mark.parametrize(
    ("term", "system", "codes"),
    [
        ("screen-256color", "", {"256"}),  # over SSH: no COLORTERM, so 256 colours
        ("screen-256color", "truecolor", {"truecolor"}),  # TEXTUAL_COLOR_SYSTEM wins
        ("screen-256color", "standard", {"16"}),
        ("screen", "", {"16"}),  # GNU screen's own TERM: 16 colours
    ],
)
def test_colours_fit_the_terminal_and_stay_readable(account, tmux, term, system, codes) -> None:  # type: ignore[no-untyped-def]
    """Colours are sent in the terminal's own system, and every word stays readable: text
    keeps a contrast of 3:1 or more on its background (bars and rules are not words), and
    the cursor row stands out."""
    from tests.terminal_colors import colour_codes, contrast, runs

    seed_functions(account.endpoint_url, 3, region=account.region, prefix="col")
    chosen = f"TEXTUAL_COLOR_SYSTEM={system}" if system else "-u TEXTUAL_COLOR_SYSTEM"
    tmux.launch(
        f"--endpoint-url {account.endpoint_url} --region {account.region}",
        env=f"-u COLORTERM {chosen} TERM={term}",
    )
    tmux.wait_for(lambda s: "3 functions" in s)
    screens = [tmux("capture-pane", "-p", "-e")]
    tmux("send-keys", "Enter")
    tmux.wait_for(lambda s: "Configuration" in s and "Last update" in s and "Palette" in s)
    screens.append(tmux("capture-pane", "-p", "-e"))
    tmux("send-keys", "q")
    for captured in screens:
        assert colour_codes(captured) == codes
        words = [r for r in runs(captured) if any(c.isalnum() for c in r.text) and r.fg and r.bg]
        faint = [(r.text, r.fg, r.bg) for r in words if contrast(r.fg, r.bg) < 3]  # type: ignore[arg-type]
        assert not faint, faint[:5]
    listed = list(runs(screens[0]))
    cursor = next(r for r in listed if r.text.startswith("> col-00000"))
    other = next(r for r in listed if r.text.startswith("  col-00001"))
    assert cursor.bg != other.bg
    if codes == {"16"}:  # the terminal's own palette: its background behind the text
        footer = [r for r in listed if r.row == 23 and r.text.strip()]
        assert footer and all(r.bg is None for r in footer)


def test_an_idle_app_sends_nothing_to_the_terminal(account, tmux, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Over a slow link, nothing happening costs nothing: no repaint while following logs
    that stay quiet (a poll or Live Tail update every second), no blinking cursor in the
    invoke editor."""
    import boto3

    seed_functions(account.endpoint_url, 1, region=account.region, prefix="quiet")
    logs = boto3.client("logs", endpoint_url=account.endpoint_url, region_name=account.region)
    logs.create_log_group(logGroupName="/aws/lambda/quiet-00000")  # there, but quiet
    tmux.launch(f"--endpoint-url {account.endpoint_url} --region {account.region}")
    tmux.wait_for(lambda s: "1 function" in s)

    def bytes_written(name: str, seconds: float = 3.5) -> int:
        # Fixed times are the behaviour here: past the first paints, a window of idleness.
        time.sleep(2)  # the screen's own first paints
        path = tmp_path / name
        path.write_bytes(b"")
        tmux("pipe-pane", "-o", f"cat >> {path}")
        time.sleep(seconds)
        tmux("pipe-pane")
        time.sleep(0.2)
        return path.stat().st_size

    tmux("send-keys", "l")
    tmux.wait_for(lambda s: "no lines in the last 10 min" in s)  # the marker row: following
    assert bytes_written("logs.bin") == 0
    tmux("send-keys", "Escape")
    tmux.wait_for(lambda s: "1 function" in s)
    tmux("send-keys", "i")
    tmux.wait_for(lambda s: "λ invoke quiet-00000" in s)
    assert bytes_written("invoke.bin") == 0
    tmux("send-keys", "Escape")
    tmux("send-keys", "q")


def test_a_bug_leaves_one_line_and_a_private_report_never_locals(account, tmux, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Textual's crash report prints every frame's local variables (credentials, environment
    values). A bug planted in the sort key: the terminal gets one line, the report a file."""
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="bug")
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "from lambdatui.ui.screens import functions\n"
        "def broken(self):\n"
        "    aws_secret = 'LOCAL-SECRET-VALUE'\n"
        "    raise RuntimeError('planted bug, sort key')\n"
        "functions.FunctionListScreen.action_cycle_sort = broken\n"
    )
    tmux.launch(
        f"--endpoint-url {account.endpoint_url} --region {account.region}",
        env=f"PYTHONPATH={plant}",
    )
    tmux.wait_for(lambda s: "2 functions" in s)
    tmux("send-keys", "s")
    after = tmux.wait_for(lambda s: "exit status" in s)
    assert "exit status 1" in after
    assert "lambdatui stopped on a bug (RuntimeError)" in "".join(after.split("\n"))
    assert "LOCAL-SECRET-VALUE" not in after and "Traceback" not in after
    from lambdatui.store.paths import log_dir

    reports = list(log_dir().glob("crash-*.txt"))  # the pane had this test's environment
    assert len(reports) == 1
    report = reports[0]
    assert report.stat().st_mode & 0o777 == 0o600
    text = report.read_text()
    assert "RuntimeError: planted bug, sort key" in text and "def broken" not in text
    assert "LOCAL-SECRET-VALUE" not in text


def test_the_demo_lists_first_and_finishes_seeding_behind_the_list(tmux) -> None:  # type: ignore[no-untyped-def]
    """`lambdatui --demo`, a newcomer's first command: the 44 functions are listed as soon as
    they exist; versions, aliases and the rest arrive behind the list; quitting is clean."""
    tmux.launch("--demo")
    tmux.wait_for(lambda s: "44 functions" in s and "embedded demo account" in s, timeout=60)
    tmux("send-keys", "/")
    tmux.wait_for(lambda s: "Keep filter" in s)
    tmux("send-keys", "-l", "orders-api")
    tmux("send-keys", "Enter")
    tmux.wait_for(lambda s: "q Quit" in s)
    tmux("send-keys", "Enter")
    tmux.wait_for(lambda s: "λ orders-api" in s)
    tmux("send-keys", "4")
    deadline = time.monotonic() + 20
    while "v3 90% / v4 10%" not in tmux.screen() and time.monotonic() < deadline:
        tmux("send-keys", "r")  # the aliases may still be on their way
        time.sleep(1)
    aliases = tmux.screen()
    assert "live" in aliases and "v3 90% / v4 10%" in aliases and "staging" in aliases
    tmux("send-keys", "q")
    after = tmux.wait_for(lambda s: "exit status" in s, timeout=15)
    assert "exit status 0" in after and "Traceback" not in after


def test_quitting_the_demo_while_it_still_seeds_is_clean(tmux) -> None:  # type: ignore[no-untyped-def]
    tmux.launch("--demo")
    tmux.wait_for(lambda s: "44 functions" in s, timeout=60)
    tmux("send-keys", "q")  # at once: the versions, aliases and logs are still being made
    after = tmux.wait_for(lambda s: "exit status" in s, timeout=15)
    assert "exit status 0" in after and "Traceback" not in after and "Error" not in after
