"""The demo shop's wiring: triggers, permissions, URLs, asynchronous invocation, provisioned
concurrency, and the function settings a console shows (layers, VPC, tracing, DLQ, KMS,
SnapStart). Every value is fixed, so two seeded accounts look the same.
"""

from __future__ import annotations

from collections.abc import Callable

from . import catalog
from .catalog import ACCOUNT_ID
from .clients import SeedAccount

ORDERS_API_ID = "k7f3x9q2ma"
PARTNER_ACCOUNT = "210987654321"  # acmepay, the payment provider, calls payment-webhook
LAYER_NAME = "acme-shared-python"
VPC_CONFIG = {
    "SubnetIds": ["subnet-0a4c1e2b3d5f67890", "subnet-0b5d2f3c4e6a78901"],
    "SecurityGroupIds": ["sg-0c6e3a4b5d7f89012"],
    "Ipv6AllowedForDualStack": False,
}
KMS_KEY_ID = "5f1c2a9e-7b3d-4e8f-9a6b-0c1d2e3f4a5b"


def wire_demo(acct: SeedAccount, sources: dict[str, str], publish: Callable[[], None]) -> None:
    """Everything after the functions exist; ``publish`` publishes the releases (versions and
    aliases), after the settings the versions must keep and before what aliases need."""
    configure_functions(acct, sources)
    publish()
    connect_sources(acct, sources)
    grant_invokers(acct, sources)
    configure_invocation(acct, sources)
    configure_live_alias(acct, sources)


def configure_functions(acct: SeedAccount, sources: dict[str, str]) -> None:
    """Settings beyond the basics, made before any version is published so versions keep them.

    order-processor: a layer, a VPC, X-Ray tracing, 2 GB of /tmp and a dead-letter queue;
    payment-webhook: its environment encrypted with a customer managed KMS key;
    tax-calculator (Java 21): SnapStart on published versions.
    """
    layer = acct.lam.publish_layer_version(
        LayerName=LAYER_NAME,
        Description="Shared helpers for the Python functions",
        Content={"ZipFile": catalog.layer_package()},
        CompatibleRuntimes=["python3.12", "python3.13"],
    )
    acct.lam.update_function_configuration(
        FunctionName="order-processor",
        Layers=[layer["LayerVersionArn"]],
        VpcConfig=VPC_CONFIG,
        TracingConfig={"Mode": "Active"},
        EphemeralStorage={"Size": 2048},
        DeadLetterConfig={"TargetArn": sources["orders-dlq"]},
    )
    acct.lam.update_function_configuration(
        FunctionName="payment-webhook", KMSKeyArn=acct.arn("kms", f"key/{KMS_KEY_ID}")
    )
    acct.lam.update_function_configuration(
        FunctionName="tax-calculator", SnapStart={"ApplyOn": "PublishedVersions"}
    )


def connect_sources(acct: SeedAccount, sources: dict[str, str]) -> None:
    lam = acct.lam
    lam.create_event_source_mapping(
        EventSourceArn=sources["orders-queue"], FunctionName="order-processor", BatchSize=10
    )
    lam.create_event_source_mapping(
        EventSourceArn=sources["inventory-stream"],
        FunctionName="inventory-sync",
        StartingPosition="LATEST",
        BatchSize=100,
    )
    lam.create_event_source_mapping(
        EventSourceArn=sources["clickstream"],
        FunctionName="clickstream-ingest",
        StartingPosition="TRIM_HORIZON",
        BatchSize=500,
        MaximumBatchingWindowInSeconds=5,
    )


def grant_invokers(acct: SeedAccount, sources: dict[str, str]) -> None:
    """Resource-policy statements for the services that invoke functions."""
    lam = acct.lam
    api = sources["orders-api-id"]
    for method in ("GET", "POST"):
        lam.add_permission(
            FunctionName="orders-api",
            StatementId=f"apigateway-{method.lower()}-orders",
            Action="lambda:InvokeFunction",
            Principal="apigateway.amazonaws.com",
            SourceArn=acct.arn("execute-api", f"{api}/*/{method}/orders"),
        )
    lam.add_permission(
        FunctionName="image-thumbnailer",
        StatementId="s3-acme-uploads",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn=sources["acme-uploads"],
        SourceAccount=ACCOUNT_ID,
    )
    lam.add_permission(
        FunctionName="user-signup-notifier",
        StatementId="sns-signups",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
        SourceArn=sources["signups"],
    )
    acct.sns.subscribe(
        TopicArn=sources["signups"],
        Protocol="lambda",
        Endpoint=acct.function_arn("user-signup-notifier"),
    )
    lam.add_permission(
        FunctionName="nightly-cleanup",
        StatementId="eventbridge-nightly",
        Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com",
        SourceArn=sources["nightly-rule"],
    )
    acct.events.put_targets(
        Rule="nightly-cleanup-schedule",
        Targets=[{"Id": "nightly-cleanup", "Arn": acct.function_arn("nightly-cleanup")}],
    )
    lam.add_permission(
        FunctionName="payment-webhook",
        StatementId="acmepay-cross-account",
        Action="lambda:InvokeFunction",
        Principal=PARTNER_ACCOUNT,
    )
    lam.add_permission(
        FunctionName="checkout-ssr",
        StatementId="function-url-public",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )


def configure_invocation(acct: SeedAccount, sources: dict[str, str]) -> None:
    """Function URLs (public and IAM) and asynchronous-invocation destinations."""
    acct.lam.create_function_url_config(
        FunctionName="checkout-ssr",
        AuthType="NONE",
        Cors={"AllowOrigins": ["https://shop.example.com"], "AllowMethods": ["GET"]},
    )
    acct.lam.create_function_url_config(
        FunctionName="report-generator", AuthType="AWS_IAM", InvokeMode="RESPONSE_STREAM"
    )
    acct.lam.put_function_event_invoke_config(
        FunctionName="payment-webhook",
        MaximumRetryAttempts=1,
        MaximumEventAgeInSeconds=3600,
        DestinationConfig={
            "OnSuccess": {"Destination": acct.arn("events", "event-bus/default")},
            "OnFailure": {"Destination": sources["payments-dlq"]},
        },
    )
    acct.lam.put_function_event_invoke_config(
        FunctionName="image-thumbnailer",
        MaximumRetryAttempts=2,
        DestinationConfig={"OnFailure": {"Destination": sources["payments-dlq"]}},
    )


def configure_live_alias(acct: SeedAccount, sources: dict[str, str]) -> None:
    """orders-api's ``live`` alias: 5 provisioned environments, its own async destinations
    (unlike $LATEST's), and its own permission for the API's live stage."""
    lam = acct.lam
    lam.put_function_event_invoke_config(
        FunctionName="orders-api",
        MaximumRetryAttempts=2,
        MaximumEventAgeInSeconds=21600,
        DestinationConfig={"OnFailure": {"Destination": sources["orders-dlq"]}},
    )
    lam.put_function_event_invoke_config(
        FunctionName="orders-api",
        Qualifier="live",
        MaximumRetryAttempts=0,
        MaximumEventAgeInSeconds=900,
        DestinationConfig={
            "OnSuccess": {"Destination": acct.arn("events", "event-bus/default")},
            "OnFailure": {"Destination": sources["order-alerts"]},
        },
    )
    lam.put_provisioned_concurrency_config(
        FunctionName="orders-api", Qualifier="live", ProvisionedConcurrentExecutions=5
    )
    lam.add_permission(
        FunctionName="orders-api",
        Qualifier="live",
        StatementId="apigateway-live-orders",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=acct.arn("execute-api", f"{ORDERS_API_ID}/live/*/orders"),
    )
