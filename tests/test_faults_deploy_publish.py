"""``deploy --publish`` (docs/faults.md, the deploy row): PublishVersion after a deploy goes
through the release path's client of one attempt; a lost reply is read back, so the version
is published once. Through the real fault-injecting proxy."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from tests import faults
from tests.aws.test_edit import make_function
from tests.faults import fault_proxy
from tests.test_faults_gateway import _zip

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("fault", [faults.reset_after(), faults.truncate(5)], ids=["reset", "cut"])
async def test_deploy_publish_whose_reply_is_lost_publishes_one_version(
    account: Any, fault: Any
) -> None:
    make_function(account)
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    before = [v["Version"] for v in lam.list_versions_by_function(FunctionName="shop")["Versions"]]
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("PublishVersion", fault)
        async with Gateway(resolve_target(endpoint_url=proxy.url, region=account.region)) as gw:
            info = await gw.function_code("shop")
            deployed = await gw.deploy_code("shop", _zip(), info.revision_id, publish=True)
    after = [v["Version"] for v in lam.list_versions_by_function(FunctionName="shop")["Versions"]]
    assert proxy.count("PublishVersion") == 1  # never re-sent, by botocore or aiohttp
    assert after == [*before, deployed.version]  # one version, found by reading back
    published = lam.get_function_configuration(FunctionName="shop", Qualifier=deployed.version)
    assert published["CodeSha256"] == deployed.sha256
