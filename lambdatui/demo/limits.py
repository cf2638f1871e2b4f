"""The account's Lambda quotas, GetAccountSettings, and the local account's own knobs.

The limits are the default quotas of a Region (as GetAccountSettings reports them for a new
account); usage is counted from moto's backend on every call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import function_state as state
from .qualified import published_versions
from .wire import LambdaRequest, Reply, json_reply

CONCURRENT_EXECUTIONS = 1000
MINIMUM_UNRESERVED = 100  # what reserved and provisioned concurrency must leave to the others
TOTAL_CODE_SIZE = 80_530_636_800  # 75 GB
CODE_SIZE_UNZIPPED = 262_144_000  # 250 MB
CODE_SIZE_ZIPPED = 52_428_800  # 50 MB

DEFAULT_PROVISIONING_SECONDS = 1.5
DEFAULT_UPDATE_SECONDS = 0.0
DEFAULT_CAPACITY_PROVIDER_SECONDS = 0.0
DEFAULT_CODE_URL_SECONDS = 600  # Lambda's presigned code URLs are valid for 10 minutes


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AccountKnobs:
    """What a test (or the demo) may tune on a running local account.

    ``provisioning_seconds``: how long provisioned concurrency stays IN_PROGRESS after
    PutProvisionedConcurrencyConfig before it is READY (or FAILED); Lambda takes a minute or two.
    ``update_seconds``: how long a function's LastUpdateStatus stays InProgress after
    UpdateFunctionConfiguration (another update meanwhile is a ResourceConflictException);
    Lambda takes a few seconds. 0 (the default for tests): the update is applied at once.
    ``clock``: the account's time, as an update's LastModified says it (a test sets it ahead
    to tell a fresh LastModified from the one the function was created with).
    ``capacity_provider_seconds``: how long a new capacity provider stays Pending (and a deleted
    one Deleting) before it is Active (or gone). 0 (the default): Active on the first read.
    ``code_url_seconds``: how long a Location that GetFunction or GetLayerVersion returns can be
    downloaded from (its X-Amz-Expires), counted on ``clock``; Lambda's last 10 minutes.
    """

    provisioning_seconds: float = DEFAULT_PROVISIONING_SECONDS
    update_seconds: float = DEFAULT_UPDATE_SECONDS
    clock: Callable[[], datetime] = _now
    capacity_provider_seconds: float = DEFAULT_CAPACITY_PROVIDER_SECONDS
    code_url_seconds: int = DEFAULT_CODE_URL_SECONDS
    #: (access key id, region, IAM action) that IAM refuses: one profile's region where the
    #: caller's policy does not allow e.g. lambda:ListFunctions (``denial``).
    denials: set[tuple[str, str, str]] = field(default_factory=set)

    def restore_defaults(self) -> None:
        self.denials.clear()
        self.provisioning_seconds = DEFAULT_PROVISIONING_SECONDS
        self.update_seconds = DEFAULT_UPDATE_SECONDS
        self.clock = _now
        self.capacity_provider_seconds = DEFAULT_CAPACITY_PROVIDER_SECONDS
        self.code_url_seconds = DEFAULT_CODE_URL_SECONDS


def reserved_concurrency(fn: Any) -> int | None:
    value = getattr(fn, "reserved_concurrency", None)
    return None if value is None else int(value)


def unreserved_concurrency(backend: Any) -> int:
    """ConcurrentExecutions minus every function's reserved concurrency."""
    reserved = (reserved_concurrency(fn) for fn in backend.list_functions())
    return CONCURRENT_EXECUTIONS - sum(r for r in reserved if r is not None)


def _code_size_in_use(backend: Any) -> int:
    """Bytes of every stored deployment package (each published version keeps its own) and
    every layer version's archive."""
    total = 0
    for fn in backend.list_functions():
        total += int(fn.code_size or 0)
        total += sum(int(v.code_size or 0) for v in published_versions(backend, fn.function_name))
    for layer in backend.list_layers():
        name = str(layer.get("LayerName", ""))
        for version in backend.list_layer_versions(name):
            total += int(getattr(version, "code_size", 0) or 0)
    return total


def get_account_settings(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    backend = state.lambda_backend(req.account_id, req.region)
    return json_reply(
        200,
        {
            "AccountLimit": {
                "TotalCodeSize": TOTAL_CODE_SIZE,
                "CodeSizeUnzipped": CODE_SIZE_UNZIPPED,
                "CodeSizeZipped": CODE_SIZE_ZIPPED,
                "ConcurrentExecutions": CONCURRENT_EXECUTIONS,
                "UnreservedConcurrentExecutions": unreserved_concurrency(backend),
            },
            "AccountUsage": {
                "TotalCodeSize": _code_size_in_use(backend),
                "FunctionCount": sum(1 for _ in backend.list_functions()),
            },
        },
    )
