"""The edit form's per-setting calls for concurrency and scaling, mixed into ``Gateway`` through
``EditCalls``: each put or delete, and the wait until Lambda has applied it.

* Reserved concurrency: PutFunctionConcurrency / DeleteFunctionConcurrency; the service's
  refusal (the unreserved floor) is kept verbatim.
* Provisioned concurrency is never put on $LATEST (refused here, before any call), and is
  followed from IN_PROGRESS to READY, or ``UpdateFailed`` with its StatusReason.
* PutFunctionScalingConfig (Lambda Managed Instances: min/max execution environments of one
  published version) has no RevisionId: the requested config is read again just before the
  put and compared with what the form was opened with (``ChangedMeanwhile`` when it differs),
  then GetFunctionScalingConfig is polled until the applied config is the one put.

Waits poll with ``asyncio.sleep`` every ``poll_interval`` seconds, never blocking the loop, and
give up with ``UpdateInProgress`` after ``poll_limit``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import errors, qualifiers
from .clients import ClientSource
from .config import ProvisionedConcurrency

if TYPE_CHECKING:
    from types_aiobotocore_lambda.type_defs import FunctionScalingConfigTypeDef

Progress = Callable[[str], None]
Scaling = tuple[int | None, int | None]  # (MinExecutionEnvironments, MaxExecutionEnvironments)


class ConcurrencyCalls(ClientSource):
    """Concurrency and scaling calls of ``Gateway`` (see the module docstring)."""

    #: Seconds between two status polls, and the longest wait for a status to settle.
    poll_interval: float = 1.0
    poll_limit: float = 900.0

    async def get_provisioned(self, function: str, qualifier: str) -> ProvisionedConcurrency | None:
        """GetProvisionedConcurrencyConfig; None when the version/alias has none."""
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetProvisionedConcurrencyConfig"):
                reply = await lam.get_provisioned_concurrency_config(
                    FunctionName=function, Qualifier=qualifier
                )
        except errors.GatewayError as exc:
            if errors.error_code(exc) == "ProvisionedConcurrencyConfigNotFoundException":
                return None
            raise
        item = dict(reply)
        item.setdefault("FunctionArn", f"{function}:{qualifier}")
        return ProvisionedConcurrency.from_api(item)

    # -- concurrency ----------------------------------------------------------------------

    async def put_reserved_concurrency(self, function: str, value: int) -> None:
        """PutFunctionConcurrency; the service's refusal (the unreserved floor) is kept
        verbatim in the ``ValidationFailed`` message."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "PutFunctionConcurrency"):
            await lam.put_function_concurrency(
                FunctionName=function, ReservedConcurrentExecutions=value
            )

    async def delete_reserved_concurrency(self, function: str) -> None:
        lam = await self.client("lambda")
        async with self._translating("lambda", "DeleteFunctionConcurrency"):
            await lam.delete_function_concurrency(FunctionName=function)

    @staticmethod
    def _published(qualifier: str | None, operation: str) -> str:
        if not qualifiers.takes_provisioned(qualifier):
            raise errors.ValidationFailed(
                "Provisioned concurrency needs a version number or an alias, never $LATEST "
                "or $LATEST.PUBLISHED.",
                hint="Select a version or an alias first.",
                operation=operation,
            )
        return str(qualifier)

    async def put_provisioned_concurrency(self, function: str, qualifier: str, value: int) -> None:
        qualifier = self._published(qualifier, "PutProvisionedConcurrencyConfig")
        lam = await self.client("lambda")
        async with self._translating("lambda", "PutProvisionedConcurrencyConfig"):
            await lam.put_provisioned_concurrency_config(
                FunctionName=function,
                Qualifier=qualifier,
                ProvisionedConcurrentExecutions=value,
            )

    async def delete_provisioned_concurrency(self, function: str, qualifier: str) -> None:
        """DeleteProvisionedConcurrencyConfig. "None configured" is the state asked for, not a
        failure: the SDK resends a delete whose reply was lost, and AWS answers that second
        one 404 (the first deleted it)."""
        qualifier = self._published(qualifier, "DeleteProvisionedConcurrencyConfig")
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "DeleteProvisionedConcurrencyConfig"):
                await lam.delete_provisioned_concurrency_config(
                    FunctionName=function, Qualifier=qualifier
                )
        except errors.NotFound as exc:
            if errors.error_code(exc) != "ProvisionedConcurrencyConfigNotFoundException":
                raise  # the function or the version is gone: that is worth saying

    async def wait_provisioned(
        self, function: str, qualifier: str, on_status: Progress | None = None
    ) -> ProvisionedConcurrency:
        """Follow Status from IN_PROGRESS to READY; ``UpdateFailed`` with its StatusReason."""
        waited = 0.0
        while True:
            config = await self.get_provisioned(function, qualifier)
            if config is None:
                raise errors.UpdateFailed(
                    f"The provisioned concurrency of {function}:{qualifier} is gone.",
                    operation="GetProvisionedConcurrencyConfig",
                )
            if on_status is not None:
                on_status(
                    f"Provisioned {qualifier}: {config.status} "
                    f"({config.available}/{config.requested} ready)"
                )
            if config.status == "READY":
                return config
            if config.status == "FAILED":
                raise errors.UpdateFailed(
                    f"Provisioned concurrency on {function}:{qualifier} failed: "
                    f"{config.status_reason or 'no reason given'}",
                    operation="PutProvisionedConcurrencyConfig",
                )
            if waited >= self.poll_limit:
                raise errors.UpdateInProgress(
                    f"Provisioned concurrency on {function}:{qualifier} is still "
                    f"{config.status} after {waited:.0f} s.",
                    operation="GetProvisionedConcurrencyConfig",
                )
            await asyncio.sleep(self.poll_interval)
            waited += self.poll_interval

    # -- scaling (Lambda Managed Instances) -------------------------------------------------

    async def get_scaling(self, function: str, version: str) -> tuple[Scaling, Scaling]:
        """GetFunctionScalingConfig of a published version: (requested, applied)."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetFunctionScalingConfig"):
            reply = await lam.get_function_scaling_config(FunctionName=function, Qualifier=version)
        requested = _scaling(reply.get("RequestedFunctionScalingConfig"))
        applied = _scaling(reply.get("AppliedFunctionScalingConfig"))
        if requested == (None, None):
            requested = applied
        return requested, applied

    async def put_scaling(
        self, function: str, version: str, expected: Scaling, wanted: Scaling
    ) -> str:
        """PutFunctionScalingConfig of ``version`` if its requested config is still
        ``expected`` (``ChangedMeanwhile`` otherwise); the FunctionState Lambda answers."""
        if not qualifiers.is_published(version):
            raise errors.ValidationFailed(
                "Scaling needs a published version (a number or $LATEST.PUBLISHED).",
                hint="Select a version, or an alias of one, first.",
                operation="PutFunctionScalingConfig",
            )
        current, _applied = await self.get_scaling(function, version)
        if current != expected:
            raise errors.ChangedMeanwhile(
                f"The scaling of {function}:{version} was changed by someone else since the "
                "form was opened; nothing was overwritten.",
                hint="Reload to see the current values, then edit again.",
                operation="PutFunctionScalingConfig",
            )
        config: FunctionScalingConfigTypeDef = {}
        if wanted[0] is not None:
            config["MinExecutionEnvironments"] = wanted[0]
        if wanted[1] is not None:
            config["MaxExecutionEnvironments"] = wanted[1]
        lam = await self.client("lambda")
        async with self._translating("lambda", "PutFunctionScalingConfig"):
            reply = await lam.put_function_scaling_config(
                FunctionName=function, Qualifier=version, FunctionScalingConfig=config
            )
        return str(reply.get("FunctionState") or "")

    async def wait_scaling(
        self, function: str, version: str, wanted: Scaling, on_status: Progress | None = None
    ) -> None:
        """Poll GetFunctionScalingConfig until the applied config is ``wanted`` (the values
        that were put; one left out is not compared)."""
        waited = 0.0
        while True:
            _requested, applied = await self.get_scaling(function, version)
            if on_status is not None:
                on_status(f"Scaling {version} applied: {applied[0]}–{applied[1]}")
            if all(w is None or w == a for w, a in zip(wanted, applied, strict=True)):
                return
            if waited >= self.poll_limit:
                raise errors.UpdateInProgress(
                    f"The scaling of {function}:{version} is not applied after {waited:.0f} s.",
                    hint="Refresh the function later to see whether it was applied.",
                    operation="GetFunctionScalingConfig",
                )
            await asyncio.sleep(self.poll_interval)
            waited += self.poll_interval


def _scaling(config: Any) -> Scaling:
    config = config or {}
    low, high = config.get("MinExecutionEnvironments"), config.get("MaxExecutionEnvironments")
    return (None if low is None else int(low), None if high is None else int(high))
