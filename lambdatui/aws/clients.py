"""The typed AWS clients every feature mixin of ``Gateway`` calls through.

``ClientSource.client(service)`` is the one place a service name becomes a client type: an
overload per service returns the matching ``types-aiobotocore-*`` client, so each call in
``lambdatui.aws`` is checked against botocore's own model (parameter names and types, the
reply's TypedDict). The stubs are a development dependency: imported for the type checker
only, never at run time.

``Gateway`` implements ``_shared_client`` (create once per service and variant, error
translation) and ``_translating``; the mixins inherit this class instead of each declaring
its own ``client`` stub.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from types_aiobotocore_cloudwatch import CloudWatchClient
    from types_aiobotocore_lambda import LambdaClient
    from types_aiobotocore_logs import CloudWatchLogsClient
    from types_aiobotocore_schemas import SchemasClient
    from types_aiobotocore_sts import STSClient


class ClientSource:
    """The shared aiobotocore clients, typed per service (see the module docstring)."""

    @overload
    async def client(
        self, service: Literal["lambda"], *, variant: str = "", **config: Any
    ) -> LambdaClient: ...

    @overload
    async def client(
        self, service: Literal["logs"], *, variant: str = "", **config: Any
    ) -> CloudWatchLogsClient: ...

    @overload
    async def client(
        self, service: Literal["cloudwatch"], *, variant: str = "", **config: Any
    ) -> CloudWatchClient: ...

    @overload
    async def client(
        self, service: Literal["schemas"], *, variant: str = "", **config: Any
    ) -> SchemasClient: ...

    @overload
    async def client(
        self, service: Literal["sts"], *, variant: str = "", **config: Any
    ) -> STSClient: ...

    @overload
    async def client(
        self, service: Literal["pricing"], *, variant: str = "", **config: Any
    ) -> Any: ...  # no type stubs for the Price List API: ``pricing_gateway`` checks its reply

    async def client(self, service: str, *, variant: str = "", **config: Any) -> Any:
        """The shared aiobotocore client for ``service`` (created once per ``variant``).

        A ``variant`` is a client with its own botocore ``Config`` overrides, e.g. Invoke's
        ``client("lambda", variant="invoke-30", retries={"total_max_attempts": 1},
        read_timeout=40)``: the same variant name must always come with the same overrides.
        ``region_name`` among them gives the client a region other than the target's (the
        Price List API answers in us-east-1 only).
        """
        return await self._shared_client(service, variant, config)

    async def once_client(self, purpose: str, read_timeout: float) -> LambdaClient:
        """A Lambda client that sends each call once (no retry: a call that runs code or
        changes the account is never re-sent; a lost reply is read back instead), waiting up
        to ``read_timeout`` seconds for the reply. ``purpose`` names its variant."""
        return await self.client(
            "lambda",
            variant=f"{purpose}-{read_timeout:g}",
            retries={"total_max_attempts": 1, "mode": "standard"},
            read_timeout=read_timeout,
        )

    async def _shared_client(self, service: str, variant: str, config: dict[str, Any]) -> Any:
        raise NotImplementedError  # Gateway's

    if TYPE_CHECKING:  # provided by Gateway

        def _translating(self, service: str, operation: str) -> AbstractAsyncContextManager[None]:
            raise NotImplementedError
