"""Pure trigger parsing: ARNs, event sources, policy principals, conditions and flags."""

from __future__ import annotations

import json

import pytest

from lambdatui.aws import triggers
from lambdatui.aws.config import EventSourceMapping, PolicyStatement

ACCOUNT = "123456789012"
OTHER = "210987654321"
FN_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders-api"
API_ARN = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:k7f3x9q2ma"


# -- ARNs ---------------------------------------------------------------------------------------


def test_split_arn_keeps_colons_of_the_resource() -> None:
    arn = triggers.split_arn(f"{FN_ARN}:live")
    assert arn is not None
    assert (arn.service, arn.region, arn.account) == ("lambda", "us-east-1", ACCOUNT)
    assert arn.resource == "function:orders-api:live"
    assert triggers.split_arn("orders-api") is None
    assert triggers.split_arn("") is None


def test_account_of_is_empty_for_buckets_and_non_arns() -> None:
    assert triggers.account_of(FN_ARN) == ACCOUNT
    assert triggers.account_of("arn:aws:s3:::acme-uploads") == ""
    assert triggers.account_of("arn:aws:sns:us-east-1:*:topic") == ""
    assert triggers.account_of("not an arn") == ""


def test_function_arn_qualifiers() -> None:
    assert triggers.qualifier_of(f"{FN_ARN}:live") == "live"
    assert triggers.qualifier_of(f"{FN_ARN}:3") == "3"
    assert triggers.qualifier_of(FN_ARN) is None
    assert triggers.qualifier_of(f"{FN_ARN}:$LATEST") is None
    assert triggers.unqualified_function_arn(f"{FN_ARN}:$LATEST") == FN_ARN
    assert triggers.unqualified_function_arn(FN_ARN) == FN_ARN
    assert triggers.unqualified_function_arn("orders-api") == "orders-api"


def test_layer_version_is_read_from_the_arn() -> None:
    assert triggers.layer_version(f"arn:aws:lambda:eu-west-1:{ACCOUNT}:layer:shared-deps:7") == (
        "shared-deps",
        7,
    )
    assert triggers.layer_version(f"arn:aws:lambda:eu-west-1:{ACCOUNT}:layer:shared-deps") == (
        "shared-deps",
        None,
    )
    assert triggers.layer_version("garbage") == ("garbage", None)


# -- Event sources ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arn", "kind", "name"),
    [
        (f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders-queue", "SQS", "orders-queue"),
        (f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders.fifo", "SQS", "orders.fifo"),
        (f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clickstream", "Kinesis", "clickstream"),
        (
            f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clicks/consumer/fanout:1700000000",
            "Kinesis",
            "clicks (consumer fanout)",
        ),
        (
            f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/inventory/stream/2024-06-01T09:30:00.000",
            "DynamoDB Streams",
            "inventory (stream 2024-06-01T09:30:00.000)",
        ),
        (
            f"arn:aws:kafka:us-east-1:{ACCOUNT}:cluster/events-msk/0f1e2d3c-aaaa-bbbb-cccc-1234-5",
            "MSK",
            "events-msk",
        ),
        (
            f"arn:aws:mq:us-east-1:{ACCOUNT}:broker:orders-broker:b-1234a5b6-78cd-901e-2fgh",
            "MQ",
            "orders-broker",
        ),
        (f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:catalog-docdb", "DocumentDB", "catalog-docdb"),
        ("arn:aws:s3:::acme-uploads", "other", "acme-uploads"),
    ],
)
def test_event_source_kind_and_name(arn: str, kind: str, name: str) -> None:
    assert triggers.source_kind(arn) == kind
    assert triggers.source_name(arn) == name


def test_self_managed_kafka_is_named_by_its_brokers() -> None:
    item = {
        "UUID": "u-1",
        "SelfManagedEventSource": {
            "Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1.example.com:9092", "b2.example.com:9092"]}
        },
        "Topics": ["orders"],
        "State": "Creating",
    }
    assert triggers.event_source(item) == ("Kafka", "b1.example.com:9092,b2.example.com:9092")
    mapping = EventSourceMapping.from_api(item)
    assert mapping.source_kind == "Kafka"
    assert mapping.source_arn == ""
    assert mapping.topics == ("orders",)
    assert not mapping.enabled


def test_documentdb_source_names_database_and_collection() -> None:
    item = {
        "EventSourceArn": f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:catalog-docdb",
        "DocumentDBEventSourceConfig": {"DatabaseName": "shop", "CollectionName": "products"},
    }
    assert triggers.event_source(item) == ("DocumentDB", "catalog-docdb (shop.products)")


def test_event_source_mapping_record_from_a_full_reply() -> None:
    item = {
        "UUID": "a1b2",
        "EventSourceArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders-queue",
        "FunctionArn": f"{FN_ARN}:live",
        "State": "Updating",
        "StateTransitionReason": "USER_INITIATED",
        "BatchSize": 10,
        "MaximumBatchingWindowInSeconds": 2,
        "FilterCriteria": {
            "Filters": [{"Pattern": '{"body": {"type": ["order"]}}'}, {"Pattern": "{}"}]
        },
        "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:1:dlq"}},
        "LastProcessingResult": "OK",
        "Queues": ["orders"],
    }
    mapping = EventSourceMapping.from_api(item)
    assert mapping.source_kind == "SQS" and mapping.source_name == "orders-queue"
    assert mapping.enabled  # Updating counts as enabled
    assert mapping.filter_patterns == ('{"body": {"type": ["order"]}}', "{}")
    assert mapping.on_failure == "arn:aws:sqs:us-east-1:1:dlq"
    assert (mapping.batch_size, mapping.batching_window_s) == (10, 2)
    assert mapping.last_processing_result == "OK"
    assert mapping.raw["UUID"] == "a1b2"
    assert "raw" not in repr(mapping)
    with pytest.raises(TypeError):
        mapping.raw["UUID"] = "changed"  # type: ignore[index]


