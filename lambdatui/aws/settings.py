"""The settings the edit form changes, their limits and their checks (what a change means and
shows as is ``settings_diff.py``).

Pure functions and frozen records, no I/O: the form checks every value here before anything is
sent, the gateway applies a ``Settings`` → ``Settings`` change, and the journal stores both.

Limits are Lambda's, from the API model (botocore 1.43): its shapes allow memory 128–32768 MB,
ephemeral storage 512–32768 MB and a timeout of 1–5400 s, while its documentation keeps
10,240 MB of storage and 900 s for functions in general, 5,400 s "for functions using Lambda
Managed Instances" (memory: 10240 MB in general, the quotas page). So the larger ranges belong
to a function with a capacity provider config (Lambda Managed Instances), the documented ones to
every other; ``tests/aws/test_settings.py`` checks them against the model. Environment
variables at most 4 KB
measured as Lambda measures them (the compact JSON of the Variables map), reserved concurrency
leaving the account at least 100 unreserved executions, alias weights 0–1.

The scaling of a Lambda Managed Instances function (PutFunctionScalingConfig) belongs to one
published version: the model's ``FunctionScalingConfigExecutionEnvironments`` allows 0–15000
execution environments for each of min and max, and Lambda refuses a min above the max. There
is no call that removes a scaling config, so a value once set can be changed but not emptied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import qualifiers

MEMORY_MIN = 128
MEMORY_MAX = 10240
MEMORY_MAX_MANAGED = 32768  # Lambda Managed Instances (capacity provider config)
TIMEOUT_MIN, TIMEOUT_MAX = 1, 900
TIMEOUT_MAX_MANAGED = 5400  # Lambda Managed Instances (async and event source invocations)
STORAGE_MIN, STORAGE_MAX = 512, 10240
STORAGE_MAX_MANAGED = 32768  # Lambda Managed Instances: the model's EphemeralStorageSize max
SCALING_MIN, SCALING_MAX = 0, 15000  # execution environments (FunctionScalingConfig)
ENVIRONMENT_LIMIT = 4096  # bytes of the measured string
MINIMUM_UNRESERVED = 100

#: Keys Lambda sets itself and refuses in a function's environment.
RESERVED_ENV_KEYS = frozenset(
    {
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR",
    }
)
_ENV_KEY = re.compile(r"^[a-zA-Z]([a-zA-Z0-9_])+$")


# -- The settings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    """What the edit form can change on one function (and one version or alias of it).

    ``memory_mb``…``environment`` and ``reserved`` belong to the function itself ($LATEST);
    ``provisioned`` to the version or alias (None: none configured, or $LATEST); the alias
    fields to the alias (None / () when the qualifier is not an alias); ``scaling_min`` and
    ``scaling_max`` (execution environments) to the published version the qualifier names or
    its alias points to, on Lambda Managed Instances (None: not set, or no such version).
    ``environment`` holds secret values and is left out of ``repr``.
    """

    memory_mb: int
    timeout_s: int
    storage_mb: int
    environment: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    reserved: int | None = None
    provisioned: int | None = None
    alias_version: str | None = None
    alias_weights: tuple[tuple[str, float], ...] = ()
    scaling_min: int | None = None
    scaling_max: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "memory_mb": self.memory_mb,
            "timeout_s": self.timeout_s,
            "storage_mb": self.storage_mb,
            "environment": dict(self.environment),
            "reserved": self.reserved,
            "provisioned": self.provisioned,
            "alias_version": self.alias_version,
            "alias_weights": dict(self.alias_weights),
            "scaling_min": self.scaling_min,
            "scaling_max": self.scaling_max,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Settings:
        def opt_int(key: str) -> int | None:
            value = data.get(key)
            return None if value is None else int(value)

        version = data.get("alias_version")
        return cls(
            memory_mb=int(data["memory_mb"]),
            timeout_s=int(data["timeout_s"]),
            storage_mb=int(data["storage_mb"]),
            environment=tuple((str(k), str(v)) for k, v in (data.get("environment") or {}).items()),
            reserved=opt_int("reserved"),
            provisioned=opt_int("provisioned"),
            alias_version=None if version is None else str(version),
            alias_weights=tuple(
                sorted((str(k), float(v)) for k, v in (data.get("alias_weights") or {}).items())
            ),
            scaling_min=opt_int("scaling_min"),
            scaling_max=opt_int("scaling_max"),
        )

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Context:
    """What the checks need to know about the function, qualifier and account."""

    function: str
    qualifier: str | None = None  # None: $LATEST
    is_alias: bool = False
    architecture: str = "x86_64"
    managed_instances: bool = False
    unreserved: int | None = None  # the account's UnreservedConcurrentExecutions, if known
    limits_missing: str = ""  # why the account's limits are not known ("" when they are)
    revision_id: str = ""
    alias_revision_id: str = ""
    #: The published version whose scaling the form edits (a number or $LATEST.PUBLISHED; an
    #: alias's version): "" when there is none (not Managed Instances, $LATEST, unreadable).
    scaling_version: str = ""
    scaling_missing: str = ""  # why the scaling could not be read ("" when it could)

    @property
    def label(self) -> str:
        return f"{self.function}:{self.qualifier}" if self.qualifier else self.function

    @property
    def published(self) -> bool:
        """A version number or an alias: provisioned concurrency is possible."""
        return qualifiers.takes_provisioned(self.qualifier)


# -- Checks (None: fine; else a message for the field) --------------------------------------------


def memory_range(managed_instances: bool = False) -> tuple[int, int]:
    return MEMORY_MIN, MEMORY_MAX_MANAGED if managed_instances else MEMORY_MAX


def check_memory(value: int, managed_instances: bool = False) -> str | None:
    low, high = memory_range(managed_instances)
    if not low <= value <= high:
        kind = " on Lambda Managed Instances" if managed_instances else ""
        return f"Memory must be {low}–{high} MB{kind} (got {value})."
    return None


def timeout_range(managed_instances: bool = False) -> tuple[int, int]:
    return TIMEOUT_MIN, TIMEOUT_MAX_MANAGED if managed_instances else TIMEOUT_MAX


def storage_range(managed_instances: bool = False) -> tuple[int, int]:
    return STORAGE_MIN, STORAGE_MAX_MANAGED if managed_instances else STORAGE_MAX


def _kind(managed_instances: bool) -> str:
    return " on Lambda Managed Instances" if managed_instances else ""


def check_timeout(value: int, managed_instances: bool = False) -> str | None:
    low, high = timeout_range(managed_instances)
    if not low <= value <= high:
        return f"Timeout must be {low}–{high} seconds{_kind(managed_instances)} (got {value})."
    return None


def check_storage(value: int, managed_instances: bool = False) -> str | None:
    low, high = storage_range(managed_instances)
    if not low <= value <= high:
        kind = _kind(managed_instances)
        return f"Ephemeral storage must be {low}–{high} MB{kind} (got {value})."
    return None


def check_scaling(
    low: int | None, high: int | None, before: Settings | None = None
) -> dict[str, str]:
    """Problems with a scaling config, by field: each 0–15000, min ≤ max, and a value that is
    set cannot be emptied (Lambda has no call that removes it)."""
    problems: dict[str, str] = {}
    for name, label, value in (("scaling_min", "Min", low), ("scaling_max", "Max", high)):
        if value is not None and not SCALING_MIN <= value <= SCALING_MAX:
            problems[name] = (
                f"{label} execution environments must be {SCALING_MIN}–{SCALING_MAX} (got {value})."
            )
        elif value is None and before is not None and getattr(before, name) is not None:
            problems[name] = (
                f"{label} execution environments cannot be emptied: Lambda has no call that "
                "removes a scaling config."
            )
    if low is not None and high is not None and low > high and not problems:
        problems["scaling_min"] = f"Min ({low}) must not be above max ({high})."
    return problems


def environment_size(variables: Mapping[str, str]) -> int:
    """Bytes Lambda counts against the 4 KB limit: the Variables map as compact JSON."""
    text = json.dumps(dict(variables), separators=(",", ":"), ensure_ascii=False)
    return len(text.encode("utf-8"))


def check_env_key(key: str) -> str | None:
    if not _ENV_KEY.match(key):
        return (
            f"'{key}' is not a valid variable name: a letter, then letters, digits or _ "
            "(at least two characters)."
        )
    if key in RESERVED_ENV_KEYS:
        return f"{key} is reserved by Lambda and cannot be set."
    return None


def check_environment(variables: Mapping[str, str]) -> str | None:
    for key in variables:
        problem = check_env_key(key)
        if problem:
            return problem
    size = environment_size(variables)
    if size > ENVIRONMENT_LIMIT:
        return f"Environment variables take {size} bytes; Lambda allows {ENVIRONMENT_LIMIT} (4 KB)."
    return None


def max_reserved(unreserved: int, current: int | None) -> int:
    """The most this function may reserve: its own reservation comes back to the pool first."""
    return unreserved + (current or 0) - MINIMUM_UNRESERVED


def check_reserved(value: int, unreserved: int | None, current: int | None) -> str | None:
    if value < 0:
        return f"Reserved concurrency must be 0 or more (got {value})."
    if unreserved is not None and value > max_reserved(unreserved, current):
        most = max(max_reserved(unreserved, current), 0)
        return (
            f"At most {most}: the account must keep {MINIMUM_UNRESERVED} unreserved executions "
            f"({unreserved} unreserved now)."
        )
    return None


def check_provisioned(value: int, context: Context, reserved: int | None) -> str | None:
    if not context.published:
        return (
            "Provisioned concurrency needs a version number or an alias, never $LATEST "
            "or $LATEST.PUBLISHED."
        )
    if value < 1:
        return f"Provisioned concurrency must be 1 or more (got {value}); leave it empty for none."
    if reserved is not None and value > reserved:
        return f"At most the function's reserved concurrency ({reserved})."
    return None


def check_weight(value: float) -> str | None:
    if not 0.0 <= value <= 1.0:
        return f"A weight is a fraction from 0 to 1 (got {value:g})."
    return None


def check_alone(
    *,
    memory_mb: int | None = None,
    timeout_s: int | None = None,
    storage_mb: int | None = None,
    reserved: int | None = None,
    provisioned: int | None = None,
    env_keys: tuple[str, ...] = (),
    scaling_min: int | None = None,
    scaling_max: int | None = None,
) -> list[str]:
    """The checks that need neither the function nor the account (ranges, names): made before
    any call. Memory, timeout and storage are refused here only outside every range (Lambda
    Managed Instances allow more); ``check`` then applies the function's own."""
    problems: list[str] = []
    if memory_mb is not None and check_memory(memory_mb, managed_instances=True):
        problems.append(str(check_memory(memory_mb)))
    if timeout_s is not None and check_timeout(timeout_s, managed_instances=True):
        problems.append(str(check_timeout(timeout_s)))
    if storage_mb is not None and check_storage(storage_mb, managed_instances=True):
        problems.append(str(check_storage(storage_mb)))
    for problem in (
        check_reserved(reserved, None, None) if reserved is not None else None,
        *(check_env_key(key) for key in env_keys),
    ):
        if problem:
            problems.append(problem)
    if provisioned is not None and provisioned < 1:
        problems.append(
            f"Provisioned concurrency must be 1 or more (got {provisioned}); 'none' removes it."
        )
    problems += check_scaling(scaling_min, scaling_max).values()
    return problems


