"""The edit calls against the local account: each setting applied and read back, RevisionId
conflicts, update-in-progress retries, provisioned concurrency followed, and read-only mode
sending nothing that changes the account."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from typing import Any

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.errors import ChangedMeanwhile, UpdateInProgress
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.settings import Settings
from lambdatui.aws.target import resolve_target
from tests.invoke_functions import role_arn
from tests.wire import delayed_proxy, json_server, serving


def _client(account: Any) -> Any:
    return boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def make_function(account: Any, name: str = "shop", **params: Any) -> Any:
    """``name`` at 512 MB with versions 1, 2 and alias live → 1 (10% to 2)."""
    role = role_arn(account.endpoint_url, account.region, "edit-role")
    lam = _client(account)
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": _zip()},
        MemorySize=512,
        Environment={"Variables": {"STAGE": "test", "TOKEN": "s3cret"}},
        **params,
    )
    lam.publish_version(FunctionName=name)
    lam.update_function_configuration(FunctionName=name, Description="two")
    lam.publish_version(FunctionName=name)
    lam.create_alias(
        FunctionName=name,
        Name="live",
        FunctionVersion="1",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}},
    )
    return lam


def gateway(endpoint: str, **kw: Any) -> Gateway:
    gw = Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1", **kw))
    gw.conflict_delays = (0.1, 0.2, 0.4, 0.8)
    gw.poll_interval = 0.1
    return gw


async def test_read_settings_of_the_function_and_an_alias(account: Any) -> None:
    make_function(account)
    async with gateway(account.endpoint_url) as gw:
        settings, context = await gw.read_settings("shop")
        assert (settings.memory_mb, settings.timeout_s, settings.storage_mb) == (512, 3, 512)
        assert dict(settings.environment) == {"STAGE": "test", "TOKEN": "s3cret"}
        assert settings.reserved is None and settings.provisioned is None
        assert context.revision_id and context.unreserved == 1000
        assert context.qualifier is None and not context.published

        alias, alias_context = await gw.read_settings("shop", "live")
        assert alias.alias_version == "1" and alias.alias_weights == (("2", 0.1),)
        assert alias_context.is_alias and alias_context.alias_revision_id


@pytest.mark.slow
async def test_every_setting_applied_and_read_back(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("shop", "live")
        after = before.with_changes(
            memory_mb=1769,
            timeout_s=30,
            storage_mb=1024,
            environment=(("STAGE", "prod"), ("NEW", "1")),
            reserved=5,
            provisioned=2,
            alias_version="2",
            alias_weights=(("1", 0.25),),
        )
        progress: list[str] = []
        read_back = await gw.apply_settings(before, after, context, progress.append)
    assert read_back == after
    assert any("READY" in line for line in progress)
    config = lam.get_function_configuration(FunctionName="shop")
    assert (config["MemorySize"], config["Timeout"], config["EphemeralStorage"]["Size"]) == (
        1769,
        30,
        1024,
    )
    assert config["Environment"]["Variables"] == {"STAGE": "prod", "NEW": "1"}
    assert lam.get_function_concurrency(FunctionName="shop")["ReservedConcurrentExecutions"] == 5
    alias = lam.get_alias(FunctionName="shop", Name="live")
    assert alias["FunctionVersion"] == "2"
    assert alias["RoutingConfig"]["AdditionalVersionWeights"] == {"1": 0.25}


async def test_removing_reserved_and_provisioned(account: Any) -> None:
    lam = make_function(account)
    lam.put_function_concurrency(FunctionName="shop", ReservedConcurrentExecutions=9)
    lam.put_provisioned_concurrency_config(
        FunctionName="shop", Qualifier="2", ProvisionedConcurrentExecutions=1
    )
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("shop", "2")
        assert (before.reserved, before.provisioned) == (9, 1)
        after = before.with_changes(reserved=None, provisioned=None)
        read_back = await gw.apply_settings(before, after, context)
    assert (read_back.reserved, read_back.provisioned) == (None, None)


async def test_a_stale_revision_overwrites_nothing(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("shop")
        lam.update_function_configuration(FunctionName="shop", MemorySize=768)  # someone else
        with pytest.raises(ChangedMeanwhile) as caught:
            await gw.apply_settings(before, before.with_changes(memory_mb=1024), context)
    assert "nothing was overwritten" in caught.value.message
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 768


async def test_a_stale_alias_revision_overwrites_nothing(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("shop", "live")
        lam.update_alias(FunctionName="shop", Name="live", FunctionVersion="2")
        with pytest.raises(ChangedMeanwhile):
            await gw.apply_settings(before, before.with_changes(alias_weights=()), context)
    assert lam.get_alias(FunctionName="shop", Name="live")["FunctionVersion"] == "2"


@pytest.mark.slow
async def test_an_update_in_progress_is_retried_then_followed_to_successful(
    account: Any,
) -> None:
    lam = make_function(account)
    account.knobs.update_seconds = 0.5
    lam.update_function_configuration(FunctionName="shop", Timeout=9)  # in progress for 0.5 s
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("shop")
        statuses: list[str] = []
        read_back = await gw.apply_settings(
            before, before.with_changes(memory_mb=2048), context, statuses.append
        )
    assert read_back.memory_mb == 2048
    assert "LastUpdateStatus: InProgress" in statuses  # its own update, followed
    assert statuses.count("LastUpdateStatus: Successful") == 1


async def test_an_update_still_in_progress_after_every_retry_says_so(account: Any) -> None:
    lam = make_function(account)
    account.knobs.update_seconds = 5
    lam.update_function_configuration(FunctionName="shop", Timeout=9)
    async with gateway(account.endpoint_url) as gw:
        gw.conflict_delays = (0.05, 0.05)
        _before, context = await gw.read_settings("shop")
        with pytest.raises(UpdateInProgress):
            await gw.update_configuration("shop", {"MemorySize": 1024}, context.revision_id)


async def test_reserved_below_the_floor_shows_the_service_reason(account: Any) -> None:
    lam = make_function(account)
    make_function(account, "other")
    lam.put_function_concurrency(FunctionName="other", ReservedConcurrentExecutions=850)
    async with gateway(account.endpoint_url) as gw:
        with pytest.raises(errors.ValidationFailed) as caught:
            await gw.put_reserved_concurrency("shop", 51)
    assert (
        "Specified ReservedConcurrentExecutions for function decreases account's "
        "UnreservedConcurrentExecution below its minimum value of [100]." in caught.value.message
    )


async def test_provisioned_on_latest_is_refused_before_any_call(account: Any) -> None:
    make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with gateway(proxy) as gw:
            with pytest.raises(errors.ValidationFailed) as caught:
                await gw.put_provisioned_concurrency("shop", "$LATEST", 2)
    assert "never $LATEST" in caught.value.message
    assert seen == []


async def test_the_local_account_refuses_provisioned_on_latest_too(account: Any) -> None:
    lam = make_function(account)
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.put_provisioned_concurrency_config(
            FunctionName="shop", Qualifier="$LATEST", ProvisionedConcurrentExecutions=1
        )


async def test_read_only_sends_nothing_that_changes_the_account(account: Any) -> None:
    lam = make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with gateway(proxy, read_only=True) as gw:
            before, context = await gw.read_settings("shop", "live")
            attempts = [
                gw.apply_settings(before, before.with_changes(memory_mb=1769), context),
                gw.put_reserved_concurrency("shop", 5),
                gw.delete_reserved_concurrency("shop"),
                gw.put_provisioned_concurrency("shop", "live", 1),
                gw.delete_provisioned_concurrency("shop", "live"),
                gw.update_alias_routing("shop", "live", "2", (), context.alias_revision_id),
            ]
            for attempt in attempts:
                with pytest.raises(errors.ReadOnlyRefused) as caught:
                    await attempt
                assert "read-only" in caught.value.message
                assert "--read-only" in caught.value.hint
    assert seen, "the reads went through the proxy"
    assert all(line.startswith("GET ") for line in seen), seen
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512


def test_settings_round_trip_through_json_and_never_show_values() -> None:
    settings = Settings(
        memory_mb=1769,
        timeout_s=30,
        storage_mb=512,
        environment=(("TOKEN", "s3cret"),),
        reserved=0,
        provisioned=None,
        alias_version="3",
        alias_weights=(("4", 0.1),),
    )
    assert Settings.from_json(json.loads(json.dumps(settings.to_json()))) == settings
    assert "s3cret" not in repr(settings)


def test_a_managed_instances_function_is_recognised_from_the_wire() -> None:
    """A function with a CapacityProviderConfig runs on Lambda Managed Instances: the form
    allows up to 32768 MB for it (and 10240 for the others)."""
    from lambdatui.aws import settings as rules

    replies = {
        "/2015-03-31/functions/mi": {
            "Configuration": {
                "FunctionName": "mi",
                "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:mi",
                "MemorySize": 16384,
                "Timeout": 60,
                "RevisionId": "r1",
                "CapacityProviderConfig": {
                    "LambdaManagedInstancesCapacityProviderConfig": {
                        "CapacityProviderArn": "arn:aws:lambda:us-east-1:123456789012:"
                        "capacity-provider:fleet"
                    }
                },
            }
        },
        "/2016-08-19/account-settings": {
            "AccountLimit": {"ConcurrentExecutions": 1000, "UnreservedConcurrentExecutions": 1000}
        },
    }

    server = json_server(lambda path: (200, replies.get(path.split("?")[0], {})))

    async def read() -> Any:
        with serving(server) as url:
            async with gateway(url) as gw:
                return await gw.read_settings("mi")

    settings, context = asyncio.run(read())
    assert context.managed_instances and settings.memory_mb == 16384
    assert rules.check(settings, settings.with_changes(memory_mb=32768), context) == {}
    assert "memory_mb" in rules.check(settings, settings.with_changes(memory_mb=32769), context)


async def test_a_standard_function_is_not_managed_instances(account: Any) -> None:
    make_function(account)
    async with gateway(account.endpoint_url) as gw:
        _settings, context = await gw.read_settings("shop")
    assert not context.managed_instances


async def test_provisioned_that_fails_reports_lambda_s_reason(account: Any) -> None:
    from lambdatui.aws.errors import UpdateFailed

    lam = make_function(account)
    lam.update_function_configuration(FunctionName="shop", Handler="missing.handler")
    lam.publish_version(FunctionName="shop")  # version 3 cannot start: no missing.py
    account.knobs.provisioning_seconds = 0.2
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("shop", "3")
        statuses: list[str] = []
        with pytest.raises(UpdateFailed) as caught:
            await gw.apply_settings(
                before, before.with_changes(provisioned=1), context, statuses.append
            )
    assert "FUNCTION_ERROR_INIT_FAILURE" in caught.value.message
    assert any("IN_PROGRESS" in line for line in statuses)


async def test_an_update_lambda_could_not_apply_reports_its_reason(account: Any) -> None:
    """LastUpdateStatus Failed: the waiter stops with Lambda's reason (the local account never
    fails an update, so this one answers GetFunctionConfiguration itself)."""
    from lambdatui.aws.errors import UpdateFailed

    gw = gateway(account.endpoint_url)

    class FailedConfig:
        async def get_function_configuration(self, **_: Any) -> dict[str, Any]:
            return {
                "LastUpdateStatus": "Failed",
                "LastUpdateStatusReason": "The subnet has no free IP addresses",
                "LastUpdateStatusReasonCode": "SubnetOutOfIPAddresses",
            }

    async def client(service: str, **_: Any) -> Any:
        return FailedConfig()

    gw.client = client  # type: ignore[method-assign]
    with pytest.raises(UpdateFailed) as caught:
        await gw.wait_until_updated("shop")
    assert caught.value.message == (
        "Lambda could not apply the change to shop: The subnet has no free IP addresses "
        "(SubnetOutOfIPAddresses)"
    )


def make_managed(account: Any, name: str = "worker") -> Any:
    """``name`` on capacity provider ``fleet`` (Lambda Managed Instances): version 1 scaled
    3–12 execution environments, version 2 with none set, alias live → 1."""
    lam = _client(account)
    role = role_arn(account.endpoint_url, account.region, "edit-role")
    provider = lam.create_capacity_provider(
        CapacityProviderName="fleet",
        VpcConfig={"SubnetIds": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]},
        PermissionsConfig={
            "CapacityProviderOperatorRoleArn": "arn:aws:iam::123456789012:role/operator"
        },
    )["CapacityProvider"]
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": _zip()},
        CapacityProviderConfig={
            "LambdaManagedInstancesCapacityProviderConfig": {
                "CapacityProviderArn": provider["CapacityProviderArn"]
            }
        },
    )
    lam.publish_version(FunctionName=name)
    lam.put_function_scaling_config(
        FunctionName=name,
        Qualifier="1",
        FunctionScalingConfig={"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 12},
    )
    lam.update_function_configuration(FunctionName=name, Description="two")
    lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    return lam


def _scaling_of(lam: Any, name: str, version: str) -> dict[str, Any]:
    reply = lam.get_function_scaling_config(FunctionName=name, Qualifier=version)
    return dict(reply.get("RequestedFunctionScalingConfig") or {})


async def test_scaling_of_a_managed_instances_version_is_read_applied_and_read_back(
    account: Any,
) -> None:
    lam = make_managed(account)
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("worker", "1")
        assert (before.scaling_min, before.scaling_max) == (3, 12)
        assert context.scaling_version == "1"
        after = before.with_changes(scaling_min=5, scaling_max=40)
        read_back = await gw.apply_settings(before, after, context)
    assert (read_back.scaling_min, read_back.scaling_max) == (5, 40)
    assert _scaling_of(lam, "worker", "1") == {
        "MinExecutionEnvironments": 5,
        "MaxExecutionEnvironments": 40,
    }


async def test_scaling_through_an_alias_goes_to_its_version(account: Any) -> None:
    lam = make_managed(account)
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("worker", "live")
        assert context.scaling_version == "1"
        await gw.apply_settings(before, before.with_changes(scaling_max=20), context)
    assert _scaling_of(lam, "worker", "1")["MaxExecutionEnvironments"] == 20


async def test_scaling_is_offered_only_on_a_published_managed_instances_version(
    account: Any,
) -> None:
    make_managed(account)
    make_function(account)
    async with gateway(account.endpoint_url) as gw:
        _s, latest = await gw.read_settings("worker")
        _s, plain = await gw.read_settings("shop", "1")
        unset, two = await gw.read_settings("worker", "2")
    assert latest.scaling_version == "" and plain.scaling_version == ""
    assert two.scaling_version == "2" and (unset.scaling_min, unset.scaling_max) == (None, None)


async def test_scaling_changed_meanwhile_overwrites_nothing(account: Any) -> None:
    lam = make_managed(account)
    async with gateway(account.endpoint_url) as gw:
        before, context = await gw.read_settings("worker", "1")
        lam.put_function_scaling_config(
            FunctionName="worker",
            Qualifier="1",
            FunctionScalingConfig={"MinExecutionEnvironments": 4, "MaxExecutionEnvironments": 8},
        )
        with pytest.raises(ChangedMeanwhile):
            await gw.apply_settings(before, before.with_changes(scaling_max=99), context)
    assert _scaling_of(lam, "worker", "1")["MaxExecutionEnvironments"] == 8


async def test_scaling_under_read_only_is_refused_inside_the_gateway(account: Any) -> None:
    lam = make_managed(account)
    async with gateway(account.endpoint_url, read_only=True) as gw:
        before, context = await gw.read_settings("worker", "1")
        with pytest.raises(errors.ReadOnlyRefused):
            await gw.put_scaling("worker", "1", (3, 12), (1, 2))
        with pytest.raises(errors.ReadOnlyRefused):
            await gw.apply_settings(before, before.with_changes(scaling_min=1), context)
    assert _scaling_of(lam, "worker", "1")["MinExecutionEnvironments"] == 3


def test_scaling_checks_ranges_order_and_emptying() -> None:
    from lambdatui.aws import settings as rules
    from lambdatui.aws.settings import Context
    from lambdatui.aws.settings_diff import diff

    before = Settings(2048, 3, 512, scaling_min=3, scaling_max=12)
    context = Context("worker", "1", scaling_version="1")
    assert rules.check(before, before.with_changes(scaling_min=0, scaling_max=15000), context) == {}
    assert rules.check(before, before.with_changes(scaling_max=15001), context) == {
        "scaling_max": "Max execution environments must be 0–15000 (got 15001)."
    }
    assert rules.check(before, before.with_changes(scaling_min=13), context) == {
        "scaling_min": "Min (13) must not be above max (12)."
    }
    assert (
        "cannot be emptied"
        in rules.check(before, before.with_changes(scaling_min=None), context)["scaling_min"]
    )
    on_latest = Context("worker")
    assert "scaling_min" in rules.check(before, before.with_changes(scaling_max=20), on_latest)
    [change] = diff(before, before.with_changes(scaling_max=20), context)
    assert (change.label, change.before, change.after) == (
        "Scaling (version 1)",
        "3–12 environments",
        "3–20 environments",
    )
    assert Settings.from_json(before.to_json()) == before
