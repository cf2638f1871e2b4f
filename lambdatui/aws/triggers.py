"""Pure parsing for triggers: ARNs, event sources, resource-policy principals and conditions.

No I/O and no records: small functions from API values to what the UI shows, each tested on
its own (``tests/aws/test_triggers.py``). ``config.py`` builds its records with them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from . import qualifiers

_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$")
_ACCOUNT = re.compile(r"^\d{12}$")

#: Event-source kind per ARN service.
_SOURCE_KINDS = {
    "sqs": "SQS",
    "kinesis": "Kinesis",
    "dynamodb": "DynamoDB Streams",
    "kafka": "MSK",
    "mq": "MQ",
    "rds": "DocumentDB",  # DocumentDB clusters have rds ARNs; no other rds source exists
    "docdb": "DocumentDB",
}

#: Display names of service principals, keyed by the host without ".amazonaws.com" / region.
SERVICE_NAMES = {
    "s3": "S3",
    "sns": "SNS",
    "sqs": "SQS",
    "apigateway": "API Gateway",
    "events": "EventBridge",
    "scheduler": "EventBridge Scheduler",
    "pipes": "EventBridge Pipes",
    "logs": "CloudWatch Logs",
    "lambda.alarms.cloudwatch": "CloudWatch Alarms",
    "iot": "IoT",
    "iotevents": "IoT Events",
    "alexa-appkit": "Alexa Skills Kit",
    "alexa-connectedhome": "Alexa Smart Home",
    "cognito-idp": "Cognito",
    "cognito-sync": "Cognito Sync",
    "secretsmanager": "Secrets Manager",
    "elasticloadbalancing": "ELB",
    "lex": "Lex",
    "states": "Step Functions",
    "cloudformation": "CloudFormation",
    "config": "AWS Config",
    "codecommit": "CodeCommit",
    "ses": "SES",
    "appsync": "AppSync",
    "connect": "Amazon Connect",
    "kafka": "MSK",
    "mq": "MQ",
    "dynamodb": "DynamoDB",
    "kinesis": "Kinesis",
    "edgelambda": "Lambda@Edge",
    "lambda": "Lambda",
    "serverlessrepo": "Serverless Application Repository",
}
_SERVICE_SUFFIXES = (".amazonaws.com.cn", ".amazonaws.com", ".amazon.com")

#: Condition keys that limit who may call: a ``*`` principal with one of them is not public.
_LIMITING_KEYS = (
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:principalorgid",
    "aws:principalaccount",
    "lambda:eventsourcetoken",
)


# -- ARNs ---------------------------------------------------------------------------------------


class Arn(NamedTuple):
    partition: str
    service: str
    region: str
    account: str
    resource: str  # everything after the account, e.g. "function:orders-api:live"


def split_arn(arn: str) -> Arn | None:
    """The parts of an ARN, or None when ``arn`` is not one."""
    parts = (arn or "").split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    return Arn(*parts[1:])


def account_of(arn: str) -> str:
    """The account ID in an ARN ('' for S3 buckets, non-ARNs and wildcards)."""
    parts = split_arn(arn)
    return parts.account if parts and _ACCOUNT.match(parts.account) else ""


def unqualified_function_arn(arn: str) -> str:
    """'arn:…:function:name:qualifier' → 'arn:…:function:name' (other text unchanged)."""
    parts = split_arn(arn)
    if parts is None or not parts.resource.startswith("function:"):
        return arn
    name = parts.resource.split(":")[1]
    return f"arn:{parts.partition}:{parts.service}:{parts.region}:{parts.account}:function:{name}"


def qualifier_of(arn: str) -> str | None:
    """The version or alias at the end of a function ARN; None for an unqualified one.

    ``$LATEST`` counts as unqualified: AWS names the unqualified function's event-invoke config
    'function:name:$LATEST'.
    """
    parts = split_arn(arn)
    if parts is None or not parts.resource.startswith("function:"):
        return None
    pieces = parts.resource.split(":")
    qualifier = pieces[2] if len(pieces) > 2 else ""
    return qualifiers.api_qualifier(qualifier)


def layer_version(arn: str) -> tuple[str, int | None]:
    """'arn:…:layer:shared-deps:7' → ('shared-deps', 7); the version is None when absent."""
    parts = split_arn(arn)
    if parts is None or not parts.resource.startswith("layer:"):
        return arn, None
    pieces = parts.resource.split(":")
    name = pieces[1] if len(pieces) > 1 else ""
    version = pieces[2] if len(pieces) > 2 else ""
    return name, int(version) if version.isdigit() else None


# -- Event sources ------------------------------------------------------------------------------


def source_kind(event_source_arn: str, *, self_managed: bool = False) -> str:
    """'SQS' | 'Kinesis' | 'DynamoDB Streams' | 'MSK' | 'Kafka' | 'MQ' | 'DocumentDB' | 'other'."""
    parts = split_arn(event_source_arn)
    if parts is None:
        return "Kafka" if self_managed else "other"
    return _SOURCE_KINDS.get(parts.service, "other")


def source_name(event_source_arn: str) -> str:
    """The queue, stream, table, cluster or broker an event-source ARN names."""
    parts = split_arn(event_source_arn)
    if parts is None:
        return event_source_arn
    resource = parts.resource
    if parts.service == "kinesis":
        pieces = resource.split("/")
        if len(pieces) >= 4 and pieces[2] == "consumer":
            return f"{pieces[1]} (consumer {pieces[3].split(':')[0]})"
        return pieces[1] if len(pieces) > 1 else resource
    if parts.service == "dynamodb":
        pieces = resource.split("/")
        if len(pieces) >= 4 and pieces[2] == "stream":
            return f"{pieces[1]} (stream {pieces[3]})"
        return pieces[1] if len(pieces) > 1 else resource
    if parts.service == "kafka":  # cluster/<name>/<uuid>
        pieces = resource.split("/")
        return pieces[1] if len(pieces) > 1 else resource
    if parts.service in ("mq", "rds", "docdb"):  # broker:<name>:<id>, cluster:<name>
        pieces = resource.split(":")
        return pieces[1] if len(pieces) > 1 else resource
    return _last_segment(resource)


def event_source(mapping: Mapping[str, Any]) -> tuple[str, str]:
    """(kind, name) of an event-source mapping as ListEventSourceMappings returns it."""
    arn = str(mapping.get("EventSourceArn") or "")
    servers = ((mapping.get("SelfManagedEventSource") or {}).get("Endpoints") or {}).get(
        "KAFKA_BOOTSTRAP_SERVERS"
    ) or ()
    kind = source_kind(arn, self_managed=bool(servers) or not arn)
    if not arn:
        return kind, ",".join(str(s) for s in servers)
    name = source_name(arn)
    docdb = mapping.get("DocumentDBEventSourceConfig") or {}
    if kind == "DocumentDB" and docdb.get("DatabaseName"):
        where = ".".join(str(docdb[k]) for k in ("DatabaseName", "CollectionName") if docdb.get(k))
        name = f"{name} ({where})"
    return kind, name


# -- Resource policies --------------------------------------------------------------------------


def policy_statements(document: str | Mapping[str, Any] | None) -> tuple[Mapping[str, Any], ...]:
    """The statements of a policy document (a JSON string, as GetPolicy returns it, or a dict)."""
    if not document:
        return ()
    data = json.loads(document) if isinstance(document, str) else document
    statements = data.get("Statement") if isinstance(data, Mapping) else None
    if isinstance(statements, Mapping):
        return (statements,)
    if isinstance(statements, list):
        return tuple(s for s in statements if isinstance(s, Mapping))
    return ()


def _values(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | int):
        return (str(value),)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    return (str(value),)


def _principal_entries(principal: Any) -> tuple[tuple[str, str], ...]:
    """(type, value) pairs: type 'AWS', 'Service', 'Federated', 'CanonicalUser' or '*'."""
    if isinstance(principal, Mapping):
        return tuple((str(kind), v) for kind, value in principal.items() for v in _values(value))
    entries = []
    for value in _values(principal):
        if value == "*":
            entries.append(("*", value))
        elif value.endswith(_SERVICE_SUFFIXES):
            entries.append(("Service", value))
        else:
            entries.append(("AWS", value))
    return tuple(entries)


def service_label(service: str) -> str:
    """'s3.amazonaws.com' → 'S3', 'logs.eu-west-1.amazonaws.com' → 'CloudWatch Logs'."""
    host = service.lower()
    for suffix in _SERVICE_SUFFIXES:
        if host.endswith(suffix):
            host = host[: -len(suffix)]
            break
    key = ".".join(label for label in host.split(".") if not _REGION.match(label))
    return SERVICE_NAMES.get(key, key or service)


def _aws_principal_label(value: str) -> str:
    if value == "*":
        return "*"
    if _ACCOUNT.match(value):
        return f"account {value}"
    parts = split_arn(value)
    if parts is None or not _ACCOUNT.match(parts.account):
        return value
    if parts.resource == "root":
        return f"account {parts.account}"
    kind, _, rest = parts.resource.partition("/")
    name = rest.rsplit("/", 1)[-1] if kind in ("role", "user") else rest
    return f"{kind.replace('-', ' ')} {name} (account {parts.account})"


def principal_label(principal: Any) -> str:
    """Who a statement lets in: 'S3', 'account 123456789012', 'role deploy (account …)', '*'."""
    labels: list[str] = []
    for kind, value in _principal_entries(principal):
        if kind == "*" or value == "*":
            label = "*"
        elif kind == "Service":
            label = service_label(value)
        elif kind == "AWS":
            label = _aws_principal_label(value)
        else:
            label = f"{kind.lower()} {value}"
        if label not in labels:
            labels.append(label)
    return ", ".join(labels) or "-"


def principal_accounts(principal: Any) -> tuple[str, ...]:
    """The accounts named by AWS principals (bare IDs and IAM ARNs)."""
    accounts: list[str] = []
    for kind, value in _principal_entries(principal):
        if kind != "AWS":
            continue
        account = value if _ACCOUNT.match(value) else account_of(value)
        if account and account not in accounts:
            accounts.append(account)
    return tuple(accounts)


def is_wildcard_principal(principal: Any) -> bool:
    return any(kind == "*" or value == "*" for kind, value in _principal_entries(principal))


def conditions(statement: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Every condition key (lower case) → its values, whatever the operator.

    IAM compares condition keys and operators case-insensitively; so does this. A
    ``FunctionUrlAuthType`` at the statement's top level (as some emulators write it) counts too.
    """
    found: dict[str, tuple[str, ...]] = {}
    block = statement.get("Condition")
    if isinstance(block, Mapping):
        for tests in block.values():
            if not isinstance(tests, Mapping):
                continue
            for key, value in tests.items():
                found[str(key).lower()] = found.get(str(key).lower(), ()) + _values(value)
    for key, value in statement.items():
        if str(key).lower() == "functionurlauthtype":
            found.setdefault("lambda:functionurlauthtype", _values(value))
    return found


