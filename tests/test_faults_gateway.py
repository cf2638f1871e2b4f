"""The gateway under faults (docs/faults.md, one test per row at least), through the real
fault-injecting proxy (``tests/faults.py``) in front of the local account: what is retried and
how often it really reached the wire, what is never sent twice, and the error the user reads."""

from __future__ import annotations

import asyncio
import io
import zipfile
from dataclasses import replace
from typing import Any

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.invoke_gateway import ResponseNotReceived
from lambdatui.aws.target import resolve_target
from tests import faults
from tests.aws.test_edit import make_function
from tests.demo.conftest import wait_for
from tests.faults import FaultProxy, fault_proxy
from tests.invoke_functions import ECHO, starts
from tests.invoke_functions import make_function as make_invokable

#: Each goes through the proxy to the local account (most take 0.6 s or more).
pytestmark = pytest.mark.slow


def _gateway(proxy: FaultProxy, account: Any) -> Gateway:
    gw = Gateway(resolve_target(endpoint_url=proxy.url, region=account.region))
    gw.conflict_delays = (0.1, 0.2)
    return gw


def _lam(account: Any) -> Any:
    return boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def _functions(account: Any, count: int) -> list[str]:
    make_function(account, "f000")
    role = _lam(account).get_function_configuration(FunctionName="f000")["Role"]
    names = ["f000"]
    for n in range(1, count):
        name = f"f{n:03d}"
        _lam(account).create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": _zip()},
        )
        names.append(name)
    return names


# -- reads: retried by the SDK, the attempts counted ---------------------------------------


async def test_a_throttled_or_failed_page_midway_is_retried_and_the_list_is_whole(
    account: Any,
) -> None:
    names = _functions(account, 23)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(retry_after="0"), calls=2)
        proxy.on("ListFunctions", faults.server_error(503), calls=4)
        proxy.on("ListFunctions", faults.page(502), calls=6)
        async with _gateway(proxy, account) as gw:
            listed = [f.name async for page in gw.iter_functions(page_size=5) for f in page]
            retried = gw.retried["ListFunctions"]
    assert sorted(listed) == names and len(listed) == len(set(listed))
    assert retried == 3 and proxy.count("ListFunctions") == 5 + 3


async def test_a_read_that_keeps_failing_stops_after_three_attempts_with_a_titled_error(
    account: Any,
) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.server_error(500))
        async with _gateway(proxy, account) as gw:
            with pytest.raises(errors.GatewayError) as caught:
                await gw.list_functions()
    assert proxy.count("ListFunctions") == 4  # standard mode, max_attempts 3: 1 + 3 retries
    assert caught.value.title and "ListFunctions" not in caught.value.title


async def test_a_5xx_on_one_configuration_section_leaves_the_others(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("GetPolicy", faults.server_error(500))
        async with _gateway(proxy, account) as gw:
            detail = await gw.get_function_detail("shop")
            with pytest.raises(errors.GatewayError):
                await gw.get_policy("shop")
    assert detail.name == "shop"
    assert proxy.count("GetPolicy") == 4 and not proxy.faulted("GetFunction")


@pytest.mark.parametrize(
    "fault",
    [faults.reset_before(), faults.truncate(12), faults.stall(1.5)],
    ids=["reset", "truncated", "stall"],
)
async def test_a_read_whose_reply_is_lost_is_asked_again(account: Any, fault: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("GetFunction", fault, calls=1)
        async with _gateway(proxy, account) as gw:
            await gw.client("lambda", variant="short", read_timeout=0.5)  # the stall's limit
            gw._clients["lambda/"] = gw._clients["lambda/short"]
            detail = await gw.get_function_detail("shop")
    assert detail.name == "shop" and proxy.count("GetFunction") == 2


async def test_malformed_json_is_a_titled_error_not_an_empty_list(account: Any) -> None:
    _functions(account, 3)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.malformed(), calls=2)
        async with _gateway(proxy, account) as gw:
            pages: list[int] = []
            with pytest.raises(errors.EndpointPage) as caught:
                async for page in gw.iter_functions(page_size=2):
                    pages.append(len(page))
    assert pages == [2]  # the first page stays; nothing is taken for the end of the list
    assert caught.value.title == "Unexpected reply"
    assert "not valid JSON" in caught.value.message and "ListFunctions" in caught.value.message


@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        (faults.access_denied(), errors.AccessDenied, "lambda:ListFunctions"),
        (faults.expired_token(), errors.ExpiredCredentials, "aws sso login"),
        (faults.unrecognized_client(), errors.InvalidCredentials, "UnrecognizedClient"),
    ],
)
async def test_denied_and_credential_errors_name_the_action_or_the_fix(
    account: Any, fault: Any, kind: type, words: str
) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", fault)
        async with _gateway(proxy, account) as gw:
            with pytest.raises(kind) as caught:
                await gw.list_functions()
    assert words in str(caught.value) and proxy.count("ListFunctions") == 1  # not retried


