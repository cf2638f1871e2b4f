"""The fault-injecting proxy itself (``tests/faults.py``): each fault does what it says, through
boto3 with one attempt (so each request is seen as sent) against the local account."""

from __future__ import annotations

import contextlib
import time
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests import faults
from tests.aws.test_edit import make_function
from tests.faults import FaultProxy, fault_proxy
from tests.logs_helpers import put_lines, today

#: Each goes through the proxy to the local account (most take 0.6 s or more).
pytestmark = pytest.mark.slow


def _client(proxy: FaultProxy, account: Any, service: str = "lambda", **config: Any) -> Any:
    settings: dict[str, Any] = {"retries": {"total_max_attempts": 1}, **config}
    if service == "logs":
        settings["inject_host_prefix"] = False
    return boto3.client(
        service, endpoint_url=proxy.url, region_name=account.region, config=Config(**settings)
    )


def _description(account: Any) -> str:
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    return str(lam.get_function_configuration(FunctionName="shop").get("Description") or "")


def test_requests_are_named_by_their_operation_and_recorded(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        lam = _client(proxy, account)
        lam.list_functions()
        lam.get_function_configuration(FunctionName="shop")
        lam.get_function(FunctionName="shop", Qualifier="1")
        lam.list_aliases(FunctionName="shop")
        lam.invoke(FunctionName="shop", Payload=b"{}")
        _client(proxy, account, "logs").describe_log_groups()
        _client(proxy, account, "sts").get_caller_identity()
    assert proxy.operations() == [
        "ListFunctions",
        "GetFunctionConfiguration",
        "GetFunction",
        "ListAliases",
        "Invoke",
        "DescribeLogGroups",
        "GetCallerIdentity",
    ]
    assert not proxy.faulted() and proxy.sent[4].method == "POST"


def test_the_nth_call_of_an_operation_is_faulted_and_the_others_pass(account: Any) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(retry_after="3"), calls=2)
        lam = _client(proxy, account)
        lam.list_functions()
        with pytest.raises(ClientError) as caught:
            lam.list_functions()
        lam.list_functions()
        lam.get_account_settings()
    reply = caught.value.response
    assert reply["Error"]["Code"] == "TooManyRequestsException"
    assert reply["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert reply["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "3"
    assert [s.fault for s in proxy.sent] == ["", "error 429 TooManyRequestsException", "", ""]
    # keep-alive: the faulted answer did not cost the connection
    assert len({s.port for s in proxy.sent}) == 1


def test_throttling_without_retry_after_and_the_json_protocols_own(account: Any) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled())
        proxy.on("DescribeLogGroups", faults.throttling())
        with pytest.raises(ClientError) as lambdas:
            _client(proxy, account).list_functions()
        with pytest.raises(ClientError) as logs:
            _client(proxy, account, "logs").describe_log_groups()
    assert "retry-after" not in lambdas.value.response["ResponseMetadata"]["HTTPHeaders"]
    assert logs.value.response["Error"]["Code"] == "ThrottlingException"


def test_a_probability_is_seeded_and_times_bounds_it(account: Any) -> None:
    def run() -> list[str]:
        with fault_proxy(account.endpoint_url, seed=7) as proxy:
            proxy.on("GetAccountSettings", faults.server_error(503), probability=0.5, times=3)
            lam = _client(proxy, account)
            for _ in range(20):
                with contextlib.suppress(ClientError):
                    lam.get_account_settings()
        return [s.fault for s in proxy.sent]

    first = run()
    assert first == run()  # the same seed, the same faults
    assert first.count("error 503 ServiceUnavailableException") == 3


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        (faults.server_error(500), 500, "ServiceException"),
        (faults.server_error(503), 503, "ServiceUnavailableException"),
        (faults.page(502), 502, "502"),
        (faults.page(504), 504, "504"),
        (faults.expired_token(), 403, "ExpiredTokenException"),
        (faults.unrecognized_client(), 403, "UnrecognizedClientException"),
        (faults.access_denied(), 403, "AccessDeniedException"),
    ],
)
def test_error_answers_are_parsed_as_aws_or_a_page(
    account: Any, fault: faults.Fault, status: int, code: str
) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("*", fault)
        with pytest.raises(ClientError) as caught:
            _client(proxy, account).list_functions()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert caught.value.response["Error"]["Code"] == code


def test_a_reset_before_forwarding_never_reaches_the_account(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", faults.reset_before())
        with pytest.raises(Exception, match=r"Connection|connection|reset"):
            _client(proxy, account).update_function_configuration(
                FunctionName="shop", Description="new"
            )
    assert _description(account) == "two" and proxy.count("UpdateFunctionConfiguration") == 1


def test_a_reset_after_forwarding_applies_the_change_and_loses_the_reply(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", faults.reset_after())
        with pytest.raises(Exception, match=r"Connection|connection|reset"):
            _client(proxy, account).update_function_configuration(
                FunctionName="shop", Description="new"
            )
    assert _description(account) == "new"


def test_a_stall_holds_the_reply_past_a_read_timeout(account: Any) -> None:
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.stall(0.6), calls=1)
        lam = _client(proxy, account, read_timeout=0.2)
        with pytest.raises(Exception, match="Read timeout"):
            lam.list_functions()
        started = time.monotonic()
        proxy.on("GetAccountSettings", faults.stall(0.3))
        _client(proxy, account).get_account_settings()
    assert time.monotonic() - started >= 0.3


def test_a_trickled_body_arrives_whole_a_truncated_or_malformed_one_fails(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("GetFunctionConfiguration", faults.trickle(64, 0.001), calls=1)
        proxy.on("GetFunctionConfiguration", faults.truncate(20), calls=2)
        proxy.on("GetFunctionConfiguration", faults.malformed(), calls=3)
        lam = _client(proxy, account)
        assert lam.get_function_configuration(FunctionName="shop")["FunctionName"] == "shop"
        with pytest.raises(Exception, match=r"(?i)read|connection|incomplete"):
            lam.get_function_configuration(FunctionName="shop")
        # botocore takes a 2xx body that is not JSON for an empty reply (the gateway refuses it)
        malformed = lam.get_function_configuration(FunctionName="shop")
        assert "FunctionName" not in malformed
    assert proxy.count("GetFunctionConfiguration") == 3


def test_an_event_stream_is_cut_after_n_messages(account: Any) -> None:
    account.logs_knobs.update_interval = 0.05
    make_function(account)
    group = "/aws/lambda/shop"
    put_lines(account, group, f"{today()}/[$LATEST]cafe", "before")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("StartLiveTail", faults.cut_stream(4))
        logs = _client(proxy, account, "logs", read_timeout=5)
        arn = f"arn:aws:logs:{account.region}:123456789012:log-group:{group}"
        stream = logs.start_live_tail(logGroupIdentifiers=[arn])["responseStream"]
        frames = 0
        with pytest.raises(Exception):  # noqa: B017 - botocore's or urllib3's
            for _frame in stream:
                frames += 1
    # the first message is the initial response botocore reads itself, then 3 events
    assert frames == 3 and proxy.faulted("StartLiveTail")
