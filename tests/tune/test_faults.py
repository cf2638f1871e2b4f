"""The tuning run under faults (docs/faults.md, the tune row), through the real
fault-injecting proxy: a mutation whose reply is lost is read back, never re-sent, and
whatever the run created is cleaned up; a mutation refused midway fails the run, which still
leaves the function exactly as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lambdatui.tune.runner import DONE, FAILED, Request, TuneRunner, unfinished
from tests import faults
from tests.faults import fault_proxy
from tests.tune.helpers import gateway, snapshot, tunable

pytestmark = pytest.mark.slow

PAYLOAD = json.dumps({"pages": 1}).encode()
MUTATIONS = ("UpdateFunctionConfiguration", "PublishVersion", "CreateAlias", "DeleteAlias")


async def test_lost_replies_on_every_mutation_leave_nothing_behind(account: Any) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    with fault_proxy(account.endpoint_url) as proxy:
        for operation in (*MUTATIONS, "DeleteFunction"):
            proxy.on(operation, faults.reset_after(), calls=1)  # forwarded, the reply lost
        async with gateway(proxy.url) as gw:
            outcome = await TuneRunner(gw, Request("shop", (128, 512), 1, PAYLOAD)).run()
    assert outcome.status == DONE, outcome.message
    assert not outcome.clean_up_error
    assert snapshot(lam) == before  # memory restored, no alias or version of the run left
    for operation in (*MUTATIONS, "DeleteFunction"):
        assert proxy.faulted(operation), f"{operation} was never faulted: proves nothing"
    # each sent once: 2 sizes + the restore; 2 versions; 2 aliases created and deleted
    assert proxy.count("UpdateFunctionConfiguration") == 3
    assert proxy.count("PublishVersion") == proxy.count("CreateAlias") == 2
    assert proxy.count("DeleteAlias") == proxy.count("DeleteFunction") == 2
    assert unfinished() == []


@pytest.mark.parametrize(
    "fault", [faults.server_error(500), faults.throttled(), faults.access_denied()]
)
async def test_a_refused_alias_fails_the_run_and_it_still_cleans_up(
    account: Any, fault: Any
) -> None:
    lam = tunable(account.endpoint_url)
    before = snapshot(lam)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("CreateAlias", fault, calls=2)  # the second size's alias
        async with gateway(proxy.url) as gw:
            outcome = await TuneRunner(gw, Request("shop", (128, 512), 1, PAYLOAD)).run()
    assert outcome.status == FAILED and outcome.message and not outcome.clean_up_error
    assert snapshot(lam) == before
    assert proxy.count("CreateAlias") == 2  # never re-sent