async def test_expired_credentials_renewed_meanwhile_work_on_refresh(
    account: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The credentials expire mid-session; renewed in another terminal (here: the
    environment the profile reads), the next call (the user's refresh, r) uses them: no
    restart. The proxy refuses the old key for good, as AWS does."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAOLDKEY")
    with fault_proxy(account.endpoint_url) as proxy:
        async with _gateway(proxy, account) as gw:
            await gw.list_functions()
            proxy.on("*", faults.expired_token(), signed_by="AKIAOLDKEY")
            with pytest.raises(errors.ExpiredCredentials) as caught:
                await gw.list_functions()
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANEWKEY")
            assert await gw.list_functions() == []
    assert "aws sso login" in caught.value.hint and "press r" in caught.value.hint
    assert [s.fault != "" for s in proxy.sent] == [False, True, False]


# -- Invoke: never retried ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "runs"),
    [(faults.reset_after(), 1), (faults.page(502), 0), (faults.truncate(5), 1)],
    ids=["reset", "502", "truncated"],
)
async def test_an_invoke_whose_reply_is_lost_is_sent_once_and_the_outcome_is_unknown(
    account: Any, fault: Any, runs: int
) -> None:
    """The client cannot tell whether it ran (a 502 from a load balancer: here it did not):
    it says so, names the logs, and does not send it again."""
    make_invokable(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("Invoke", fault)
        async with _gateway(proxy, account) as gw:
            with pytest.raises(ResponseNotReceived) as caught:
                await gw.invoke("echo", None, b"{}", function_timeout_s=3)
    assert proxy.count("Invoke") == 1
    if runs:
        assert len(wait_for(lambda: starts(account, "echo"))) == 1  # it ran, once
    else:
        assert starts(account, "echo") == []
    assert "may have run" in caught.value.message and "logs" in caught.value.hint


@pytest.mark.parametrize("kind", ["Event", "DryRun", "RequestResponse"])
async def test_a_throttled_invoke_is_not_retried(account: Any, kind: str) -> None:
    make_invokable(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("Invoke", faults.throttled(retry_after="1"))
        async with _gateway(proxy, account) as gw:
            with pytest.raises(errors.Throttled):
                await gw.invoke("echo", None, b"{}", kind, function_timeout_s=3)
    assert proxy.count("Invoke") == 1


# -- mutations: a lost reply is read back, never applied twice ---------------------------


@pytest.mark.parametrize(
    "fault",
    [faults.reset_after(), faults.stall(1.5), faults.truncate(8)],
    ids=["reset", "stall", "truncated"],
)
async def test_edit_apply_reply_lost_is_read_back_and_not_sent_again(
    account: Any, fault: Any
) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", fault)
        async with _gateway(proxy, account) as gw:
            gw.edit_read_timeout = 0.5  # the stall outlasts it
            before, context = await gw.read_settings("shop")
            after = replace(before, memory_mb=1024)
            now = await gw.apply_settings(before, after, context)
    assert proxy.count("UpdateFunctionConfiguration") == 1
    assert now.memory_mb == 1024  # what is now set, read back
    assert _lam(account).get_function_configuration(FunctionName="shop")["MemorySize"] == 1024


async def test_edit_apply_refused_before_sending_keeps_the_error(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", faults.reset_before())
        async with _gateway(proxy, account) as gw:
            before, context = await gw.read_settings("shop")
            after = replace(before, memory_mb=1024)
            with pytest.raises(errors.EndpointUnreachable):
                await gw.apply_settings(before, after, context)
    assert proxy.count("UpdateFunctionConfiguration") == 1
    assert _lam(account).get_function_configuration(FunctionName="shop")["MemorySize"] == 512


@pytest.mark.parametrize("description", ["three", ""])
async def test_publish_reply_lost_is_read_back_not_published_twice(
    account: Any, description: str
) -> None:
    """Without a description sent, the version takes the function's own ("two"): the read
    back finds it all the same."""
    make_function(account)
    config = _lam(account).get_function_configuration(FunctionName="shop")
    _lam(account).update_function_code(FunctionName="shop", ZipFile=_zip())
    config = _lam(account).get_function_configuration(FunctionName="shop")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("PublishVersion", faults.reset_after())
        async with _gateway(proxy, account) as gw:
            published = await gw.publish_version(
                "shop", description, config["CodeSha256"], config["RevisionId"]
            )
    assert published.recovered and published.version == "3"
    assert proxy.count("PublishVersion") == 1
    versions = _lam(account).list_versions_by_function(FunctionName="shop")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2", "3"]


async def test_alias_update_reply_lost_is_read_back_not_sent_again(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateAlias", faults.reset_after())
        async with _gateway(proxy, account) as gw:
            alias = await gw.read_alias("shop", "live")
            updated = await gw.update_alias(
                "shop", "live", version="2", routing={}, revision_id=alias.revision_id
            )
    assert updated.function_version == "2" and proxy.count("UpdateAlias") == 1


async def test_a_throttled_mutation_is_a_titled_error_sent_once(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", faults.throttled())
        async with _gateway(proxy, account) as gw:
            before, context = await gw.read_settings("shop")
            after = replace(before, timeout_s=9)
            with pytest.raises(errors.Throttled) as caught:
                await gw.apply_settings(before, after, context)
    assert proxy.count("UpdateFunctionConfiguration") == 1
    assert "UpdateFunctionConfiguration" in caught.value.message and "press r" in caught.value.hint


async def test_calls_in_flight_are_not_disturbed(account: Any) -> None:
    """Sanity for the proxy in an async gateway: concurrent reads through one client."""
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        async with _gateway(proxy, account) as gw:
            await asyncio.gather(*(gw.get_function_detail("shop") for _ in range(8)))
    assert proxy.count("GetFunction") == 8


async def test_deploy_reply_lost_is_read_back_not_deployed_twice(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionCode", faults.reset_after())
        async with _gateway(proxy, account) as gw:
            info = await gw.function_code("shop")
            await gw.get_function_detail("shop")  # the connection is reused: aiohttp's resend
            deployed = await gw.deploy_code("shop", _zip(), info.revision_id)
    assert deployed.recovered and proxy.count("UpdateFunctionCode") == 1


# -- streams: a cut Live Tail reconnects from where it was ------------------------------


async def test_a_cut_live_tail_reconnects_without_a_line_repeated_or_lost(account: Any) -> None:
    from tests.aws.test_logs import FAST, _collect
    from tests.logs_helpers import make_function as make_logging
    from tests.logs_helpers import put_lines, today

    account.logs_knobs.update_interval = 0.1
    make_logging(account, "busy")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/busy", stream, "first")

    def write() -> None:
        import time

        for n in range(30):
            put_lines(account, "/aws/lambda/busy", stream, f"line {n}")
            time.sleep(0.05)

    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("StartLiveTail", faults.cut_stream(6), calls=(1, 2))
        async with _gateway(proxy, account) as gw:
            scope = await gw.log_scope("busy")
            lines, batches = await _collect(
                gw.follow(scope, policy=FAST), until=30, timeout=15, then=write
            )
    assert [line.message for line in lines] == [f"line {n}" for n in range(30)]
    assert len(proxy.faulted("StartLiveTail")) == 2 and proxy.count("StartLiveTail") >= 3
    said = [b.status for b in batches if b.status]
    assert said and all("reconnecting in" in s for s in said)


# -- events saved remotely (EventBridge Schemas) -------------------------------------------


async def test_a_shared_event_save_whose_reply_is_lost_is_saved_once_in_effect(
    account: Any,
) -> None:
    """UpdateSchema sends the whole document: the SDK's retry after a lost reply writes the
    same content again (at most one more schema version, pruned later), never a mix."""
    with fault_proxy(account.endpoint_url) as proxy:
        async with _gateway(proxy, account) as gw:
            await gw.put_shared_event("shop", "first", '{"a": 1}')
            proxy.on("UpdateSchema", faults.reset_after(), calls=1)
            await gw.put_shared_event("shop", "second", '{"b": 2}')
            listed = await gw.list_shared_events("shop")
    assert sorted(e.name for e in listed) == ["first", "second"]
    assert proxy.count("UpdateSchema") == 2 and len(proxy.faulted("UpdateSchema")) == 1


async def test_shared_events_throttled_are_retried_and_denied_names_the_action(
    account: Any,
) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        async with _gateway(proxy, account) as gw:
            await gw.put_shared_event("shop", "first", '{"a": 1}')
            proxy.on("DescribeSchema", faults.error(429, "TooManyRequestsException"), calls=3)
            assert [e.name for e in await gw.list_shared_events("shop")] == ["first"]
            proxy.on("DescribeSchema", faults.error(403, "ForbiddenException"))
            with pytest.raises(errors.AccessDenied) as caught:
                await gw.list_shared_events("shop")
    assert gw.retried["DescribeSchema"] == 1
    assert "schemas:DescribeSchema" in caught.value.message


@pytest.mark.parametrize(
    "fault",
    [faults.page(502), faults.server_error(503), faults.throttling(), faults.reset_before()],
    ids=["502-page", "503", "throttled", "reset"],
)
async def test_logs_polling_rides_out_a_failing_spell_without_a_line_lost(
    account: Any, fault: Any
) -> None:
    from lambdatui.aws.follow import FollowPolicy
    from tests.aws.test_logs import _collect
    from tests.logs_helpers import make_function as make_logging
    from tests.logs_helpers import put_lines, today

    make_logging(account, "busy")
    stream = f"{today()}/[$LATEST]feedface"

    def write() -> None:
        import time

        for n in range(10):
            put_lines(account, "/aws/lambda/busy", stream, f"line {n}")
            time.sleep(0.05)

    policy = FollowPolicy(fast=0.05, idle_max=0.2, group_wait=0.1, throttled_max=0.3)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("FilterLogEvents", fault, calls=(3, 4, 5, 6, 7, 8, 9))
        async with _gateway(proxy, account) as gw:
            scope = await gw.log_scope("busy")
            lines, batches = await _collect(
                gw.follow(scope, mode="polling", policy=policy), until=10, timeout=20, then=write
            )
    assert [line.message for line in lines] == [f"line {n}" for n in range(10)]
    assert len(proxy.faulted("FilterLogEvents")) == 7
    # 7 failures outlast one poll's 4 attempts: the status line says so and when it looks again
    assert any("next look in" in b.status for b in batches), [b.status for b in batches]


@pytest.mark.parametrize("graceful", [False, True], ids=["reset", "ended-early"])
async def test_a_cut_response_stream_is_not_sent_again_and_says_it_may_have_run(
    account: Any, graceful: bool
) -> None:
    from tests.invoke_functions import BIG

    make_invokable(account, "big", BIG)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("InvokeWithResponseStream", faults.cut_stream(3, graceful=graceful))
        async with _gateway(proxy, account) as gw:
            chunks: list[Any] = []
            with pytest.raises(ResponseNotReceived) as caught:
                async for part in gw.invoke_stream(
                    "big", None, b'{"kb": 64}', function_timeout_s=3
                ):
                    chunks.append(part)
    assert chunks and all(isinstance(c, bytes) for c in chunks)  # what came stays shown
    assert proxy.count("InvokeWithResponseStream") == 1
    assert "may have run" in caught.value.message and "logs" in caught.value.hint


@pytest.mark.parametrize(
    ("operation", "change"),
    [
        ("PutFunctionConcurrency", {"reserved": 5}),
        ("DeleteFunctionConcurrency", {"reserved": None}),
        ("PutProvisionedConcurrencyConfig", {"provisioned": 2}),
        ("DeleteProvisionedConcurrencyConfig", {"provisioned": None}),
    ],
)
async def test_a_concurrency_change_whose_reply_is_lost_ends_as_asked(
    account: Any, operation: str, change: dict[str, Any]
) -> None:
    """The concurrency puts and deletes set a value (or none) outright: the SDK's retry after
    a lost reply asks for the same end state, and the form reads back what is now set."""
    lam = make_function(account)
    lam.put_function_concurrency(FunctionName="shop", ReservedConcurrentExecutions=3)
    lam.put_provisioned_concurrency_config(
        FunctionName="shop", Qualifier="1", ProvisionedConcurrentExecutions=1
    )
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on(operation, faults.reset_after(), calls=1)
        async with _gateway(proxy, account) as gw:
            gw.poll_interval = 0.05
            before, context = await gw.read_settings("shop", "1")
            now = await gw.apply_settings(before, replace(before, **change), context)
    for field, value in change.items():
        assert getattr(now, field) == value
    assert proxy.faulted(operation)


async def test_a_provisioned_delete_resent_after_a_lost_reply_is_done_not_an_error(
    account: Any,
) -> None:
    """AWS answers the SDK's second DeleteProvisionedConcurrencyConfig (the first one, whose
    reply was lost, deleted it) with 404 ProvisionedConcurrencyConfigNotFoundException: the
    state asked for, not a failure to show."""
    lam = make_function(account)
    lam.put_provisioned_concurrency_config(
        FunctionName="shop", Qualifier="1", ProvisionedConcurrentExecutions=1
    )
    gone = faults.error(404, "ProvisionedConcurrencyConfigNotFoundException", "No config")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("DeleteProvisionedConcurrencyConfig", faults.reset_after(), calls=1)
        proxy.on("DeleteProvisionedConcurrencyConfig", gone, calls=2)
        async with _gateway(proxy, account) as gw:
            await gw.delete_provisioned_concurrency("shop", "1")
            assert await gw.get_provisioned("shop", "1") is None
    assert proxy.count("DeleteProvisionedConcurrencyConfig") == 2


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (faults.server_error(503), "interrupted: AWS error; reconnecting in"),
        (faults.reset_before(), "interrupted: Endpoint unreachable; reconnecting in"),
        (faults.throttling(), "Live Tail throttled"),  # polls instead, and says why
    ],
    ids=["503", "reset", "throttled"],
)
async def test_a_live_tail_start_that_fails_once_still_follows_every_line(
    account: Any, fault: Any, words: str
) -> None:
    from tests.aws.test_logs import FAST, _collect
    from tests.logs_helpers import make_function as make_logging
    from tests.logs_helpers import put_lines, today

    account.logs_knobs.update_interval = 0.1
    make_logging(account, "busy")
    stream = f"{today()}/[$LATEST]feedface"
    put_lines(account, "/aws/lambda/busy", stream, "first")

    def write() -> None:
        import time

        for n in range(10):
            put_lines(account, "/aws/lambda/busy", stream, f"line {n}")
            time.sleep(0.05)

    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("StartLiveTail", fault, calls=1)
        async with _gateway(proxy, account) as gw:
            scope = await gw.log_scope("busy")
            lines, batches = await _collect(
                gw.follow(scope, policy=FAST), until=10, timeout=15, then=write
            )
    assert [line.message for line in lines] == [f"line {n}" for n in range(10)]
    said = [b.status or b.reason for b in batches if b.status or b.reason]
    assert said and said[0].startswith(words), said


async def test_alias_create_and_delete_and_version_delete_lost_replies_are_read_back(
    account: Any,
) -> None:
    """The release undo's calls (create an alias, delete one, delete a version): each sent
    once, its lost reply answered by reading back."""
    make_function(account)
    lost = faults.reset_after()
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("CreateAlias", lost)
        proxy.on("DeleteAlias", lost)
        proxy.on("DeleteFunction", lost)
        async with _gateway(proxy, account) as gw:
            created = await gw.create_alias("shop", "beta", "2", "try it")
            await gw.delete_alias("shop", "live")
            await gw.delete_version("shop", "1")
            aliases = {a.name for a in await gw.list_aliases("shop")}
            versions = [v.version for v in await gw.list_versions("shop")]
    assert created.function_version == "2" and aliases == {"beta"}
    assert versions == ["$LATEST", "2"]
    assert [proxy.count(op) for op in ("CreateAlias", "DeleteAlias", "DeleteFunction")] == [1, 1, 1]


async def test_the_start_up_child_stops_at_a_malformed_page_and_the_gateway_goes_on(
    account: Any,
) -> None:
    """The child that fetches the first pages (``first_pages``) uses plain botocore, which
    takes a malformed 2xx for an empty last page: it stops there instead, with the marker of
    the last good page, and the gateway completes the list."""
    from lambdatui.aws.first_pages import spawn
    from lambdatui.demo.seed import seed_functions

    seed_functions(account.endpoint_url, 120, region=account.region, prefix="mid")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.malformed(), calls=2)
        target = resolve_target(endpoint_url=proxy.url, region=account.region)
        first = spawn(target)
        assert first is not None
        pages = [page async for page in first.pages()]
        assert first.failed and first.marker and "not valid JSON" in first.reason
        async with Gateway(target) as gw:
            rest = [f async for page in gw.iter_functions(marker=first.marker) for f in page]
    names = [f.name for page in pages for f in page] + [f.name for f in rest]
    assert len(names) == 120 and len(set(names)) == 120
