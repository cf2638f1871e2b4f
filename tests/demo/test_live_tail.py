"""The local account's CloudWatch Logs: Live Tail streams, FilterLogEvents narrows and pages.

Each test checks one behaviour the CloudWatch Logs API reference documents (StartLiveTail,
FilterLogEvents), through boto3 against the running local account.
"""

from __future__ import annotations

import time
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError

from .conftest import client


def tail_client(account: Any) -> Any:
    # botocore prepends "streaming-" to the host of StartLiveTail unless told not to.
    return boto3.client(
        "logs",
        endpoint_url=account.endpoint_url,
        region_name=account.region,
        config=Config(inject_host_prefix=False, read_timeout=10),
    )


def put(logs: Any, group: str, stream: str, *messages: str) -> None:
    now = int(time.time() * 1000)
    logs.put_log_events(
        logGroupName=group,
        logStreamName=stream,
        logEvents=[{"timestamp": now, "message": m} for m in messages],
    )


@pytest.fixture
def group(logs: Any) -> str:
    logs.create_log_group(logGroupName="/acme/shared")
    for stream in ("2026/01/02/orders[1]aaa", "2026/01/02/orders[2]bbb", "2026/01/02/billing[1]c"):
        logs.create_log_stream(logGroupName="/acme/shared", logStreamName=stream)
    return "/acme/shared"


@pytest.mark.slow
def test_live_tail_starts_then_streams_new_events_about_once_a_second(
    account: Any, logs: Any, group: str
) -> None:
    put(logs, group, "2026/01/02/orders[1]aaa", "old line")  # before the session: not shown
    reply = tail_client(account).start_live_tail(logGroupIdentifiers=[group])
    stream = reply["responseStream"]
    frames = iter(stream)
    first = next(frames)
    assert set(first) == {"sessionStart"}
    assert first["sessionStart"]["logGroupIdentifiers"][0].endswith(f":log-group:{group}")

    put(logs, group, "2026/01/02/orders[1]aaa", "new line")  # the session has started
    started = time.monotonic()
    updates: list[dict[str, Any]] = []
    for frame in frames:
        updates.append(frame["sessionUpdate"])
        if len(updates) == 3:
            break
    elapsed = time.monotonic() - started
    stream.close()
    messages = [r["message"] for u in updates for r in u["sessionResults"]]
    assert messages == ["new line"]
    assert all(u["sessionMetadata"]["sampled"] is False for u in updates)
    assert 2.5 <= elapsed <= 4.5  # one update a second, empty ones included
    result = next(r for u in updates for r in u["sessionResults"])
    assert result["logStreamName"] == "2026/01/02/orders[1]aaa"
    assert {"timestamp", "ingestionTime", "logGroupIdentifier"} <= set(result)


def test_live_tail_narrows_by_stream_prefix_and_filter_pattern(
    account: Any, logs: Any, group: str
) -> None:
    account.logs_knobs.update_interval = 0.2
    reply = tail_client(account).start_live_tail(
        logGroupIdentifiers=[group],
        logStreamNamePrefixes=["2026/01/02/orders["],
        logEventFilterPattern="ERROR",
    )
    frames = iter(reply["responseStream"])
    start = next(frames)["sessionStart"]
    assert start["logStreamNamePrefixes"] == ["2026/01/02/orders["]
    assert start["logEventFilterPattern"] == "ERROR"
    put(logs, group, "2026/01/02/orders[2]bbb", "ERROR in orders", "INFO in orders")
    put(logs, group, "2026/01/02/billing[1]c", "ERROR in billing")
    seen: list[str] = []
    for frame in frames:
        seen += [r["message"] for r in frame["sessionUpdate"]["sessionResults"]]
        if seen:
            break
    reply["responseStream"].close()
    assert seen == ["ERROR in orders"]


def test_live_tail_samples_down_to_the_update_limit_and_says_so(
    account: Any, logs: Any, group: str
) -> None:
    account.logs_knobs.update_interval = 0.5
    account.logs_knobs.max_events_per_update = 5
    reply = tail_client(account).start_live_tail(logGroupIdentifiers=[group])
    frames = iter(reply["responseStream"])
    next(frames)
    put(logs, group, "2026/01/02/orders[1]aaa", *[f"line {i}" for i in range(12)])
    for frame in frames:
        update = frame["sessionUpdate"]
        if update["sessionResults"]:
            break
    reply["responseStream"].close()
    assert update["sessionMetadata"]["sampled"] is True
    assert len(update["sessionResults"]) == 5


def test_live_tail_session_times_out_with_a_session_timeout_exception(
    account: Any, logs: Any, group: str
) -> None:
    account.logs_knobs.update_interval = 0.1
    account.logs_knobs.max_session_seconds = 0.35
    reply = tail_client(account).start_live_tail(logGroupIdentifiers=[group])
    updates = 0
    with pytest.raises(EventStreamError) as caught:
        for frame in reply["responseStream"]:
            updates += "sessionUpdate" in frame
    assert caught.value.response["Error"]["Code"] == "SessionTimeoutException"
    assert 2 <= updates <= 4
    assert account.logs_knobs.sessions_started == 1


