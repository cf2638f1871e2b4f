"""The command-line twins under faults, as whole processes through the fault-injecting proxy
(``tests/faults.py``): one error line naming the action and the next step, a non-zero exit,
never a traceback on stderr; a change whose reply was lost is read back, journaled once and
never sent twice."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from lambdatui.store import journal
from tests import faults
from tests.aws.test_edit import make_function
from tests.faults import fault_proxy
from tests.invoke_functions import ECHO
from tests.invoke_functions import make_function as make_invokable


def _twin(url: str, account: Any, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", *args, "--endpoint-url", url, "--region",
         account.region],
        capture_output=True,
        text=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ),
    )  # fmt: skip


def _clean(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and 'File "' not in done.stderr, done.stderr


def test_set_whose_reply_is_lost_is_applied_once_and_journaled(account: Any) -> None:
    lam = make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", faults.reset_after())
        done = _twin(proxy.url, account, "set", "shop", "--memory", "1024", "--yes")
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert proxy.count("UpdateFunctionConfiguration") == 1
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024
    [change] = journal.changes()
    assert change.after.memory_mb == 1024


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (faults.expired_token(), "aws sso login"),
        (faults.access_denied(), "lambda:UpdateFunctionConfiguration"),
        (faults.malformed(), "not valid JSON"),
        (faults.page(502), "HTTP 502"),
    ],
    ids=["expired", "denied", "malformed", "502"],
)
def test_set_refused_is_one_error_line_and_changes_nothing(
    account: Any, fault: faults.Fault, words: str
) -> None:
    lam = make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", fault)
        done = _twin(proxy.url, account, "set", "shop", "--memory", "1024", "--yes")
    _clean(done)
    assert done.returncode == 2 and words in done.stderr, done.stderr
    assert proxy.count("UpdateFunctionConfiguration") == 1
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    assert journal.changes() == []


def test_invoke_whose_reply_is_lost_says_so_and_is_not_sent_again(account: Any) -> None:
    make_invokable(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("Invoke", faults.reset_after())
        done = _twin(proxy.url, account, "invoke", "echo", "--payload", "{}")
    _clean(done)
    assert done.returncode == 2 and "may have run" in done.stderr, done.stderr
    assert proxy.count("Invoke") == 1


def test_publish_whose_reply_is_lost_publishes_one_version(account: Any) -> None:
    lam = make_function(account)
    lam.update_function_configuration(FunctionName="shop", Description="three")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("PublishVersion", faults.reset_after())
        done = _twin(proxy.url, account, "publish", "shop", "--yes")
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert proxy.count("PublishVersion") == 1
    versions = lam.list_versions_by_function(FunctionName="shop")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2", "3"]
