"""Hostile text from the account is shown, never interpreted, on every screen.

One local account is seeded once for the module with Rich markup and terminal control
sequences wherever AWS lets free text in (descriptions, tags, environment values, a function's
payload, logs and error, policy conditions, CORS origins, a durable execution's input and
error, a saved event), and a proxy puts it where the local account refuses it (a policy's
Sid, a capacity provider's fields, durable execution and step names) or answers an error whose
message is hostile. Each test drives the real app (toasts drawn) to one screen and checks what
was rendered: the markup reads as typed, and no control character reaches the screen, a
border title, a notification, or the bytes the terminal would receive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import boto3
import pytest
from textual.pilot import Pilot

from lambdatui.store.events import EventLibrary, SavedEvent
from tests.durable_helpers import PLAN, settled, start
from tests.invoke_functions import make_function
from tests.logs_helpers import put_lines, today
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until
from tests.wire import delayed_proxy

MARKUP = "[bold red]x[/]"
LINK = "[link=https://evil]y[/link]"
#: Erase the screen, set the window title, set the clipboard (OSC 52), an 8-bit CSI, backspace,
#: carriage return and bell: none of them may reach the terminal.
CONTROLS = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x9b31m\x08\r\x07"
HOSTILE = f"{MARKUP} {LINK}{CONTROLS}end"
#: What must never be on screen.
FORBIDDEN = ("\x1b", "\x9b", "\x07", "\x08", "\r", "\x9d")

NAME = "hostile"
DURABLE = "hostile-flow"

CODE = f"""
import json
HOSTILE = {HOSTILE!r}

def handler(event, context):
    for n in range(3):
        print("line", n, HOSTILE)
    if event.get("fail"):
        raise type(HOSTILE, (Exception,), {{}})(HOSTILE)
    return {{"note": HOSTILE}}
"""

DURABLE_CODE = f"""
HOSTILE = {HOSTILE!r}

def handler(event, context):
    if event.get("fail"):
        raise ValueError(HOSTILE)
    return {{"result": HOSTILE}}
