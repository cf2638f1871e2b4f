"""`lambdatui tune` as a subprocess against the local account: one line (or JSON object) per
size and the recommendation, the function left as it was; what it refuses (no terminal,
read-only, bad sizes); Ctrl-C restores before it exits; a run killed mid-way is finished by
``--clean-up``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from typing import Any

from lambdatui.store import tune_plans
from tests.cli.code_helpers import one_error_line, twin
from tests.tune.helpers import snapshot, tunable
from tests.wire import delayed_proxy

SLOW = "import time\ndef handler(event, context):\n    time.sleep(0.2)\n    return {}\n"


def _tune(account: Any, *args: str, endpoint: str = "") -> subprocess.CompletedProcess[str]:
    return twin(endpoint or account.endpoint_url, account.region, "tune", *args)


def test_json_has_one_object_per_size_then_the_recommendation(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    result = _tune(
        account, "shop", "--memory", "128,512", "--runs", "2", "--payload", "{}", "--yes", "--json"
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["memory"], x["runs"], x["cold_starts"]) for x in lines[:2]] == [
        (128, 2, 1),
        (512, 2, 1),
    ]
    for key in ("duration_p50_ms", "billed_p50_ms", "cost_per_invocation_usd"):
        assert isinstance(lines[0][key], float | int)
    assert lines[2]["recommendation"] in (128, 512) and lines[2]["strategy"] == "cost"
    assert "really runs shop 4 times (2 × 2 memory sizes)" in result.stderr
    assert snapshot(lam) == before


def test_in_words_one_line_per_size_and_the_reason(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    result = _tune(
        account,
        "shop",
        "--memory",
        "128,256",
        "--runs",
        "1",
        "--payload",
        "{}",
        "--strategy",
        "speed",
        "--yes",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("  128 MB  1 runs  1 cold  p50 ")
    assert lines[1].startswith("  256 MB  1 runs  1 cold  p50 ")
    assert lines[2].startswith("recommended (speed): ")
    assert lines[3].startswith("prices: ")
    assert "restored MemorySize 256 MB" in result.stderr
    assert snapshot(lam) == before


def test_without_a_terminal_or_under_read_only_it_refuses(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    asked = _tune(account, "shop", "--memory", "128", "--payload", "{}")
    assert asked.returncode == 1
    assert "not run: stdin is not a terminal" in asked.stderr
    with delayed_proxy(account.endpoint_url) as (url, seen):
        result = _tune(
            account,
            "shop",
            "--memory",
            "128",
            "--payload",
            "{}",
            "--yes",
            "--read-only",
            endpoint=url,
        )
        assert seen == []
    assert result.returncode == 1 and "read-only" in result.stderr
    assert snapshot(lam) == before


def test_bad_input_is_one_line_and_exit_2(account: Any) -> None:
    line = one_error_line(_tune(account, "shop", "--memory", "64,128", "--payload", "{}"))
    assert "64 MB is out of range" in line
    line = one_error_line(_tune(account, "shop", "--memory", "128", "--payload", "{nope"))
    assert "not JSON" in line
    line = one_error_line(
        _tune(account, "nothing-here", "--memory", "128", "--payload", "{}", "--yes")
    )
    assert "nothing-here" in line


def _started(account: Any, memory: str = "128,256,512") -> subprocess.Popen[str]:
    """The twin tuning a slow function, returned once its second size has its alias."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lambdatui",
            "tune",
            "shop",
            "--memory",
            memory,
            "--runs",
            "20",
            "--payload",
            "{}",
            "--yes",
            "--endpoint-url",
            account.endpoint_url,
            "--region",
            account.region,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "256 MB: version" in line:
            return process
    raise AssertionError(f"the run never reached 256 MB: {process.wait(10)}")


def test_a_run_killed_mid_way_is_finished_by_clean_up(account: Any) -> None:
    lam = tunable(account.endpoint_url, source=SLOW)
    before = snapshot(lam)
    process = _started(account)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    left = snapshot(lam)
    assert left["config"]["MemorySize"] == 256
    assert ("lambdatui-tune-128", "2") in left["aliases"]
    [plan] = tune_plans.unfinished()
    assert plan["function"] == "shop" and plan["original_memory"] == 256
    path = next(tune_plans.plans_dir().glob("*.json"))
    assert os.stat(path).st_mode & 0o777 == 0o600
    result = _tune(account, "shop", "--clean-up")
    assert result.returncode == 0, result.stderr
    assert "restored MemorySize 256 MB" in result.stderr
    assert snapshot(lam) == before
    assert tune_plans.unfinished() == []
    again = _tune(account, "shop", "--clean-up")
    assert again.returncode == 0 and "no run to clean up" in again.stderr


def test_ctrl_c_restores_and_cleans_up_before_it_exits(account: Any) -> None:
    lam = tunable(account.endpoint_url, source=SLOW)
    before = snapshot(lam)
    process = _started(account)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 1, err
    assert "interrupted; the memory was restored" in err
    assert snapshot(lam) == before
    assert tune_plans.unfinished() == []


def test_on_plain_moto_it_fails_in_one_line_and_leaves_nothing(plain_moto: Any) -> None:
    lam = tunable(plain_moto.endpoint_url)
    before = snapshot(lam)
    result = twin(
        plain_moto.endpoint_url,
        "us-east-1",
        "tune",
        "shop",
        "--memory",
        "128",
        "--runs",
        "1",
        "--payload",
        "{}",
        "--yes",
    )
    assert result.returncode == 2, result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith("lambdatui: tune: shop:lambdatui-tune-128 answered without a REPORT")
    assert last.endswith("the memory was restored and nothing is left")
    assert snapshot(lam) == before
