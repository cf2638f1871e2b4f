"""`lambdatui set` as a subprocess against the local account: the diff, the confirmation on a
terminal (refused without one), --yes, exit statuses, read-only, and the journal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from lambdatui.store import journal
from tests.aws.test_edit import make_function
from tests.wire import HtmlPage, delayed_proxy


def _set(
    account: Any, *args: str, stdin: Any = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "lambdatui",
            "set",
            *args,
            "--endpoint-url",
            account.endpoint_url,
            "--region",
            account.region,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=stdin,
    )


def test_yes_applies_prints_the_diff_and_journals(account: Any) -> None:
    lam = make_function(account)
    result = _set(
        account,
        "shop",
        "--memory",
        "1769",
        "--timeout",
        "30",
        "--reserved",
        "5",
        "--env",
        "NEW=1",
        "--unset-env",
        "STAGE",
        "--yes",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Memory                512 MB → 1769 MB" in out
    assert "Timeout               3 s → 30 s" in out
    assert "env NEW               (new) → ••••••" in out
    assert "env STAGE             •••••• → (removed)" in out
    assert "Reserved concurrency  none (unreserved pool) → 5" in out
    assert out.rstrip().endswith("shop: applied")
    assert "s3cret" not in out + result.stderr
    config = lam.get_function_configuration(FunctionName="shop")
    assert (config["MemorySize"], config["Timeout"]) == (1769, 30)
    assert config["Environment"]["Variables"] == {"TOKEN": "s3cret", "NEW": "1"}
    assert lam.get_function_concurrency(FunctionName="shop")["ReservedConcurrentExecutions"] == 5
    [change] = journal.changes()
    assert (change.function, change.before.memory_mb, change.after.memory_mb) == ("shop", 512, 1769)


def test_without_a_terminal_it_refuses_and_changes_nothing(account: Any) -> None:
    lam = make_function(account)
    result = _set(account, "shop", "--memory", "1024")
    assert result.returncode == 1
    assert "512 MB → 1024 MB" in result.stdout
    assert "stdin is not a terminal" in result.stderr and "--yes" in result.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    assert journal.changes() == []


def _on_a_terminal(account: Any, answer: bytes, *args: str) -> subprocess.CompletedProcess[str]:
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer)
        return _set(account, *args, stdin=follower)
    finally:
        os.close(follower)
        os.close(leader)


def test_on_a_terminal_y_applies_and_anything_else_aborts(account: Any) -> None:
    lam = make_function(account)
    aborted = _on_a_terminal(account, b"n\n", "shop", "--memory", "1024")
    assert aborted.returncode == 1
    assert "Apply? [y/N]" in aborted.stderr and "aborted, nothing changed" in aborted.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    applied = _on_a_terminal(account, b"y\n", "shop", "--memory", "1024")
    assert applied.returncode == 0, applied.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024


def test_invalid_values_are_usage_errors(account: Any) -> None:
    make_function(account)
    for args, message in (
        (("--memory", "10241"), "Memory must be 128–10240 MB (got 10241)."),
        (("--timeout", "0"), "Timeout must be 1–900 seconds (got 0)."),
        (("--storage", "511"), "Ephemeral storage must be 512–10240 MB (got 511)."),
        (("--reserved", "many"), "--reserved takes a whole number or 'none'"),
        (("--env", "NOEQUALS"), "--env takes KEY=VALUE"),
        (("--provisioned", "2"), "never $LATEST"),
    ):
        result = _set(account, "shop", *args, "--yes")
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr


def test_provisioned_on_a_version_and_reserved_none(account: Any) -> None:
    lam = make_function(account)
    lam.put_function_concurrency(FunctionName="shop", ReservedConcurrentExecutions=7)
    account.knobs.provisioning_seconds = 0.2
    result = _set(account, "shop:2", "--provisioned", "2", "--reserved", "none", "--yes")
    assert result.returncode == 0, result.stderr
    assert "READY" in result.stderr  # followed until ready
    assert (
        lam.get_provisioned_concurrency_config(FunctionName="shop", Qualifier="2")["Status"]
        == "READY"
    )
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName="shop")


def test_the_service_s_refusal_is_an_aws_error_with_its_reason(account: Any) -> None:
    make_function(account)
    result = _set(account, "shop", "--reserved", "901", "--yes")
    assert result.returncode == 2
    assert "At most 900" in result.stderr


def test_read_only_refuses_with_exit_1(account: Any) -> None:
    lam = make_function(account)
    result = _set(account, "shop", "--memory", "1024", "--yes", "--read-only")
    assert result.returncode == 1
    assert "not applied" in result.stderr and "--read-only" in result.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512


def test_nothing_to_change_is_success(account: Any) -> None:
    make_function(account)
    result = _set(account, "shop", "--memory", "512")
    assert result.returncode == 0
    assert "nothing to change" in result.stdout


def test_an_unknown_function_is_an_aws_error(account: Any) -> None:
    result = _set(account, "ghost", "--memory", "1024", "--yes")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_production_profile_needs_the_function_name_typed(
    account: Any, isolated_env: Any
) -> None:
    aws = isolated_env / ".aws"
    aws.mkdir()
    (aws / "config").write_text("[profile acme-prod]\nregion = us-east-1\n")
    (aws / "credentials").write_text(
        "[acme-prod]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
    )
    lam = make_function(account)
    refused = _on_a_terminal(account, b"y\n", "shop", "--memory", "1024", "--profile", "acme-prod")
    assert refused.returncode == 1
    assert "PRODUCTION" in refused.stderr and "Type shop to apply" in refused.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    typed = _on_a_terminal(account, b"shop\n", "shop", "--memory", "1024", "--profile", "acme-prod")
    assert typed.returncode == 0, typed.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024
    scripted = _set(account, "shop", "--memory", "2048", "--yes", "--profile", "acme-prod")
    assert scripted.returncode == 0, scripted.stderr
    assert "PRODUCTION profile/account: applying because of --yes" in scripted.stderr


def test_a_refused_step_after_an_applied_one_journals_what_was_applied(account: Any) -> None:
    lam = make_function(account)
    account.knobs.provisioning_seconds = 0
    # Alias live → 1 has provisioned concurrency: Lambda refuses it on version 1 itself.
    lam.put_provisioned_concurrency_config(
        FunctionName="shop", Qualifier="live", ProvisionedConcurrentExecutions=1
    )
    result = _set(account, "shop:1", "--memory", "1024", "--provisioned", "1", "--yes")
    assert result.returncode == 2
    assert "Version is pointed by a Provisioned Concurrency alias" in result.stderr
    assert "partly applied (journaled): Memory 1024 MB" in result.stderr
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024
    [change] = journal.changes()
    assert (change.before.memory_mb, change.after.memory_mb) == (512, 1024)
    assert change.after.provisioned is None


# -- when the account's limits cannot be read (a policy, moto, a proxy) -------------------------


def _via(endpoint: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", "set", *args,
         "--endpoint-url", endpoint, "--region", "us-east-1"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _account_settings(method: str, path: str) -> bool:
    return "/account-settings" in path


def test_out_of_range_values_are_refused_before_any_call() -> None:
    with delayed_proxy("http://127.0.0.1:9") as (url, seen):
        memory = _via(url, "shop", "--memory", "99999", "--yes")
        storage = _via(url, "shop", "--timeout", "5401", "--storage", "100", "--yes")
        env = _via(url, "shop", "--env", "AWS_REGION=x", "--reserved", "-1", "--yes")
    assert memory.returncode == 2
    assert memory.stderr == "lambdatui: set: Memory must be 128–10240 MB (got 99999).\n"
    assert storage.returncode == 2
    assert "Timeout must be 1–900 seconds (got 5401)" in storage.stderr
    assert "Ephemeral storage must be 512–10240 MB (got 100)" in storage.stderr
    assert env.returncode == 2
    assert "AWS_REGION is reserved by Lambda" in env.stderr and "0 or more" in env.stderr
    assert seen == []  # not one request: no credentials, no GetFunction, no waiting


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (None, "not permitted: lambda:GetAccountSettings"),
        (HtmlPage(404, "Not Found"), "not available: HTTP 404 from the endpoint: Not Found"),
    ],
)
def test_settings_change_without_the_account_limits(
    account: Any, answer: HtmlPage | None, reason: str
) -> None:
    lam = make_function(account)

    def refuse(method: str, path: str) -> Any:
        if not _account_settings(method, path):
            return None
        return answer or (403, "AccessDeniedException", "not authorized")

    with delayed_proxy(account.endpoint_url, refuse=refuse) as (url, seen):
        memory = _via(url, "shop", "--memory", "1024", "--env", "NEW=1", "--yes")
        reserved = _via(url, "shop", "--reserved", "5", "--yes")
    assert memory.returncode == 0, memory.stderr
    assert memory.stdout.rstrip().endswith("shop: applied")
    assert "floor" not in memory.stderr  # no reserved change: nothing to say about it
    assert reserved.returncode == 0, reserved.stderr
    assert "none (unreserved pool) → 5" in reserved.stdout
    assert (
        f"note: the unreserved floor (100) is not checked here: account limits {reason}"
        in " ".join(reserved.stderr.split())
    )
    assert "<" not in memory.stderr + reserved.stderr
    assert any(_account_settings(*line.split(" ", 1)) for line in seen)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024
    assert lam.get_function_concurrency(FunctionName="shop")["ReservedConcurrentExecutions"] == 5


def test_the_allowed_range_is_the_function_s_own(account: Any) -> None:
    """A Lambda Managed Instances function (CapacityProviderConfig) takes more storage and a
    longer timeout; an ordinary one is refused, with its own range, before anything is sent."""
    from tests import new_fields
    from tests.wire import delayed_proxy

    make_function(account)
    make_function(account, "fleet")
    rewrite = new_fields.functions_with({"fleet": new_fields.MANAGED_INSTANCES})
    with delayed_proxy(account.endpoint_url, rewrite=rewrite) as (url, seen):
        proxied = SimpleNamespace(endpoint_url=url, region=account.region)
        refused = _set(proxied, "shop", "--storage", "20480", "--yes")
        applied = _set(proxied, "fleet", "--storage", "20480", "--yes")
    assert refused.returncode == 2, refused.stderr
    assert "Ephemeral storage must be 512–10240 MB (got 20480)." in refused.stderr
    # Sent to Lambda for the Managed Instances function only; the local account does not know
    # Managed Instances yet and refuses 20480 as it would for an ordinary function.
    updates = [line for line in seen if line.startswith("PUT ") and "/configuration" in line]
    assert len(updates) == 1 and "/functions/fleet/" in updates[0]
    assert "Ephemeral storage must be" not in applied.stderr


def test_scaling_of_a_managed_instances_version_from_a_script(account: Any) -> None:
    from tests.aws.test_edit import make_managed

    lam = make_managed(account)
    result = _set(
        account, "worker:1", "--min-environments", "5", "--max-environments", "30", "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert "Scaling (version 1)  3–12 environments → 5–30 environments" in result.stdout
    assert result.stdout.rstrip().endswith("worker:1: applied")
    scaling = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
    assert scaling["AppliedFunctionScalingConfig"] == {
        "MinExecutionEnvironments": 5,
        "MaxExecutionEnvironments": 30,
    }
    [change] = journal.changes()
    assert (change.before.scaling_max, change.after.scaling_max) == (12, 30)


def test_scaling_is_checked_and_refused_where_it_does_not_apply(account: Any) -> None:
    from tests.aws.test_edit import make_managed

    lam = make_managed(account)
    above = _set(account, "worker:1", "--min-environments", "20", "--yes")
    out_of_range = _set(account, "worker:1", "--max-environments", "15001", "--yes")
    latest = _set(account, "worker", "--max-environments", "20", "--yes")
    read_only = _set(account, "worker:1", "--max-environments", "20", "--yes", "--read-only")
    assert above.returncode == 2 and "Min (20) must not be above max (12)." in above.stderr
    assert out_of_range.returncode == 2
    assert "Max execution environments must be 0–15000 (got 15001)." in out_of_range.stderr
    assert latest.returncode == 2 and "needs a published version" in latest.stderr
    assert read_only.returncode == 1 and "--read-only" in read_only.stderr
    scaling = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
    assert scaling["RequestedFunctionScalingConfig"]["MaxExecutionEnvironments"] == 12
    assert journal.changes() == []