# -- Principals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "label"),
    [
        ("*", "*"),
        ({"AWS": "*"}, "*"),
        ({"Service": "s3.amazonaws.com"}, "S3"),
        ("sns.amazonaws.com", "SNS"),
        ({"Service": "apigateway.amazonaws.com"}, "API Gateway"),
        ({"Service": "events.amazonaws.com"}, "EventBridge"),
        ({"Service": "logs.eu-west-1.amazonaws.com"}, "CloudWatch Logs"),
        ({"Service": "iot.amazonaws.com"}, "IoT"),
        ({"Service": "alexa-appkit.amazon.com"}, "Alexa Skills Kit"),
        ({"Service": "cognito-idp.amazonaws.com"}, "Cognito"),
        ({"Service": "sqs.amazonaws.com"}, "SQS"),
        ({"Service": "secretsmanager.amazonaws.com"}, "Secrets Manager"),
        ({"Service": "elasticloadbalancing.amazonaws.com"}, "ELB"),
        ({"Service": "lambda.alarms.cloudwatch.amazonaws.com"}, "CloudWatch Alarms"),
        ({"Service": "newthing.amazonaws.com"}, "newthing"),
        ({"AWS": f"arn:aws:iam::{OTHER}:root"}, f"account {OTHER}"),
        ({"AWS": OTHER}, f"account {OTHER}"),
        (OTHER, f"account {OTHER}"),
        (
            {"AWS": f"arn:aws:iam::{OTHER}:role/service-role/deployer"},
            f"role deployer (account {OTHER})",
        ),
        (
            {"AWS": [f"arn:aws:iam::{OTHER}:root", f"arn:aws:iam::{ACCOUNT}:root"]},
            f"account {OTHER}, account {ACCOUNT}",
        ),
        ({"Service": ["s3.amazonaws.com", "sns.amazonaws.com"]}, "S3, SNS"),
        (None, "-"),
    ],
)
def test_principal_labels(principal: object, label: str) -> None:
    assert triggers.principal_label(principal) == label


def test_principal_accounts_reads_ids_and_iam_arns() -> None:
    principal = {"AWS": [OTHER, f"arn:aws:iam::{ACCOUNT}:user/ci", "*"]}
    assert triggers.principal_accounts(principal) == (OTHER, ACCOUNT)
    assert triggers.principal_accounts({"Service": "s3.amazonaws.com"}) == ()


# -- Conditions and resources -------------------------------------------------------------------


def test_condition_keys_and_operators_are_case_insensitive() -> None:
    statement = {
        "Condition": {
            "arnlike": {"aws:sourcearn": "arn:aws:s3:::a"},
            "StringEquals": {"AWS:SourceAccount": ACCOUNT},
            "ForAnyValue:StringLike": {"aws:PrincipalOrgID": ["o-abc", "o-def"]},
        }
    }
    assert triggers.conditions(statement) == {
        "aws:sourcearn": ("arn:aws:s3:::a",),
        "aws:sourceaccount": (ACCOUNT,),
        "aws:principalorgid": ("o-abc", "o-def"),
    }


