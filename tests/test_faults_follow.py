"""Following logs under refusals (docs/faults.md, the logs polling row): AWS refuses the
credentials or the permission midway; the follow says what and the fix, keeps its lines, and
goes on from where it stopped once the credentials are renewed elsewhere (or the permission
given), with no line lost or repeated. Through the real fault-injecting proxy."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from lambdatui.aws.follow import FollowPolicy
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.log_records import LogBatch
from lambdatui.aws.target import resolve_target
from tests import faults
from tests.faults import fault_proxy
from tests.logs_helpers import make_function, put_lines, today

pytestmark = pytest.mark.slow

POLICY = FollowPolicy(fast=0.05, idle_max=0.2, group_wait=0.1, refused_wait=0.3)


async def _follow_across_a_refusal(
    account: Any, refuse: Any, renew: Any
) -> tuple[list[str], list[LogBatch], Any]:
    """Follow 'busy' by polling: lines 0-4, then ``refuse(proxy)``, lines 5-9 written while
    refused, then ``renew(proxy)`` once the follow has said so. The messages and batches."""
    make_function(account, "busy")
    stream = f"{today()}/[$LATEST]feedface"
    group = "/aws/lambda/busy"
    for n in range(5):
        put_lines(account, group, stream, f"line {n}")
    messages: list[str] = []
    batches: list[LogBatch] = []
    with fault_proxy(account.endpoint_url) as proxy:
        gw = Gateway(resolve_target(endpoint_url=proxy.url, region=account.region))
        async with gw:
            scope = await gw.log_scope("busy")
            since = int(time.time() * 1000) - 60_000
            follow = gw.follow(scope, since_ms=since, mode="polling", policy=POLICY)
            refused = renewed = False
            deadline = time.monotonic() + 20
            async for batch in follow:
                batches.append(batch)
                messages.extend(line.message for line in batch.lines)
                if len(messages) >= 5 and not refused:
                    refused = True
                    refuse(proxy)
                    for n in range(5, 10):
                        await asyncio.to_thread(put_lines, account, group, stream, f"line {n}")
                if (
                    refused
                    and not renewed
                    and any(w in batch.status for w in ("refused", "not permitted"))
                ):
                    renewed = True
                    renew(proxy)
                if len(messages) >= 10 or time.monotonic() > deadline:
                    break
            await follow.aclose()
    return messages, batches, proxy


async def test_expired_credentials_while_polling_renewed_elsewhere_resume_without_a_gap(
    account: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAOLDKEY")

    def refuse(proxy: Any) -> None:
        proxy.on("*", faults.expired_token(), signed_by="AKIAOLDKEY")

    def renew(proxy: Any) -> None:
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANEWKEY")  # aws sso login elsewhere

    messages, batches, proxy = await _follow_across_a_refusal(account, refuse, renew)
    assert messages == [f"line {n}" for n in range(10)]  # none lost, none twice
    said = [b.status for b in batches if "refused" in b.status]
    assert said and "Credentials expired" in said[0] and "aws sso login" in said[0]
    assert "next look in" in said[0]
    assert proxy.faulted("FilterLogEvents"), "the proxy never refused: the test proves nothing"


async def test_denied_filter_log_events_names_the_action_and_resumes_once_permitted(
    account: Any,
) -> None:
    rule: list[Any] = []

    def refuse(proxy: Any) -> None:
        rule.append(proxy.on("FilterLogEvents", faults.access_denied()))

    def renew(proxy: Any) -> None:
        proxy.rules.remove(rule[0])  # the policy fixed meanwhile

    messages, batches, proxy = await _follow_across_a_refusal(account, refuse, renew)
    assert messages == [f"line {n}" for n in range(10)]
    said = [b.status for b in batches if "not permitted" in b.status]
    assert said and "logs:FilterLogEvents" in said[0] and "next look in" in said[0]
    assert proxy.faulted("FilterLogEvents")