def test_live_tail_validates_its_request_as_aws_does(account: Any, logs: Any, group: str) -> None:
    tail = tail_client(account)
    with pytest.raises(ClientError) as missing:
        tail.start_live_tail(logGroupIdentifiers=["/no/such/group"])
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"
    logs.create_log_group(logGroupName="/other")
    with pytest.raises(ClientError) as two_groups:
        tail.start_live_tail(logGroupIdentifiers=[group, "/other"], logStreamNamePrefixes=["x"])
    assert two_groups.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ClientError) as too_many:
        tail.start_live_tail(logGroupIdentifiers=[group] * 11)
    assert too_many.value.response["Error"]["Code"] == "InvalidParameterException"


def test_live_tail_accepts_log_group_arns(account: Any, logs: Any, group: str) -> None:
    arn = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]["logGroupArn"]
    reply = tail_client(account).start_live_tail(logGroupIdentifiers=[arn])
    first = next(iter(reply["responseStream"]))
    reply["responseStream"].close()
    assert first["sessionStart"]["logGroupIdentifiers"] == [arn]


def test_filter_log_events_honours_the_stream_name_prefix(
    account: Any, logs: Any, group: str
) -> None:
    put(logs, group, "2026/01/02/orders[1]aaa", "orders v1")
    put(logs, group, "2026/01/02/orders[2]bbb", "orders v2")
    put(logs, group, "2026/01/02/billing[1]c", "billing")
    reply = logs.filter_log_events(logGroupName=group, logStreamNamePrefix="2026/01/02/orders[")
    assert sorted(e["message"] for e in reply["events"]) == ["orders v1", "orders v2"]
    only_v2 = logs.filter_log_events(logGroupName=group, logStreamNamePrefix="2026/01/02/orders[2]")
    assert [e["message"] for e in only_v2["events"]] == ["orders v2"]
    assert all(e["eventId"] for e in reply["events"])
    with pytest.raises(ClientError) as both:
        logs.filter_log_events(logGroupName=group, logStreamNamePrefix="x", logStreamNames=["y"])
    assert both.value.response["Error"]["Code"] == "InvalidParameterException"


def test_filter_log_events_pages_in_time_order_without_losing_or_repeating(
    account: Any, logs: Any, group: str
) -> None:
    base = int(time.time() * 1000) - 10_000
    for i, stream in enumerate(["2026/01/02/orders[1]aaa", "2026/01/02/billing[1]c"]):
        logs.put_log_events(
            logGroupName=group,
            logStreamName=stream,
            logEvents=[
                {"timestamp": base + 2 * n + i, "message": f"{2 * n + i}"} for n in range(25)
            ],
        )
    first = logs.filter_log_events(logGroupName=group, limit=20, startTime=base)
    assert [int(e["message"]) for e in first["events"]] == list(range(20))  # interleaved
    put(logs, group, "2026/01/02/orders[1]aaa", "newer")  # arrives between two pages
    rest = logs.filter_log_events(
        logGroupName=group, limit=20, startTime=base, nextToken=first["nextToken"]
    )
    last = logs.filter_log_events(
        logGroupName=group, limit=20, startTime=base, nextToken=rest["nextToken"]
    )
    assert "nextToken" not in last
    messages = [e["message"] for e in first["events"] + rest["events"] + last["events"]]
    assert messages == [str(n) for n in range(50)] + ["newer"]
    window = logs.filter_log_events(logGroupName=group, startTime=base + 10, endTime=base + 12)
    assert [e["message"] for e in window["events"]] == ["10", "11", "12"]  # both inclusive


def test_filter_log_events_on_a_missing_group_is_resource_not_found(
    account: Any, logs: Any
) -> None:
    with pytest.raises(ClientError) as caught:
        logs.filter_log_events(logGroupName="/aws/lambda/never-invoked")
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_other_logs_operations_still_reach_moto(account: Any) -> None:
    logs = client(account, "logs")
    logs.create_log_group(logGroupName="/x")
    assert [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]] == ["/x"]


def test_invocations_in_a_custom_group_write_streams_named_after_the_function(
    account: Any, lam: Any, logs: Any, make_function: Any
) -> None:
    import re

    make_function("checkout", LoggingConfig={"LogGroup": "/acme/shop"})
    make_function("refunds", LoggingConfig={"LogGroup": "/acme/shop"})
    make_function("plain")
    for name in ("checkout", "refunds", "plain"):
        lam.invoke(FunctionName=name, Payload=b"{}")
    shared = {
        s["logStreamName"]
        for s in logs.describe_log_streams(logGroupName="/acme/shop")["logStreams"]
    }
    assert len(shared) == 2
    custom = re.compile(r"^\d{4}/\d{2}/\d{2}/(checkout|refunds)\[\$LATEST\][0-9a-f]{32}$")
    assert all(custom.match(name) for name in shared), shared
    (own,) = logs.describe_log_streams(logGroupName="/aws/lambda/plain")["logStreams"]
    assert re.match(r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$", own["logStreamName"])


def test_a_denied_operation_answers_access_denied_as_iam_does(
    account: Any, logs: Any, group: str
) -> None:
    account.logs_knobs.denied = {"StartLiveTail"}
    with pytest.raises(ClientError) as caught:
        tail_client(account).start_live_tail(logGroupIdentifiers=[group])
    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"
    assert "logs:StartLiveTail" in caught.value.response["Error"]["Message"]
    assert logs.filter_log_events(logGroupName=group)["events"] == []  # others still allowed