"""


def _seed(account: Any) -> None:
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    made = make_function(
        account,
        NAME,
        CODE,
        Description=HOSTILE,
        Environment={"Variables": {"HOSTILE": HOSTILE}},
        Tags={"team": HOSTILE, HOSTILE: "value"},
    )
    lam.publish_version(FunctionName=NAME, Description=HOSTILE)
    lam.create_alias(FunctionName=NAME, Name="live", FunctionVersion="1", Description=HOSTILE)
    lam.add_permission(
        FunctionName=NAME,
        StatementId="s3",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn=f"arn:aws:s3:::{HOSTILE}",
        SourceAccount="123456789012",
    )
    lam.create_function_url_config(
        FunctionName=NAME, AuthType="NONE", Cors={"AllowOrigins": [HOSTILE]}
    )
    lam.invoke(FunctionName=NAME, Payload=b"{}")
    put_lines(
        account,
        f"/aws/lambda/{NAME}",
        f"{today()}/[$LATEST]0123456789abcdef",
        f"ERROR {HOSTILE}",
        json.dumps({"level": "ERROR", "message": HOSTILE}),
    )
    # A durable function: one execution succeeds, one fails, both with hostile text.
    from tests.demo.conftest import zip_of

    lam.create_function(
        FunctionName=DURABLE,
        Runtime="python3.12",
        Role=made["Role"],
        Handler="app.handler",
        Code={"ZipFile": zip_of({"app.py": DURABLE_CODE, "durable.json": json.dumps(PLAN)})},
        DurableConfig={"ExecutionTimeout": 3600},
        Description=HOSTILE,
    )
    lam.publish_version(FunctionName=DURABLE)
    ok = start(lam, "ok", {"note": HOSTILE, "coolOff": 0}, name=DURABLE)
    failed = start(lam, "failed", {"note": HOSTILE, "fail": True, "coolOff": 0}, name=DURABLE)
    start(lam, "running", {"note": HOSTILE, "coolOff": 3600}, name=DURABLE)
    settled(lam, ok)
    settled(lam, failed)
    lam.create_capacity_provider(
        CapacityProviderName="hostile-provider",
        VpcConfig={"SubnetIds": ["subnet-0a4c1e2b3d5f67890"], "SecurityGroupIds": ["sg-0123"]},
        PermissionsConfig={
            "CapacityProviderOperatorRoleArn": "arn:aws:iam::123456789012:role/operator"
        },
        Tags={"team": HOSTILE},
    )


def _prefixed(document: Any, keys: tuple[str, ...]) -> Any:
    """``document`` with HOSTILE put before the value of every key in ``keys``."""
    if isinstance(document, dict):
        return {
            k: f"{HOSTILE}{v}" if k in keys and isinstance(v, str) else _prefixed(v, keys)
            for k, v in document.items()
        }
    if isinstance(document, list):
        return [_prefixed(item, keys) for item in document]
    return document


def _hostile_reply(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """Put hostile text where the local account refuses it: a policy's Sid, a capacity
    provider's instance types and operator role, durable executions' and steps' names, an
    event-source mapping's queue ARN, state, filter and last result."""
    if "/durable-executions" in path:
        return dict(_prefixed(body, ("DurableExecutionName", "Name")))
    if "EventSourceMappings" in body:  # one whose queue, state and results are hostile
        queue = f"arn:aws:sqs:us-east-1:123456789012:{HOSTILE}"
        body["EventSourceMappings"] = [
            {
                "UUID": "00000000-0000-0000-0000-000000000001",
                "EventSourceArn": queue,
                "FunctionArn": f"arn:aws:lambda:us-east-1:123456789012:function:{NAME}",
                "State": HOSTILE,
                "StateTransitionReason": HOSTILE,
                "LastProcessingResult": HOSTILE,
                "BatchSize": 10,
                "FilterCriteria": {"Filters": [{"Pattern": HOSTILE}]},
                "DestinationConfig": {"OnFailure": {"Destination": queue}},
            }
        ]
    if (
        _FAKE
        and re.fullmatch(r"/2015-03-31/functions/?", path.split("?")[0])
        and "Functions" in body
    ):
        fake = dict(body["Functions"][0], FunctionName=FAKE)
        fake["FunctionArn"] = fake["FunctionArn"].rsplit(":", 1)[0] + f":{FAKE}"
        body["Functions"] = [*body["Functions"], fake]
    if path.endswith("/policy") and "Policy" in body:
        policy = json.loads(body["Policy"])
        for statement in policy["Statement"]:
            statement["Sid"] = HOSTILE
        body["Policy"] = json.dumps(policy)
    providers = body.get("CapacityProviders") or (
        [body["CapacityProvider"]] if "CapacityProvider" in body else []
    )
    for provider in providers:
        provider["InstanceRequirements"] = {
            "Architectures": ["arm64"],
            "AllowedInstanceTypes": [HOSTILE],
        }
        provider["PermissionsConfig"] = {"CapacityProviderOperatorRoleArn": HOSTILE}
        provider["State"] = "Active"
    return body


@pytest.fixture(scope="module")
def _seeded() -> dict[str, int]:
    return {}


#: Whether ListFunctions answers, in this test, one more function whose name is hostile.
_FAKE: list[bool] = []
FAKE = f"{HOSTILE}-fn"

#: Calls the proxy refuses in this test ('METHOD path' patterns), with a hostile message.
_REFUSED: set[str] = set()


def _refuse(method: str, path: str) -> tuple[int, str, str] | None:
    call = f"{method} {path.split('?')[0]}"
    if any(re.fullmatch(pattern, call) for pattern in _REFUSED):
        return 400, "InvalidParameterValueException", HOSTILE
    return None


@pytest.fixture
def hostile_account(local_account: Any, _seeded: dict[str, int]) -> Iterator[str]:
    """The local account seeded with hostile text (once per module), behind a proxy that
    rewrites what the account refuses, and answers the calls a test puts in ``_REFUSED`` with
    a hostile error message; the proxy's URL."""
    if _seeded.get("generation") != local_account.generation:
        local_account.reset()
        local_account.knobs.capacity_provider_seconds = 0
        _seed(local_account)
        _seeded["generation"] = local_account.generation
    _REFUSED.clear()
    _FAKE.clear()
    proxy = delayed_proxy(local_account.endpoint_url, rewrite=_hostile_reply, refuse=_refuse)
    with proxy as (url, _seen):
        yield url
    _REFUSED.clear()
    _FAKE.clear()


