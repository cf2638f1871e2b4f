"""The configuration view's gateway calls, against the seeded local account and at the wire.

One seeded demo account serves the whole module (seeding takes seconds): tests only read it,
or add resources under names of their own, and never reset it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import boto3
import pytest

from lambdatui.aws import config_gateway, errors
from lambdatui.aws.config import (
    AccountLimits,
    AsyncInvokeConfig,
    DurableSettings,
    EventSourceMapping,
    FunctionDetail,
    FunctionUrl,
    PolicyStatement,
    ProvisionedConcurrency,
)
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from lambdatui.demo.catalog import ACCOUNT_ID, IMAGE_URI, ORDERS_ENV
from lambdatui.demo.seed import seed_demo, seed_functions
from lambdatui.demo.seed_wiring import KMS_KEY_ID, LAYER_NAME, PARTNER_ACCOUNT, VPC_CONFIG
from tests import new_fields
from tests.wire import canned_endpoint, delayed_proxy, json_server, serving

OTHER_ACCOUNT = PARTNER_ACCOUNT


@pytest.fixture(scope="module")
def demo(local_account):  # type: ignore[no-untyped-def]
    """The demo account, seeded once for this module."""
    local_account.reset()
    seed_demo(local_account.endpoint_url, local_account.region)
    yield local_account
    local_account.reset()


def _gateway(endpoint: str, **kw: Any) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1", **kw))


def _client(account: Any, service: str = "lambda") -> Any:
    return boto3.client(service, endpoint_url=account.endpoint_url, region_name=account.region)


def _own_function(account: Any, prefix: str) -> str:
    """A fresh function with versions 1 and 2 and alias ``live`` → 2, named after the test."""
    seed_functions(account.endpoint_url, 1, region=account.region, prefix=prefix)
    name = f"{prefix}-00000"
    lam = _client(account)
    for n in (1, 2):
        lam.update_function_configuration(FunctionName=name, Description=f"build {n}")
        lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="2")
    return name


def _kind(kind: str, mappings: tuple[EventSourceMapping, ...]) -> EventSourceMapping:
    (mapping,) = [m for m in mappings if m.source_kind == kind]
    return mapping


def _sid(sid: str, statements: tuple[PolicyStatement, ...]) -> PolicyStatement:
    (statement,) = [s for s in statements if s.sid == sid]
    return statement


# -- GetFunction --------------------------------------------------------------------------------


@pytest.mark.slow
async def test_detail_of_latest_has_everything_the_list_lacks(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        detail = await gw.get_function_detail("orders-api")
    assert isinstance(detail, FunctionDetail)
    assert detail.arn == f"arn:aws:lambda:us-east-1:{ACCOUNT_ID}:function:orders-api"
    assert detail.qualified_arn == detail.arn and detail.qualifier is None
    assert detail.version == "$LATEST"
    assert (detail.runtime, detail.handler, detail.architectures) == (
        "python3.12",
        "orders_api.handler",
        ("arm64",),
    )
    assert (detail.memory_mb, detail.timeout_s, detail.ephemeral_storage_mb) == (512, 15, 512)
    assert detail.role.endswith(":role/service-role/acme-lambda-basic")
    assert detail.code_size > 0 and detail.code_sha256
    assert detail.last_modified is not None and detail.last_modified.tzinfo is not None
    assert detail.state == "Active" and detail.last_update_status == "Successful"
    assert detail.tracing_mode == "PassThrough"
    assert detail.logging.log_group == "/aws/lambda/orders-api"
    assert dict(detail.environment)["DB_PASSWORD"] == ORDERS_ENV["DB_PASSWORD"]
    assert dict(detail.environment)["APP_VERSION"] == "1.3.0"
    assert ("team", "checkout") in detail.tags
    assert detail.revision_id
    assert detail.vpc is None and detail.layers == () and detail.image_uri == ""
    assert detail.raw["Configuration"]["FunctionName"] == "orders-api"


async def test_environment_values_never_show_in_repr(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        detail = await gw.get_function_detail("payment-webhook")
    secret = "tok_demo_4f9a8b7c6d5e"
    assert dict(detail.environment)["PAYMENT_API_TOKEN"] == secret
    assert secret not in repr(detail) and secret not in str(detail)
    assert "PAYMENT_API_TOKEN" in detail.environment_keys
    with_csc = replace(detail, code_signing_config_arn="arn:aws:lambda:us-east-1:1:csc:x")
    assert secret not in repr(with_csc)


async def test_detail_of_an_alias_resolves_its_version(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        detail = await gw.get_function_detail("orders-api", "live")
    assert detail.qualifier == "live"
    assert detail.version == "3"
    assert detail.arn.endswith(":function:orders-api")
    assert detail.qualified_arn == f"{detail.arn}:live"
    assert dict(detail.environment)["APP_VERSION"] == "1.2.0"  # version 3 is release 1.2.0


async def test_custom_log_group_and_json_logging(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        processor = await gw.get_function_detail("order-processor")
        clicks = await gw.get_function_detail("clickstream-ingest")
    assert processor.log_group == "/acme/orders/processor"
    assert clicks.logging.log_format == "JSON"
    assert clicks.log_group == "/aws/lambda/clickstream-ingest"


async def test_container_image_function_names_its_image(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        detail = await gw.get_function_detail("ml-recommendations")
    assert detail.package_type == "Image"
    assert detail.image_uri == IMAGE_URI
    assert detail.runtime == "" and detail.handler == ""
    assert detail.reserved_concurrency == 5


async def test_detail_of_an_unknown_qualifier_is_not_found(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        with pytest.raises(errors.NotFound):
            await gw.get_function_detail("orders-api", "no-such-alias")


async def test_console_settings_of_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    """Layers, VPC, tracing, /tmp, DLQ, KMS and SnapStart, as seeded by demo.seed_wiring."""
    async with _gateway(demo.endpoint_url) as gw:
        processor = await gw.get_function_detail("order-processor")
        payment = await gw.get_function_detail("payment-webhook")
        tax_latest = await gw.get_function_detail("tax-calculator")
        tax_live = await gw.get_function_detail("tax-calculator", "live")
    (layer,) = processor.layers
    assert (layer.name, layer.version) == (LAYER_NAME, 1) and layer.code_size > 0
    assert processor.vpc is not None
    assert processor.vpc.subnet_ids == tuple(VPC_CONFIG["SubnetIds"])
    assert processor.vpc.security_group_ids == tuple(VPC_CONFIG["SecurityGroupIds"])
    assert not processor.vpc.ipv6_dual_stack
    assert processor.tracing_mode == "Active"
    assert processor.ephemeral_storage_mb == 2048
    assert processor.dead_letter_arn.endswith(":sqs:us-east-1:123456789012:orders-dlq")
    assert payment.kms_key_arn.endswith(f":key/{KMS_KEY_ID}")
    assert tax_latest.snap_start.apply_on == "PublishedVersions"
    assert tax_live.version == "1" and tax_live.snap_start.optimization_status == "On"


async def test_json_log_levels(demo) -> None:  # type: ignore[no-untyped-def]
    seed_functions(demo.endpoint_url, 1, region=demo.region, prefix="cfg-logs")
    _client(demo).update_function_configuration(
        FunctionName="cfg-logs-00000",
        LoggingConfig={
            "LogFormat": "JSON",
            "ApplicationLogLevel": "DEBUG",
            "SystemLogLevel": "WARN",
        },
    )
    async with _gateway(demo.endpoint_url) as gw:
        detail = await gw.get_function_detail("cfg-logs-00000")
    assert (detail.logging.log_format, detail.log_group) == ("JSON", "/aws/lambda/cfg-logs-00000")
    assert (detail.logging.application_log_level, detail.logging.system_log_level) == (
        "DEBUG",
        "WARN",
    )


def test_detail_from_a_full_aws_reply() -> None:
    """Fields the local account does not keep (SnapStart, DLQ, EFS, errors), from AWS's shape."""
    arn = f"arn:aws:lambda:eu-west-1:{ACCOUNT_ID}:function:billing"
    reply = {
        "Configuration": {
            "FunctionName": "billing",
            "FunctionArn": f"{arn}:7",
            "Runtime": "java21",
            "RuntimeVersionConfig": {"RuntimeVersionArn": "arn:aws:lambda:eu-west-1::runtime:ab"},
            "Version": "7",
            "SnapStart": {"ApplyOn": "PublishedVersions", "OptimizationStatus": "On"},
            "DeadLetterConfig": {"TargetArn": "arn:aws:sqs:eu-west-1:1:billing-dlq"},
            "FileSystemConfigs": [
                {
                    "Arn": "arn:aws:elasticfilesystem:eu-west-1:1:access-point/fsap-1",
                    "LocalMountPath": "/mnt/data",
                }
            ],
            "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": [], "VpcId": ""},
            "Environment": {
                "Variables": {"K": "v"},
                "Error": {"ErrorCode": "KMSAccessDeniedException", "Message": "no decrypt"},
            },
            "State": "Failed",
            "StateReason": "The role is invalid",
            "StateReasonCode": "InvalidRole",
            "LastUpdateStatus": "Failed",
            "LastUpdateStatusReason": "Layer not found",
            "LastUpdateStatusReasonCode": "InvalidConfiguration",
        },
        "Code": {"RepositoryType": "S3", "Location": "https://example.invalid/code"},
        "Tags": {"b": "2", "a": "1"},
    }
    detail = FunctionDetail.from_api(reply, "7")
    assert detail.arn == arn and detail.qualified_arn == f"{arn}:7"
    assert detail.runtime_version_arn == "arn:aws:lambda:eu-west-1::runtime:ab"
    assert (detail.snap_start.apply_on, detail.snap_start.optimization_status) == (
        "PublishedVersions",
        "On",
    )
    assert detail.dead_letter_arn == "arn:aws:sqs:eu-west-1:1:billing-dlq"
    assert [(fs.local_mount_path) for fs in detail.file_systems] == ["/mnt/data"]
    assert detail.vpc is None  # AWS sends an empty VpcConfig outside a VPC
    assert detail.environment_error == "KMSAccessDeniedException: no decrypt"
    assert (detail.state, detail.state_reason_code) == ("Failed", "InvalidRole")
    assert detail.last_update_status_reason == "Layer not found"
    assert detail.tags == (("a", "1"), ("b", "2"))
    assert detail.log_group == "/aws/lambda/billing"  # no LoggingConfig: Lambda's default
    assert "'v'" not in repr(detail)


