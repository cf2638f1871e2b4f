"""The configuration view's calls: one per section, mixed into ``Gateway``.

Each method is one API call (``get_concurrency`` is two, see there), read-only, translated by
its own ``_translating`` so an AccessDenied names exactly the IAM action that was refused
(``lambda:GetPolicy``), and the UI can show it in that section alone.

Qualifiers: ``None`` and ``"$LATEST"`` both mean the unqualified function. GetFunction takes
either; the other calls are sent without a qualifier for them, as Lambda keeps one URL, one
policy and one event-invoke config for the unqualified function. Anything else is a version or
an alias.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import errors, qualifiers, triggers
from .clients import ClientSource
from .config import (
    AccountLimits,
    AsyncInvokeConfig,
    Concurrency,
    EventSourceMapping,
    FunctionDetail,
    FunctionUrl,
    PolicyStatement,
    ProvisionedConcurrency,
)

#: MaxItems of ListProvisionedConcurrencyConfigs is at most 50; ListEventSourceMappings 10,000.
_PROVISIONED_PAGE = 50
_MAPPINGS_PAGE = 100


if TYPE_CHECKING:
    from types_aiobotocore_lambda.type_defs import GetFunctionRequestTypeDef

_qualifier = qualifiers.api_qualifier


T = TypeVar("T")


def _params(name: str, qualifier: str | None) -> GetFunctionRequestTypeDef:
    """FunctionName and Qualifier (the request of GetFunction, GetPolicy, GetFunctionUrlConfig,
    GetFunctionEventInvokeConfig: the same TypedDict under four names)."""
    params: GetFunctionRequestTypeDef = {"FunctionName": name}
    wanted = _qualifier(qualifier)
    if wanted:
        params["Qualifier"] = wanted
    return params


class ConfigCalls(ClientSource):
    """The configuration and trigger calls of ``Gateway`` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Gateway

        async def _all_pages(
            self,
            operation: str,
            key: str,
            build: Callable[[dict[str, Any]], T],
            *,
            page_size: int,
            **params: Any,
        ) -> list[T]:
            raise NotImplementedError

    async def get_function_detail(self, name: str, qualifier: str | None = None) -> FunctionDetail:
        """GetFunction: configuration, code location, tags. NotFound if there is no such
        function, version or alias."""
        lam = await self.client("lambda")
        params: GetFunctionRequestTypeDef = {"FunctionName": name}
        if qualifier:
            params["Qualifier"] = qualifier
        async with self._translating("lambda", "GetFunction"):
            reply = await lam.get_function(**params)
        return FunctionDetail.from_api(reply, qualifier)

    async def get_reserved_concurrency(self, name: str) -> int | None:
        """GetFunctionConcurrency: the reserved concurrency; None when none is reserved."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetFunctionConcurrency"):
            reply = await lam.get_function_concurrency(FunctionName=name)
        value = reply.get("ReservedConcurrentExecutions")
        return None if value is None else int(value)

    async def list_provisioned_concurrency(self, name: str) -> tuple[ProvisionedConcurrency, ...]:
        """ListProvisionedConcurrencyConfigs, all pages: every version's and alias's."""
        configs = await self._all_pages(
            "ListProvisionedConcurrencyConfigs",
            "ProvisionedConcurrencyConfigs",
            ProvisionedConcurrency.from_api,
            page_size=_PROVISIONED_PAGE,
            FunctionName=name,
        )
        return tuple(configs)

    async def get_concurrency(self, name: str, qualifier: str | None = None) -> Concurrency:
        """Reserved + provisioned concurrency, the two calls made concurrently.

        With a version or alias, only its own provisioned config is kept; for the unqualified
        function, all of them. Each part stands on its own call: when one fails, the other is
        kept and the failed one says why (``reserved_error``, ``provisioned_error``); only when
        both fail is the error raised (GetFunctionConcurrency's).
        """
        got_reserved, got_provisioned = await asyncio.gather(
            self.get_reserved_concurrency(name),
            self.list_provisioned_concurrency(name),
            return_exceptions=True,
        )
        for result in (got_reserved, got_provisioned):
            if isinstance(result, BaseException) and not isinstance(result, errors.GatewayError):
                raise result
        if isinstance(got_reserved, errors.GatewayError) and isinstance(
            got_provisioned, errors.GatewayError
        ):
            raise got_reserved
        reserved: int | None = None
        provisioned: tuple[ProvisionedConcurrency, ...] = ()
        reserved_error = provisioned_error = ""
        if isinstance(got_reserved, errors.GatewayError):
            reserved_error = ": ".join(errors.unavailable(got_reserved))
        elif not isinstance(got_reserved, BaseException):
            reserved = got_reserved
        if isinstance(got_provisioned, errors.GatewayError):
            provisioned_error = ": ".join(errors.unavailable(got_provisioned))
        elif not isinstance(got_provisioned, BaseException):
            provisioned = got_provisioned
        wanted = _qualifier(qualifier)
        if wanted:
            provisioned = tuple(p for p in provisioned if p.qualifier == wanted)
        return Concurrency(
            reserved=reserved,
            provisioned=provisioned,
            reserved_error=reserved_error,
            provisioned_error=provisioned_error,
        )

    async def get_account_limits(self) -> AccountLimits:
        """GetAccountSettings: the region's concurrency and code-size limits, function count."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetAccountSettings"):
            reply = await lam.get_account_settings()
        return AccountLimits.from_api(reply)

    async def get_async_config(
        self, name: str, qualifier: str | None = None
    ) -> AsyncInvokeConfig | None:
        """GetFunctionEventInvokeConfig; None when none is configured (Lambda's defaults)."""
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetFunctionEventInvokeConfig"):
                reply = await lam.get_function_event_invoke_config(**_params(name, qualifier))
        except errors.NotFound:
            return None
        return AsyncInvokeConfig.from_api(reply)

    async def get_function_url(self, name: str, qualifier: str | None = None) -> FunctionUrl | None:
        """GetFunctionUrlConfig; None when there is no URL.

        A published version ($LATEST.PUBLISHED too) cannot have a URL (only the function or an
        alias can), so for one this returns None without asking.
        """
        wanted = _qualifier(qualifier)
        if not qualifiers.can_have_url(wanted):
            return None
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetFunctionUrlConfig"):
                reply = await lam.get_function_url_config(**_params(name, qualifier))
        except errors.NotFound:
            return None
        return FunctionUrl.from_api(reply, wanted)

    async def list_event_source_mappings(
        self, name: str, qualifier: str | None = None
    ) -> tuple[EventSourceMapping, ...]:
        """ListEventSourceMappings for ``name`` (or ``name:qualifier``), all pages; () if none."""
        wanted = _qualifier(qualifier)
        mappings = await self._all_pages(
            "ListEventSourceMappings",
            "EventSourceMappings",
            EventSourceMapping.from_api,
            page_size=_MAPPINGS_PAGE,
            FunctionName=f"{name}:{wanted}" if wanted else name,
        )
        return tuple(mappings)

    async def get_policy(
        self, name: str, qualifier: str | None = None, *, account_id: str = ""
    ) -> tuple[PolicyStatement, ...]:
        """GetPolicy's statements; () when the function has no resource policy.

        ``cross_account`` compares with ``account_id``, by default the account in the
        statements' Resource (the function's own ARN).
        """
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetPolicy"):
                reply = await lam.get_policy(**_params(name, qualifier))
        except errors.NotFound:
            return ()
        statements = triggers.policy_statements(reply.get("Policy"))
        account = account_id or triggers.function_account(statements)
        return tuple(PolicyStatement.from_api(s, account) for s in statements)

    async def get_code_signing_config_arn(self, name: str) -> str | None:
        """GetFunctionCodeSigningConfig: the config's ARN; None when code signing is off."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetFunctionCodeSigningConfig"):
            reply = await lam.get_function_code_signing_config(FunctionName=name)
        return str(reply.get("CodeSigningConfigArn") or "") or None
