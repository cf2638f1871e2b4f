"""``lambdatui invoke`` as a whole process: stdout, stderr and exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lambdatui.aws.target import resolve_target
from lambdatui.store.events import SHARED, EventLibrary, SavedEvent
from lambdatui.store.history import InvocationHistory
from tests.invoke_functions import ECHO, FAILING, UNTYPED, log_messages, make_function


def _run(account: Any, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", "invoke", *args,
         "--endpoint-url", account.endpoint_url, "--region", account.region],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )  # fmt: skip


@pytest.fixture
def echo(account: Any) -> str:
    make_function(account, "echo", ECHO, MemorySize=256, Architectures=["arm64"])
    return "echo"


def test_payload_on_stdout_exit_0(account: Any, echo: str) -> None:
    done = _run(account, echo, "--payload", '{"a": [1, 2]}')
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"echo": {"a": [1, 2]}, "version": "$LATEST"}
    assert done.stderr == ""


def test_log_prints_tail_and_report_figures_on_stderr(account: Any, echo: str) -> None:
    done = _run(account, f"{echo}:$LATEST", "--log")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["echo"] == {}
    assert "START RequestId:" in done.stderr and "echo got dict" in done.stderr
    report = [line for line in done.stderr.splitlines() if line.startswith("REPORT duration")]
    assert len(report) == 1
    assert "memory " in report[0] and "/256 MB" in report[0]
    assert "(cold start)" in report[0] and "(arm64)" in report[0] and "cost $0.0000" in report[0]


def test_file_and_stdin(account: Any, echo: str, tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text('{"from": "file"}')
    assert json.loads(_run(account, echo, "--file", str(path)).stdout)["echo"] == {"from": "file"}
    piped = _run(account, echo, "--file", "-", stdin='{"from": "stdin"}')
    assert json.loads(piped.stdout)["echo"] == {"from": "stdin"}


def test_saved_event_own_then_shared_and_history(account: Any, echo: str) -> None:
    library = EventLibrary()
    library.save(SavedEvent(name="smoke", payload='{"kind": "own"}', group="echo"))
    library.save(SavedEvent(name="common", payload='{"kind": "shared"}', group=SHARED))
    assert json.loads(_run(account, echo, "--event", "smoke").stdout)["echo"] == {"kind": "own"}
    assert json.loads(_run(account, echo, "--event", "common").stdout)["echo"]["kind"] == "shared"
    assert library.load("echo", "smoke").last_used is not None
    missing = _run(account, echo, "--event", "nope")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "no saved event 'nope'" in missing.stderr
    target = resolve_target(endpoint_url=account.endpoint_url, region=account.region)
    history = InvocationHistory(scope=target.cache_key).list("echo")
    assert [(h.event_name, h.status) for h in history] == [("common", "200"), ("smoke", "200")]


def test_function_error_exit_1_with_the_error_document(account: Any) -> None:
    make_function(account, "failing", FAILING)
    done = _run(account, "failing", "--payload", '{"id": 3}')
    assert done.returncode == 1
    assert json.loads(done.stdout)["errorType"] == "ValueError"
    assert done.stderr == "lambdatui: Unhandled error: ValueError: bad order: 3\n"


def test_function_error_without_type_or_message_leaves_no_empty_slot(account: Any) -> None:
    make_function(account, "untyped", UNTYPED)
    done = _run(account, "untyped", "--payload", '{"message": "Task timed out after 3.00 s"}')
    assert done.returncode == 1
    assert done.stderr == "lambdatui: Unhandled error: Task timed out after 3.00 s\n"
    bare = _run(account, "untyped", "--payload", "{}")
    assert bare.returncode == 1
    assert bare.stderr == "lambdatui: Unhandled error: ValueError\n"


def test_event_and_dry_run(account: Any, echo: str) -> None:
    event = _run(account, echo, "--type", "Event")
    assert event.returncode == 0 and event.stdout == ""
    assert event.stderr.startswith("accepted (202), request id ")
    dry = _run(account, echo, "--type", "DryRun")
    assert dry.returncode == 0 and dry.stdout == "" and "DryRun: permitted (204)" in dry.stderr


def test_read_only_allows_only_dry_run(account: Any, echo: str) -> None:
    refused = _run(account, echo, "--read-only")
    assert refused.returncode == 1 and "only --type DryRun" in refused.stderr
    assert _run(account, echo, "--read-only", "--type", "DryRun").returncode == 0
    assert [m for m in log_messages(account, "/aws/lambda/echo") if m.startswith("START")] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "Not found"),
        (["echo", "--payload", '{"a": 1,\n "b": }'], "line 2, column 7"),
        (["echo", "--file", "/nonexistent/x.json"], "cannot read /nonexistent/x.json"),
        (["echo", "--payload", '{"a": 1,\n "b": NaN}'], "NaN is not JSON at line 2, column 7"),
        (["echo", "--payload", "[1, -Infinity]"], "-Infinity is not JSON at line 1, column 5"),
        (["echo", "--payload", "Infinity"], "Infinity is not JSON at line 1, column 1"),
    ],
)
def test_errors_are_one_line_exit_2(account: Any, echo: str, args: list[str], message: str) -> None:
    done = _run(account, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("lambdatui: ") and done.stderr.count("\n") == 1
    assert message in done.stderr


def test_usage_error_exit_2(account: Any) -> None:
    done = _run(account, "echo", "--type", "Sometimes")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_textual_is_not_imported() -> None:
    code = (
        "import sys, lambdatui.cli, lambdatui.twins.invoke;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'aiobotocore', 'aiohttp', 'botocore')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_untrusted_error_text_cannot_reach_the_terminal(account: Any) -> None:
    make_function(account, "failing", FAILING)
    done = _run(account, "failing", "--payload", json.dumps({"id": "\x1b]52;c;aGk=\x07\nX"}))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and done.stderr.count("\n") == 1
    assert done.stderr.startswith("lambdatui: Unhandled error: ValueError: bad order: ")


def test_a_saved_event_is_sent_with_the_bytes_it_was_saved_with(
    account: Any, echo: str, tmp_path: Path
) -> None:
    """Compact JSON just under the 6 MB limit: re-indented on save it was 9 MB and refused."""
    compact = json.dumps({"items": [1] * 3_000_000}, separators=(",", ":"))
    compact += " " * (6 * 1024 * 1024 - 1 - len(compact))  # 6,291,455 bytes: fits
    source = tmp_path / "compact.json"
    source.write_text(compact)
    saved = subprocess.run(
        [sys.executable, "-m", "lambdatui", "events", "save", echo, "big", "--file", str(source)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert saved.returncode == 0, saved.stderr
    assert EventLibrary().load(echo, "big").payload == compact  # the bytes given, not re-indented
    sent = _run(account, echo, "--event", "big", "--type", "DryRun")
    assert sent.returncode == 0, sent.stderr
    # saved, with a word on what it will not fit
    assert "warning: 6,291,455 bytes: fits a synchronous invocation (6 MB)" in saved.stderr


def test_tenant_id_is_sent_with_the_invocation(account: Any) -> None:
    from tests.wire import delayed_proxy

    echo = "per-tenant"
    make_function(account, echo, ECHO, TenancyConfig={"TenantIsolationMode": "PER_TENANT"})
    sent: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, sent_headers=sent) as (url, _):
        done = subprocess.run(
            [sys.executable, "-m", "lambdatui", "invoke", echo, "--tenant-id", "acme-corp",
             "--endpoint-url", url, "--region", account.region],
            capture_output=True, text=True, env=dict(os.environ), timeout=60,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    tenants = [h.get("X-Amz-Tenant-Id") for path, h in sent if path.endswith("/invocations")]
    assert tenants == ["acme-corp"]
    scope = resolve_target(endpoint_url=url, region=account.region).cache_key
    assert [e.tenant_id for e in InvocationHistory(scope=scope).list(echo)] == ["acme-corp"]


def test_a_durable_function_named_without_a_qualifier_runs_as_latest(account: Any) -> None:
    """Lambda refuses a durable function's unqualified name (400, nothing ran): the twin says
    so and invokes $LATEST, as the TUI does; a qualifier given is sent as it is."""
    from tests.durable_helpers import make_flow
    from tests.wire import delayed_proxy

    make_flow(account, "flow")
    with delayed_proxy(account.endpoint_url) as (url, seen):
        done = subprocess.run(
            [sys.executable, "-m", "lambdatui", "invoke", "flow", "--payload", '{"order": 7}',
             "--endpoint-url", url, "--region", account.region],
            capture_output=True, text=True, env=dict(os.environ), timeout=60,
        )  # fmt: skip
        invokes = [line for line in seen if "/invocations" in line]
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"order": 7, "status": "shipped"}
    assert "flow is a durable function" in done.stderr and "$LATEST" in done.stderr
    assert len(invokes) == 2
    assert "/functions/flow/invocations" in invokes[0]
    assert "Qualifier=%24LATEST" in invokes[1] or "Qualifier=$LATEST" in invokes[1]

    pinned = _run(account, "flow:1", "--payload", '{"order": 8}')
    assert pinned.returncode == 0, pinned.stderr
    assert "durable" not in pinned.stderr
