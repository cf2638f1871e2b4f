"""The seeded demo account has what the demo promises, read back through the API."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from typing import Any

import pytest

from lambdatui.demo import catalog
from lambdatui.demo.seed import seed_demo, seed_functions
from tests.demo_time import SEEDED_AT

from .conftest import client, wait_for


@pytest.fixture
def seeded(shared_demo: Any) -> Any:
    """The seeded demo, shared by this module's tests that only read it."""
    return shared_demo


@pytest.fixture
def lam(local_account: Any) -> Any:
    """A Lambda client that leaves the account as it is (the demo conftest's resets it): a test
    that needs it empty takes ``account`` as well."""
    return client(local_account, "lambda")


@pytest.fixture
def functions(seeded: Any, lam: Any) -> dict[str, dict[str, Any]]:
    pages = lam.get_paginator("list_functions").paginate()
    return {f["FunctionName"]: f for page in pages for f in page["Functions"]}


@pytest.mark.slow
def test_about_forty_functions_across_runtimes_and_sizes(
    functions: dict[str, dict[str, Any]],
) -> None:
    assert 38 <= len(functions) <= 45
    runtimes = Counter(f.get("Runtime") for f in functions.values())
    assert {"python3.12", "python3.13", "nodejs20.x", "nodejs22.x", "java21"} <= set(runtimes)
    assert "provided.al2023" in runtimes
    [image] = [f for f in functions.values() if f["PackageType"] == "Image"]
    assert image["FunctionName"] == "ml-recommendations"
    memory = {f["MemorySize"] for f in functions.values()}
    assert min(memory) == 128 and max(memory) == 16384  # the largest on Managed Instances
    assert sum(f["Architectures"] == ["arm64"] for f in functions.values()) >= 3
    assert all(f["Description"] for f in functions.values())
    assert all(f["RevisionId"] for f in functions.values())


@pytest.mark.slow
def test_seeding_is_deterministic(account: Any, lam: Any) -> None:
    def snapshot() -> list[tuple[Any, ...]]:
        pages = lam.get_paginator("list_functions").paginate()
        return sorted(
            (
                f["FunctionName"],
                f["CodeSize"],
                f["CodeSha256"],
                f["MemorySize"],
                f["Timeout"],
                f["LastModified"],
            )
            for page in pages
            for f in page["Functions"]
        )

    # Its past too: the same ages, counted back from the moment given.
    seed_demo(account.endpoint_url, now=SEEDED_AT)
    first = snapshot()
    account.reset()
    seed_demo(account.endpoint_url, now=SEEDED_AT)
    assert snapshot() == first
    hello = next(f for f in first if f[0] == "hello-world")
    assert hello[-1] == "2025-08-02T18:00:00.000+0000"  # 212 days before


@pytest.mark.slow
def test_seeding_takes_a_few_seconds_at_most(account: Any) -> None:
    began = time.monotonic()
    seed_demo(account.endpoint_url)
    assert time.monotonic() - began < 5


@pytest.mark.slow
def test_versions_and_weighted_aliases(seeded: Any, lam: Any) -> None:
    pages = lam.get_paginator("list_versions_by_function").paginate(FunctionName="orders-api")
    versions = [v["Version"] for page in pages for v in page["Versions"]]
    assert versions == ["$LATEST", "1", "2", "3", "4"]
    pages = lam.get_paginator("list_aliases").paginate(FunctionName="orders-api")
    aliases = {a["Name"]: a for page in pages for a in page["Aliases"]}
    assert aliases["live"]["FunctionVersion"] == "3"
    assert aliases["live"]["RoutingConfig"] == {"AdditionalVersionWeights": {"4": 0.1}}
    assert aliases["staging"]["FunctionVersion"] == "4"
    prod = lam.get_alias(FunctionName="payment-webhook", Name="prod")
    assert prod["FunctionVersion"] == "2"


