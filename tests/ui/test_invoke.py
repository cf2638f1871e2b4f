"""User stories of the invoke screen, through the real UI against the local account."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, TabbedContent

from lambdatui.store.events import EventLibrary
from lambdatui.store.history import HistoryEntry, InvocationHistory
from lambdatui.ui.dialogs.prompt import PromptScreen
from lambdatui.ui.invoke.dialogs import Choose, CommandLine
from lambdatui.ui.invoke.screen import InvokeScreen
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.invoke_functions import (
    BIG,
    CHATTY,
    ECHO,
    FAILING,
    UNTYPED,
    lambda_client,
    make_function,
    starts,
)
from tests.ui.helpers import (
    fake_aws,
    make_app,
    notifications,
    on_path,
    open_invoke,
    press_id,
    screen_text,
    settle,
    wait_until,
)


def _set_payload(screen: InvokeScreen, text: str) -> None:
    screen.editor.load_text(text)


async def _show_logs(pilot: Any, screen: InvokeScreen) -> None:
    """The Logs tab, the way a keyboard user gets there: tab to the tab bar, then right."""
    screen.query_one("#invoke-tabs Tabs").focus()
    await pilot.press("right")
    await pilot.pause()
    assert screen.query_one(TabbedContent).active == "logs"


async def _send(pilot: Any) -> None:
    await press_id(pilot, "invoke.send")
    await settle(pilot)


async def test_invoke_from_the_list_shows_response_and_report(account: Any) -> None:
    make_function(account, "echo", ECHO, MemorySize=256)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        assert screen.function.name == "echo" and screen.qualifier == "$LATEST"
        assert "invoke echo:$LATEST │ RequestResponse" in screen_text(app)
        _set_payload(screen, '{"order": 42}')
        await _send(pilot)
        text = screen_text(app)
        assert "✓ 200 · version $LATEST" in text
        assert '"order": 42' in text  # the response, pretty-printed
        assert "Duration" in text and "Billed" in text and "(cold start)" in text
        assert "/256 MB" in text and "Cost $0.0000" in text and "(x86_64)" in text
        assert len(starts(account, "echo")) == 1
        await press_id(pilot, "invoke.back")  # what was sent is in the history: nothing lost
        assert isinstance(app.screen, FunctionListScreen)


@pytest.mark.slow
async def test_invoke_from_the_function_view_uses_its_alias(account: Any) -> None:
    """…and waits for the alias's own timeout: version 1 (behind 'live') times out in 4 s,
    $LATEST now in 60 s; the read timeout sits just above 4 s (900 s only if unknown)."""
    from lambdatui.aws.invoke_gateway import INVOKE_MARGIN_S

    make_function(account, "echo", ECHO, Timeout=4)
    lam = lambda_client(account.endpoint_url)
    lam.publish_version(FunctionName="echo")
    lam.create_alias(FunctionName="echo", Name="live", FunctionVersion="1")
    lam.update_function_configuration(FunctionName="echo", Timeout=60)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, FunctionScreen)
        await press_id(pilot, "function.tab-aliases")
        await settle(pilot)
        await press_id(pilot, "function.qualifier")
        assert view.qualifier == "live"
        await press_id(pilot, "function.invoke")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InvokeScreen) and screen.qualifier == "live"
        assert "invoke echo:live" in screen_text(app)  # shown before sending
        await _send(pilot)
        assert "version 1" in screen_text(app)
        assert screen.result is not None and screen.result.executed_version == "1"
        clients = app.gateway._clients  # the botocore clients Invoke went through
        waits = {c.meta.config.read_timeout for k, c in clients.items() if "/invoke" in k}
        assert waits == {4 + INVOKE_MARGIN_S}


async def test_invalid_json_is_refused_with_line_and_column(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{\n  "a": 1,\n  "b": \n}')
        await wait_until(pilot, lambda: "✗ Expecting value at line 4, column 1" in screen_text(app))
        await _send(pilot)
        assert any("Not sent: Expecting value at line 4, column 1" in n for n in notifications(app))
        assert screen.result is None
        await press_id(pilot, "invoke.format")
        assert screen.editor.text == '{\n  "a": 1,\n  "b": \n}'  # nothing lost
        _set_payload(screen, '{"order": "o-1')
        # Python's message ends with "starting at": the position follows it, wrapped, not cut
        said = "✗ Unterminated string starting at line 1, column 11; invoking is refused"
        await wait_until(pilot, lambda: said in " ".join(screen_text(app).split()))
    assert starts(account, "echo") == []


async def test_nan_and_infinity_are_refused_with_the_position(account: Any) -> None:
    """Python's json reads them; Lambda refuses them: neither sent nor saved."""
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{\n  "a": "NaN",\n  "b": -Infinity\n}')
        await pilot.pause()
        assert "✗ -Infinity is not JSON at line 3, column 8" in screen_text(app)
        await _send(pilot)
        refused = "Not sent: -Infinity is not JSON at line 3, column 8"
        assert any(refused in n for n in notifications(app))
        await press_id(pilot, "invoke.save")
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen)  # refused before a name is asked for
        assert any("Not saved" in n and "line 3, column 8" in n for n in notifications(app))
    assert starts(account, "echo") == []
    assert EventLibrary().list("echo") == ([], [])


