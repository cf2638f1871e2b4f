"""Records → fields of the configuration pane (pure; the screen only places them)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ...aws.config import AccountLimits, AsyncInvokeConfig, Concurrency, FunctionUrl
from ...aws.function_detail import FunctionDetail
from ...aws.records import FunctionSummary, parse_time
from ...sizes import format_size
from .fields import ERROR, MASK, WARNING, Field, Section

GENERAL, ENVIRONMENT, CONCURRENCY, ASYNC, URL, TAGS, SIGNING, ACCOUNT, OTHER = range(9)
TITLES = {
    GENERAL: "General",
    ENVIRONMENT: "Environment variables",
    CONCURRENCY: "Concurrency",
    ASYNC: "Asynchronous invocation",
    URL: "Function URL",
    TAGS: "Tags",
    SIGNING: "Code signing",
    ACCOUNT: "Account",
    OTHER: "Other fields",
}

#: The members of GetFunction's Configuration (FunctionConfiguration) that the General,
#: Environment variables and Tags sections show. Every other member the SDK's model knows (and
#: so the reply carries) is listed under "Other fields": a field AWS launches next shows there
#: without a change here (tests check these names against the model).
SHOWN_CONFIGURATION = frozenset(
    {
        "FunctionName",
        "FunctionArn",
        "Version",
        "Description",
        "PackageType",
        "ImageConfigResponse",
        "Runtime",
        "RuntimeVersionConfig",
        "Handler",
        "Architectures",
        "CapacityProviderConfig",
        "DurableConfig",
        "TenancyConfig",
        "MemorySize",
        "EphemeralStorage",
        "Timeout",
        "Role",
        "CodeSize",
        "CodeSha256",
        "ConfigSha256",
        "LastModified",
        "State",
        "StateReason",
        "StateReasonCode",
        "LastUpdateStatus",
        "LastUpdateStatusReason",
        "LastUpdateStatusReasonCode",
        "KMSKeyArn",
        "SnapStart",
        "TracingConfig",
        "Layers",
        "FileSystemConfigs",
        "VpcConfig",
        "DeadLetterConfig",
        "LoggingConfig",
        "Environment",
        # An opaque token (the edit path sends it back), not something to read: raw view only.
        "RevisionId",
    }
)
#: GetFunction's top-level members shown (Code: its image URIs; Concurrency: the reserved
#: part, in the Concurrency section's own call); ResponseMetadata is botocore's, not AWS's.
SHOWN_REPLY = frozenset(
    {"Configuration", "Code", "Tags", "TagsError", "Concurrency", "ResponseMetadata"}
)


def mb(value: int | None) -> str:
    return "-" if value is None else f"{value:,} MB"


def qualified_arn(arn: str, qualifier: str | None) -> str:
    return f"{arn}:{qualifier}" if qualifier and qualifier != "$LATEST" else arn


def general_from_summary(
    fn: FunctionSummary, qualifier: str | None, now: datetime | None = None
) -> list[Field]:
    """What the list already knows, shown at once while GetFunction is on its way."""
    section = Section(TITLES[GENERAL], GENERAL)
    section.add("ARN", fn.arn)
    if qualifier and qualifier != "$LATEST":
        section.add("Qualified ARN", qualified_arn(fn.arn, qualifier))
    section.add("Description", fn.description, skip_empty=True)
    if fn.package_type == "Image":
        section.add("Package type", "Image")
    else:
        section.add("Runtime", fn.runtime or "-")
        section.add("Handler", fn.handler or "-")
    section.add("Architectures", fn.architecture)
    section.add("Memory", mb(fn.memory_mb))
    section.add("Timeout", f"{fn.timeout_s} s")
    section.add("Code size", format_size(fn.code_size))
    section.add("Code SHA-256", fn.code_sha256, skip_empty=True)
    section.add_age("Last modified", parse_time(fn.last_modified), now or datetime.now(UTC))
    section.add("State", fn.state or "Active")
    section.add("Log group", fn.log_group or f"/aws/lambda/{fn.name}")
    section.note("loading the rest…")
    return section.fields


def pending(index: int) -> list[Field]:
    return Section(TITLES[index], index).note("loading…").fields


def _status(value: str, reason: str, code: str = "") -> str:
    text = f"{value}: {reason}" if reason else value
    return f"{text} ({code})" if code else text


def _seconds(value: int | None) -> str:
    """'86,400 s (1 d)': a duration in seconds, with its largest whole unit."""
    if value is None:
        return "default"
    for size, unit in ((86_400, "d"), (3_600, "h"), (60, "min")):
        if value >= size and value % size == 0:
            return f"{value:,} s ({value // size:,} {unit})"
    return f"{value:,} s"


def _compact(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False, separators=(", ", ": "))


def other_fields(raw: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """GetFunction's fields the sections do not show, as (name, value), in the reply's order:
    Configuration's members first, then the reply's own."""
    config = raw.get("Configuration")
    found: list[tuple[str, Any]] = []
    if isinstance(config, Mapping):
        found += [(k, v) for k, v in config.items() if k not in SHOWN_CONFIGURATION]
    found += [(k, v) for k, v in raw.items() if k not in SHOWN_REPLY]
    return found


def masked_document(raw: Mapping[str, Any]) -> dict[str, Any]:
    """GetFunction's reply with environment values masked: the raw view never shows them."""
    document = copy.deepcopy(dict(raw))
    config = document.get("Configuration", document)
    variables = (config.get("Environment") or {}).get("Variables")
    if isinstance(variables, dict):
        config["Environment"]["Variables"] = {key: MASK for key in variables}
    return document