def unchecked_floor(context: Context) -> str:
    """Why the unreserved floor cannot be checked before sending ('' when it can)."""
    if context.unreserved is not None:
        return ""
    reason = context.limits_missing or "not known"
    return (
        f"the unreserved floor ({MINIMUM_UNRESERVED}) is not checked here: account limits {reason}"
    )


def check(before: Settings, after: Settings, context: Context) -> dict[str, str]:
    """Every problem with ``after``, by field name (empty when it can be sent)."""
    problems: dict[str, str] = {}

    def note(name: str, problem: str | None) -> None:
        if problem:
            problems[name] = problem

    note("memory_mb", check_memory(after.memory_mb, context.managed_instances))
    note("timeout_s", check_timeout(after.timeout_s, context.managed_instances))
    note("storage_mb", check_storage(after.storage_mb, context.managed_instances))
    note("environment", check_environment(dict(after.environment)))
    if after.reserved is not None and after.reserved != before.reserved:
        note("reserved", check_reserved(after.reserved, context.unreserved, before.reserved))
    if after.provisioned is not None and after.provisioned != before.provisioned:
        note("provisioned", check_provisioned(after.provisioned, context, after.reserved))
    for version, weight in after.alias_weights:
        note("alias_weights", check_weight(weight))
        if version == after.alias_version:
            note("alias_weights", "The additional version must differ from the alias's version.")
    if scaling_changed(before, after):
        if not context.scaling_version:
            note(
                "scaling_min",
                "Scaling needs a published version (or an alias of one) of a Lambda Managed "
                "Instances function.",
            )
        else:
            problems.update(check_scaling(after.scaling_min, after.scaling_max, before))
    return problems


def scaling_changed(before: Settings, after: Settings) -> bool:
    return (before.scaling_min, before.scaling_max) != (after.scaling_min, after.scaling_max)


#: Profile or account names that look like production (case-insensitive search); a setting.
DEFAULT_PRODUCTION_PATTERN = r"prod"


def is_production(names: tuple[str | None, ...], pattern: str = DEFAULT_PRODUCTION_PATTERN) -> bool:
    """True when any of the profile/account names matches the production pattern."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error:
        compiled = re.compile(re.escape(pattern), re.IGNORECASE)
    return any(name and compiled.search(name) for name in names)