def source_resource(source_arn: str) -> str:
    """What a SourceArn points to, named as its console would: bucket, topic, API route, rule…"""
    parts = split_arn(source_arn)
    if parts is None:
        return source_arn
    service, resource = parts.service, parts.resource
    if service == "execute-api":
        return _api_route(resource)
    if service in ("events", "scheduler"):  # rule/[bus/]name, schedule/group/name
        pieces = resource.split("/")
        group = pieces[1] if len(pieces) > 2 else "default"
        if group == "default":
            return pieces[-1]
        return f"{pieces[-1]} ({'bus' if service == 'events' else 'group'} {group})"
    if service == "logs":  # log-group:<name>[:*]
        pieces = resource.split(":")
        return pieces[1] if pieces[0] == "log-group" and len(pieces) > 1 else resource
    if service == "cognito-idp":
        return f"user pool {_last_segment(resource)}"
    if service == "elasticloadbalancing" and resource.startswith("targetgroup/"):
        return f"target group {resource.split('/')[1]}"
    if service == "lambda" and resource.startswith("function:"):
        return f"function {resource.split(':')[1]}"
    if service in ("secretsmanager", "states"):  # secret:<name>, stateMachine:<name>
        return resource.split(":", 1)[-1]
    if service in _SOURCE_KINDS:
        return source_name(source_arn)
    if service in ("s3", "sns", "sqs"):
        return resource
    return _last_segment(resource)


