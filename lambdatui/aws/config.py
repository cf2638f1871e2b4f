"""Records of a function's complete configuration and triggers (the configuration view).

Frozen dataclasses with ``__slots__``, built from API replies by ``from_api``. Lists become
tuples, maps become tuples of (key, value) pairs; only the ``raw`` fields keep the API's own
document (for "view raw JSON"), and they take no part in ``repr`` or equality. Environment
values are secrets: no ``repr`` of a record shows them.

``FunctionDetail`` and its parts live in ``function_detail.py`` and are re-exported here, so
this module is the one place to import the configuration view's records from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import triggers
from ._values import destination, empty, frozen, int_or_none, strs
from .function_detail import (
    CapacityProvider,
    DurableSettings,
    FileSystem,
    FunctionDetail,
    ImageConfig,
    Layer,
    LoggingSettings,
    SnapStart,
    VpcConfig,
)
from .records import parse_time

__all__ = [
    "AccountLimits",
    "AsyncInvokeConfig",
    "CapacityProvider",
    "Concurrency",
    "DurableSettings",
    "EventSourceMapping",
    "FileSystem",
    "FunctionDetail",
    "FunctionUrl",
    "ImageConfig",
    "Layer",
    "LoggingSettings",
    "PolicyStatement",
    "ProvisionedConcurrency",
    "SnapStart",
    "UrlCors",
    "VpcConfig",
]


# -- Concurrency and limits ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProvisionedConcurrency:
    """One ListProvisionedConcurrencyConfigs item: provisioned concurrency on a version/alias."""

    qualifier: str
    function_arn: str
    requested: int
    available: int
    allocated: int
    status: str  # "IN_PROGRESS" | "READY" | "FAILED"
    status_reason: str
    last_modified: datetime | None

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> ProvisionedConcurrency:
        arn = str(item.get("FunctionArn") or "")
        return cls(
            qualifier=triggers.qualifier_of(arn) or "",
            function_arn=arn,
            requested=int(item.get("RequestedProvisionedConcurrentExecutions") or 0),
            available=int(item.get("AvailableProvisionedConcurrentExecutions") or 0),
            allocated=int(item.get("AllocatedProvisionedConcurrentExecutions") or 0),
            status=str(item.get("Status") or ""),
            status_reason=str(item.get("StatusReason") or ""),
            last_modified=parse_time(item.get("LastModified")),
        )


@dataclass(frozen=True, slots=True)
class Concurrency:
    """Reserved concurrency (None: the function draws on the unreserved pool) + provisioned."""

    reserved: int | None
    provisioned: tuple[ProvisionedConcurrency, ...] = ()
    #: Why a part could not be read ("not permitted: lambda:…"), "" when it was: each part
    #: is its own call, and one failing leaves the other shown.
    reserved_error: str = ""
    provisioned_error: str = ""

    def provisioned_for(self, qualifier: str | None) -> ProvisionedConcurrency | None:
        return next((p for p in self.provisioned if p.qualifier == qualifier), None)


@dataclass(frozen=True, slots=True)
class AccountLimits:
    """GetAccountSettings: the region's limits and usage."""

    concurrent_executions: int
    unreserved_concurrent_executions: int
    total_code_size_limit: int
    code_size_unzipped_limit: int
    code_size_zipped_limit: int
    total_code_size_used: int
    function_count: int

    @classmethod
    def from_api(cls, reply: Mapping[str, Any]) -> AccountLimits:
        limit, usage = reply.get("AccountLimit") or {}, reply.get("AccountUsage") or {}
        return cls(
            concurrent_executions=int(limit.get("ConcurrentExecutions") or 0),
            unreserved_concurrent_executions=int(limit.get("UnreservedConcurrentExecutions") or 0),
            total_code_size_limit=int(limit.get("TotalCodeSize") or 0),
            code_size_unzipped_limit=int(limit.get("CodeSizeUnzipped") or 0),
            code_size_zipped_limit=int(limit.get("CodeSizeZipped") or 0),
            total_code_size_used=int(usage.get("TotalCodeSize") or 0),
            function_count=int(usage.get("FunctionCount") or 0),
        )


# -- Invocation ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AsyncInvokeConfig:
    """GetFunctionEventInvokeConfig: retries, event age and destinations of async invocations."""

    function_arn: str
    qualifier: str | None  # from the function ARN; None for the unqualified function
    max_retry_attempts: int | None  # None: Lambda's default (2)
    max_event_age_s: int | None  # None: Lambda's default (6 hours)
    on_success: str  # destination ARN, "" when none
    on_failure: str
    last_modified: datetime | None

    @classmethod
    def from_api(cls, reply: Mapping[str, Any]) -> AsyncInvokeConfig:
        arn = str(reply.get("FunctionArn") or "")
        destinations = reply.get("DestinationConfig")
        return cls(
            function_arn=arn,
            qualifier=triggers.qualifier_of(arn),
            max_retry_attempts=int_or_none(reply.get("MaximumRetryAttempts")),
            max_event_age_s=int_or_none(reply.get("MaximumEventAgeInSeconds")),
            on_success=destination(destinations, "OnSuccess"),
            on_failure=destination(destinations, "OnFailure"),
            last_modified=parse_time(reply.get("LastModified")),
        )


@dataclass(frozen=True, slots=True)
class UrlCors:
    allow_origins: tuple[str, ...]
    allow_methods: tuple[str, ...]
    allow_headers: tuple[str, ...]
    expose_headers: tuple[str, ...]
    allow_credentials: bool
    max_age_s: int | None