def assert_harmless(app: Any, *, literal: bool = True) -> str:
    """The screen shows no control character, and (when ``literal``) the markup as typed."""
    text = screen_text(app)
    shown = [repr(c) for c in FORBIDDEN if c in text]
    assert not shown, f"{', '.join(shown)} reached the screen:\n{text}"
    for note in app._notifications:
        for part in (str(note.title), str(note.message)):
            assert not any(c in part for c in FORBIDDEN), f"notification: {part!r}"
    for widget in app.screen.query("*"):
        for title in (widget.border_title, widget.border_subtitle):
            if title:
                assert not any(c in str(title) for c in FORBIDDEN), f"border title: {title!r}"
    # The bytes the terminal would receive for this screen (what Textual's driver writes): its
    # own CSI styles, nothing else (no OSC 8 link, window title or clipboard, no erase).
    sequence = app.screen._compositor.render_update(full=True).render_segments(app.console)
    for forbidden in ("\x1b]", "\x1bP", "\x07", "\x08", "\x9b", "\x9d", "\r", "\x1b[2J"):
        assert forbidden not in sequence, f"{forbidden!r} would reach the terminal"
    if literal:
        assert MARKUP in text or LINK in text, f"the markup is not shown as typed:\n{text}"
    return text


Step = Callable[[Pilot[Any]], Awaitable[None]]


async def _open(pilot: Pilot[Any], name: str = NAME) -> None:
    from lambdatui.ui.screens.function import FunctionScreen

    await settle(pilot)
    await press_id(pilot, "functions.filter")
    await pilot.press(*name, "enter")
    await settle(pilot)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)


async def _run(
    url: str,
    steps: Step,
    size: tuple[int, int] = (200, 50),
    options: dict[str, Any] | None = None,
    **kw: Any,
) -> None:
    """Drive the app (made with ``options``, then given the attributes ``kw``) with ``steps``."""
    app = make_app(url, use_cache=False, **(options or {}))
    for name, value in kw.items():
        setattr(app, name, value)
    async with app.run_test(size=size, notifications=True) as pilot:  # toasts drawn too
        await settle(pilot)
        await steps(pilot)


@pytest.mark.slow
async def test_function_list_and_filter(hostile_account: str) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        assert_harmless(pilot.app)
        await press_id(pilot, "functions.filter")
        await pilot.press(*"[bold")
        await settle(pilot)
        assert_harmless(pilot.app)

    await _run(hostile_account, steps)


@pytest.mark.parametrize("tab", ["configuration", "triggers", "versions", "aliases"])
@pytest.mark.slow
async def test_function_view_tabs(hostile_account: str, tab: str) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot)
        await press_id(pilot, f"function.tab-{tab}")
        await settle(pilot)
        assert_harmless(pilot.app)
        if tab == "configuration":
            await press_id(pilot, "function.reveal")  # the environment values too
            await settle(pilot)
            assert_harmless(pilot.app)

    await _run(hostile_account, steps)


@pytest.mark.slow
async def test_every_field_detail_and_raw_json(hostile_account: str) -> None:
    """Enter on each line of the configuration and triggers panes: its detail or raw JSON."""

    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot)
        await press_id(pilot, "function.reveal")
        for tab in ("configuration", "triggers"):
            await press_id(pilot, f"function.tab-{tab}")
            await settle(pilot)
            table = pilot.app.screen.query_one(f"#{tab}-table")
            for index in range(len(table.visible_rows())):
                if index:
                    await press_id(pilot, "table.cursor-down")
                await press_id(pilot, "function.raw")
                await settle(pilot)
                modal = pilot.app.screen
                assert_harmless(pilot.app, literal=False)
                await pilot.press("escape")
                await settle(pilot)
                assert pilot.app.screen is not modal

    await _run(hostile_account, steps)