@pytest.mark.slow
async def test_saving_keeps_the_bytes_and_warns_what_they_will_not_fit(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    big = json.dumps({"blob": "x" * (2 * 1024 * 1024)})  # compact, 2 MB: synchronous only
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, big)
        await press_id(pilot, "invoke.save")
        await pilot.pause()
        await pilot.press(*"big", "enter")
        await pilot.pause()
        assert any(
            "Saved event big; 2,097,164 bytes: fits a synchronous invocation (6 MB), not an "
            "asynchronous (Event) one (1 MB)" in n
            for n in notifications(app)
        ), notifications(app)
    assert EventLibrary().load("echo", "big").payload == big


async def test_format_pretty_prints(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"a":[1,2],"b":{"c":null}}')
        await press_id(pilot, "invoke.format")
        assert screen.editor.text == json.dumps({"a": [1, 2], "b": {"c": None}}, indent=2)


@pytest.mark.slow
async def test_payload_size_limits_send_nothing(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, json.dumps({"blob": "x" * (1024 * 1024)}))
        await press_id(pilot, "invoke.type")  # Event: 1 MB at most
        assert screen.invocation_type == "Event"
        await pilot.pause()
        text = screen_text(app)
        assert "✗ 1 MB (1,048,588 bytes) is over the 1 MB limit for Event" in text
        assert "of 1 MB" not in text and "✓" not in text
        assert "ctrl+r invokes" not in text and "Too large to send as Event" in text
        await press_id(pilot, "invoke.type")  # DryRun: 6 MB, as RequestResponse
        await pilot.pause()
        text = screen_text(app)
        assert "✓ JSON · 1 MB of 6 MB" in text and "ctrl+r invokes" in text
        await press_id(pilot, "invoke.type")
        await press_id(pilot, "invoke.type")  # Event again
        await pilot.pause()
        await _send(pilot)
        assert any("Payload too large" in n and "1,048,576" in n for n in notifications(app))
        assert screen.result is None
    assert starts(account, "echo") == []


