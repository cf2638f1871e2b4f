"""Retry-After (docs/faults.md, rule 1): a throttled read whose reply asks to wait is retried
no sooner than it asked (capped at ``RETRY_AFTER_MAX``), the wait is counted for the status
line; a mutation is still sent once. Through the real fault-injecting proxy."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import RETRY_AFTER_MAX, Gateway, retry_after
from lambdatui.aws.target import resolve_target
from tests import faults
from tests.aws.test_edit import make_function
from tests.faults import fault_proxy


class _Reply:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("2", 2.0), (" 0.5 ", 0.5), ("600", RETRY_AFTER_MAX), (None, None), ("soon", None)],
)
def test_retry_after_is_read_as_seconds_and_capped(header: str | None, seconds: Any) -> None:
    headers = {"Retry-After": header} if header is not None else {}
    assert retry_after(_Reply(headers)) == seconds


@pytest.mark.slow
async def test_a_throttled_read_asking_to_wait_is_retried_no_sooner(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(retry_after="2"), calls=1)
        async with Gateway(resolve_target(endpoint_url=proxy.url, region=account.region)) as gw:
            names = [f.name for f in await gw.list_functions()]
    sent = [s for s in proxy.sent if s.operation == "ListFunctions"]
    assert names == ["shop"] and [bool(s.fault) for s in sent] == [True, False]
    assert sent[1].at - sent[0].at >= 2.0  # botocore alone would have waited under 1 s
    assert gw.retried["ListFunctions"] == 1 and gw.waited["ListFunctions"] == 2.0


@pytest.mark.slow
async def test_a_throttled_mutation_asking_to_wait_is_still_sent_once(account: Any) -> None:
    make_function(account)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("UpdateFunctionConfiguration", faults.throttled(retry_after="1"))
        async with Gateway(resolve_target(endpoint_url=proxy.url, region=account.region)) as gw:
            before, context = await gw.read_settings("shop")
            with pytest.raises(errors.Throttled):
                await gw.apply_settings(before, replace(before, timeout_s=9), context)
    assert proxy.count("UpdateFunctionConfiguration") == 1 and not gw.waited
