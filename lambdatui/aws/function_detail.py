"""The function's own configuration as GetFunction describes it: ``FunctionDetail``.

Environment values are secrets: ``repr`` never shows them (nor the raw reply holding them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import triggers
from ._values import api_error, empty, frozen, int_or_none, pairs, strs
from .records import parse_time


@dataclass(frozen=True, slots=True)
class Layer:
    arn: str
    name: str
    version: int | None
    code_size: int


@dataclass(frozen=True, slots=True)
class FileSystem:
    arn: str  # an EFS or an S3 Files access point
    local_mount_path: str
    #: S3FilesConfig.DirectS3Read ("AUTO" | "ENABLED" | "DISABLED"): "" when the access point
    #: is not an S3 Files one (no S3FilesConfig), "AUTO" when one is configured without it.
    s3_direct_read: str = ""


@dataclass(frozen=True, slots=True)
class VpcConfig:
    vpc_id: str
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]
    ipv6_dual_stack: bool


@dataclass(frozen=True, slots=True)
class ImageConfig:
    """A container image's overrides (ImageConfigResponse)."""

    entry_point: tuple[str, ...]
    command: tuple[str, ...]
    working_directory: str
    error: str  # "ErrorCode: Message" when Lambda could not apply them, else ""


@dataclass(frozen=True, slots=True)
class LoggingSettings:
    log_format: str  # "Text" | "JSON"
    application_log_level: str  # "" unless the format is JSON
    system_log_level: str
    log_group: str  # never empty: defaults to /aws/lambda/<name>


@dataclass(frozen=True, slots=True)
class SnapStart:
    apply_on: str  # "None" | "PublishedVersions"
    optimization_status: str  # "On" | "Off"


@dataclass(frozen=True, slots=True)
class CapacityProvider:
    """CapacityProviderConfig: the function runs on Lambda Managed Instances.

    ``settings`` are the provider config's other members as the API model names them
    (PerExecutionEnvironmentMaxConcurrency, ExecutionEnvironmentMemoryGiBPerVCpu, …), in the
    reply's order, so a setting AWS adds later is shown without a change here.
    """

    kind: str  # the config's member: "LambdaManagedInstancesCapacityProviderConfig"
    arn: str
    settings: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        """The provider's name: the ARN's last part ('' when there is no ARN)."""
        return self.arn.rpartition(":")[2]


@dataclass(frozen=True, slots=True)
class DurableSettings:
    """DurableConfig: a durable function's executions, as configured."""

    execution_timeout_s: int | None  # ExecutionTimeout: the whole execution, not one invocation
    retention_days: int | None  # RetentionPeriodInDays: history kept after it completes
    kms_key_arn: str  # "" with the AWS owned key