async def test_what_lambda_added_in_2025_arrives_in_the_detail(demo) -> None:  # type: ignore[no-untyped-def]
    """Managed Instances, durable, tenant-isolated, S3 Files: on the wire as AWS sends them,
    parsed by the SDK's model and kept in the record."""
    fields = {
        "orders-api": {
            **new_fields.MANAGED_INSTANCES,
            **new_fields.DURABLE,
            **new_fields.TENANT_ISOLATED,
            **new_fields.CONFIG_SHA,
            **new_fields.S3_FILES,
            "State": "ActiveNonInvocable",
        }
    }
    rewrite = new_fields.functions_with(fields)
    with delayed_proxy(demo.endpoint_url, rewrite=rewrite) as (url, _):
        async with _gateway(url) as gw:
            detail = await gw.get_function_detail("orders-api")
            plain = await gw.get_function_detail("hello-world")
    provider = detail.capacity_provider
    assert provider is not None and detail.managed_instances
    assert (provider.arn, provider.name) == (new_fields.PROVIDER_ARN, "gpu-fleet")
    assert provider.kind == "LambdaManagedInstancesCapacityProviderConfig"
    assert provider.settings == (
        ("PerExecutionEnvironmentMaxConcurrency", "64"),
        ("ExecutionEnvironmentMemoryGiBPerVCpu", "4"),
    )
    assert detail.durable == DurableSettings(86400, 14, "")
    assert detail.tenancy_mode == "PER_TENANT" and detail.tenant_isolated
    assert detail.config_sha256 == new_fields.CONFIG_SHA["ConfigSha256"]
    assert [(fs.local_mount_path, fs.s3_direct_read) for fs in detail.file_systems] == [
        ("/mnt/models", "ENABLED")
    ]
    assert detail.state == "ActiveNonInvocable"
    assert plain.capacity_provider is None and plain.durable is None
    assert not plain.managed_instances and not plain.tenant_isolated
    assert plain.config_sha256 not in ("", detail.config_sha256)  # the account's own hash