@dataclass(frozen=True, slots=True)
class FunctionUrl:
    """GetFunctionUrlConfig: the function's HTTPS endpoint."""

    url: str
    function_arn: str
    qualifier: str | None  # the alias the URL belongs to; None for the unqualified function
    auth_type: str  # "NONE" | "AWS_IAM"
    invoke_mode: str  # "BUFFERED" | "RESPONSE_STREAM"
    cors: UrlCors | None  # None when CORS is not configured
    created: datetime | None
    modified: datetime | None

    @property
    def is_public(self) -> bool:
        """Anyone on the internet can call it (no IAM auth)."""
        return self.auth_type.upper() == "NONE"

    @classmethod
    def from_api(cls, reply: Mapping[str, Any], qualifier: str | None = None) -> FunctionUrl:
        arn = str(reply.get("FunctionArn") or "")
        cors = reply.get("Cors")
        return cls(
            url=str(reply.get("FunctionUrl") or ""),
            function_arn=arn,
            qualifier=triggers.qualifier_of(arn) or qualifier,
            auth_type=str(reply.get("AuthType") or ""),
            invoke_mode=str(reply.get("InvokeMode") or "BUFFERED").upper(),
            cors=_cors(cors) if cors else None,
            created=parse_time(reply.get("CreationTime")),
            modified=parse_time(reply.get("LastModifiedTime")),
        )


def _cors(cors: Mapping[str, Any]) -> UrlCors:
    return UrlCors(
        allow_origins=strs(cors.get("AllowOrigins")),
        allow_methods=strs(cors.get("AllowMethods")),
        allow_headers=strs(cors.get("AllowHeaders")),
        expose_headers=strs(cors.get("ExposeHeaders")),
        allow_credentials=bool(cors.get("AllowCredentials")),
        max_age_s=int_or_none(cors.get("MaxAge")),
    )


# -- Triggers -----------------------------------------------------------------------------------

_ENABLED_STATES = frozenset({"Enabled", "Enabling", "Updating"})


@dataclass(frozen=True, slots=True)
class EventSourceMapping:
    """One ListEventSourceMappings item: a queue, stream or cluster polled for the function."""

    uuid: str
    arn: str  # the mapping's own ARN ("" from older APIs)
    source_arn: str  # "" for self-managed Kafka
    source_kind: str  # see triggers.source_kind
    source_name: str
    function_arn: str
    state: str
    state_reason: str
    batch_size: int | None
    batching_window_s: int | None
    starting_position: str  # "" for SQS, MQ
    starting_position_timestamp: datetime | None
    filter_patterns: tuple[str, ...]
    on_failure: str  # destination ARN, "" when none
    last_processing_result: str
    last_modified: datetime | None
    topics: tuple[str, ...] = ()  # Kafka
    queues: tuple[str, ...] = ()  # MQ
    #: LoggingConfig.SystemLogLevel of the mapping's poller ("DEBUG" | "INFO" | "WARN"), ""
    #: when the mapping sends no system logs.
    system_log_level: str = ""
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @property
    def enabled(self) -> bool:
        return self.state in _ENABLED_STATES

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> EventSourceMapping:
        kind, name = triggers.event_source(item)
        filters = (item.get("FilterCriteria") or {}).get("Filters") or ()
        return cls(
            uuid=str(item.get("UUID") or ""),
            arn=str(item.get("EventSourceMappingArn") or ""),
            source_arn=str(item.get("EventSourceArn") or ""),
            source_kind=kind,
            source_name=name,
            function_arn=str(item.get("FunctionArn") or ""),
            state=str(item.get("State") or ""),
            state_reason=str(item.get("StateTransitionReason") or ""),
            batch_size=int_or_none(item.get("BatchSize")),
            batching_window_s=int_or_none(item.get("MaximumBatchingWindowInSeconds")),
            starting_position=str(item.get("StartingPosition") or ""),
            starting_position_timestamp=parse_time(item.get("StartingPositionTimestamp")),
            filter_patterns=tuple(str(f.get("Pattern") or "") for f in filters),
            on_failure=destination(item.get("DestinationConfig"), "OnFailure"),
            last_processing_result=str(item.get("LastProcessingResult") or ""),
            last_modified=parse_time(item.get("LastModified")),
            topics=strs(item.get("Topics")),
            queues=strs(item.get("Queues")),
            system_log_level=str((item.get("LoggingConfig") or {}).get("SystemLogLevel") or ""),
            raw=frozen(item),
        )


@dataclass(frozen=True, slots=True)
class PolicyStatement:
    """One statement of the function's resource policy: who may invoke it, from where."""

    sid: str
    effect: str
    principal: str  # display name: "S3", "account 123456789012", "*"…
    action: str  # "lambda:InvokeFunction" (several joined by ", ")
    resource: str  # what the conditions tie it to: bucket, topic, API route… ("" if nothing)
    source_arn: str
    source_account: str
    public: bool  # principal * with no source / organization condition
    cross_account: bool  # the principal's or the source's account is another one
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @classmethod
    def from_api(cls, statement: Mapping[str, Any], function_account: str = "") -> PolicyStatement:
        account = function_account or triggers.function_account([statement])
        found = triggers.conditions(statement)
        action = statement.get("Action") or ""
        return cls(
            sid=str(statement.get("Sid") or ""),
            effect=str(statement.get("Effect") or ""),
            principal=triggers.principal_label(statement.get("Principal")),
            action=", ".join(strs([action] if isinstance(action, str) else action)),
            resource=triggers.statement_resource(statement),
            source_arn=", ".join(found.get("aws:sourcearn", ())),
            source_account=", ".join(found.get("aws:sourceaccount", ())),
            public=triggers.is_public(statement),
            cross_account=triggers.is_cross_account(statement, account),
            raw=frozen(statement),
        )