async def test_event_and_dry_run_types(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        await press_id(pilot, "invoke.type")
        await _send(pilot)
        assert "202 accepted" in screen_text(app)
        assert screen.result is not None and screen.result.request_id in screen_text(app)
        await press_id(pilot, "invoke.type")
        assert screen.invocation_type == "DryRun"
        await _send(pilot)
        assert "204 DryRun · permitted; nothing ran" in screen_text(app)


async def test_read_only_offers_dry_run_only(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        assert screen.invocation_type == "DryRun"
        assert "│ READ-ONLY" in screen_text(app)
        assert "Read-only: only DryRun (a permission check) can be sent" in screen_text(app)
        assert any("only DryRun" in n for n in notifications(app))
        await press_id(pilot, "invoke.type")
        assert screen.invocation_type == "DryRun"
        await _send(pilot)
        assert "204 DryRun" in screen_text(app)
    assert starts(account, "echo") == []


async def test_function_error_is_formatted(account: Any) -> None:
    make_function(account, "failing", FAILING)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"id": "o-7"}')
        await _send(pilot)
        assert "✗ Unhandled error ValueError: bad order: o-7" in screen_text(app)
        await _show_logs(pilot, screen)
        logs = str(screen.query_one("#invoke-logs").render())
        assert "Unhandled: ValueError: bad order: o-7" in logs
        assert 'raise ValueError("bad order: "' in logs  # the stack trace
        assert "Log tail" in logs


async def test_function_error_without_type_or_message_leaves_no_empty_slot(
    account: Any,
) -> None:
    make_function(account, "untyped", UNTYPED)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"message": "Task timed out after 3.00 s"}')
        await _send(pilot)
        text = screen_text(app)
        assert "✗ Unhandled error Task timed out after 3.00 s · version $LATEST" in text
        await _show_logs(pilot, screen)
        logs = str(screen.query_one("#invoke-logs").render())
        assert "Unhandled: Task timed out after 3.00 s\n" in logs
        screen.query_one("#invoke-editor").focus()
        _set_payload(screen, "{}")
        await _send(pilot)
        assert "✗ Unhandled error ValueError · version $LATEST" in screen_text(app)
        logs = str(screen.query_one("#invoke-logs").render())
        assert "Unhandled: ValueError\n" in logs


async def test_cut_tail_brings_the_full_logs(account: Any) -> None:
    make_function(account, "chatty", CHATTY)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"lines": 120}')
        await _send(pilot)
        assert screen.result is not None and screen.result.tail_cut
        await settle(pilot)
        await _show_logs(pilot, screen)
        logs = str(screen.query_one("#invoke-logs").render())
        assert "line 0000" in logs and "line 0119" in logs  # line 0 is not in the 4 KB tail
        assert "All " in logs and " lines of the request" in logs


async def test_large_response_is_highlighted_off_the_loop_and_copied(account: Any) -> None:
    make_function(account, "big", BIG)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"kb": 256}')
        await _send(pilot)
        response = screen.response
        assert response.text.count('"text"') == 2560
        assert response.highlighted  # coloured
        screen.query_one("#invoke-response").focus()
        await press_id(pilot, "invoke.copy")
        assert app.clipboard == screen.result.payload.decode()  # type: ignore[union-attr]


async def test_unsaved_edits_ask_before_leaving(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"keep": true}')
        await pilot.pause()
        assert "(edited)" in screen_text(app)
        await press_id(pilot, "invoke.back")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        app.screen.query_one(OptionList).highlighted = 0  # "Save them as an event"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"smoke", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)  # saved, then left
    event = EventLibrary().load("echo", "smoke")
    assert json.loads(event.payload) == {"keep": True}


async def test_discarding_edits_leaves(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"drop": 1}')
        await press_id(pilot, "invoke.back")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 1  # "Discard them"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)


@pytest.mark.slow
async def test_history_persists_and_run_again(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"n": 1}')
        await _send(pilot)
        _set_payload(screen, "{oops")  # the editor's state does not matter to run again
        await press_id(pilot, "invoke.rerun")
        await settle(pilot)
        assert screen.result is not None and json.loads(screen.result.payload)["echo"] == {"n": 1}
        assert len(starts(account, "echo")) == 2
        await press_id(pilot, "invoke.history")
        await pilot.pause()
        assert screen.query_one("#invoke-history", OptionList).option_count == 2
    scope = app.target.cache_key
    assert [e.payload for e in InvocationHistory(scope=scope).list("echo")] == ['{"n": 1}'] * 2

    again = make_app(account.endpoint_url, use_cache=False)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        assert screen.editor.text == '{"n": 1}'  # reopened with the last payload
        await press_id(pilot, "invoke.history")
        await pilot.pause()
        assert screen.query_one("#invoke-history", OptionList).option_count == 2