def test_tags_and_environment_with_a_secret(seeded: Any, lam: Any) -> None:
    orders = lam.get_function(FunctionName="orders-api")
    assert orders["Tags"]["team"] == "checkout"
    variables = orders["Configuration"]["Environment"]["Variables"]
    assert "DB_PASSWORD" in variables
    arn = orders["Configuration"]["FunctionArn"]
    assert lam.list_tags(Resource=arn)["Tags"]["app"] == "acme-shop"


def test_logging_configs(functions: dict[str, dict[str, Any]]) -> None:
    assert functions["order-processor"]["LoggingConfig"] == {
        "LogFormat": "Text",
        "LogGroup": "/acme/orders/processor",
    }
    assert functions["clickstream-ingest"]["LoggingConfig"]["LogFormat"] == "JSON"
    assert functions["hello-world"]["LoggingConfig"] == {
        "LogFormat": "Text",
        "LogGroup": "/aws/lambda/hello-world",
    }


def test_event_source_mappings_for_sqs_dynamodb_and_kinesis(seeded: Any, lam: Any) -> None:
    pages = lam.get_paginator("list_event_source_mappings").paginate()
    mappings = [m for page in pages for m in page["EventSourceMappings"]]
    by_service = {m["EventSourceArn"].split(":")[2]: m for m in mappings}
    assert set(by_service) == {"sqs", "dynamodb", "kinesis"}
    assert by_service["sqs"]["FunctionArn"].endswith(":order-processor")
    assert by_service["dynamodb"]["FunctionArn"].endswith(":inventory-sync")
    assert by_service["kinesis"]["FunctionArn"].endswith(":clickstream-ingest")


def test_resource_policies_for_s3_sns_api_gateway_and_eventbridge(seeded: Any, lam: Any) -> None:
    principals = set()
    for name in ("image-thumbnailer", "user-signup-notifier", "orders-api", "nightly-cleanup"):
        policy = json.loads(lam.get_policy(FunctionName=name)["Policy"])
        principals |= {s["Principal"]["Service"] for s in policy["Statement"]}
    assert principals == {
        "s3.amazonaws.com",
        "sns.amazonaws.com",
        "apigateway.amazonaws.com",
        "events.amazonaws.com",
    }


def test_function_url_destinations_and_reserved_concurrency(seeded: Any, lam: Any) -> None:
    url = lam.get_function_url_config(FunctionName="checkout-ssr")
    assert url["AuthType"] == "NONE"
    assert url["FunctionUrl"].startswith("https://")

    config = lam.get_function_event_invoke_config(FunctionName="payment-webhook")
    assert config["DestinationConfig"]["OnFailure"]["Destination"].endswith(":payments-dlq")
    assert config["MaximumRetryAttempts"] == 1

    reserved = {
        name: lam.get_function_concurrency(FunctionName=name).get("ReservedConcurrentExecutions")
        for name in ("nightly-cleanup", "payment-webhook", "billing-batch", "hello-world")
    }
    assert reserved == {
        "nightly-cleanup": 1,
        "payment-webhook": 50,
        "billing-batch": 2,
        "hello-world": None,
    }


def test_log_history_is_there_to_browse(seeded: Any) -> None:
    logs = client(seeded, "logs")
    pages = logs.get_paginator("describe_log_groups").paginate()
    groups = {g["logGroupName"] for page in pages for g in page["logGroups"]}
    assert {"/aws/lambda/orders-api", "/acme/orders/processor", "/aws/lambda/geo-router"} <= groups


async def test_shareable_events_are_where_the_console_keeps_them(seeded: Any) -> None:
    """Read back as the app reads them: the gateway's Schemas calls, not the seed's."""
    from lambdatui.aws.gateway import Gateway
    from lambdatui.aws.target import resolve_target

    target = resolve_target(endpoint_url=seeded.endpoint_url, region=seeded.region)
    async with Gateway(target) as gateway:
        processor = await gateway.list_shared_events("order-processor")
        api = await gateway.list_shared_events("orders-api")
        assert await gateway.list_shared_events("hello-world") == []
    assert [e.name for e in processor] == ["batch-of-three", "poison-message"]
    assert json.loads(processor[0].payload)["Records"][0]["messageId"] == "m-0"
    assert [e.name for e in api] == ["get-order", "new-order"]