@dataclass(frozen=True, slots=True)
class FunctionDetail:
    """Everything GetFunction says about one function, version or alias.

    ``environment`` holds the variables' values and is left out of ``repr``; so is ``raw`` (the
    whole GetFunction reply, values included: mask them before showing it).
    """

    name: str
    arn: str  # unqualified
    qualified_arn: str  # arn:qualifier when a qualifier was asked for, else arn
    qualifier: str | None  # as asked for (an alias stays an alias; ``version`` resolves it)
    version: str
    description: str
    runtime: str  # "" for container images
    runtime_version_arn: str
    package_type: str  # "Zip" | "Image"
    image_uri: str  # GetFunction's Code.ImageUri; "" for zip packages
    resolved_image_uri: str
    image_config: ImageConfig | None
    handler: str
    architectures: tuple[str, ...]
    memory_mb: int
    ephemeral_storage_mb: int
    timeout_s: int
    role: str
    code_size: int
    code_sha256: str
    last_modified: datetime | None
    state: str
    state_reason: str
    state_reason_code: str
    last_update_status: str
    last_update_status_reason: str
    last_update_status_reason_code: str
    kms_key_arn: str
    snap_start: SnapStart
    tracing_mode: str  # "PassThrough" | "Active"
    layers: tuple[Layer, ...]
    file_systems: tuple[FileSystem, ...]
    vpc: VpcConfig | None  # None outside a VPC
    dead_letter_arn: str
    logging: LoggingSettings
    environment: tuple[tuple[str, str], ...] = field(repr=False)
    environment_error: str = ""
    revision_id: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    tags_error: str = ""
    reserved_concurrency: int | None = None  # GetFunction's Concurrency, when it is set
    code_signing_config_arn: str | None = None  # not in GetFunction: attach with replace()
    capacity_provider: CapacityProvider | None = None  # None: not on Lambda Managed Instances
    durable: DurableSettings | None = None  # None: not a durable function
    tenancy_mode: str = ""  # TenancyConfig.TenantIsolationMode ("PER_TENANT"), "" when none
    config_sha256: str = ""  # ConfigSha256: the hash of the function's configuration
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @property
    def environment_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.environment)

    @property
    def log_group(self) -> str:
        return self.logging.log_group

    @property
    def managed_instances(self) -> bool:
        """Runs on Lambda Managed Instances (a capacity provider): other limits apply."""
        return self.capacity_provider is not None

    @property
    def tenant_isolated(self) -> bool:
        """Each invocation names its tenant (TenantId), and runs in that tenant's environments."""
        return bool(self.tenancy_mode)

    @classmethod
    def from_api(cls, reply: Mapping[str, Any], qualifier: str | None = None) -> FunctionDetail:
        """From a GetFunction reply (or a bare GetFunctionConfiguration one)."""
        config: Mapping[str, Any] = reply.get("Configuration") or reply
        code = reply.get("Code") or {}
        name = str(config.get("FunctionName") or "")
        arn = triggers.unqualified_function_arn(str(config.get("FunctionArn") or ""))
        image = config.get("ImageConfigResponse")
        logging = config.get("LoggingConfig") or {}
        vpc = config.get("VpcConfig") or {}
        snap = config.get("SnapStart") or {}
        env = config.get("Environment") or {}
        return cls(
            name=name,
            arn=arn,
            qualified_arn=f"{arn}:{qualifier}" if qualifier else arn,
            qualifier=qualifier,
            version=str(config.get("Version") or "$LATEST"),
            description=str(config.get("Description") or ""),
            runtime=str(config.get("Runtime") or ""),
            runtime_version_arn=str(
                (config.get("RuntimeVersionConfig") or {}).get("RuntimeVersionArn") or ""
            ),
            package_type=str(config.get("PackageType") or "Zip"),
            image_uri=str(code.get("ImageUri") or ""),
            resolved_image_uri=str(code.get("ResolvedImageUri") or ""),
            image_config=_image_config(image) if image else None,
            handler=str(config.get("Handler") or ""),
            architectures=strs(config.get("Architectures")) or ("x86_64",),
            memory_mb=int(config.get("MemorySize") or 0),
            ephemeral_storage_mb=int((config.get("EphemeralStorage") or {}).get("Size") or 512),
            timeout_s=int(config.get("Timeout") or 0),
            role=str(config.get("Role") or ""),
            code_size=int(config.get("CodeSize") or 0),
            code_sha256=str(config.get("CodeSha256") or ""),
            last_modified=parse_time(config.get("LastModified")),
            state=str(config.get("State") or ""),
            state_reason=str(config.get("StateReason") or ""),
            state_reason_code=str(config.get("StateReasonCode") or ""),
            last_update_status=str(config.get("LastUpdateStatus") or ""),
            last_update_status_reason=str(config.get("LastUpdateStatusReason") or ""),
            last_update_status_reason_code=str(config.get("LastUpdateStatusReasonCode") or ""),
            kms_key_arn=str(config.get("KMSKeyArn") or ""),
            snap_start=SnapStart(
                apply_on=str(snap.get("ApplyOn") or "None"),
                optimization_status=str(snap.get("OptimizationStatus") or "Off"),
            ),
            tracing_mode=str((config.get("TracingConfig") or {}).get("Mode") or "PassThrough"),
            layers=tuple(_layer(item) for item in config.get("Layers") or ()),
            file_systems=tuple(_file_system(fs) for fs in config.get("FileSystemConfigs") or ()),
            vpc=_vpc(vpc) if vpc.get("VpcId") or vpc.get("SubnetIds") else None,
            dead_letter_arn=str((config.get("DeadLetterConfig") or {}).get("TargetArn") or ""),
            logging=LoggingSettings(
                log_format=str(logging.get("LogFormat") or "Text"),
                application_log_level=str(logging.get("ApplicationLogLevel") or ""),
                system_log_level=str(logging.get("SystemLogLevel") or ""),
                log_group=str(logging.get("LogGroup") or f"/aws/lambda/{name}"),
            ),
            environment=pairs(env.get("Variables")),
            environment_error=api_error(env.get("Error")),
            revision_id=str(config.get("RevisionId") or ""),
            tags=tuple(sorted(pairs(reply.get("Tags")))),
            tags_error=api_error(reply.get("TagsError")),
            reserved_concurrency=int_or_none(
                (reply.get("Concurrency") or {}).get("ReservedConcurrentExecutions")
            ),
            capacity_provider=capacity_provider(config.get("CapacityProviderConfig")),
            durable=_durable(config.get("DurableConfig")),
            tenancy_mode=str((config.get("TenancyConfig") or {}).get("TenantIsolationMode") or ""),
            config_sha256=str(config.get("ConfigSha256") or ""),
            raw=frozen(reply),
        )


