"""Fill a local account: ``seed_demo`` (the realistic "acme" shop) and ``seed_functions`` (bulk).

Both talk to the account over HTTP with sealed dummy-credential clients, so they work against any
local account endpoint and never touch the user's AWS set-up.

What ``seed_demo`` creates (see ``catalog.FUNCTIONS`` for the functions themselves):

* 43 functions: Python 3.12/3.13 with real handler code, Node.js 20/22, Java 21,
  provided.al2023 and one container image; 128 MB to 16,384 MB; some arm64; all tagged.
* One of each kind AWS added in 2025: catalog-search on Lambda Managed Instances (capacity
  provider ``acme-general``, 16 GB; version 1 with 3 to 12 execution environments),
  order-workflow, a durable function (version 1, alias ``live``) with three executions (one
  succeeded, one failed at its charge-card step, one waiting for the warehouse for two hours),
  and tenant-reports, a tenant-isolated function.
* orders-api versions 1 to 4, alias ``live`` → 3 with 10 % on 4 and ``staging`` → 4;
  payment-webhook versions 1 and 2 with ``prod`` → 2; checkout-ssr version 1 with ``live``;
  tax-calculator version 1 (SnapStart On) with ``live``.
* The release flow (``release_seed``): coupon-validator and loyalty-points have version 1 behind
  alias ``live`` and their next release on $LATEST, coupon-validator's good and loyalty-points'
  broken (every invocation fails), to publish and shift traffic to; ``--demo`` invokes both
  aliases steadily (``traffic``).
* Event sources: an SQS queue → order-processor, a DynamoDB stream → inventory-sync and a
  Kinesis stream → clickstream-ingest.
* Resource policies for S3, SNS, API Gateway and EventBridge, one for orders-api's ``live``
  alias alone, and a cross-account grant to 210987654321 on payment-webhook; a public function
  URL on checkout-ssr and an AWS_IAM one (response streaming) on report-generator; async
  destinations on payment-webhook, image-thumbnailer, orders-api and (different ones) its
  ``live`` alias; reserved concurrency on four; 5 provisioned environments on orders-api
  ``live`` (READY a moment after seeding).
* Settings a console shows: order-processor has a layer (acme-shared-python), a VPC, X-Ray
  tracing, 2 GB of /tmp and a dead-letter queue; payment-webhook a KMS key; tax-calculator
  SnapStart. See ``seed_wiring``.
* Log history: a few invocations of most Python functions and two others, so the log views
  have something to show, spread over the last hour.
* A past (``history``): functions last changed from minutes to months before the seeding (a few
  today), versions published days or weeks apart.  Backdating needs the local account served by
  this process (its ``backdate`` knob); another endpoint keeps the seeding's own dates.
* A week of CloudWatch metrics (``metric_history``) for ten of the busier functions: a daily
  rhythm, an error spike on payment-webhook and throttling on report-generator in the hour
  before the seeding, orders-api's ``live`` alias split between versions 3 and 4.
* Shareable test events (the console's, in the Schemas registry) for order-processor and
  orders-api.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from . import catalog, history, metric_history
from .catalog import ACCOUNT_ID, DemoFunction
from .clients import SeedAccount, seed_account
from .events import invocation_history, shareable_events, spike_invocations
from .release_seed import seed_releases
from .seed_wiring import ORDERS_API_ID, VPC_CONFIG, wire_demo

if TYPE_CHECKING:
    from .server import LocalAccount

_TRUST_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
ROLES = ("acme-lambda-basic", "acme-lambda-data")
CAPACITY_OPERATOR_ROLE = f"arn:aws:iam::{ACCOUNT_ID}:role/acme-capacity-operator"
_BULK_RUNTIMES = ("python3.12", "python3.13", "nodejs20.x", "nodejs22.x", "java21")
_BULK_MEMORY = (128, 256, 512, 1024, 2048)


def ensure_role(iam: Any, name: str) -> str:
    """The role's ARN, creating it first if needed (moto checks a function's role exists)."""
    try:
        return str(iam.get_role(RoleName=name)["Role"]["Arn"])
    except iam.exceptions.NoSuchEntityException:
        role = iam.create_role(
            RoleName=name, Path="/service-role/", AssumeRolePolicyDocument=_TRUST_POLICY
        )
        return str(role["Role"]["Arn"])


def _parallel(work: Callable[[Any], Any], items: Any, workers: int = 16) -> None:
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lambdatui-seed") as pool:
        for _ in pool.map(work, items):
            pass  # re-raise the first failure


# -- The demo account ---------------------------------------------------------------------------


def seed_demo(endpoint_url: str, region: str = "us-east-1", *, now: datetime | None = None) -> None:
    """Create the realistic demo account described in this module's docstring; its functions'
    and versions' ages count back from ``now`` (default: the seeding's own time)."""
    seed_demo_functions(endpoint_url, region, now=now)()


def seed_demo_functions(
    endpoint_url: str, region: str = "us-east-1", *, now: datetime | None = None
) -> Callable[[], None]:
    """The demo's 43 functions, what its first screen lists, already dated; returns the rest of
    the seeding (event sources, versions, aliases and wiring, durable executions, log history,
    shareable events) to run next, so ``--demo`` can list them about a second sooner and finish
    behind the list."""
    from .server import running_account

    acct = seed_account(endpoint_url, region)
    moment = now or datetime.now(UTC)
    local = running_account(endpoint_url)
    roles = {name: ensure_role(acct.iam, name) for name in ROLES}
    provider = _create_capacity_provider(acct)
    for fn in catalog.FUNCTIONS:  # one at a time: the server shares this process's GIL
        _create_function(acct, fn, roles[fn.role], provider)
    if local is not None:
        history.backdate_functions(local.backdate, moment)

    def the_rest() -> None:
        sources = _create_sources(acct)
        wire_demo(acct, sources, publish=lambda: _publish_releases(acct))
        _start_new_kinds(acct)
        if local is not None:  # again: the seeding's own updates dated a few of them anew
            history.backdate_functions(local.backdate, moment)
            history.backdate_versions(local.backdate, moment)
        _invoke_history(acct, local)
        if local is not None:  # a week of metrics, written in-process (no such API)
            local.publish_metrics(metric_history.history(moment))
        _shareable_events(endpoint_url, region)

    return the_rest


def _create_sources(acct: SeedAccount) -> dict[str, str]:
    """The queues, streams, bucket, topic, rule and API the functions are wired to."""
    sources: dict[str, str] = {}
    for queue in ("orders-queue", "payments-dlq", "orders-dlq"):
        url = acct.sqs.create_queue(QueueName=queue)["QueueUrl"]
        attrs = acct.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        sources[queue] = attrs["Attributes"]["QueueArn"]
    table = acct.ddb.create_table(
        TableName="inventory",
        KeySchema=[{"AttributeName": "sku", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "sku", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    sources["inventory-stream"] = table["TableDescription"]["LatestStreamArn"]
    acct.kinesis.create_stream(StreamName="clickstream", ShardCount=1)
    summary = acct.kinesis.describe_stream_summary(StreamName="clickstream")
    sources["clickstream"] = summary["StreamDescriptionSummary"]["StreamARN"]
    acct.s3.create_bucket(Bucket="acme-uploads")
    sources["acme-uploads"] = "arn:aws:s3:::acme-uploads"
    for topic in ("signups", "order-alerts"):
        sources[topic] = acct.sns.create_topic(Name=topic)["TopicArn"]
    rule = acct.events.put_rule(
        Name="nightly-cleanup-schedule", ScheduleExpression="cron(0 3 * * ? *)"
    )
    sources["nightly-rule"] = rule["RuleArn"]
    # The REST API is only named in a SourceArn, which Lambda does not check; creating it in
    # moto would cost a second of imports.
    sources["orders-api-id"] = ORDERS_API_ID
    return sources


def _create_capacity_provider(acct: SeedAccount) -> str:
    """The capacity provider the Managed Instances function runs on; its ARN."""
    reply = acct.lam.create_capacity_provider(
        CapacityProviderName=catalog.CAPACITY_PROVIDER,
        VpcConfig={
            "SubnetIds": VPC_CONFIG["SubnetIds"],
            "SecurityGroupIds": VPC_CONFIG["SecurityGroupIds"],
        },
        PermissionsConfig={"CapacityProviderOperatorRoleArn": CAPACITY_OPERATOR_ROLE},
        InstanceRequirements={"Architectures": ["arm64"], "AllowedInstanceTypes": ["m8g.*"]},
        CapacityProviderScalingConfig={"ScalingMode": "Auto", "MaxVCpuCount": 64},
        Tags={"team": "platform", "app": "acme-shop"},
    )
    return str(reply["CapacityProvider"]["CapacityProviderArn"])


def _start_new_kinds(acct: SeedAccount) -> None:
    """catalog-search's version 1 and its scaling, and its $LATEST.PUBLISHED (which the console
    creates for a Managed Instances function, and which an unqualified invoke runs);
    order-workflow's version 1, alias live and
    three executions (Event invocations: the seeding does not wait for them)."""
    lam = acct.lam
    lam.publish_version(FunctionName="catalog-search", Description="index v1")
    lam.put_function_scaling_config(
        FunctionName="catalog-search",
        Qualifier="1",
        FunctionScalingConfig={"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 12},
    )
    lam.publish_version(FunctionName="catalog-search", PublishTo="LATEST_PUBLISHED")
    lam.publish_version(FunctionName="order-workflow", Description="fulfilment v1")
    lam.create_alias(FunctionName="order-workflow", Name="live", FunctionVersion="1")
    for name, event in (
        ("order-1001", {"orderId": "1001", "warehouseDelaySeconds": 0}),
        ("order-1002", {"orderId": "1002", "card": "declined", "warehouseDelaySeconds": 0}),
        ("order-1003", {"orderId": "1003", "warehouseDelaySeconds": 7200}),
    ):
        lam.invoke(
            FunctionName="order-workflow",
            Qualifier="live",
            InvocationType="Event",
            DurableExecutionName=name,
            Payload=json.dumps(event).encode(),
        )


def _create_function(
    acct: SeedAccount, fn: DemoFunction, role_arn: str, capacity_provider: str = ""
) -> None:
    params: dict[str, Any] = {
        "FunctionName": fn.name,
        "Role": role_arn,
        "Code": catalog.code_for(fn),
        "Description": fn.description,
        "Timeout": fn.timeout,
        "MemorySize": fn.memory,
        "PackageType": fn.package_type,
        "Architectures": [fn.arch],
        "Tags": catalog.tags_for(fn),
    }
    if fn.runtime:
        params.update(Runtime=fn.runtime, Handler=fn.handler)
    if fn.env:
        params["Environment"] = {"Variables": dict(fn.env)}
    if fn.logging:
        params["LoggingConfig"] = dict(fn.logging)
    if fn.managed_instances:
        params["CapacityProviderConfig"] = {
            "LambdaManagedInstancesCapacityProviderConfig": {
                "CapacityProviderArn": capacity_provider,
                "PerExecutionEnvironmentMaxConcurrency": 16,
                "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0,
            }
        }
    if fn.durable is not None:
        params["DurableConfig"] = dict(fn.durable)
    if fn.tenant_isolated:
        params["TenancyConfig"] = {"TenantIsolationMode": "PER_TENANT"}
    acct.lam.create_function(**params)
    if fn.reserved is not None:
        acct.lam.put_function_concurrency(
            FunctionName=fn.name, ReservedConcurrentExecutions=fn.reserved
        )


def _release(
    acct: SeedAccount, name: str, env: dict[str, str], description: str, code: bytes = b""
) -> str:
    """Change the function's configuration (and its code, when given), then publish it as a
    new version."""
    if code:
        acct.lam.update_function_code(FunctionName=name, ZipFile=code)
    acct.lam.update_function_configuration(FunctionName=name, Environment={"Variables": env})
    return str(acct.lam.publish_version(FunctionName=name, Description=description)["Version"])


def _publish_releases(acct: SeedAccount) -> None:
    lam = acct.lam
    lam.publish_version(FunctionName="orders-api", Description="release 1.0.0")
    for release in ("1.1.0", "1.2.0", "1.3.0"):
        env = {**catalog.ORDERS_ENV, "APP_VERSION": release}
        code = catalog.orders_release_package() if release == "1.3.0" else b""
        _release(acct, "orders-api", env, f"release {release}", code)
    lam.create_alias(
        FunctionName="orders-api",
        Name="live",
        FunctionVersion="3",
        Description="Production traffic; 10 % canary on version 4",
        RoutingConfig={"AdditionalVersionWeights": {"4": 0.1}},
    )
    lam.create_alias(
        FunctionName="orders-api", Name="staging", FunctionVersion="4", Description="Staging"
    )

    payment = next(fn for fn in catalog.FUNCTIONS if fn.name == "payment-webhook")
    lam.publish_version(FunctionName=payment.name, Description="first release")
    _release(acct, payment.name, {**payment.env, "RETRIES": "2"}, "retry declined captures")
    lam.create_alias(FunctionName=payment.name, Name="prod", FunctionVersion="2")

    lam.publish_version(FunctionName="checkout-ssr", Description="launch")
    lam.create_alias(FunctionName="checkout-ssr", Name="live", FunctionVersion="1")

    lam.publish_version(FunctionName="tax-calculator", Description="SnapStart release")
    lam.create_alias(FunctionName="tax-calculator", Name="live", FunctionVersion="1")
    seed_releases(acct)


def _invoke_history(acct: SeedAccount, local: LocalAccount | None) -> None:
    """A few real invocations, so the demo's log groups are not empty; then their lines are
    moved back over the last hour (``history``), as if they had come in one by one."""
    invocations = invocation_history()

    def run(name: str, qualifier: str | None, event: Any) -> Callable[[], None]:
        params: dict[str, Any] = {"FunctionName": name, "Payload": json.dumps(event).encode()}
        if qualifier:
            params["Qualifier"] = qualifier
        return lambda: acct.lam.invoke(**params)["Payload"].read()

    offsets = history.history_offsets(len(invocations))
    windows = history.timed_runs(
        [run(*invocation) for invocation in invocations], offsets, datetime.now(UTC)
    )
    # payment-webhook's error spike has its declined payments in the logs, one every other
    # minute of it (its Errors graph says ~60 % of its calls then; these are a sample)
    spike = spike_invocations(metric_history.SPIKE_MINUTES // 2)
    spike_offsets = [
        timedelta(minutes=metric_history.SPIKE_START - 2 * n, seconds=-20)
        for n in range(len(spike))
    ]
    windows += history.timed_runs(
        [run(*invocation) for invocation in spike], spike_offsets, datetime.now(UTC)
    )
    groups = {
        acct.lam.get_function_configuration(FunctionName=name)["LoggingConfig"]["LogGroup"]
        for name in {name for name, _, _ in invocations + spike}
    }
    history.move_log_history(acct.logs, groups, windows)
    if local is not None:  # their metrics too: Lambda published them as they ran
        local.move_metrics(lambda ms: history.moved(windows, ms))


def _shareable_events(endpoint_url: str, region: str) -> None:
    """The console's shareable test events of two functions, where the console keeps them:
    the EventBridge Schemas registry, one OpenAPI document per function."""
    from ..aws.schemas_gateway import REGISTRY, SCHEMA_TYPE, new_document, schema_name
    from .clients import client_config, local_session

    schemas = local_session(region).client(
        "schemas", endpoint_url=endpoint_url, config=client_config(2)
    )
    schemas.create_registry(RegistryName=REGISTRY)
    for function, events in shareable_events().items():
        (first, value), *more = events.items()
        document = new_document(first, value)  # as the console saves the first event
        document["components"]["examples"].update({n: {"value": v} for n, v in more})
        schemas.create_schema(
            RegistryName=REGISTRY,
            SchemaName=schema_name(function),
            Type=SCHEMA_TYPE,
            Content=json.dumps(document),
        )


# -- Bulk ---------------------------------------------------------------------------------------


def seed_functions(
    endpoint_url: str, count: int, region: str = "us-east-1", prefix: str = "fn"
) -> None:
    """Create ``count`` plain functions named ``<prefix>-00000`` onwards.

    Runtimes, memory sizes and timeouts cycle deterministically; all share one tiny deployment
    package. When the endpoint is a local account served by this process, the functions go
    straight into its moto backend (the same objects CreateFunction would make, about ten times
    faster than 2,000 signed HTTP calls); any other endpoint gets CreateFunction calls from a
    thread pool.
    """
    role = ensure_role(seed_account(endpoint_url, region).iam, ROLES[0])
    package = catalog.python_package("hello")
    width = max(5, len(str(max(count - 1, 0))))
    specs = [_bulk_spec(prefix, index, width, role) for index in range(count)]

    from .server import running_account

    account = running_account(endpoint_url)
    if account is not None:
        _create_in_process(account.account_id, region, specs, package)
        return
    lam = seed_account(endpoint_url, region).lam
    _parallel(lambda spec: lam.create_function(**spec, Code={"ZipFile": package}), specs)


def _bulk_spec(prefix: str, index: int, width: int, role: str) -> dict[str, Any]:
    runtime = _BULK_RUNTIMES[index % len(_BULK_RUNTIMES)]
    return {
        "FunctionName": f"{prefix}-{index:0{width}d}",
        "Runtime": runtime,
        "Role": role,
        "Handler": "hello.handler" if runtime.startswith("python") else "index.handler",
        "MemorySize": _BULK_MEMORY[index % len(_BULK_MEMORY)],
        "Timeout": 3 + index % 10,
        "Description": f"Bulk function {index}",
    }


def _create_in_process(
    account_id: str, region: str, specs: list[dict[str, Any]], package: bytes
) -> None:
    from .function_state import lambda_backend

    backend = lambda_backend(account_id, region)
    code = base64.b64encode(package).decode()  # as CreateFunction's JSON body carries it
    for spec in specs:
        if backend.list_versions_by_function(spec["FunctionName"]):
            raise ValueError(f"Function already exist: {spec['FunctionName']}")
        backend.create_function({**spec, "Code": {"ZipFile": code}})
