"""The edit form's calls, mixed into ``Gateway``: read the editable settings, change them safely.

Safety, call by call:

* UpdateFunctionConfiguration carries the RevisionId the form was opened with; Lambda refuses
  it with PreconditionFailed when the function changed meanwhile, which becomes
  ``ChangedMeanwhile`` (nothing was overwritten). ResourceConflictException (another update
  still being applied) is retried with backoff (``conflict_delays``); then the function's
  LastUpdateStatus is polled (GetFunctionConfiguration, as botocore's ``function_updated``
  waiter does, but with ``asyncio.sleep``, never blocking the loop) until Successful, or
  ``UpdateFailed`` with Lambda's reason.
* It is sent once (``once_client``): botocore's retry of a request whose reply was lost would
  send it again, and Lambda would refuse the second as stale (the first changed the
  RevisionId): the user would read "changed by someone else" about their own change. A lost
  reply is answered by reading the function back: at a new RevisionId with every value asked
  for, the update went through; otherwise the original error stands.
* UpdateAlias carries the alias's RevisionId too (``ReleaseCalls.update_alias``).
* Reserved and provisioned concurrency and the scaling of a Lambda Managed Instances version
  are ``ConcurrencyCalls`` (``concurrency_gateway.py``: each put, and the wait until it is
  applied), which this mixin extends. For the scaling, an alias is resolved to its version
  first: the API's Qualifier takes a version or $LATEST.PUBLISHED.
* In read-only mode nothing here can reach the account: the gateway's botocore hook refuses
  every mutating operation before it is built (``ReadOnlyRefused``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import errors, qualifiers
from .concurrency_gateway import ConcurrencyCalls, Progress, Scaling
from .config import AccountLimits, FunctionDetail
from .qualifier_records import AliasRecord
from .settings import Context, Settings, scaling_changed
from .settings_diff import configuration_changes

_is_alias = qualifiers.is_alias
T = TypeVar("T")
#: Seconds to wait for UpdateFunctionConfiguration's reply (sent once: never re-sent).
EDIT_READ_TIMEOUT = 30.0
#: Errors after which an update may have reached Lambda without its reply reaching us.
REPLY_LOST = (
    errors.TimedOut,
    errors.EndpointUnreachable,
    errors.EndpointPage,
    errors.ServiceError,
    errors.UnexpectedError,
)


class EditCalls(ConcurrencyCalls):
    """The settings edit calls of ``Gateway`` (see the module docstring)."""

    #: Seconds to wait for UpdateFunctionConfiguration's reply (tests shorten it).
    edit_read_timeout: float = EDIT_READ_TIMEOUT
    #: Seconds to wait before each retry of an update refused as "in progress".
    conflict_delays: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)

    if TYPE_CHECKING:  # provided by Gateway and ConfigCalls

        async def get_function_detail(
            self, name: str, qualifier: str | None = None
        ) -> FunctionDetail:
            raise NotImplementedError

        async def get_account_limits(self) -> AccountLimits:
            raise NotImplementedError

        async def update_alias(
            self,
            name: str,
            alias: str,
            *,
            version: str | None = None,
            description: str | None = None,
            routing: dict[str, float] | None = None,
            revision_id: str,
        ) -> AliasRecord:
            raise NotImplementedError

    # -- reading ---------------------------------------------------------------------------

    async def read_settings(
        self, function: str, qualifier: str | None = None
    ) -> tuple[Settings, Context]:
        """The current settings of ``function`` (and of ``qualifier``), with what checks need.

        Memory, timeout, storage, environment and reserved concurrency are the function's own
        (only $LATEST can change); provisioned concurrency is the version's or alias's; the
        routing is the alias's.
        """
        qualifier = qualifiers.api_qualifier(qualifier)
        detail_task = self.get_function_detail(function)
        limits_task = self._optional_limits()
        provisioned_task = (
            self.get_provisioned(function, str(qualifier))
            if qualifiers.takes_provisioned(qualifier)
            else _none()
        )
        alias_task = self.get_alias(function, str(qualifier)) if _is_alias(qualifier) else _none()
        detail, (limits, limits_missing), provisioned, alias = await asyncio.gather(
            detail_task, limits_task, provisioned_task, alias_task
        )
        scaling: Scaling = (None, None)
        scaling_version, scaling_missing = "", ""
        if detail.managed_instances:
            version = str(alias["FunctionVersion"]) if alias else qualifier
            if qualifiers.is_published(version):
                try:
                    scaling, _applied = await self.get_scaling(function, str(version))
                    scaling_version = str(version)
                except errors.GatewayError as exc:
                    scaling_missing = ": ".join(errors.unavailable(exc))
        settings = Settings(
            memory_mb=detail.memory_mb,
            timeout_s=detail.timeout_s,
            storage_mb=detail.ephemeral_storage_mb,
            environment=detail.environment,
            reserved=detail.reserved_concurrency,
            provisioned=provisioned.requested if provisioned else None,
            alias_version=alias["FunctionVersion"] if alias else None,
            alias_weights=_weights(alias),
            scaling_min=scaling[0],
            scaling_max=scaling[1],
        )
        context = Context(
            function=detail.name or function,
            qualifier=qualifier,
            is_alias=_is_alias(qualifier),
            architecture=(detail.architectures or ("x86_64",))[0],
            managed_instances=detail.managed_instances,
            unreserved=limits.unreserved_concurrent_executions if limits else None,
            limits_missing=limits_missing,
            revision_id=detail.revision_id,
            alias_revision_id=str(alias.get("RevisionId") or "") if alias else "",
            scaling_version=scaling_version,
            scaling_missing=scaling_missing,
        )
        return settings, context

    async def _optional_limits(self) -> tuple[AccountLimits | None, str]:
        """The account's limits, or None and why not: they are context (the unreserved floor),
        and a policy without lambda:GetAccountSettings (or an endpoint without it) must not
        keep anyone from changing memory or a timeout."""
        try:
            return await self.get_account_limits(), ""
        except errors.GatewayError as exc:
            return None, ": ".join(errors.unavailable(exc))

    async def get_alias(self, function: str, alias: str) -> dict[str, Any]:
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetAlias"):
            reply = await lam.get_alias(FunctionName=function, Name=alias)
        return dict(reply)

    # -- the function's configuration -------------------------------------------------------

    async def update_configuration(
        self, function: str, changes: dict[str, Any], revision_id: str
    ) -> str:
        """UpdateFunctionConfiguration with ``revision_id``; the new RevisionId.

        PreconditionFailed → ``ChangedMeanwhile``; ResourceConflictException is retried after
        each of ``conflict_delays``, then → ``UpdateInProgress``.
        """
        lam = await self.once_client("edit", self.edit_read_timeout)
        params: dict[str, Any] = {"FunctionName": function, **changes}
        if revision_id:
            params["RevisionId"] = revision_id

        async def send() -> str:
            try:
                async with self._translating("lambda", "UpdateFunctionConfiguration"):
                    reply = await lam.update_function_configuration(**params)
            except REPLY_LOST:
                applied = await self._configuration_applied(function, changes, revision_id)
                if applied is None:
                    raise
                return applied
            return str(reply.get("RevisionId") or "")

        return await self.send_guarded(
            send,
            "UpdateFunctionConfiguration",
            changed=(
                f"{function} was changed by someone else since the form was opened; "
                "nothing was overwritten.",
                "Reload to see the current values, then edit again.",
            ),
            busy=(
                f"{function} is still being updated by another change.",
                "Wait a moment, then apply again.",
            ),
        )

    async def _configuration_applied(
        self, function: str, changes: dict[str, Any], revision_id: str
    ) -> str | None:
        """After a lost reply: the new RevisionId when ``function`` now holds ``changes`` and
        is no longer at ``revision_id`` (the update went through), else None."""
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetFunctionConfiguration"):
                config = await lam.get_function_configuration(FunctionName=function)
        except errors.GatewayError:
            return None
        now = str(config.get("RevisionId") or "")
        if now == revision_id or not _holds(dict(config), changes):
            return None
        return now

    async def send_guarded(
        self,
        send: Callable[[], Awaitable[T]],
        operation: str,
        *,
        changed: tuple[str, str],
        busy: tuple[str, str],
    ) -> T:
        """``send()``, an update carrying the RevisionId it was read with: PreconditionFailed
        → ``ChangedMeanwhile`` (``changed``: its message and hint); ResourceConflictException
        (another update still being applied, nothing done) → sent again after each of
        ``conflict_delays``, then ``UpdateInProgress`` (``busy``)."""
        delays = list(self.conflict_delays)
        while True:
            try:
                return await send()
            except errors.GatewayError as exc:
                code = errors.error_code(exc)
                if code == "PreconditionFailedException":
                    message, hint = changed
                    raise errors.ChangedMeanwhile(message, hint=hint, operation=operation) from exc
                if code != "ResourceConflictException":
                    raise
                if not delays:
                    message, hint = busy
                    raise errors.UpdateInProgress(message, hint=hint, operation=operation) from exc
                await asyncio.sleep(delays.pop(0))

    async def wait_until_updated(
        self,
        function: str,
        on_status: Progress | None = None,
        operation: str = "UpdateFunctionConfiguration",
    ) -> None:
        """Poll LastUpdateStatus until Successful; ``UpdateFailed`` with Lambda's reason
        (``operation``: the update being followed)."""
        lam = await self.client("lambda")
        waited = 0.0
        while True:
            async with self._translating("lambda", "GetFunctionConfiguration"):
                config = await lam.get_function_configuration(FunctionName=function)
            status = str(config.get("LastUpdateStatus") or "Successful")
            if on_status is not None:
                on_status(f"LastUpdateStatus: {status}")
            if status == "Successful":
                return
            if status == "Failed":
                reason = str(config.get("LastUpdateStatusReason") or "no reason given")
                code = str(config.get("LastUpdateStatusReasonCode") or "")
                raise errors.UpdateFailed(
                    f"Lambda could not apply the change to {function}: {reason}"
                    + (f" ({code})" if code else ""),
                    operation=operation,
                )
            if waited >= self.poll_limit:
                raise errors.UpdateInProgress(
                    f"{function} is still InProgress after {waited:.0f} s.",
                    hint="Refresh the function later to see whether it was applied.",
                    operation="GetFunctionConfiguration",
                )
            await asyncio.sleep(self.poll_interval)
            waited += self.poll_interval

    # -- aliases --------------------------------------------------------------------------

    async def update_alias_routing(
        self,
        function: str,
        alias: str,
        version: str,
        weights: tuple[tuple[str, float], ...],
        revision_id: str,
    ) -> str:
        """UpdateAlias: target version and additional version weights; the new RevisionId
        (``ReleaseCalls.update_alias``: sent once, RevisionId-guarded)."""
        updated = await self.update_alias(
            function, alias, version=version, routing=dict(weights), revision_id=revision_id
        )
        return updated.revision_id

    # -- everything at once ---------------------------------------------------------------

    async def apply_settings(
        self,
        before: Settings,
        after: Settings,
        context: Context,
        on_progress: Progress | None = None,
    ) -> Settings:
        """Apply every difference between ``before`` and ``after``; the settings read back.

        Order: the function's configuration (RevisionId-checked, then LastUpdateStatus
        followed), reserved concurrency, provisioned concurrency (followed to READY), the
        version's scaling (checked unchanged, then followed until applied), the alias's
        routing (RevisionId-checked). A failure stops there; what was applied before it stays
        applied (the journal records only complete changes).
        """

        def say(text: str) -> None:
            if on_progress is not None:
                on_progress(text)

        function = context.function
        changes = configuration_changes(before, after)
        if changes:
            say("UpdateFunctionConfiguration…")
            await self.update_configuration(function, changes, context.revision_id)
            await self.wait_until_updated(function, say)
        if after.reserved != before.reserved:
            if after.reserved is None:
                say("DeleteFunctionConcurrency…")
                await self.delete_reserved_concurrency(function)
            else:
                say("PutFunctionConcurrency…")
                await self.put_reserved_concurrency(function, after.reserved)
        if after.provisioned != before.provisioned:
            qualifier = self._published(context.qualifier, "PutProvisionedConcurrencyConfig")
            if after.provisioned is None:
                say("DeleteProvisionedConcurrencyConfig…")
                await self.delete_provisioned_concurrency(function, qualifier)
            else:
                say("PutProvisionedConcurrencyConfig…")
                await self.put_provisioned_concurrency(function, qualifier, after.provisioned)
                await self.wait_provisioned(function, qualifier, say)
        if scaling_changed(before, after):
            version = context.scaling_version
            wanted = (after.scaling_min, after.scaling_max)
            say(f"PutFunctionScalingConfig ({version})…")
            state = await self.put_scaling(
                function, version, (before.scaling_min, before.scaling_max), wanted
            )
            if state == "Failed":
                raise errors.UpdateFailed(
                    f"Lambda reports {function}:{version} Failed after the scaling change.",
                    operation="PutFunctionScalingConfig",
                )
            await self.wait_scaling(function, version, wanted, say)
        alias_changed = (before.alias_version, before.alias_weights) != (
            after.alias_version,
            after.alias_weights,
        )
        if alias_changed and context.is_alias and context.qualifier and after.alias_version:
            say("UpdateAlias…")
            await self.update_alias_routing(
                function,
                context.qualifier,
                after.alias_version,
                after.alias_weights,
                context.alias_revision_id,
            )
        say("Reading the function back…")
        settings, _context = await self.read_settings(function, context.qualifier)
        return settings


def _holds(got: Any, want: Any) -> bool:
    """Whether the configuration read back (``got``) has every value of ``want``; a dict
    asked for empty (no environment variables) is empty or absent."""
    if isinstance(want, dict):
        if not want:
            return not got
        return all(_holds((got or {}).get(key), value) for key, value in want.items())
    return bool(got == want)


async def _none() -> None:
    return None


def _weights(alias: dict[str, Any] | None) -> tuple[tuple[str, float], ...]:
    if not alias:
        return ()
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return tuple(sorted((str(k), float(v)) for k, v in weights.items()))