async def test_an_event_source_mapping_names_its_system_log_level(demo) -> None:  # type: ignore[no-untyped-def]
    def rewrite(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        for item in body.get("EventSourceMappings") or ():
            item["LoggingConfig"] = {"SystemLogLevel": "DEBUG"}
        return body

    with delayed_proxy(demo.endpoint_url, rewrite=rewrite) as (url, _):
        async with _gateway(url) as gw:
            (mapping,) = await gw.list_event_source_mappings("order-processor")
    async with _gateway(demo.endpoint_url) as gw:
        (without,) = await gw.list_event_source_mappings("order-processor")
    assert mapping.system_log_level == "DEBUG"
    assert without.system_log_level == ""


# -- Concurrency and account --------------------------------------------------------------------


async def test_reserved_concurrency(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        assert await gw.get_reserved_concurrency("payment-webhook") == 50
        assert await gw.get_reserved_concurrency("nightly-cleanup") == 1
        assert await gw.get_reserved_concurrency("hello-world") is None


async def test_concurrency_with_provisioned_configs(demo) -> None:  # type: ignore[no-untyped-def]
    name = _own_function(demo, "cfg-prov")
    lam = _client(demo)
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=20)
    lam.put_provisioned_concurrency_config(
        FunctionName=name, Qualifier="live", ProvisionedConcurrentExecutions=5
    )
    lam.put_provisioned_concurrency_config(
        FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=2
    )
    async with _gateway(demo.endpoint_url) as gw:
        everything = await gw.get_concurrency(name)
        live = await gw.get_concurrency(name, "live")
    assert everything.reserved == 20
    assert sorted(p.qualifier for p in everything.provisioned) == ["1", "live"]
    config = everything.provisioned_for("live")
    assert isinstance(config, ProvisionedConcurrency)
    assert config.requested == 5
    assert config.status in {"IN_PROGRESS", "READY"}
    assert [p.qualifier for p in live.provisioned] == ["live"]
    assert live.reserved == 20


async def test_concurrency_without_any_configured(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        concurrency = await gw.get_concurrency("hello-world")
    assert concurrency.reserved is None and concurrency.provisioned == ()


async def test_the_live_alias_has_provisioned_concurrency(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        latest = await gw.get_concurrency("orders-api")
        live = await gw.get_concurrency("orders-api", "live")
        staging = await gw.get_concurrency("orders-api", "staging")
        payment = await gw.get_concurrency("payment-webhook")
    assert latest.reserved is None
    assert [(p.qualifier, p.requested) for p in latest.provisioned] == [("live", 5)]
    assert live.provisioned == latest.provisioned
    assert staging.provisioned == ()
    assert payment.reserved == 50 and payment.provisioned == ()


async def test_account_limits(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        limits = await gw.get_account_limits()
    assert isinstance(limits, AccountLimits)
    assert limits.concurrent_executions >= limits.unreserved_concurrent_executions > 0
    assert limits.function_count >= 40
    assert limits.code_size_zipped_limit > 0 and limits.total_code_size_limit > 0


def test_account_limits_from_api() -> None:
    limits = AccountLimits.from_api(
        {
            "AccountLimit": {
                "TotalCodeSize": 80530636800,
                "CodeSizeUnzipped": 262144000,
                "CodeSizeZipped": 52428800,
                "ConcurrentExecutions": 1000,
                "UnreservedConcurrentExecutions": 942,
            },
            "AccountUsage": {"TotalCodeSize": 1234, "FunctionCount": 41},
        }
    )
    assert (limits.concurrent_executions, limits.unreserved_concurrent_executions) == (1000, 942)
    assert (limits.total_code_size_used, limits.function_count) == (1234, 41)


# -- Asynchronous invocation and URLs -----------------------------------------------------------


async def test_async_config_with_destinations(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        payment = await gw.get_async_config("payment-webhook")
        thumbs = await gw.get_async_config("image-thumbnailer")
        none = await gw.get_async_config("hello-world")
    assert isinstance(payment, AsyncInvokeConfig)
    assert (payment.max_retry_attempts, payment.max_event_age_s) == (1, 3600)
    assert payment.on_success == f"arn:aws:events:us-east-1:{ACCOUNT_ID}:event-bus/default"
    assert payment.on_failure == f"arn:aws:sqs:us-east-1:{ACCOUNT_ID}:payments-dlq"
    assert payment.last_modified is not None
    assert thumbs is not None and thumbs.on_success == "" and thumbs.max_event_age_s is None
    assert none is None


async def test_the_live_alias_has_its_own_destinations(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        latest = await gw.get_async_config("orders-api")
        live = await gw.get_async_config("orders-api", "live")
        staging = await gw.get_async_config("orders-api", "staging")
    assert latest is not None and latest.qualifier is None
    assert (latest.max_retry_attempts, latest.max_event_age_s) == (2, 21600)
    assert latest.on_failure.endswith(":sqs:us-east-1:123456789012:orders-dlq")
    assert live is not None and live.qualifier == "live"
    assert (live.max_retry_attempts, live.max_event_age_s) == (0, 900)
    assert live.on_success.endswith(":event-bus/default")
    assert live.on_failure.endswith(":sns:us-east-1:123456789012:order-alerts")
    assert staging is None


async def test_async_config_per_qualifier(demo) -> None:  # type: ignore[no-untyped-def]
    name = _own_function(demo, "cfg-async")
    lam = _client(demo)
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=2)
    lam.put_function_event_invoke_config(
        FunctionName=name,
        Qualifier="live",
        MaximumRetryAttempts=0,
        DestinationConfig={"OnFailure": {"Destination": f"arn:aws:sqs:us-east-1:{ACCOUNT_ID}:q"}},
    )
    async with _gateway(demo.endpoint_url) as gw:
        latest = await gw.get_async_config(name)
        same = await gw.get_async_config(name, "$LATEST")
        live = await gw.get_async_config(name, "live")
        version = await gw.get_async_config(name, "1")
    assert latest is not None and latest.max_retry_attempts == 2 and latest.qualifier is None
    assert same == latest
    assert live is not None and live.max_retry_attempts == 0 and live.qualifier == "live"
    assert live.on_failure.endswith(":q")
    assert version is None


async def test_function_url_is_public_with_cors(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        url = await gw.get_function_url("checkout-ssr")
        none = await gw.get_function_url("orders-api")
    assert isinstance(url, FunctionUrl)
    assert url.url.startswith("https://") and ".lambda-url.us-east-1.on.aws" in url.url
    assert url.is_public and url.auth_type == "NONE"
    assert url.invoke_mode == "BUFFERED"
    assert url.cors is not None and url.cors.allow_origins == ("https://shop.example.com",)
    assert url.cors.allow_methods == ("GET",)
    assert url.created is not None and url.qualifier is None
    assert none is None


async def test_an_iam_url_with_response_streaming(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        url = await gw.get_function_url("report-generator")
    assert url is not None and not url.is_public
    assert (url.auth_type, url.invoke_mode, url.cors) == ("AWS_IAM", "RESPONSE_STREAM", None)


async def test_a_version_has_no_url_and_nothing_is_asked() -> None:
    with canned_endpoint(500, "ServiceException", "must not be called") as (endpoint, seen):
        async with _gateway(endpoint) as gw:
            assert await gw.get_function_url("checkout-ssr", "1") is None
    assert seen == []


async def test_function_url_per_alias(demo) -> None:  # type: ignore[no-untyped-def]
    name = _own_function(demo, "cfg-url")
    _client(demo).create_function_url_config(
        FunctionName=name, Qualifier="live", AuthType="AWS_IAM", InvokeMode="RESPONSE_STREAM"
    )
    async with _gateway(demo.endpoint_url) as gw:
        live = await gw.get_function_url(name, "live")
        unqualified = await gw.get_function_url(name)
    assert live is not None and live.qualifier == "live"
    assert not live.is_public and live.invoke_mode == "RESPONSE_STREAM"
    assert live.cors is None
    assert unqualified is None


# -- Triggers -----------------------------------------------------------------------------------


async def test_event_source_mappings_of_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        sqs = _kind("SQS", await gw.list_event_source_mappings("order-processor"))
        ddb = _kind("DynamoDB Streams", await gw.list_event_source_mappings("inventory-sync"))
        kinesis = _kind("Kinesis", await gw.list_event_source_mappings("clickstream-ingest"))
        none = await gw.list_event_source_mappings("hello-world")
    assert (sqs.source_name, sqs.batch_size) == ("orders-queue", 10)
    assert sqs.enabled and sqs.state == "Enabled"
    assert sqs.starting_position == ""
    assert sqs.function_arn.endswith(":function:order-processor")
    assert ddb.source_name.startswith("inventory (stream ")
    assert (ddb.starting_position, ddb.batch_size) == ("LATEST", 100)
    assert kinesis.source_name == "clickstream"
    assert (kinesis.batching_window_s, kinesis.starting_position) == (5, "TRIM_HORIZON")
    assert kinesis.raw["UUID"] == kinesis.uuid
    assert none == ()


async def test_event_source_mapping_of_an_alias(demo) -> None:  # type: ignore[no-untyped-def]
    name = _own_function(demo, "cfg-esm")
    lam, sqs = _client(demo), _client(demo, "sqs")
    url = sqs.create_queue(QueueName="cfg-esm-queue")["QueueUrl"]
    queue = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    pattern = json.dumps({"body": {"type": ["order"]}})
    dlq = f"arn:aws:sqs:us-east-1:{ACCOUNT_ID}:payments-dlq"
    lam.create_event_source_mapping(
        FunctionName=f"{name}:live",
        EventSourceArn=queue["Attributes"]["QueueArn"],
        FilterCriteria={"Filters": [{"Pattern": pattern}]},
        DestinationConfig={"OnFailure": {"Destination": dlq}},
    )
    async with _gateway(demo.endpoint_url) as gw:
        (mapping,) = await gw.list_event_source_mappings(name, "live")
        unqualified = await gw.list_event_source_mappings(name)
    assert mapping.source_name == "cfg-esm-queue"
    assert mapping.filter_patterns == (pattern,)
    assert mapping.on_failure == dlq
    assert unqualified == ()


@pytest.mark.slow
async def test_every_page_of_mappings_and_provisioned_configs(demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = _own_function(demo, "cfg-pages")
    lam, sqs = _client(demo), _client(demo, "sqs")
    for n in range(5):
        url = sqs.create_queue(QueueName=f"cfg-pages-{n}")["QueueUrl"]
        queue = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        lam.create_event_source_mapping(
            FunctionName=name, EventSourceArn=queue["Attributes"]["QueueArn"]
        )
    lam.update_function_configuration(FunctionName=name, Description="build 3")
    lam.publish_version(FunctionName=name)
    for qualifier in ("1", "3", "live"):  # live is version 2: one config per version
        lam.put_provisioned_concurrency_config(
            FunctionName=name, Qualifier=qualifier, ProvisionedConcurrentExecutions=1
        )
    monkeypatch.setattr(config_gateway, "_MAPPINGS_PAGE", 2)
    monkeypatch.setattr(config_gateway, "_PROVISIONED_PAGE", 1)
    with delayed_proxy(demo.endpoint_url, 0) as (proxy, seen):
        async with _gateway(proxy) as gw:
            mappings = await gw.list_event_source_mappings(name)
            provisioned = await gw.list_provisioned_concurrency(name)
    assert sorted(m.source_name for m in mappings) == [f"cfg-pages-{n}" for n in range(5)]
    assert sorted(p.qualifier for p in provisioned) == ["1", "3", "live"]
    assert sum("event-source-mappings" in request for request in seen) == 3
    assert sum("provisioned-concurrency" in request for request in seen) == 3


async def test_resource_policies_of_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        api = {s.sid: s for s in await gw.get_policy("orders-api")}
        s3 = _sid("s3-acme-uploads", await gw.get_policy("image-thumbnailer"))
        sns = _sid("sns-signups", await gw.get_policy("user-signup-notifier"))
        rule = _sid("eventbridge-nightly", await gw.get_policy("nightly-cleanup"))
        url = {s.sid: s for s in await gw.get_policy("checkout-ssr")}
        none = await gw.get_policy("hello-world")
    get = api["apigateway-get-orders"]
    assert (get.principal, get.resource, get.action) == (
        "API Gateway",
        "k7f3x9q2ma GET /orders",
        "lambda:InvokeFunction",
    )
    assert api["apigateway-post-orders"].resource == "k7f3x9q2ma POST /orders"
    assert not get.public and not get.cross_account
    assert (s3.principal, s3.resource, s3.source_account) == ("S3", "acme-uploads", ACCOUNT_ID)
    assert (sns.principal, sns.resource) == ("SNS", "signups")
    assert (rule.principal, rule.resource) == ("EventBridge", "nightly-cleanup-schedule")
    public = url["function-url-public"]
    assert public.public and public.principal == "*"
    assert public.resource == "function URL (auth NONE)"
    assert none == ()


async def test_seeded_cross_account_and_alias_grants(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        partner = _sid("acmepay-cross-account", await gw.get_policy("payment-webhook"))
        live = await gw.get_policy("orders-api", "live")
        latest = await gw.get_policy("orders-api")
    assert partner.principal == f"account {PARTNER_ACCOUNT}"
    assert partner.cross_account and not partner.public and partner.resource == ""
    stage = _sid("apigateway-live-orders", live)
    assert (stage.principal, stage.resource) == ("API Gateway", "k7f3x9q2ma (live) ANY /orders")
    assert "apigateway-live-orders" not in {s.sid for s in latest}


async def test_cross_account_permission(demo) -> None:  # type: ignore[no-untyped-def]
    seed_functions(demo.endpoint_url, 1, region=demo.region, prefix="cfg-xacct")
    _client(demo).add_permission(
        FunctionName="cfg-xacct-00000",
        StatementId="partner",
        Action="lambda:InvokeFunction",
        Principal=OTHER_ACCOUNT,
    )
    async with _gateway(demo.endpoint_url) as gw:
        (statement,) = await gw.get_policy("cfg-xacct-00000")
        (as_theirs,) = await gw.get_policy("cfg-xacct-00000", account_id=OTHER_ACCOUNT)
    assert statement.principal == f"account {OTHER_ACCOUNT}"
    assert statement.cross_account and not statement.public
    assert not as_theirs.cross_account


async def test_policy_per_qualifier(demo) -> None:  # type: ignore[no-untyped-def]
    name = _own_function(demo, "cfg-pol")
    lam = _client(demo)
    lam.add_permission(
        FunctionName=name,
        StatementId="sns-any",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
    )
    lam.add_permission(
        FunctionName=name,
        Qualifier="live",
        StatementId="partner-live",
        Action="lambda:InvokeFunction",
        Principal=OTHER_ACCOUNT,
    )
    async with _gateway(demo.endpoint_url) as gw:
        unqualified = [s.sid for s in await gw.get_policy(name)]
        latest = [s.sid for s in await gw.get_policy(name, "$LATEST")]
        live = [s.sid for s in await gw.get_policy(name, "live")]
        version = await gw.get_policy(name, "1")
    assert unqualified == latest == ["sns-any"]
    assert live == ["partner-live"]
    assert version == ()


async def test_code_signing_is_off_in_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    async with _gateway(demo.endpoint_url) as gw:
        assert await gw.get_code_signing_config_arn("orders-api") is None


async def test_every_section_reads_in_read_only_mode(demo) -> None:  # type: ignore[no-untyped-def]
    """Read-only refuses changes, not reads: each section reads what a writable gateway does."""

    async def sections(gw: Gateway) -> list[object]:
        return [
            await gw.get_function_detail("payment-webhook", "prod"),
            await gw.get_reserved_concurrency("payment-webhook"),
            await gw.get_async_config("payment-webhook", "prod"),
            await gw.get_function_url("checkout-ssr"),
            await gw.list_event_source_mappings("order-processor"),
            await gw.get_policy("checkout-ssr"),
            await gw.get_code_signing_config_arn("payment-webhook"),
        ]

    async with _gateway(demo.endpoint_url, read_only=True) as gw:
        assert gw.read_only
        read_only = await sections(gw)
    async with _gateway(demo.endpoint_url) as gw:
        writable = await sections(gw)
    assert read_only == writable
    detail, _reserved, _async, url, mappings, policy, _signing = read_only
    assert detail is not None and url is not None and mappings and policy  # real answers


# -- Denied sections ----------------------------------------------------------------------------

Call = Callable[[Gateway], Awaitable[object]]


_SECTIONS = [
    ("get_function_detail", lambda gw: gw.get_function_detail("f", "live"), "GetFunction"),
    ("get_concurrency", lambda gw: gw.get_concurrency("f"), "GetFunctionConcurrency"),
    (
        "get_reserved_concurrency",
        lambda gw: gw.get_reserved_concurrency("f"),
        "GetFunctionConcurrency",
    ),
    (
        "list_provisioned_concurrency",
        lambda gw: gw.list_provisioned_concurrency("f"),
        "ListProvisionedConcurrencyConfigs",
    ),
    ("get_account_limits", lambda gw: gw.get_account_limits(), "GetAccountSettings"),
    (
        "get_async_config",
        lambda gw: gw.get_async_config("f", "live"),
        "GetFunctionEventInvokeConfig",
    ),
    ("get_function_url", lambda gw: gw.get_function_url("f", "live"), "GetFunctionUrlConfig"),
    (
        "list_event_source_mappings",
        lambda gw: gw.list_event_source_mappings("f", "3"),
        "ListEventSourceMappings",
    ),
    ("get_policy", lambda gw: gw.get_policy("f", "live"), "GetPolicy"),
    (
        "get_code_signing_config_arn",
        lambda gw: gw.get_code_signing_config_arn("f"),
        "GetFunctionCodeSigningConfig",
    ),
]


@pytest.mark.parametrize(
    ("call", "operation"), [pytest.param(call, op, id=name) for name, call, op in _SECTIONS]
)
async def test_a_denied_section_names_its_iam_action(call: Call, operation: str) -> None:
    action = f"lambda:{operation}"
    with canned_endpoint(403, "AccessDeniedException", "User is not authorized") as (url, _):
        async with _gateway(url) as gw:
            with pytest.raises(errors.AccessDenied) as caught:
                await call(gw)
    assert caught.value.action == action
    assert caught.value.message == f"Not permitted: {action}."


@contextmanager
def _denying(fragment: str, allowed: dict[str, Any]) -> Iterator[str]:
    """An endpoint that denies requests whose path contains ``fragment`` and answers the rest
    with ``allowed`` (JSON)."""
    denial = {"__type": "AccessDeniedException", "Message": "no"}
    server = json_server(lambda path: (403, denial) if fragment in path else (200, allowed))
    with serving(server) as url:
        yield url


async def test_concurrency_keeps_the_reserved_part_when_the_provisioned_listing_is_denied() -> None:
    with _denying("/provisioned-concurrency", {"ReservedConcurrentExecutions": 7}) as url:
        async with _gateway(url) as gw:
            concurrency = await gw.get_concurrency("f")
    assert (concurrency.reserved, concurrency.reserved_error) == (7, "")
    assert concurrency.provisioned == ()
    assert (
        concurrency.provisioned_error == "not permitted: lambda:ListProvisionedConcurrencyConfigs"
    )


async def test_concurrency_keeps_the_provisioned_part_when_the_reserved_one_is_denied() -> None:
    with _denying("/concurrency", {"ProvisionedConcurrencyConfigs": []}) as url:
        async with _gateway(url) as gw:
            concurrency = await gw.get_concurrency("f")
    assert concurrency.reserved is None
    assert concurrency.reserved_error == "not permitted: lambda:GetFunctionConcurrency"
    assert (concurrency.provisioned, concurrency.provisioned_error) == ((), "")


async def test_latest_published_has_no_url_and_nothing_is_asked() -> None:
    with canned_endpoint(500, "ServiceException", "must not be called") as (endpoint, seen):
        async with _gateway(endpoint) as gw:
            assert await gw.get_function_url("fleet-worker", "$LATEST.PUBLISHED") is None
    assert seen == []