def detail_sections(
    detail: FunctionDetail, now: datetime | None = None, reveal_key: str = "v"
) -> list[list[Field]]:
    """GetFunction → the General, Environment variables and Tags sections."""
    d = detail
    g = Section(TITLES[GENERAL], GENERAL)
    g.add("ARN", d.arn, raw=masked_document(d.raw))
    if d.qualified_arn != d.arn:
        g.add("Qualified ARN", d.qualified_arn)
    g.add("Version", d.version)
    g.add("Description", d.description, skip_empty=True)
    if d.package_type == "Image":
        g.add("Package type", "Image")
        g.add("Image URI", d.image_uri or "-")
        g.add("Resolved image", d.resolved_image_uri, skip_empty=True)
        if d.image_config is not None:
            ic = d.image_config
            g.add("Image entry point", " ".join(ic.entry_point), skip_empty=True)
            g.add("Image command", " ".join(ic.command), skip_empty=True)
            g.add("Working directory", ic.working_directory, skip_empty=True)
            g.add("Image config error", ic.error, style=ERROR, skip_empty=True)
    else:
        g.add("Runtime", d.runtime or "-")
        g.add("Runtime version", d.runtime_version_arn or "auto", skip_empty=True)
        g.add("Handler", d.handler or "-")
    g.add("Architectures", ", ".join(d.architectures))
    config = d.raw.get("Configuration") or {}
    provider = d.capacity_provider
    if provider is not None:
        kind = "Lambda Managed Instances" if "ManagedInstances" in provider.kind else provider.kind
        g.add(
            "Capacity provider",
            f"{provider.name or '-'} ({kind}) · {provider.arn}",
            raw={"CapacityProviderConfig": config.get("CapacityProviderConfig")},
        )
        for name, value in provider.settings:
            g.add("Provider setting", f"{name} {value}")
    if d.durable is not None:
        durable = d.durable
        retention = "default" if durable.retention_days is None else f"{durable.retention_days}"
        g.add(
            "Durable execution",
            f"timeout {_seconds(durable.execution_timeout_s)} · history kept {retention} days"
            f" · KMS key {durable.kms_key_arn or 'AWS owned'}",
            raw={"DurableConfig": config.get("DurableConfig")},
        )
    if d.tenancy_mode:
        g.add("Tenant isolation", f"{d.tenancy_mode}: each invocation names its tenant")
    g.add("Memory", mb(d.memory_mb))
    g.add("Ephemeral storage", mb(d.ephemeral_storage_mb))
    g.add("Timeout", f"{d.timeout_s} s")
    g.add("Role", d.role)
    g.add("Code size", format_size(d.code_size))
    g.add("Code SHA-256", d.code_sha256, skip_empty=True)
    g.add("Config SHA-256", d.config_sha256, skip_empty=True)
    g.add_age("Last modified", d.last_modified, now or datetime.now(UTC))
    state_style = "" if d.state in ("", "Active") else WARNING
    g.add(
        "State",
        _status(d.state or "Active", d.state_reason, d.state_reason_code),
        style=state_style,
    )
    update_style = ERROR if d.last_update_status == "Failed" else ""
    g.add(
        "Last update",
        _status(
            d.last_update_status or "-",
            d.last_update_status_reason,
            d.last_update_status_reason_code,
        ),
        style=update_style,
    )
    g.add("KMS key", d.kms_key_arn or "AWS managed")
    g.add("SnapStart", f"{d.snap_start.apply_on} (optimization {d.snap_start.optimization_status})")
    g.add("Tracing", d.tracing_mode or "PassThrough")
    for layer in d.layers:
        version = f" v{layer.version}" if layer.version is not None else ""
        g.add("Layer", f"{layer.name}{version} · {format_size(layer.code_size)} · {layer.arn}")
    for fs in d.file_systems:
        s3_files = f" · S3 Files, direct reads {fs.s3_direct_read}" if fs.s3_direct_read else ""
        g.add("File system", f"{fs.local_mount_path} ← {fs.arn}{s3_files}")
    if d.vpc is not None:
        g.add("VPC", d.vpc.vpc_id or "-")
        g.add("Subnets", ", ".join(d.vpc.subnet_ids) or "-")
        g.add("Security groups", ", ".join(d.vpc.security_group_ids) or "-")
        g.add("IPv6 dual stack", "yes" if d.vpc.ipv6_dual_stack else "no")
    else:
        g.add("VPC", "none")
    g.add("Dead-letter target", d.dead_letter_arn or "none")
    log = d.logging
    levels = (
        f" · application {log.application_log_level} · system {log.system_log_level}"
        if log.log_format == "JSON"
        else ""
    )
    g.add("Logging", f"{log.log_format}{levels}")
    g.add("Log group", log.log_group)

    env = Section(TITLES[ENVIRONMENT], ENVIRONMENT)
    for name, value in d.environment:
        env.add(name, value, secret=True)
    if d.environment_error:
        env.add("error", d.environment_error, style=ERROR)
    if not d.environment:
        env.note("none")
    else:
        env.note(
            f"values masked: press {reveal_key} to reveal them (this view only)",
            revealed=f"values shown: press {reveal_key} to mask them again",
        )

    tags = Section(TITLES[TAGS], TAGS)
    for name, value in d.tags:
        tags.add(name, value)
    if d.tags_error:
        tags.add("error", d.tags_error, style=ERROR)
    elif not d.tags:
        tags.note("none")
    return [g.fields, env.fields, tags.fields, other_section(d)]


