"""The gateway against the local account (a real HTTP endpoint): paging, records, read-only."""

from __future__ import annotations

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway, is_read_operation
from lambdatui.aws.qualifier_records import AliasRecord
from lambdatui.aws.target import resolve_target
from lambdatui.demo.seed import seed_functions


def _target(account, **kw):  # type: ignore[no-untyped-def]
    return resolve_target(endpoint_url=account.endpoint_url, region=account.region, **kw)


def _lambda(account):  # type: ignore[no-untyped-def]
    return boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)


async def test_lists_every_function_across_pages(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 137, region=account.region, prefix="pg")
    async with Gateway(_target(account)) as gw:
        pages = [page async for page in gw.iter_functions()]
    assert [len(p) for p in pages] == [50, 50, 37]
    names = [f.name for page in pages for f in page]
    assert len(set(names)) == 137
    first = pages[0][0]
    assert first.arn.startswith("arn:aws:lambda:")
    assert first.memory_mb > 0 and first.timeout_s > 0
    assert first.revision_id  # the local account adds RevisionId, as AWS does


async def test_identity_names_the_account(account) -> None:  # type: ignore[no-untyped-def]
    async with Gateway(_target(account)) as gw:
        identity = await gw.identity()
    assert identity.account == account.account_id


async def test_versions_and_weighted_aliases(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="canary")
    client = _lambda(account)
    name = "canary-00000"
    for n in range(3):
        client.update_function_configuration(FunctionName=name, Description=f"build {n}")
        client.publish_version(FunctionName=name, Description=f"release {n + 1}")
    client.create_alias(
        FunctionName=name,
        Name="live",
        FunctionVersion="2",
        RoutingConfig={"AdditionalVersionWeights": {"3": 0.1}},
    )
    client.create_alias(FunctionName=name, Name="stable", FunctionVersion="1")
    async with Gateway(_target(account)) as gw:
        versions = await gw.list_versions(name)
        aliases = await gw.list_aliases(name)
    assert [v.version for v in versions] == ["$LATEST", "1", "2", "3"]
    assert versions[1].description == "release 1"
    by_name = {a.name: a for a in aliases}
    assert by_name["live"].routing_label == "v2 90% / v3 10%"
    assert by_name["stable"].routing_label == "v1"
    assert isinstance(by_name["live"], AliasRecord)


@pytest.mark.slow
async def test_versions_page_through_more_than_fifty(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="many")
    client = _lambda(account)
    for n in range(55):
        client.update_function_configuration(FunctionName="many-00000", Description=f"b{n}")
        client.publish_version(FunctionName="many-00000")
    async with Gateway(_target(account)) as gw:
        versions = await gw.list_versions("many-00000")
    assert len(versions) == 56


async def test_missing_function_is_not_found(account) -> None:  # type: ignore[no-untyped-def]
    async with Gateway(_target(account)) as gw:
        with pytest.raises(errors.NotFound):
            await gw.list_versions("does-not-exist")


async def test_read_only_refuses_mutations_before_anything_is_sent(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="ro")
    async with Gateway(_target(account, read_only=True)) as gw:
        lam = await gw.client("lambda")
        with pytest.raises(errors.ReadOnlyRefused, match="DeleteFunction"):
            await lam.delete_function(FunctionName="ro-00000")
        with pytest.raises(errors.ReadOnlyRefused):
            await lam.put_function_concurrency(
                FunctionName="ro-00000", ReservedConcurrentExecutions=1
            )
        with pytest.raises(errors.ReadOnlyRefused):
            await lam.invoke(FunctionName="ro-00000", Payload=b"{}")
        assert [f.name async for page in gw.iter_functions() for f in page] == ["ro-00000"]
    assert (
        _lambda(account)
        .get_function_concurrency(FunctionName="ro-00000")
        .get("ReservedConcurrentExecutions")
        is None
    )


async def test_read_only_turned_on_mid_session_covers_clients_made_before(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="rt")
    async with Gateway(_target(account)) as gw:
        lam = await gw.client("lambda")  # made while changes were allowed
        await lam.put_function_concurrency(FunctionName="rt-00000", ReservedConcurrentExecutions=2)
        gw.set_read_only(True)
        assert gw.read_only and gw.target.read_only
        with pytest.raises(errors.ReadOnlyRefused, match="PutFunctionConcurrency"):
            await lam.put_function_concurrency(
                FunctionName="rt-00000", ReservedConcurrentExecutions=7
            )
        assert [f.name async for page in gw.iter_functions() for f in page] == ["rt-00000"]
        gw.set_read_only(False)
        await lam.put_function_concurrency(FunctionName="rt-00000", ReservedConcurrentExecutions=3)
    reserved = _lambda(account).get_function_concurrency(FunctionName="rt-00000")
    assert reserved["ReservedConcurrentExecutions"] == 3


def test_read_operations_are_recognised() -> None:
    assert is_read_operation("ListFunctions")
    assert is_read_operation("GetFunctionConfiguration")
    assert is_read_operation("Invoke", {"InvocationType": "DryRun"})
    assert not is_read_operation("Invoke", {"InvocationType": "RequestResponse"})
    assert not is_read_operation("UpdateFunctionConfiguration")
    assert not is_read_operation("PutProvisionedConcurrencyConfig")