def _layer(item: Mapping[str, Any]) -> Layer:
    arn = str(item.get("Arn") or "")
    name, version = triggers.layer_version(arn)
    return Layer(arn=arn, name=name, version=version, code_size=int(item.get("CodeSize") or 0))


def _vpc(vpc: Mapping[str, Any]) -> VpcConfig:
    return VpcConfig(
        vpc_id=str(vpc.get("VpcId") or ""),
        subnet_ids=strs(vpc.get("SubnetIds")),
        security_group_ids=strs(vpc.get("SecurityGroupIds")),
        ipv6_dual_stack=bool(vpc.get("Ipv6AllowedForDualStack")),
    )


def _image_config(image: Mapping[str, Any]) -> ImageConfig:
    config = image.get("ImageConfig") or {}
    return ImageConfig(
        entry_point=strs(config.get("EntryPoint")),
        command=strs(config.get("Command")),
        working_directory=str(config.get("WorkingDirectory") or ""),
        error=api_error(image.get("Error")),
    )


def capacity_provider(config: Any) -> CapacityProvider | None:
    """A CapacityProviderConfig → its record; None when there is none (an ordinary function).

    The config is a union of provider kinds (Lambda Managed Instances is the one the model
    knows today): the first member set is the function's.
    """
    if not isinstance(config, Mapping):
        return None
    for kind, member in config.items():
        if isinstance(member, Mapping):
            settings = tuple(
                (str(key), _setting(value))
                for key, value in member.items()
                if key != "CapacityProviderArn"
            )
            arn = str(member.get("CapacityProviderArn") or "")
            return CapacityProvider(str(kind), arn, settings)
    return None


def _setting(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _durable(config: Any) -> DurableSettings | None:
    if not isinstance(config, Mapping):
        return None
    return DurableSettings(
        execution_timeout_s=int_or_none(config.get("ExecutionTimeout")),
        retention_days=int_or_none(config.get("RetentionPeriodInDays")),
        kms_key_arn=str(config.get("KMSKeyArn") or ""),
    )


def _file_system(item: Mapping[str, Any]) -> FileSystem:
    s3_files = item.get("S3FilesConfig")
    direct = ""
    if isinstance(s3_files, Mapping):
        direct = str(s3_files.get("DirectS3Read") or "AUTO")
    return FileSystem(str(item.get("Arn") or ""), str(item.get("LocalMountPath") or ""), direct)