@pytest.mark.parametrize(
    ("version", "written_for", "flag"),
    [
        ("aws-cli/1.29.0 Python/3.11", "For AWS CLI v1 (aws-cli/1.29.0 found):", False),
        pytest.param(
            "aws-cli/2.31.4 Python/3.13.7",
            "For AWS CLI v2 (aws-cli/2.31.4 found):",
            True,
            marks=pytest.mark.slow,  # the quick run has v1; both shapes: test_invoke_command
        ),
        pytest.param(
            "",
            "For AWS CLI v2 (aws --version said no version; assumed):",
            True,
            marks=pytest.mark.slow,
        ),
    ],
)
async def test_aws_cli_command_line(
    account: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    version: str,
    written_for: str,
    flag: bool,
) -> None:
    """The command is written for the ``aws`` on PATH, and the dialog says which it assumed."""

    def footer() -> str:
        return screen_text(app).splitlines()[-1]

    on_path(monkeypatch, fake_aws(tmp_path / "bin", err=version))  # v1 of old: on stderr
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"a": "it\'s"}')
        await press_id(pilot, "invoke.cli")
        await wait_until(pilot, lambda: written_for in screen_text(app) and "y Copy" in footer())
        dialog = app.screen
        assert isinstance(dialog, CommandLine)
        assert written_for in screen_text(app)
        assert dialog.command.startswith("aws lambda invoke --function-name echo ")
        assert ("--cli-binary-format raw-in-base64-out" in dialog.command) is flag
        assert '--payload \'{"a":"it\'"\'"\'s"}\'' in dialog.command
        assert f"--endpoint-url {account.endpoint_url}" in dialog.command
        assert "Cancel" in footer() and "Invoke" not in footer()  # the dialog's own keys
        await press_id(pilot, "invoke.cli-copy")
        assert app.clipboard == dialog.command
        await press_id(pilot, "invoke.dialog-cancel")
        assert app.screen is screen


async def test_saved_event_loads_from_the_library(account: Any) -> None:
    make_function(account, "echo", ECHO)
    from lambdatui.store.events import SavedEvent

    EventLibrary().save(SavedEvent(name="big order", payload='{"total": 99}', group="echo"))
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        await press_id(pilot, "invoke.events")
        await settle(pilot)
        assert "big order" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert json.loads(screen.editor.text) == {"total": 99}
        assert screen.event_name == "big order"
        assert "event big order" in screen_text(app)


async def test_response_stream_function(account: Any) -> None:
    make_function(account, "big", BIG)
    lam = lambda_client(account.endpoint_url)
    lam.create_function_url_config(
        FunctionName="big", AuthType="NONE", InvokeMode="RESPONSE_STREAM"
    )
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        assert screen.streams and "│ stream" in screen_text(app)
        _set_payload(screen, '{"kb": 64}')
        await _send(pilot)
        assert screen.result is not None and screen.result.streamed
        assert screen.response.text.count('"text"') == 640
        assert "✓ 200" in screen_text(app)


CONTEXT_ECHO = """
def handler(event, context):
    return {"has_client_context": context.client_context is not None}
"""


