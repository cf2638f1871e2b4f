"""Invoke through the gateway against the local account, whose runner really runs handlers."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.config import Config

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.invoke_gateway import (
    ASYNC_PAYLOAD_LIMIT,
    InvokeResult,
    ResponseNotReceived,
    encode_client_context,
)
from lambdatui.aws.target import resolve_target
from tests.demo.conftest import wait_for
from tests.invoke_functions import (
    BIG,
    CHATTY,
    ECHO,
    FAILING,
    SLOW,
    lambda_client,
    make_function,
    starts,
)
from tests.wire import delayed_proxy


def _gateway(account: Any, **kw: Any) -> Gateway:
    return Gateway(resolve_target(endpoint_url=account.endpoint_url, region=account.region, **kw))


async def test_request_response_returns_payload_version_tail_and_report(account: Any) -> None:
    make_function(account, "echo", ECHO, MemorySize=256)
    async with _gateway(account) as gw:
        result = await gw.invoke("echo", None, b'{"id": 7}', function_timeout_s=3)
    assert result.ok and result.status_code == 200
    assert json.loads(result.payload) == {"echo": {"id": 7}, "version": "$LATEST"}
    assert result.executed_version == "$LATEST"
    assert result.function_error == "" and result.error is None
    assert f"START RequestId: {result.request_id}" in result.log_tail
    assert "echo got dict" in result.log_tail
    report = result.report
    assert report is not None and report.request_id == result.request_id
    assert report.memory_mb == 256 and report.cold_start
    assert not result.tail_cut and result.elapsed_ms > 0


async def test_alias_runs_its_version(account: Any) -> None:
    make_function(account, "echo", ECHO)
    lam = lambda_client(account.endpoint_url)
    lam.publish_version(FunctionName="echo")
    lam.create_alias(FunctionName="echo", Name="live", FunctionVersion="1")
    async with _gateway(account) as gw:
        result = await gw.invoke("echo", "live", b"{}", function_timeout_s=3)
    assert result.executed_version == "1"
    assert json.loads(result.payload)["version"] == "1"


async def test_event_is_accepted_with_202_and_runs_in_the_background(account: Any) -> None:
    make_function(account, "echo", ECHO)
    async with _gateway(account) as gw:
        result = await gw.invoke("echo", None, b'{"a": 1}', "Event", function_timeout_s=3)
    assert result.status_code == 202 and result.payload == b"" and result.request_id
    assert result.log_tail == ""
    deadline = time.monotonic() + 10
    while not starts(account, "echo") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert starts(account, "echo") == [f"START RequestId: {result.request_id} Version: $LATEST"]


async def test_dry_run_checks_permission_and_runs_nothing(account: Any) -> None:
    make_function(account, "echo", ECHO)
    async with _gateway(account) as gw:
        result = await gw.invoke("echo", None, b"{}", "DryRun", function_timeout_s=3)
    assert result.status_code == 204 and result.payload == b""
    assert starts(account, "echo") == []


async def test_unhandled_error_is_a_result_with_type_message_and_stack(account: Any) -> None:
    make_function(account, "failing", FAILING)
    async with _gateway(account) as gw:
        result = await gw.invoke("failing", None, b'{"id": "o-9"}', function_timeout_s=3)
    assert result.status_code == 200 and not result.ok
    error = result.error
    assert error is not None
    assert (error.kind, error.error_type, error.message) == (
        "Unhandled",
        "ValueError",
        "bad order: o-9",
    )
    assert any("raise ValueError" in line for line in error.stack)
    assert result.report is not None


def test_handled_error_kind_is_kept() -> None:
    result = InvokeResult(
        function="f",
        qualifier=None,
        invocation_type="RequestResponse",
        status_code=200,
        request_id="r",
        executed_version="$LATEST",
        function_error="Handled",
        payload=b'{"errorMessage": "no", "errorType": "Error", "stackTrace": "a\\nb"}',
        log_tail="",
        elapsed_ms=1.0,
    )
    assert result.error is not None
    assert (result.error.kind, result.error.stack) == ("Handled", ("a", "b"))


async def test_missing_function_is_not_found(account: Any) -> None:
    async with _gateway(account) as gw:
        with pytest.raises(errors.NotFound):
            await gw.invoke("nope", None, b"{}", function_timeout_s=3)


@pytest.mark.slow
async def test_a_slow_function_runs_once_when_the_response_does_not_come(account: Any) -> None:
    """The read timeout fires while the handler sleeps: reported, and never sent again."""
    make_function(account, "slow", SLOW, Timeout=30)
    with delayed_proxy(account.endpoint_url) as (url, seen):
        target = resolve_target(endpoint_url=url, region=account.region)
        async with Gateway(target) as gw:
            began = time.monotonic()
            with pytest.raises(ResponseNotReceived) as caught:
                payload = b'{"seconds": 2.5}'
                await gw.invoke("slow", None, payload, function_timeout_s=0.2, margin_s=0.5)
            assert time.monotonic() - began < 2.0  # gave up at the read timeout, did not wait
        # A client resends before it gives up (the next test): what reached the wire is final.
        assert [r for r in seen if "/invocations" in r] == [
            "POST /2015-03-31/functions/slow/invocations"
        ]
    assert "may still be running" in caught.value.message
    assert isinstance(caught.value, errors.TimedOut)
    assert len(wait_for(lambda: starts(account, "slow"))) == 1  # and it did run


@pytest.mark.slow
def test_botocore_defaults_would_have_run_it_again(account: Any) -> None:
    """The case above is real: a default-retrying client re-sends on a read timeout."""
    make_function(account, "slow", SLOW, Timeout=30)
    lam = boto3.client(
        "lambda",
        endpoint_url=account.endpoint_url,
        region_name=account.region,
        config=Config(read_timeout=0.7, retries={"mode": "standard", "max_attempts": 2}),
    )
    with pytest.raises(Exception, match="Read timeout"):
        lam.invoke(FunctionName="slow", Payload=b'{"seconds": 2}')
    wait_for(lambda: len(starts(account, "slow")) >= 2)


async def test_read_timeout_follows_the_function_timeout(account: Any) -> None:
    async with _gateway(account) as gw:
        short = await gw.invoke_client(3)
        long = await gw.invoke_client(900)
        assert short is not long
        assert short.meta.config.read_timeout == 18
        assert long.meta.config.read_timeout == 915
        assert short.meta.config.retries["total_max_attempts"] == 1
        assert await gw.invoke_client(3) is short


async def test_a_cut_tail_and_the_requests_full_logs(account: Any) -> None:
    make_function(account, "chatty", CHATTY)
    before = datetime.now(UTC) - timedelta(seconds=1)
    async with _gateway(account) as gw:
        await gw.invoke("chatty", None, b'{"lines": 3}', function_timeout_s=3)  # another request
        result = await gw.invoke("chatty", None, b'{"lines": 150}', function_timeout_s=3)
        assert len(result.log_tail.encode()) <= 4096 and result.tail_cut
        assert result.report is not None  # the REPORT line is at the end of the tail
        after = datetime.now(UTC) + timedelta(seconds=1)
        lines = await gw.request_logs("/aws/lambda/chatty", result.request_id, before, after)
    messages = [line.message for line in lines]
    assert messages[0] == f"START RequestId: {result.request_id} Version: $LATEST"
    assert messages[-1].startswith(f"REPORT RequestId: {result.request_id}")
    printed = [m for m in messages if m.startswith("line ")]
    assert [m[:9] for m in printed] == [f"line {n:04d}" for n in range(150)]


async def test_full_logs_before_they_arrive_are_empty(account: Any) -> None:
    make_function(account, "echo", ECHO)
    async with _gateway(account) as gw:
        await gw.invoke("echo", None, b"{}", function_timeout_s=3)
        now = datetime.now(UTC)
        assert await gw.request_logs("/aws/lambda/echo", "no-such-request", now, now) == []


async def test_payload_limits_refuse_before_sending(account: Any) -> None:
    make_function(account, "echo", ECHO)
    big = b'"' + b"x" * ASYNC_PAYLOAD_LIMIT + b'"'
    async with _gateway(account) as gw:
        with pytest.raises(errors.ValidationFailed, match="at most 1,048,576 bytes"):
            await gw.invoke("echo", None, big, "Event", function_timeout_s=3)
        with pytest.raises(errors.ValidationFailed, match="6 MB"):
            await gw.invoke("echo", None, b" " * (6 * 1024 * 1024 + 1), function_timeout_s=3)
    assert starts(account, "echo") == []


async def test_client_context_reaches_the_call(account: Any) -> None:
    make_function(account, "echo", ECHO)
    assert encode_client_context(None) is None
    with pytest.raises(ValueError, match="JSON object"):
        encode_client_context("[1]")
    async with _gateway(account) as gw:
        result = await gw.invoke(
            "echo", None, b"{}", function_timeout_s=3, client_context='{"custom": {"a": 1}}'
        )
        assert result.ok
        with pytest.raises(errors.ValidationFailed, match="not JSON"):
            await gw.invoke("echo", None, b"{}", function_timeout_s=3, client_context="{")


async def test_read_only_allows_dry_run_only(account: Any) -> None:
    make_function(account, "echo", ECHO)
    async with _gateway(account, read_only=True) as gw:
        with pytest.raises(errors.ReadOnlyRefused):
            await gw.invoke("echo", None, b"{}", function_timeout_s=3)
        result = await gw.invoke("echo", None, b"{}", "DryRun", function_timeout_s=3)
    assert result.status_code == 204
    assert starts(account, "echo") == []


async def test_response_stream_yields_chunks_then_the_result(account: Any) -> None:
    make_function(account, "big", BIG)
    async with _gateway(account) as gw:
        parts = [
            part
            async for part in gw.invoke_stream("big", None, b'{"kb": 64}', function_timeout_s=3)
        ]
    *chunks, result = parts
    assert len(chunks) >= 4 and all(isinstance(c, bytes) for c in chunks)
    assert isinstance(result, InvokeResult) and result.streamed and result.ok
    assert result.payload == b"".join(chunks)  # type: ignore[arg-type]
    assert len(json.loads(result.payload)["items"]) == 640
    assert result.executed_version == "$LATEST"
    assert result.report is not None and result.report.request_id == result.request_id


async def test_response_stream_error_comes_in_invoke_complete(account: Any) -> None:
    make_function(account, "failing", FAILING)
    async with _gateway(account) as gw:
        parts = [
            p async for p in gw.invoke_stream("failing", None, b'{"id": 1}', function_timeout_s=3)
        ]
    (result,) = parts
    assert isinstance(result, InvokeResult)
    assert result.error is not None
    assert (result.error.error_type, result.error.message) == ("ValueError", "bad order: 1")


async def test_a_dry_run_is_its_status_code_even_with_a_function_error_header(
    plain_moto: Any,
) -> None:
    from tests.plain_moto import seed_like_a_real_account

    seed_like_a_real_account(plain_moto)
    target = resolve_target(endpoint_url=plain_moto.endpoint_url, region=plain_moto.region)
    async with Gateway(target) as gateway:
        result = await gateway.invoke("orders", None, b"{}", "DryRun")
    # plain moto answers 204 with X-Amz-Function-Error: Handled; nothing ran.
    assert result.status_code == 204
    assert (result.function_error, result.error, result.ok) == ("", None, True)


@pytest.mark.slow
async def test_a_tenant_id_goes_with_the_invocation(account: Any) -> None:
    """A tenant-isolated function is invoked for one tenant: TenantId (X-Amz-Tenant-Id)."""
    from tests.wire import delayed_proxy

    make_function(account, "per-tenant", TenancyConfig={"TenantIsolationMode": "PER_TENANT"})
    make_function(account, "shared")
    sent: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, sent_headers=sent) as (url, _):
        async with Gateway(resolve_target(endpoint_url=url, region=account.region)) as gw:
            result = await gw.invoke("per-tenant", None, b"{}", tenant_id="acme-corp")
            plain = await gw.invoke("shared", None, b"{}")
    assert result.ok and plain.ok
    tenants = [h.get("X-Amz-Tenant-Id") for path, h in sent if path.endswith("/invocations")]
    assert tenants == ["acme-corp", None]


async def test_a_tenant_id_lambda_would_refuse_is_not_sent(account: Any) -> None:
    make_function(account, "per-tenant")
    async with _gateway(account) as gw:
        with pytest.raises(errors.ValidationFailed) as caught:
            await gw.invoke("per-tenant", None, b"{}", tenant_id="acme\ncorp")
    assert "tenant id" in caught.value.message