def test_seed_functions_is_fast_and_deterministic(account: Any, lam: Any) -> None:
    began = time.monotonic()
    seed_functions(account.endpoint_url, 2000, prefix="bulk")
    elapsed = time.monotonic() - began
    assert elapsed < 20

    pages = list(lam.get_paginator("list_functions").paginate())
    names = [f["FunctionName"] for page in pages for f in page["Functions"]]
    assert len(pages) == 40
    assert names[0] == "bulk-00000" and names[-1] == "bulk-01999"
    first = pages[0]["Functions"][:5]
    assert [f["MemorySize"] for f in first] == [128, 256, 512, 1024, 2048]
    assert [f["Runtime"] for f in first][:2] == ["python3.12", "python3.13"]


def test_seed_functions_also_works_over_http(account: Any, lam: Any, monkeypatch: Any) -> None:
    import lambdatui.demo.server as server

    monkeypatch.setattr(server, "running_account", lambda _url: None)
    seed_functions(account.endpoint_url, 30, prefix="http")
    names = [f["FunctionName"] for f in lam.list_functions()["Functions"]]
    assert names == [f"http-{i:05d}" for i in range(30)]
    invoked = lam.invoke(FunctionName="http-00000", Payload=b'{"name": "bulk"}')
    assert json.loads(invoked["Payload"].read())["message"] == "Hello, bulk!"


@pytest.mark.slow
def test_orders_api_live_has_its_own_provisioned_concurrency_and_destinations(
    seeded: Any, lam: Any
) -> None:
    [config] = lam.list_provisioned_concurrency_configs(FunctionName="orders-api")[
        "ProvisionedConcurrencyConfigs"
    ]
    assert config["FunctionArn"].endswith(":function:orders-api:live")
    assert config["RequestedProvisionedConcurrentExecutions"] == 5

    def ready() -> Any:
        got = lam.get_provisioned_concurrency_config(FunctionName="orders-api", Qualifier="live")
        return got if got["Status"] == "READY" else None

    assert wait_for(ready)["AvailableProvisionedConcurrentExecutions"] == 5

    latest = lam.get_function_event_invoke_config(FunctionName="orders-api")
    live = lam.get_function_event_invoke_config(FunctionName="orders-api", Qualifier="live")
    assert latest["DestinationConfig"]["OnFailure"]["Destination"].endswith(":orders-dlq")
    assert live["DestinationConfig"]["OnFailure"]["Destination"].endswith(":order-alerts")
    assert live["DestinationConfig"]["OnSuccess"]["Destination"].endswith(":event-bus/default")
    assert (latest["MaximumRetryAttempts"], live["MaximumRetryAttempts"]) == (2, 0)

    alias_policy = json.loads(lam.get_policy(FunctionName="orders-api", Qualifier="live")["Policy"])
    assert [s["Sid"] for s in alias_policy["Statement"]] == ["apigateway-live-orders"]
    function_policy = json.loads(lam.get_policy(FunctionName="orders-api")["Policy"])
    assert "apigateway-live-orders" not in {s["Sid"] for s in function_policy["Statement"]}


def test_a_cross_account_permission(seeded: Any, lam: Any) -> None:
    policy = json.loads(lam.get_policy(FunctionName="payment-webhook")["Policy"])
    [grant] = [s for s in policy["Statement"] if s["Sid"] == "acmepay-cross-account"]
    assert grant["Principal"] == {"AWS": "arn:aws:iam::210987654321:root"}
    assert grant["Action"] == "lambda:InvokeFunction"