async def _open_invoke(pilot: Pilot[Any]) -> Any:
    from lambdatui.ui.invoke.screen import InvokeScreen

    await _open(pilot)
    await press_id(pilot, "function.invoke")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InvokeScreen)
    return pilot.app.screen


@pytest.mark.parametrize("payload", ['{"fail": false}', '{"fail": true}'])
@pytest.mark.slow
async def test_invoke_response_log_tail_and_history(hostile_account: str, payload: str) -> None:
    """The response (a hostile payload, or a hostile error type and message), the log tail,
    the history."""
    from textual.widgets import TabbedContent

    async def steps(pilot: Pilot[Any]) -> None:
        screen = await _open_invoke(pilot)
        screen.editor.load_text(payload)
        await press_id(pilot, "invoke.send")
        await settle(pilot)
        assert_harmless(pilot.app)
        screen.query_one(TabbedContent).active = "logs"
        await settle(pilot)
        assert_harmless(pilot.app)
        await press_id(pilot, "invoke.history")
        await settle(pilot)
        assert_harmless(pilot.app, literal=False)
        await pilot.press("enter")  # load that invocation again
        await settle(pilot)
        assert_harmless(pilot.app, literal=False)

    await _run(hostile_account, steps)


@pytest.mark.slow
@pytest.mark.parametrize(
    "payload", [json.dumps({"note": HOSTILE}), f"not JSON: {HOSTILE}"], ids=["json", "text"]
)
async def test_event_library_names_and_payloads(hostile_account: str, payload: str) -> None:
    """A saved event (a file anyone may share) named, described and filled with hostile text:
    the library, its rename prompt and delete confirmation, the editor it loads, the history."""
    library = EventLibrary()
    library.save(SavedEvent(HOSTILE, payload, NAME, HOSTILE))

    async def steps(pilot: Pilot[Any]) -> None:
        await _open_invoke(pilot)
        await press_id(pilot, "invoke.events")
        await settle(pilot)
        assert_harmless(pilot.app)
        library_screen = pilot.app.screen
        for action in ("events.rename", "events.delete"):  # a prompt, a confirmation
            await press_id(pilot, action)  # a worker waits for the answer: no settle
            await wait_until(pilot, lambda: pilot.app.screen is not library_screen)
            await pilot.pause()
            assert_harmless(pilot.app)
            await pilot.press("escape")
            await settle(pilot)
        await press_id(pilot, "events.pick")
        await settle(pilot)
        assert_harmless(pilot.app)
        await press_id(pilot, "invoke.send")  # the history names the event
        await settle(pilot)
        await press_id(pilot, "invoke.history")
        await settle(pilot)
        assert_harmless(pilot.app)

    await _run(hostile_account, steps)


@pytest.mark.slow
async def test_logs_screen(hostile_account: str, local_account: Any) -> None:
    """Lines written while the logs are followed (polled: the proxy holds a Live Tail stream
    until it ends), plain and JSON."""
    from lambdatui.ui.screens.logs import LogsScreen

    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot)
        await press_id(pilot, "function.logs")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, LogsScreen))
        await wait_until(pilot, lambda: "following" in screen_text(pilot.app))
        put_lines(
            local_account,
            f"/aws/lambda/{NAME}",
            f"{today()}/[$LATEST]0123456789abcdef",
            f"ERROR {HOSTILE}",
            json.dumps({"level": "ERROR", "message": HOSTILE}),
        )
        await wait_until(pilot, lambda: MARKUP in screen_text(pilot.app))
        assert_harmless(pilot.app)
        for toggle in ("logs.raw", "logs.requests", "logs.wrap"):
            await press_id(pilot, toggle)
            await pilot.pause()
            assert_harmless(pilot.app, literal=False)
        await press_id(pilot, "logs.filter")  # a filter that is markup, and a bad pattern
        await pilot.press(*"[link=")
        await pilot.pause()
        assert_harmless(pilot.app, literal=False)

    await _run(hostile_account, steps, logs_mode="polling")