@pytest.mark.slow
async def test_client_context_is_validated_and_sent(
    account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path(monkeypatch, fake_aws(tmp_path / "bin", out="aws-cli/2.31.4 Python/3.13.7"))
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        await press_id(pilot, "invoke.context")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"[1]", "enter")
        await pilot.pause()
        assert any("JSON object" in n for n in notifications(app))
        assert screen.client_context == ""
        await press_id(pilot, "invoke.context")
        await pilot.pause()
        await pilot.press(*'{"custom": {"tenant": "acme"}}', "enter")
        await pilot.pause()
        assert screen.client_context == '{"custom": {"tenant": "acme"}}'
        assert "│ +ctx" in screen_text(app)
        await _send(pilot)
        assert screen.result is not None and screen.result.ok
        await press_id(pilot, "invoke.cli")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandLine))
        assert "--client-context eyJjdXN0b20iOnsidGVuYW50IjoiYWNtZSJ9fQ==" in app.screen.command  # type: ignore[attr-defined]


@pytest.mark.slow
async def test_a_history_entry_reopens_in_the_editor(account: Any) -> None:
    make_function(account, "echo", ECHO)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        _set_payload(screen, '{"first": 1}')
        await _send(pilot)
        await press_id(pilot, "invoke.type")  # Event
        _set_payload(screen, '{"second": 2}')
        await _send(pilot)
        await press_id(pilot, "invoke.history")
        await pilot.pause()
        options = screen.query_one("#invoke-history", OptionList)
        assert options.option_count == 2
        options.highlighted = 1  # the older one
        await pilot.press("enter")
        await pilot.pause()
        assert json.loads(screen.editor.text) == {"first": 1}
        assert screen.invocation_type == "RequestResponse"
        assert screen.focused is screen.editor


@pytest.mark.slow
async def test_saving_keeps_the_description_and_a_new_name_is_not_overwritten(
    account: Any,
) -> None:
    from lambdatui.store.events import SavedEvent

    make_function(account, "echo", ECHO)
    library = EventLibrary()
    library.save(SavedEvent("smoke", '{"v": 1}', "echo", description="the smoke test"))
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        await press_id(pilot, "invoke.events")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.event_name == "smoke"
        _set_payload(screen, '{"v": 2}')
        await press_id(pilot, "invoke.save")
        await pilot.pause()
        saved = library.load("echo", "smoke")
        assert json.loads(saved.payload) == {"v": 2} and saved.description == "the smoke test"

        screen._load_payload('{"v": 3}', "", "echo")  # a new, unnamed event
        await press_id(pilot, "invoke.save")
        await pilot.pause()
        await pilot.press(*"smoke", "enter")
        await pilot.pause()
        assert any("Not saved" in n for n in notifications(app))
        assert json.loads(library.load("echo", "smoke").payload) == {"v": 2}


@pytest.mark.slow
async def test_a_tenant_isolated_function_asks_for_the_tenant_and_sends_it(
    account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.wire import delayed_proxy

    on_path(monkeypatch, fake_aws(tmp_path / "bin", out="aws-cli/1.29.0 Python/3.11"))

    make_function(account, "per-tenant", ECHO, TenancyConfig={"TenantIsolationMode": "PER_TENANT"})
    sent: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, sent_headers=sent) as (url, _):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_invoke(pilot)
            assert "tenant ?" in screen_text(app)  # learnt from GetFunction while editing
            await press_id(pilot, "invoke.send")
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)  # nothing sent without a tenant
            assert "tenant-isolated" in screen_text(app)
            await pilot.press(*"acme corp", "enter")
            await settle(pilot)
            assert app.screen is screen
            assert "✓ 200" in screen_text(app) and "tenant acme corp" in screen_text(app)
            await press_id(pilot, "invoke.send")  # the same tenant again, not asked twice
            await settle(pilot)
            assert app.screen is screen
            await press_id(pilot, "invoke.cli")  # the same call from a shell
            await wait_until(pilot, lambda: isinstance(app.screen, CommandLine))
            assert "--tenant-id 'acme corp'" in app.screen.command
    tenants = [h.get("X-Amz-Tenant-Id") for path, h in sent if path.endswith("/invocations")]
    assert tenants == ["acme corp", "acme corp"]


