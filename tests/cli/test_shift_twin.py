"""`lambdatui shift` as a subprocess against the local account: a shift to 100% (JSON and
words), a failing version rolled back (exit 3), what it refuses (no terminal, read-only, bad
plans), and a shift killed mid-hold, listed unfinished and ended by each of --resume's choices."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from lambdatui.store import shifts
from tests.cli.code_helpers import twin
from tests.release.helpers import BROKEN, released, traffic
from tests.wire import delayed_proxy


def _alias(lam: Any) -> tuple[str, dict[str, float]]:
    alias = lam.get_alias(FunctionName="shop", Name="live")
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return alias["FunctionVersion"], weights


@contextmanager
def steady_traffic(lam: Any) -> Iterator[None]:
    """Invocations of shop:live, one after another, until the block ends."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            traffic(lam, "shop", 1)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(10)


def _shift(account: Any, *args: str, endpoint: str = "") -> subprocess.CompletedProcess[str]:
    return twin(endpoint or account.endpoint_url, account.region, "shift", *args)


def test_a_shift_prints_each_step_as_json_and_ends_on_the_new_version(account: Any) -> None:
    lam = released(account.endpoint_url)
    with steady_traffic(lam):
        result = _shift(
            account,
            "shop:live",
            "--to",
            "2",
            "--steps",
            "10:2s,100",
            "--check-every",
            "0.5",
            "--yes",
            "--json",
        )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(x["action"], x["weight"], x["version"]) for x in lines] == [
        ("step", 0.1, "2"),
        ("done", 1.0, "2"),
    ]
    assert lines[-1]["invocations"] + lines[-1]["old_invocations"] > 0
    assert _alias(lam) == ("2", {})