@pytest.mark.slow
async def test_edit_form_and_its_confirmation(hostile_account: str) -> None:
    from textual.widgets import Input

    from lambdatui.ui.edit.screen import EditScreen

    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot)
        await press_id(pilot, "function.edit")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EditScreen)
        await press_id(pilot, "edit.reveal")
        await settle(pilot)
        assert_harmless(pilot.app)
        await press_id(pilot, "edit.review")  # shown cleaned is not changed
        await settle(pilot)
        assert pilot.app.screen is form
        assert any("Nothing changed" in n for n in notifications(pilot.app))
        value = form.query(".edit-env-row Input")[1]
        assert isinstance(value, Input)
        value.focus()
        await pilot.press("end", "1")
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert pilot.app.screen is not form
        assert_harmless(pilot.app)
        await press_id(pilot, "edit.back")
        await settle(pilot)

    await _run(hostile_account, steps)


@pytest.mark.slow
async def test_durable_executions_one_execution_and_its_data(hostile_account: str) -> None:
    """The executions, each one, its input/result/error, its steps' events, and stopping the
    running one on a production account (the name to type is shown)."""
    from lambdatui.store.config import Config
    from lambdatui.ui.screens.durable import ExecutionScreen, ExecutionsScreen

    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot, DURABLE)
        await press_id(pilot, "function.executions")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExecutionsScreen)
        assert_harmless(pilot.app, literal=False)
        for row in range(3):
            if row:
                await press_id(pilot, "table.cursor-down")
            await press_id(pilot, "executions.open")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ExecutionScreen)
            assert_harmless(pilot.app)
            await press_id(pilot, "execution.data")
            await settle(pilot)
            assert_harmless(pilot.app)
            await pilot.press("escape")
            await settle(pilot)
            await press_id(pilot, "execution.events")
            await settle(pilot)
            assert_harmless(pilot.app, literal=False)
            await pilot.press("escape")
            await settle(pilot)
            if pilot.app.screen.execution.running:
                await press_id(pilot, "execution.stop")
                await settle(pilot)
                text = assert_harmless(pilot.app)
                assert f"Type {MARKUP}" in text
                await press_id(pilot, "stop.back")
                await settle(pilot)
            await press_id(pilot, "execution.back")
            await settle(pilot)

    production = Config(production_pattern=r"^123456789012$")
    await _run(hostile_account, steps, options={"config": production})


@pytest.mark.slow
async def test_capacity_providers_and_one_provider(hostile_account: str) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await press_id(pilot, "functions.capacity")
        await settle(pilot)
        assert_harmless(pilot.app)
        await press_id(pilot, "capacity.open")
        await settle(pilot)
        assert_harmless(pilot.app)

    await _run(hostile_account, steps)


@pytest.mark.slow
async def test_help(hostile_account: str) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot)
        await press_id(pilot, "app.help")
        await settle(pilot)
        assert_harmless(pilot.app, literal=False)

    await _run(hostile_account, steps)


async def _send(pilot: Pilot[Any]) -> None:
    await _open_invoke(pilot)
    await press_id(pilot, "invoke.send")
    await settle(pilot)


async def _apply_edit(pilot: Pilot[Any]) -> None:
    from textual.widgets import Input

    await _open(pilot)
    await press_id(pilot, "function.edit")
    await settle(pilot)
    pilot.app.screen.query_one("#edit-memory_mb", Input).focus()
    await pilot.press("end", "ctrl+u", *"256")
    await press_id(pilot, "edit.review")
    await settle(pilot)
    await press_id(pilot, "edit.apply")
    await settle(pilot)


async def _versions(pilot: Pilot[Any]) -> None:
    await _open(pilot)
    await press_id(pilot, "function.tab-versions")
    await settle(pilot)


async def _executions(pilot: Pilot[Any]) -> None:
    await _open(pilot, DURABLE)
    await press_id(pilot, "function.executions")
    await settle(pilot)


async def _capacity(pilot: Pilot[Any]) -> None:
    await press_id(pilot, "functions.capacity")
    await settle(pilot)


async def _logs(pilot: Pilot[Any]) -> None:
    await _open(pilot)
    await press_id(pilot, "function.logs")
    await wait_until(pilot, lambda: MARKUP in screen_text(pilot.app))


async def _nothing(pilot: Pilot[Any]) -> None:
    pass