@pytest.mark.slow
async def test_the_history_keeps_the_tenant_and_runs_again_for_it(account: Any) -> None:
    """An invocation of a tenant-isolated function is remembered with its tenant: the history
    names it, and `run again` in a later session sends it for that tenant without asking."""
    from tests.wire import delayed_proxy

    make_function(account, "per-tenant", ECHO, TenancyConfig={"TenantIsolationMode": "PER_TENANT"})
    sent: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, sent_headers=sent) as (url, _):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_invoke(pilot)
            await press_id(pilot, "invoke.send")
            await pilot.pause()
            await pilot.press(*"acme", "enter")
            await settle(pilot)
        entries = InvocationHistory(scope=app.target.cache_key).list("per-tenant")
        assert [e.tenant_id for e in entries] == ["acme"]

        again = make_app(url, use_cache=False)
        async with again.run_test(size=(100, 30)) as pilot:
            screen = await open_invoke(pilot)
            await press_id(pilot, "invoke.history")
            await pilot.pause()
            history = screen.query_one("#invoke-history", OptionList)
            assert "tenant acme" in str(history.get_option_at_index(0).prompt)
            await press_id(pilot, "invoke.rerun")
            await settle(pilot)
            assert again.screen is screen  # not asked for the tenant again
            assert screen.result is not None and screen.result.status_code == 200
    tenants = [h.get("X-Amz-Tenant-Id") for path, h in sent if path.endswith("/invocations")]
    assert tenants == ["acme", "acme"]


@pytest.mark.slow
async def test_an_ordinary_function_is_invoked_without_a_tenant(account: Any) -> None:
    from tests.wire import delayed_proxy

    make_function(account, "echo", ECHO)
    sent: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, sent_headers=sent) as (url, _):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_invoke(pilot)
            assert "tenant" not in screen_text(app)
            await _send(pilot)
            assert app.screen is screen and "✓ 200" in screen_text(app)
    tenants = [h.get("X-Amz-Tenant-Id") for path, h in sent if path.endswith("/invocations")]
    assert tenants == [None]


async def test_a_managed_instances_function_is_invoked_at_latest_published(account: Any) -> None:
    """Unqualified, Lambda runs a Managed Instances function's $LATEST.PUBLISHED: the screen
    names that target (not $LATEST) and the reply says it ran there."""
    from tests.aws.test_edit import make_managed

    lam = make_managed(account, "worker")
    lam.publish_version(FunctionName="worker", PublishTo="LATEST_PUBLISHED")
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_invoke(pilot)
        await wait_until(pilot, lambda: "worker:$LATEST.PUBLISHED" in screen_text(app))
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        assert screen.result is not None and screen.result.executed_version == "$LATEST.PUBLISHED"


async def test_the_history_file_is_read_off_the_event_loop(
    account: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Up to 50 payloads of 64 KB: the screen reads them in a thread, then the editor takes
    the last payload (nothing was typed meanwhile)."""
    import threading

    make_function(account, "echo", ECHO)
    scope = make_app(account.endpoint_url).target.cache_key
    InvocationHistory(scope=scope).record(
        HistoryEntry(
            when=datetime.now(UTC),
            function="echo",
            qualifier="$LATEST",
            invocation_type="RequestResponse",
            status="200",
            duration_ms=1.0,
            request_id="r-1",
            payload='{"kept": true}',
        )
    )
    on_loop: list[bool] = []
    read = InvocationHistory.list

    def spy(self: InvocationHistory, function: str) -> list[HistoryEntry]:
        on_loop.append(threading.current_thread() is threading.main_thread())
        return read(self, function)

    monkeypatch.setattr(InvocationHistory, "list", spy)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_invoke(pilot)
        await wait_until(pilot, lambda: screen.editor.text == '{"kept": true}')
    assert on_loop == [False]