def test_a_public_and_an_iam_function_url(seeded: Any, lam: Any) -> None:
    public = lam.get_function_url_config(FunctionName="checkout-ssr")
    iam = lam.get_function_url_config(FunctionName="report-generator")
    assert (public["AuthType"], public["InvokeMode"]) == ("NONE", "BUFFERED")
    assert (iam["AuthType"], iam["InvokeMode"]) == ("AWS_IAM", "RESPONSE_STREAM")
    for url in (public, iam):
        assert re.fullmatch(
            r"https://[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws/", url["FunctionUrl"]
        )


def test_a_function_with_everything_a_console_shows(
    seeded: Any, functions: dict[str, dict[str, Any]]
) -> None:
    processor = functions["order-processor"]
    assert [layer["Arn"].split(":")[-2:] for layer in processor["Layers"]] == [
        ["acme-shared-python", "1"]
    ]
    assert processor["VpcConfig"]["SubnetIds"] and processor["VpcConfig"]["SecurityGroupIds"]
    assert processor["TracingConfig"] == {"Mode": "Active"}
    assert processor["EphemeralStorage"] == {"Size": 2048}
    assert processor["DeadLetterConfig"]["TargetArn"].endswith(":orders-dlq")
    assert functions["payment-webhook"]["KMSKeyArn"].startswith("arn:aws:kms:us-east-1:")
    assert functions["tax-calculator"]["SnapStart"]["ApplyOn"] == "PublishedVersions"


def test_snapstart_is_on_for_the_published_java_version(seeded: Any, lam: Any) -> None:
    version = lam.get_function_configuration(FunctionName="tax-calculator", Qualifier="live")
    assert version["Version"] == "1"
    assert version["SnapStart"] == {"ApplyOn": "PublishedVersions", "OptimizationStatus": "On"}


def test_account_settings_add_up(seeded: Any, lam: Any) -> None:
    settings = lam.get_account_settings()
    assert settings["AccountLimit"]["UnreservedConcurrentExecutions"] == 1000 - (50 + 1 + 2 + 5)
    assert settings["AccountUsage"]["FunctionCount"] == len(catalog.FUNCTIONS)
    assert settings["AccountUsage"]["TotalCodeSize"] > 0


@pytest.mark.slow
def test_one_function_of_each_kind_aws_added_in_2025(seeded: Any, lam: Any) -> None:
    """Managed Instances (with its capacity provider, version and scaling), durable (with a
    succeeded, a failed and a running execution) and tenant-isolated."""
    search = lam.get_function_configuration(FunctionName="catalog-search")
    provider_arn = search["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"][
        "CapacityProviderArn"
    ]
    provider = lam.get_capacity_provider(CapacityProviderName=provider_arn)["CapacityProvider"]
    assert provider["State"] == "Active" and provider_arn.endswith(
        ":capacity-provider:acme-general"
    )
    on_it = lam.list_function_versions_by_capacity_provider(CapacityProviderName="acme-general")
    assert [v["FunctionArn"].rsplit(":", 2)[-2:] for v in on_it["FunctionVersions"]] == [
        ["catalog-search", "1"]
    ]
    scaling = lam.get_function_scaling_config(FunctionName="catalog-search", Qualifier="1")
    assert scaling["AppliedFunctionScalingConfig"] == {
        "MinExecutionEnvironments": 3,
        "MaxExecutionEnvironments": 12,
    }

    workflow = lam.get_function_configuration(FunctionName="order-workflow")
    assert workflow["DurableConfig"]["ExecutionTimeout"] == 86400

    def statuses() -> dict[str, str] | None:
        listed = lam.list_durable_executions_by_function(FunctionName="order-workflow")
        found = {e["DurableExecutionName"]: e["Status"] for e in listed["DurableExecutions"]}
        return (
            found if "RUNNING" not in (found.get("order-1001"), found.get("order-1002")) else None
        )

    assert wait_for(statuses) == {
        "order-1001": "SUCCEEDED",
        "order-1002": "FAILED",
        "order-1003": "RUNNING",
    }
    tenants = lam.get_function_configuration(FunctionName="tenant-reports")
    assert tenants["TenancyConfig"] == {"TenantIsolationMode": "PER_TENANT"}