@pytest.mark.parametrize(
    ("refused", "steps"),
    [
        ("GET /2015-03-31/functions/?", _nothing),
        ("GET /2015-03-31/functions/hostile", _open),
        ("GET /2015-03-31/functions/hostile/versions", _versions),
        ("POST /2015-03-31/functions/hostile/invocations", _send),
        ("PUT /2015-03-31/functions/hostile/configuration", _apply_edit),
        ("GET /2025-12-01/functions/hostile-flow/durable-executions", _executions),
        ("GET /2025-11-30/capacity-providers", _capacity),
        ("POST / (StartLiveTail|FilterLogEvents|DescribeLogGroups)", _logs),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
@pytest.mark.slow
async def test_error_messages_from_the_endpoint(
    hostile_account: str, refused: str, steps: Step
) -> None:
    """AWS answers with a hostile error message: the screen (or its notification) shows it."""
    _REFUSED.add(refused)

    async def run(pilot: Pilot[Any]) -> None:
        await steps(pilot)
        await settle(pilot)
        assert_harmless(pilot.app)

    await _run(hostile_account, run)


@pytest.mark.parametrize(
    "action",
    ["functions.copy", "functions.open", "functions.invoke", "functions.logs", "functions.edit"],
)
@pytest.mark.slow
async def test_a_function_whose_name_is_hostile(hostile_account: str, action: str) -> None:
    """AWS never names a function so; a proxy or a compromised endpoint may. Its row, its ARN
    copied, and each screen it opens (whose calls fail: no such function) stay harmless."""
    _FAKE.append(True)

    async def steps(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert screen.table.move_cursor_to_key(FAKE)
        await pilot.pause()
        assert_harmless(pilot.app)
        await press_id(pilot, action)
        await settle(pilot)
        await pilot.pause(0.3)
        assert_harmless(pilot.app, literal=False)
        if action == "functions.invoke":  # its event library, titled with its name
            await press_id(pilot, "invoke.events")
            await settle(pilot)
            assert_harmless(pilot.app)
            await pilot.press("escape")
            await settle(pilot)
            await press_id(pilot, "invoke.cli")  # the same call with the AWS CLI
            await settle(pilot)
            assert_harmless(pilot.app)

    await _run(hostile_account, steps, logs_mode="polling")


@pytest.mark.slow
async def test_the_palette_lists_a_hostile_function_name(hostile_account: str) -> None:
    _FAKE.append(True)

    async def steps(pilot: Pilot[Any]) -> None:
        await press_id(pilot, "app.palette")
        await settle(pilot)
        await pilot.press(*"bold")
        await settle(pilot)
        assert_harmless(pilot.app)

    await _run(hostile_account, steps)


@pytest.mark.slow
async def test_the_profile_picker_lists_a_hostile_profile_name(
    hostile_account: str, isolated_env: Any
) -> None:
    """A profile of ~/.aws/config (a file shared or generated by other tools) named with markup
    and control sequences; its region too."""
    config = isolated_env / ".aws" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    name = HOSTILE.replace("\r", "")  # a line break would end the section's header
    config.write_text(f"[profile {name}]\nregion = {name}\n")

    async def steps(pilot: Pilot[Any]) -> None:
        await press_id(pilot, "app.profile")
        await settle(pilot)
        assert_harmless(pilot.app)

    await _run(hostile_account, steps)


@pytest.mark.slow
async def test_copying_a_hostile_value_shows_it_harmlessly(hostile_account: str) -> None:
    """y on the environment variable: the notification, and (ui.clipboard = "show") the
    screen that shows what was copied."""
    from lambdatui.store.config import Config

    async def steps(pilot: Pilot[Any]) -> None:
        await _open(pilot)
        await press_id(pilot, "function.reveal")
        await settle(pilot)
        table = pilot.app.screen.query_one("#configuration-table")
        while table.cursor_row.label != "HOSTILE":
            await press_id(pilot, "table.cursor-down")
        await press_id(pilot, "function.copy")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "CopiedScreen"
        assert_harmless(pilot.app)

    await _run(hostile_account, steps, options={"config": Config(clipboard="show")})
