"""`lambdatui ls`: the fleet on the command line, in a real subprocess against the local account."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from lambdatui.demo.seed import seed_functions
from tests.fleet_helpers import write_profiles


def _ls(endpoint: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "lambdatui", "ls", "--endpoint-url", endpoint, *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )


def _seed(account: Any) -> None:
    write_profiles()
    seed_functions(account.endpoint_url, 2, "us-east-1", prefix="east")
    seed_functions(account.endpoint_url, 1, "eu-west-1", prefix="west")


def test_rows_of_every_profile_and_region(account: Any) -> None:
    _seed(account)
    done = _ls(
        account.endpoint_url, "--profiles", "default,staging", "--regions", "us-east-1,eu-west-1"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
        "PROFILE",
        "ACCOUNT",
        "REGION",
        "NAME",
        "RUNTIME",
        "MEMORY",
        "LAST",
        "MODIFIED",
    ]
    rows = [line.split()[:4] for line in lines[1:]]
    acct = account.account_id
    assert rows == [
        ["default", acct, "eu-west-1", "west-00000"],
        ["default", acct, "us-east-1", "east-00000"],
        ["default", acct, "us-east-1", "east-00001"],
        ["staging", acct, "eu-west-1", "west-00000"],
        ["staging", acct, "us-east-1", "east-00000"],
        ["staging", acct, "us-east-1", "east-00001"],
    ]
    assert done.stderr == ""


def test_json_one_object_per_function_with_the_filter_of_the_ui(account: Any) -> None:
    _seed(account)
    done = _ls(
        account.endpoint_url,
        "--all-profiles",
        "--regions",
        "us-east-1,eu-west-1",
        "--filter",
        "re:^west",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(o["profile"], o["region"], o["name"]) for o in objects] == [
        ("default", "eu-west-1", "west-00000"),
        ("staging", "eu-west-1", "west-00000"),
    ]
    assert set(objects[0]) == {
        "profile",
        "account",
        "region",
        "name",
        "runtime",
        "memory",
        "last_modified",
    }
    assert objects[0]["runtime"] == "python3.12" and objects[0]["memory"] == 128
    inverted = _ls(
        account.endpoint_url, "--regions", "eu-west-1,us-east-1", "--filter", "!east", "--json"
    )
    assert [json.loads(line)["name"] for line in inverted.stdout.splitlines()] == ["west-00000"]


def test_a_failed_pair_is_one_stderr_line_and_exit_4(account: Any) -> None:
    _seed(account)
    account.knobs.denials.add(("stagingkey", "eu-west-1", "lambda:ListFunctions"))
    done = _ls(
        account.endpoint_url,
        "--profiles",
        "default,staging",
        "--regions",
        "us-east-1,eu-west-1",
        "--json",
    )
    assert done.returncode == 4
    assert done.stderr.splitlines() == [
        "lambdatui: staging eu-west-1: not permitted: lambda:ListFunctions"
    ]
    assert len(done.stdout.splitlines()) == 5  # the other three pairs' functions


def test_bad_arguments_exit_2(account: Any) -> None:
    for args in (
        ["--regions", "a", "--all-regions"],
        ["--regions", "us-east-1", "--filter", "re:("],
        [],  # no region anywhere
    ):
        done = _ls(account.endpoint_url, *args)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) >= 1