@pytest.mark.parametrize(
    ("source_arn", "resource"),
    [
        ("arn:aws:s3:::acme-uploads", "acme-uploads"),
        (f"arn:aws:sns:us-east-1:{ACCOUNT}:signups", "signups"),
        (
            f"arn:aws:execute-api:us-east-1:{ACCOUNT}:k7f3x9q2ma/*/GET/orders",
            "k7f3x9q2ma GET /orders",
        ),
        (
            f"arn:aws:execute-api:us-east-1:{ACCOUNT}:k7f3x9q2ma/prod/POST/orders/{{id}}",
            "k7f3x9q2ma (prod) POST /orders/{id}",
        ),
        (f"arn:aws:execute-api:us-east-1:{ACCOUNT}:k7f3x9q2ma/*/*/*", "k7f3x9q2ma"),
        (f"arn:aws:execute-api:us-east-1:{ACCOUNT}:k7f3x9q2ma/*/*/items", "k7f3x9q2ma ANY /items"),
        (f"arn:aws:execute-api:us-east-1:{ACCOUNT}:ws1/prod/$connect", "ws1 (prod) $connect"),
        (f"arn:aws:execute-api:us-east-1:{ACCOUNT}:k7f3/authorizers/au1", "k7f3 authorizer au1"),
        (f"arn:aws:events:us-east-1:{ACCOUNT}:rule/nightly-cleanup", "nightly-cleanup"),
        (f"arn:aws:events:us-east-1:{ACCOUNT}:rule/orders-bus/on-paid", "on-paid (bus orders-bus)"),
        (f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/ecs/app:*", "/aws/ecs/app"),
        (f"arn:aws:iot:us-east-1:{ACCOUNT}:rule/sensor_rule", "sensor_rule"),
        (
            f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/us-east-1_ab12",
            "user pool us-east-1_ab12",
        ),
        (f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db-AbCdEf", "db-AbCdEf"),
        (
            f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/web-tg/6d0ecf831eec9f09",
            "target group web-tg",
        ),
        (f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders-queue", "orders-queue"),
        ("not-an-arn", "not-an-arn"),
    ],
)
def test_source_resource_names(source_arn: str, resource: str) -> None:
    assert triggers.source_resource(source_arn) == resource


def test_statement_resource_falls_back_on_other_conditions() -> None:
    assert triggers.statement_resource(
        {"Condition": {"StringEquals": {"AWS:SourceAccount": OTHER}}}
    ) == (f"account {OTHER}")
    url = {"Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}
    assert triggers.statement_resource(url) == "function URL (auth NONE)"
    assert triggers.statement_resource({"FunctionUrlAuthType": "AWS_IAM"}) == (
        "function URL (auth AWS_IAM)"
    )
    via_url = {"Condition": {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}}
    assert triggers.statement_resource(via_url) == "function URL"
    alexa = {"Condition": {"StringEquals": {"lambda:EventSourceToken": "amzn1.ask.skill.1"}}}
    assert triggers.statement_resource(alexa) == "token amzn1.ask.skill.1"
    org = {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}
    assert triggers.statement_resource(org) == "organization o-abc123"
    assert triggers.statement_resource({}) == ""


# -- Flags --------------------------------------------------------------------------------------


def test_public_means_anyone_without_a_narrowing_condition() -> None:
    assert triggers.is_public({"Principal": "*"})
    assert triggers.is_public({"Principal": {"AWS": "*"}})
    assert triggers.is_public(
        {
            "Principal": "*",
            "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}},
        }
    )
    assert triggers.is_public(  # the InvokeFunction half of a public function URL
        {"Principal": "*", "Condition": {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}}
    )
    for key, value in (
        ("AWS:SourceArn", "arn:aws:s3:::bucket"),
        ("aws:sourceaccount", ACCOUNT),
        ("aws:PrincipalOrgID", "o-abc123"),
    ):
        assert not triggers.is_public(
            {"Principal": "*", "Condition": {"StringEquals": {key: value}}}
        )
    assert not triggers.is_public({"Principal": {"Service": "s3.amazonaws.com"}})


def test_cross_account_by_principal_source_account_or_source_arn() -> None:
    assert triggers.is_cross_account({"Principal": {"AWS": f"arn:aws:iam::{OTHER}:root"}}, ACCOUNT)
    assert not triggers.is_cross_account({"Principal": {"AWS": ACCOUNT}}, ACCOUNT)
    by_source_account = {
        "Principal": {"Service": "s3.amazonaws.com"},
        "Condition": {"StringEquals": {"AWS:SourceAccount": OTHER}},
    }
    assert triggers.is_cross_account(by_source_account, ACCOUNT)
    by_source_arn = {
        "Principal": {"Service": "sns.amazonaws.com"},
        "Condition": {"ArnLike": {"AWS:SourceArn": f"arn:aws:sns:us-east-1:{OTHER}:t"}},
    }
    assert triggers.is_cross_account(by_source_arn, ACCOUNT)
    bucket = {
        "Principal": {"Service": "s3.amazonaws.com"},
        "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::any-bucket"}},
    }
    assert not triggers.is_cross_account(bucket, ACCOUNT)  # S3 ARNs name no account
    assert not triggers.is_cross_account({"Principal": {"AWS": OTHER}}, "")  # unknown: say no


# -- Whole policies -----------------------------------------------------------------------------

#: A resource policy as GetPolicy returns it from AWS (shapes taken from real replies).
REAL_POLICY = {
    "Version": "2012-10-17",
    "Id": "default",
    "Statement": [
        {
            "Sid": "apigw-get-orders",
            "Effect": "Allow",
            "Principal": {"Service": "apigateway.amazonaws.com"},
            "Action": "lambda:InvokeFunction",
            "Resource": FN_ARN,
            "Condition": {"ArnLike": {"AWS:SourceArn": f"{API_ARN}/*/GET/orders"}},
        },
        {
            "Sid": "s3-uploads",
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "lambda:InvokeFunction",
            "Resource": FN_ARN,
            "Condition": {
                "StringEquals": {"AWS:SourceAccount": ACCOUNT},
                "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::acme-uploads"},
            },
        },
        {
            "Sid": "partner",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{OTHER}:root"},
            "Action": "lambda:InvokeFunction",
            "Resource": f"{FN_ARN}:live",
        },
        {
            "Sid": "FunctionURLAllowPublicAccess",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "lambda:InvokeFunctionUrl",
            "Resource": FN_ARN,
            "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}},
        },
        {
            "Sid": "logs",
            "Effect": "Allow",
            "Principal": {"Service": "logs.us-east-1.amazonaws.com"},
            "Action": ["lambda:InvokeFunction", "lambda:GetFunction"],
            "Resource": FN_ARN,
            "Condition": {
                "StringEquals": {"aws:sourceAccount": ACCOUNT},
                "arnLike": {"aws:sourceArn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/app:*"},
            },
        },
    ],
}


def test_policy_statements_accept_a_json_string_a_dict_or_one_statement() -> None:
    assert len(triggers.policy_statements(json.dumps(REAL_POLICY))) == 5
    assert len(triggers.policy_statements(REAL_POLICY)) == 5
    single = {"Statement": {"Sid": "only", "Principal": "*"}}
    assert [s["Sid"] for s in triggers.policy_statements(single)] == ["only"]
    assert triggers.policy_statements("") == ()
    assert triggers.policy_statements(None) == ()


def test_function_account_comes_from_the_resource_arn() -> None:
    assert triggers.function_account(triggers.policy_statements(REAL_POLICY)) == ACCOUNT
    assert triggers.function_account([{"Resource": "*"}]) == ""


def test_policy_statement_records_of_a_real_policy() -> None:
    statements = [PolicyStatement.from_api(s) for s in triggers.policy_statements(REAL_POLICY)]
    by_sid = {s.sid: s for s in statements}

    api = by_sid["apigw-get-orders"]
    assert (api.principal, api.resource, api.public, api.cross_account) == (
        "API Gateway",
        "k7f3x9q2ma GET /orders",
        False,
        False,
    )
    s3 = by_sid["s3-uploads"]
    assert (s3.principal, s3.resource, s3.source_account) == ("S3", "acme-uploads", ACCOUNT)
    assert s3.source_arn == "arn:aws:s3:::acme-uploads"

    partner = by_sid["partner"]
    assert partner.principal == f"account {OTHER}"
    assert partner.cross_account and not partner.public

    url = by_sid["FunctionURLAllowPublicAccess"]
    assert url.public and url.principal == "*"
    assert url.action == "lambda:InvokeFunctionUrl"
    assert url.resource == "function URL (auth NONE)"

    logs = by_sid["logs"]
    assert logs.principal == "CloudWatch Logs"
    assert logs.resource == "/app"
    assert logs.action == "lambda:InvokeFunction, lambda:GetFunction"
    assert logs.raw["Sid"] == "logs"
    assert all(s.effect == "Allow" for s in statements)


def test_an_explicit_function_account_wins() -> None:
    statement = {"Principal": {"AWS": OTHER}, "Resource": f"arn:aws:lambda:us-east-1:{OTHER}:x"}
    assert not PolicyStatement.from_api(statement).cross_account
    assert PolicyStatement.from_api(statement, function_account=ACCOUNT).cross_account
