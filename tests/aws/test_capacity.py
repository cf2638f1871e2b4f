"""Capacity providers through the gateway, on the seeded local account: the providers, one
provider, the function versions on it with their scaling."""

from __future__ import annotations

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.demo.seed import seed_demo


@pytest.fixture
def seeded(account):  # type: ignore[no-untyped-def]
    seed_demo(account.endpoint_url, account.region)
    return account


def _gateway(account) -> Gateway:  # type: ignore[no-untyped-def]
    return Gateway(resolve_target(endpoint_url=account.endpoint_url, region=account.region))


@pytest.mark.slow
async def test_providers_are_listed_with_instances_and_scaling(seeded) -> None:  # type: ignore[no-untyped-def]
    lam = boto3.client("lambda", endpoint_url=seeded.endpoint_url, region_name=seeded.region)
    lam.create_capacity_provider(
        CapacityProviderName="batch-x86",
        VpcConfig={"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]},
        PermissionsConfig={"CapacityProviderOperatorRoleArn": "arn:aws:iam::1:role/op"},
        InstanceRequirements={"ExcludedInstanceTypes": ["t3.*"]},
    )
    async with _gateway(seeded) as gw:
        providers = await gw.list_capacity_providers()
    assert [p.name for p in providers] == ["acme-general", "batch-x86"]
    acme, batch = providers
    assert acme.state == "Active" and acme.arn.endswith(":capacity-provider:acme-general")
    assert acme.instances_label == "arm64 · m8g.*"
    assert acme.scaling_label == "Auto, ≤64 vCPU"
    assert acme.subnet_ids and acme.operator_role.endswith("role/acme-capacity-operator")
    assert batch.instances_label == "x86_64 · not t3.*" and batch.scaling_label == "Auto"


@pytest.mark.slow
async def test_a_provider_and_the_versions_on_it(seeded) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(seeded) as gw:
        provider = await gw.get_capacity_provider("acme-general")
        versions = await gw.list_provider_versions("acme-general")
        with pytest.raises(errors.NotFound):
            await gw.get_capacity_provider("nowhere")
    assert provider.name == "acme-general" and provider.state == "Active"
    assert [(v.function, v.version, v.state) for v in versions] == [
        ("catalog-search", "1", "Active")
    ]
    assert versions[0].scaling_label == "3–12 environments"