def test_in_words_it_shows_the_plan_the_guards_and_each_check(account: Any) -> None:
    lam = released(account.endpoint_url)
    result = _shift(
        account,
        "shop:live",
        "--to",
        "2",
        "--plan",
        "canary20-1s",
        "--check-every",
        "0.4",
        "--min-invocations",
        "0",  # no traffic here: nothing to wait for before the next step
        "--yes",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "shop:live: 1 → 2: 20% for 1s, 100%"
    assert out[1] == "  roll back when version 2 fails over 1% of at least 0 invocations"
    assert out[2].startswith("step   20% to 2  2: 0 invocations, 0 errors; 1: ")
    assert any(line.startswith("check  20% to 2") and "next step in" in line for line in out)
    assert out[-1].startswith("done: live → 2")
    assert _alias(lam) == ("2", {})


def test_a_failing_version_is_rolled_back_with_exit_3(account: Any) -> None:
    lam = released(account.endpoint_url, second=BROKEN)
    with steady_traffic(lam):
        result = _shift(
            account,
            "shop:live",
            "--to",
            "2",
            "--steps",
            "50:60s,100",
            "--min-invocations",
            "3",
            "--check-every",
            "0.3",
            "--yes",
            "--json",
        )
    assert result.returncode == 3, result.stderr
    last = json.loads(result.stdout.splitlines()[-1])
    assert last["action"] == "rollback" and last["weight"] == 0.0
    assert last["errors"] == last["invocations"] >= 3
    assert "over the 1% allowed" in last["message"]
    assert _alias(lam) == ("1", {})


def test_without_a_terminal_or_yes_nothing_changes(account: Any) -> None:
    lam = released(account.endpoint_url)
    result = _shift(account, "shop:live", "--to", "2", "--plan", "all")
    assert result.returncode == 1
    assert "stdin is not a terminal" in result.stderr
    assert _alias(lam) == ("1", {})


def test_read_only_sends_no_alias_update(account: Any) -> None:
    lam = released(account.endpoint_url)
    with delayed_proxy(account.endpoint_url) as (url, seen):
        result = _shift(
            account,
            "shop:live",
            "--to",
            "2",
            "--plan",
            "all",
            "--yes",
            "--read-only",
            endpoint=url,
        )
    assert result.returncode == 1, result.stderr
    assert "read-only" in result.stderr
    assert any(s.startswith("GET") for s in seen)
    assert [s for s in seen if s.startswith(("PUT", "DELETE"))] == []
    assert _alias(lam) == ("1", {})


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--to", "2", "--steps", "10:30s,50"), "the last step is 100, with no hold"),
        (("--to", "2", "--plan", "fast"), "unknown plan 'fast'"),
        (("--to", "2"), "give --to VERSION and --plan PLAN or --steps STEPS"),
        (("--to", "2", "--plan", "all", "--max-error-rate", "x"), "'x' is not an error rate"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(account: Any, args: tuple[str, ...], said: str) -> None:
    result = _shift(account, "shop:live", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("lambdatui: shift: ") and said in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_refused_shift_is_exit_1(account: Any) -> None:
    released(account.endpoint_url)
    result = _shift(account, "shop:live", "--to", "1", "--plan", "all", "--yes")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "lambdatui: shift: not shifted: shop:live points at version 1 already"
    )


def _start_held(account: Any) -> subprocess.Popen[str]:
    """The twin, holding 10% for an hour: returned once its first step is printed."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lambdatui",
            "shift",
            "shop:live",
            "--to",
            "2",
            "--steps",
            "10:1h,100",
            "--check-every",
            "0.2",
            "--yes",
            "--json",
            "--endpoint-url",
            account.endpoint_url,
            "--region",
            account.region,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    first = json.loads(process.stdout.readline())
    assert (first["action"], first["weight"]) == ("step", 0.1)
    return process


@pytest.mark.parametrize(
    ("choice", "status", "alias"),
    [
        ("keep", 0, ("1", {"2": 0.1})),
        ("rollback", 3, ("1", {})),
        ("finish", 0, ("2", {})),
    ],
)
def test_a_killed_shift_is_unfinished_and_each_choice_ends_it(
    account: Any, choice: str, status: int, alias: tuple[str, dict[str, float]]
) -> None:
    lam = released(account.endpoint_url)
    process = _start_held(account)
    time.sleep(0.5)  # mid-hold, between checks
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert _alias(lam) == ("1", {"2": 0.1})
    listed = _shift(account, "--unfinished")
    assert listed.returncode == 0
    assert listed.stdout.startswith("shop:live: unfinished shift 1 → 2 at 10% (step 1 of 2: ")
    saved = shifts.unfinished()
    assert [(s["function"], s["alias"], s["weight"]) for s in saved] == [("shop", "live", 0.1)]
    assert (
        os.stat(shifts.shifts_dir() / os.listdir(shifts.shifts_dir())[0]).st_mode & 0o777 == 0o600
    )

    result = _shift(account, "shop:live", "--resume", choice, "--yes", "--json")
    assert result.returncode == status, result.stderr
    assert _alias(lam) == alias
    assert (
        json.loads(result.stdout.splitlines()[-1])["action"]
        == {"keep": "kept", "rollback": "rollback", "finish": "done"}[choice]
    )
    assert shifts.unfinished() == []
    again = _shift(account, "shop:live", "--resume", choice, "--yes")
    assert again.returncode == 1 and "has no unfinished shift here" in again.stderr


def test_ctrl_c_leaves_the_shift_unfinished_and_says_how_to_resume(account: Any) -> None:
    lam = released(account.endpoint_url)
    process = _start_held(account)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 1, err
    assert "--resume keep|rollback|finish" in err and "Traceback" not in err
    assert _alias(lam) == ("1", {"2": 0.1})
    assert [s["status"] for s in shifts.unfinished()] == ["running"]


def test_someone_elses_change_is_found_at_resume_and_not_overwritten(account: Any) -> None:
    lam = released(account.endpoint_url)
    process = _start_held(account)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    lam.update_alias(
        FunctionName="shop", Name="live", RoutingConfig={"AdditionalVersionWeights": {"2": 0.4}}
    )
    result = _shift(account, "shop:live", "--resume", "finish", "--yes")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "lambdatui: shift: stopped: shop:live was changed by someone else: it is now → 1 "
        "(40% to 2); nothing was overwritten"
    )
    assert _alias(lam) == ("1", {"2": 0.4})
    assert shifts.unfinished() == []