def _api_route(resource: str) -> str:
    """'api-id/stage/METHOD/path' → 'api-id GET /path' (stage shown when it is not '*')."""
    pieces = resource.split("/", 3)
    api = pieces[0]
    if len(pieces) > 1 and pieces[1] == "authorizers":
        return f"{api} authorizer {pieces[2]}" if len(pieces) > 2 else api
    stage = pieces[1] if len(pieces) > 1 else "*"
    method = pieces[2] if len(pieces) > 2 else "*"
    path = pieces[3] if len(pieces) > 3 else ""
    head = api if stage in ("*", "") else f"{api} ({stage})"
    if method in ("*", "") and path in ("*", ""):
        return head
    if method.startswith("$"):  # WebSocket routes: $connect, $default…
        return f"{head} {method}"
    return f"{head} {'ANY' if method == '*' else method} /{path}"


def statement_resource(statement: Mapping[str, Any]) -> str:
    """What a statement's conditions tie it to ('' when nothing does)."""
    found = conditions(statement)
    if found.get("aws:sourcearn"):
        return ", ".join(source_resource(arn) for arn in found["aws:sourcearn"])
    if found.get("lambda:functionurlauthtype"):
        return f"function URL (auth {', '.join(found['lambda:functionurlauthtype'])})"
    if "true" in (v.lower() for v in found.get("lambda:invokedviafunctionurl", ())):
        return "function URL"
    if found.get("lambda:eventsourcetoken"):
        return f"token {', '.join(found['lambda:eventsourcetoken'])}"
    for key in ("aws:sourceaccount", "aws:sourceowner"):
        if found.get(key):
            return f"account {', '.join(found[key])}"
    if found.get("aws:principalorgid"):
        return f"organization {', '.join(found['aws:principalorgid'])}"
    return ""


def is_public(statement: Mapping[str, Any]) -> bool:
    """A ``*`` principal that no source or organization condition narrows down."""
    if not is_wildcard_principal(statement.get("Principal")):
        return False
    found = conditions(statement)
    return not any(found.get(key) for key in _LIMITING_KEYS)


def is_cross_account(statement: Mapping[str, Any], function_account: str) -> bool:
    """True when the principal's or the source's account is not ``function_account``."""
    if not function_account:
        return False
    found = conditions(statement)
    accounts = set(principal_accounts(statement.get("Principal")))
    accounts.update(found.get("aws:sourceaccount", ()))
    accounts.update(found.get("aws:sourceowner", ()))
    accounts.update(account_of(arn) for arn in found.get("aws:sourcearn", ()))
    return any(a and "*" not in a and a != function_account for a in accounts)


def function_account(statements: Sequence[Mapping[str, Any]]) -> str:
    """The function's account, read from the statements' Resource ARNs ('' when none has one)."""
    for statement in statements:
        for resource in _values(statement.get("Resource")):
            account = account_of(resource)
            if account:
                return account
    return ""


def _last_segment(resource: str) -> str:
    return re.split(r"[:/]", resource)[-1] or resource