def other_section(detail: FunctionDetail) -> list[Field]:
    """GetFunction's fields the other sections do not show, one line each (enter: its JSON)."""
    s = Section(TITLES[OTHER], OTHER)
    found = other_fields(detail.raw)
    for name, value in found:
        s.add(name, _compact(value), raw={name: value})
    if not found:
        s.note("none: all shown above (enter on ARN: raw reply)")
    return s.fields


def concurrency_section(concurrency: Concurrency) -> list[list[Field]]:
    s = Section(TITLES[CONCURRENCY], CONCURRENCY)
    reserved = concurrency.reserved
    if concurrency.reserved_error:
        s.add("Reserved", concurrency.reserved_error, style=ERROR)
    elif reserved is None:
        s.add("Reserved", "none (uses the unreserved pool)")
    elif reserved == 0:
        s.add("Reserved", "0: the function is throttled", style=ERROR)
    else:
        s.add("Reserved", reserved)
    for p in concurrency.provisioned:
        style = {"FAILED": ERROR, "IN_PROGRESS": WARNING}.get(p.status, "")
        s.add(
            f"Provisioned {p.qualifier}",
            f"{_status(p.status, p.status_reason)} · requested {p.requested} · "
            f"available {p.available} · allocated {p.allocated}",
            style=style,
        )
    if concurrency.provisioned_error:
        s.add("Provisioned", concurrency.provisioned_error, style=ERROR)
    elif not concurrency.provisioned:
        s.add("Provisioned", "none")
    return [s.fields]


def account_section(limits: AccountLimits) -> list[list[Field]]:
    s = Section(TITLES[ACCOUNT], ACCOUNT)
    s.add(
        "Concurrency",
        f"{limits.concurrent_executions:,} per region · "
        f"{limits.unreserved_concurrent_executions:,} unreserved",
    )
    used, limit = limits.total_code_size_used, limits.total_code_size_limit
    s.add(
        "Code storage",
        f"{format_size(used)} of {format_size(limit)} · {limits.function_count:,} functions",
    )
    return [s.fields]


def async_section(config: AsyncInvokeConfig | None) -> list[list[Field]]:
    s = Section(TITLES[ASYNC], ASYNC)
    if config is None:
        s.add("Retry attempts", "2 (default)")
        s.add("Maximum event age", "6 h (default)")
        s.add("On success", "none")
        s.add("On failure", "none")
        return [s.fields]
    retries = config.max_retry_attempts
    age = config.max_event_age_s
    s.add("Retry attempts", "2 (default)" if retries is None else retries)
    s.add("Maximum event age", "6 h (default)" if age is None else f"{age:,} s")
    s.add("On success", config.on_success or "none")
    s.add("On failure", config.on_failure or "none")
    return [s.fields]


def url_section(url: FunctionUrl | None) -> list[list[Field]]:
    s = Section(TITLES[URL], URL)
    if url is None:
        s.add("URL", "none")
        return [s.fields]
    s.add("URL", url.url)
    if url.is_public:
        s.add("Auth", "NONE: PUBLIC, anyone on the internet can invoke it", style=WARNING)
    else:
        s.add("Auth", url.auth_type)
    s.add("Invoke mode", url.invoke_mode)
    cors = url.cors
    if cors is None:
        s.add("CORS", "not configured")
    else:
        s.add("CORS origins", ", ".join(cors.allow_origins) or "-")
        s.add("CORS methods", ", ".join(cors.allow_methods) or "-")
        s.add("CORS headers", ", ".join(cors.allow_headers), skip_empty=True)
        s.add("CORS expose", ", ".join(cors.expose_headers), skip_empty=True)
        s.add("CORS credentials", "yes" if cors.allow_credentials else "no")
        s.add("CORS max age", "-" if cors.max_age_s is None else f"{cors.max_age_s} s")
    return [s.fields]


def signing_section(arn: str | None) -> list[list[Field]]:
    return [Section(TITLES[SIGNING], SIGNING).add("Config", arn or "none").fields]
