"""Versions and aliases, mixed into ``Gateway``: publish, create/update/delete an alias, delete
a version.

Safety, call by call:

* In read-only mode the gateway's botocore hook refuses PublishVersion, CreateAlias,
  UpdateAlias, DeleteAlias and DeleteFunction before they are built: nothing is sent.
* PublishVersion goes with the CodeSha256 and RevisionId the user saw: a change meanwhile is
  refused by Lambda (InvalidParameterValueException naming CodeSHA256, or PreconditionFailed)
  and becomes ``ChangedMeanwhile`` naming what changed; nothing is published. UpdateAlias goes
  with the alias's RevisionId the same way.
* Each mutation is sent once (a client with one attempt): a retry after a lost reply could
  publish a second version, or be refused as stale by the RevisionId the first one changed. A
  lost reply is answered by reading back: a version newer than those listed before the publish,
  with the CodeSha256 and description sent (``Published.recovered``); the alias as it was
  asked for; the alias or version gone. Otherwise the original error stands.
* Routing and deletions are checked before any call (``release.check_routing``,
  ``release.check_deletable``): $LATEST and a version an alias routes to are never deleted.
* A published version is followed (GetFunctionConfiguration of it) until its State is Active.
  Lambda answers an unchanged $LATEST with the last version instead of a new one
  (``Published.new`` False): it must not be journaled as published.

Plain moto enforces neither CodeSha256 nor RevisionId on PublishVersion, nor any refusal of
deleting a version an alias references: there only the gateway's own checks protect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import errors
from .clients import ClientSource
from .deploy_gateway import _REPLY_LOST
from .qualifier_records import AliasRecord, FunctionVersion
from .release import Published, Routing, check_deletable, check_routing

if TYPE_CHECKING:
    from types_aiobotocore_lambda import LambdaClient

    from .concurrency_gateway import Progress

T = TypeVar("T")
#: Seconds to wait for the reply to one release call (a test shortens it).
RELEASE_READ_TIMEOUT = 60.0


class ReleaseCalls(ClientSource):
    """The version and alias calls of ``Gateway`` (see the module docstring)."""

    release_read_timeout: float = RELEASE_READ_TIMEOUT

    if TYPE_CHECKING:  # provided by Gateway, EditCalls and ConcurrencyCalls
        poll_interval: float
        poll_limit: float

        async def send_guarded(
            self,
            send: Callable[[], Awaitable[T]],
            operation: str,
            *,
            changed: tuple[str, str],
            busy: tuple[str, str],
        ) -> T:
            raise NotImplementedError

        async def list_versions(self, function: str) -> list[FunctionVersion]:
            raise NotImplementedError

        async def list_aliases(self, function: str) -> list[AliasRecord]:
            raise NotImplementedError

    async def release_client(self) -> LambdaClient:
        """The Lambda client for release calls: one attempt (see the module docstring)."""
        return await self.once_client("release", self.release_read_timeout)

    # -- versions --------------------------------------------------------------------------

    async def publish_version(
        self,
        name: str,
        description: str,
        code_sha256: str,
        revision_id: str,
        on_status: Progress | None = None,
    ) -> Published:
        """Publish $LATEST of ``name`` if it is still the code ``code_sha256`` at
        ``revision_id``; the version, followed until Active."""
        known = {v.version for v in await self.list_versions(name)}
        lam = await self.release_client()
        params: dict[str, Any] = {"FunctionName": name, "CodeSha256": code_sha256}
        if description:
            params["Description"] = description
        if revision_id:
            params["RevisionId"] = revision_id

        async def send() -> Published:
            try:
                async with self._translating("lambda", "PublishVersion"):
                    reply = await lam.publish_version(**params)
            except _REPLY_LOST:
                found = await self._published_already(name, known, code_sha256, description)
                if found is None:
                    raise
                return found
            except errors.GatewayError as exc:
                if "CodeSHA256" in exc.message or "CodeSha256" in exc.message:
                    raise errors.ChangedMeanwhile(
                        f"The code of {name} changed since you looked (CodeSha256 is no longer "
                        f"{code_sha256}); no version was published.",
                        hint="Look at what is on $LATEST now, then publish again.",
                        operation="PublishVersion",
                    ) from exc
                raise
            return _published(name, reply)

        published = await self.send_guarded(
            send,
            "PublishVersion",
            changed=(
                f"{name} was changed since you looked (its RevisionId is no longer the one "
                "you saw); no version was published.",
                "Look at what is on $LATEST now, then publish again.",
            ),
            busy=(
                f"{name} is still being updated; no version was published.",
                "Wait a moment, then publish again.",
            ),
        )
        state = await self.wait_version_active(name, published.version, on_status)
        return Published(
            name,
            published.version,
            published.description,
            published.code_sha256,
            state,
            published.recovered,
            new=published.version not in known,
        )

    async def _published_already(
        self, name: str, known: set[str], sha256: str, description: str
    ) -> Published | None:
        """The version this publish made, found by reading back, or None."""
        try:
            versions = await self.list_versions(name)
        except errors.GatewayError:
            return None
        for version in reversed(versions):
            if (
                version.version not in known
                and version.code_sha256 == sha256
                # none sent: the version took the function's own description
                and (not description or version.description == description)
            ):
                return Published(name, version.version, version.description, sha256, recovered=True)
        return None

    async def wait_version_active(
        self, name: str, version: str, on_status: Progress | None = None
    ) -> str:
        """Poll the version's State until Active; ``UpdateFailed`` with Lambda's reason when
        it is Failed."""
        lam = await self.client("lambda")
        waited = 0.0
        while True:
            async with self._translating("lambda", "GetFunctionConfiguration"):
                config = await lam.get_function_configuration(FunctionName=name, Qualifier=version)
            state = str(config.get("State") or "Active")
            if on_status is not None:
                on_status(f"Version {version}: {state}")
            if state == "Active":
                return state
            if state == "Failed":
                reason = str(config.get("StateReason") or "no reason given")
                raise errors.UpdateFailed(
                    f"Version {version} of {name} was published but is Failed: {reason}",
                    operation="PublishVersion",
                )
            if waited >= self.poll_limit:
                return state
            await asyncio.sleep(self.poll_interval)
            waited += self.poll_interval

    async def delete_version(self, name: str, version: str) -> None:
        """DeleteFunction of ``version`` only; refused before it is sent when it is not a
        published version or an alias routes to it (``Conflict`` naming the aliases)."""
        check_deletable(name, version, await self.list_aliases(name) if version.isdigit() else [])
        lam = await self.release_client()
        try:
            async with self._translating("lambda", "DeleteFunction"):
                await lam.delete_function(FunctionName=name, Qualifier=version)
        except _REPLY_LOST:
            if not await self._version_gone(name, version):
                raise

    async def _version_gone(self, name: str, version: str) -> bool:
        try:
            versions = await self.list_versions(name)
        except errors.GatewayError:
            return False
        return version not in {v.version for v in versions}

    # -- aliases ---------------------------------------------------------------------------

    async def read_alias(self, name: str, alias: str) -> AliasRecord:
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetAlias"):
            reply = await lam.get_alias(FunctionName=name, Name=alias)
        return AliasRecord.from_api(dict(reply))

    async def create_alias(
        self,
        name: str,
        alias: str,
        version: str,
        description: str = "",
        routing: Routing | None = None,
    ) -> AliasRecord:
        """CreateAlias ``alias`` → ``version`` (with ``routing``); the alias as created."""
        check_routing(alias, version, routing)
        lam = await self.release_client()
        params: dict[str, Any] = {
            "FunctionName": name,
            "Name": alias,
            "FunctionVersion": version,
            "Description": description,
        }
        if routing:
            params["RoutingConfig"] = {"AdditionalVersionWeights": dict(routing)}
        try:
            async with self._translating("lambda", "CreateAlias"):
                reply = await lam.create_alias(**params)
        except _REPLY_LOST:
            found = await self._alias_as(name, alias, version, description, routing or {})
            if found is None:
                raise
            return found
        return AliasRecord.from_api(dict(reply))

    async def update_alias(
        self,
        name: str,
        alias: str,
        *,
        version: str | None = None,
        description: str | None = None,
        routing: Routing | None = None,
        revision_id: str,
    ) -> AliasRecord:
        """UpdateAlias with the alias's ``revision_id``: ``version``, ``description`` and
        ``routing`` ({} for none) when given, else kept; the alias as it now is. Stale
        RevisionId → ``ChangedMeanwhile``."""
        if routing is not None and version is None:
            current = await self.read_alias(name, alias)
            check_routing(alias, current.function_version, routing)
        elif version is not None:
            check_routing(alias, version, routing)
        lam = await self.release_client()
        params: dict[str, Any] = {"FunctionName": name, "Name": alias}
        if version is not None:
            params["FunctionVersion"] = version
        if description is not None:
            params["Description"] = description
        if routing is not None:
            params["RoutingConfig"] = {"AdditionalVersionWeights": dict(routing)}
        if revision_id:
            params["RevisionId"] = revision_id

        async def send() -> AliasRecord:
            try:
                async with self._translating("lambda", "UpdateAlias"):
                    reply = await lam.update_alias(**params)
            except _REPLY_LOST:
                found = await self._alias_as(name, alias, version, description, routing)
                if found is None or found.revision_id == revision_id:
                    raise
                return found
            return AliasRecord.from_api(dict(reply))

        return await self.send_guarded(
            send,
            "UpdateAlias",
            changed=(
                f"Alias {alias} of {name} was changed by someone else since it was read; "
                "nothing was overwritten.",
                "Reload to see the alias as it is now, then change it again.",
            ),
            busy=(
                f"{name} is still being updated by another change.",
                "Wait a moment, then try again.",
            ),
        )

    async def _alias_as(
        self,
        name: str,
        alias: str,
        version: str | None,
        description: str | None,
        routing: Routing | None,
    ) -> AliasRecord | None:
        """The alias read back if it is as asked (None in a field: anything), else None."""
        try:
            found = await self.read_alias(name, alias)
        except errors.GatewayError:
            return None
        if version is not None and found.function_version != version:
            return None
        if description is not None and found.description != description:
            return None
        if routing is not None and dict(found.additional_weights) != dict(routing):
            return None
        return found

    async def delete_alias(self, name: str, alias: str) -> None:
        """DeleteAlias; a lost reply is answered by checking that the alias is gone."""
        lam = await self.release_client()
        try:
            async with self._translating("lambda", "DeleteAlias"):
                await lam.delete_alias(FunctionName=name, Name=alias)
        except _REPLY_LOST:
            try:
                await self.read_alias(name, alias)
            except errors.NotFound:
                return
            raise


def _published(name: str, reply: Any) -> Published:
    return Published(
        function=name,
        version=str(reply.get("Version") or ""),
        description=str(reply.get("Description") or ""),
        code_sha256=str(reply.get("CodeSha256") or ""),
        state=str(reply.get("State") or ""),
    )
