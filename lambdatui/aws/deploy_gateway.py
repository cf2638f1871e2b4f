"""Deploying a zip package, mixed into ``Gateway``: UpdateFunctionCode, followed until Lambda
has applied it, then an optional PublishVersion.

Safety, step by step:

* In read-only mode the gateway's botocore hook refuses UpdateFunctionCode (and PublishVersion)
  before the request is built: ``ReadOnlyRefused``, nothing sent.
* A package over Lambda's limit for a direct upload is refused before anything is sent
  (``PackageTooLarge``, naming the S3 route).
* UpdateFunctionCode carries the RevisionId the caller read the function with: Lambda refuses
  it with PreconditionFailed when the function changed meanwhile → ``ChangedMeanwhile``, nothing
  overwritten. ResourceConflictException (another update still being applied) is a refusal
  too, so it is safely sent again after each of ``conflict_delays``, then ``UpdateInProgress``.
* It is sent once (its own client: one attempt, a read timeout long enough for an upload).
  botocore's standard retries would send it again when its reply is lost, and that second
  request would be refused as stale (the first one changed the RevisionId) or would deploy
  twice. So a lost reply (a timeout, a closed connection, an error page instead of AWS's
  reply) is answered by reading the function back: its CodeSha256 being the package's means the
  deploy went through (``Deployed.recovered``), otherwise the original error stands and nothing
  was deployed.
* LastUpdateStatus is then followed until Successful (``wait_until_updated``: it reports
  every status it reads, which a waiter cannot), or ``UpdateFailed`` with Lambda's reason.
* PublishVersion goes with the package's CodeSha256, so a version of someone else's code
  deployed in between is never published: ``ChangedMeanwhile`` (deployed, not published). It
  is the release path's ``publish_version``: sent once, a lost reply read back (the new
  version with this CodeSha256), so a resend never publishes twice or ends in an error
  about a version that was published.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import errors
from .clients import ClientSource
from .code import Deployed

if TYPE_CHECKING:
    from types_aiobotocore_lambda import LambdaClient

    from .concurrency_gateway import Progress
    from .release import Published

#: Lambda's limit for a package sent in the request (UpdateFunctionCode ZipFile); the same as
#: ``code.pack.DIRECT_UPLOAD_LIMIT`` (the AWS layer imports none of our other modules).
DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024
#: Seconds to wait for UpdateFunctionCode's reply: an upload of up to 50 MB, then Lambda's check.
DEPLOY_READ_TIMEOUT = 300.0
#: Errors after which the request may have reached Lambda without its reply reaching us.
_REPLY_LOST = (
    errors.TimedOut,
    errors.EndpointUnreachable,
    errors.EndpointPage,
    errors.ServiceError,
    errors.UnexpectedError,
)


T = TypeVar("T")


def code_sha256(data: bytes) -> str:
    """Lambda's CodeSha256 of ``data``: the base64 of its SHA-256 digest."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


class DeployCalls(ClientSource):
    """The deploy calls of ``Gateway`` (see the module docstring)."""

    #: Seconds of UpdateFunctionCode's read timeout (a test shortens it).
    deploy_read_timeout: float = DEPLOY_READ_TIMEOUT

    if TYPE_CHECKING:  # provided by EditCalls and ReleaseCalls

        async def publish_version(
            self,
            name: str,
            description: str,
            code_sha256: str,
            revision_id: str,
            on_status: Progress | None = None,
        ) -> Published:
            raise NotImplementedError

        async def send_guarded(
            self,
            send: Callable[[], Awaitable[T]],
            operation: str,
            *,
            changed: tuple[str, str],
            busy: tuple[str, str],
        ) -> T:
            raise NotImplementedError

        async def wait_until_updated(
            self,
            function: str,
            on_status: Progress | None = None,
            operation: str = "UpdateFunctionConfiguration",
        ) -> None:
            raise NotImplementedError

    async def deploy_client(self) -> LambdaClient:
        """The Lambda client for UpdateFunctionCode: one attempt, a long read timeout."""
        return await self.once_client("deploy", self.deploy_read_timeout)

    async def deploy_code(
        self,
        name: str,
        zip_bytes: bytes,
        revision_id: str,
        publish: bool = False,
        *,
        previous_sha256: str = "",
        on_status: Progress | None = None,
    ) -> Deployed:
        """Deploy ``zip_bytes`` as ``name``'s code if it is still at ``revision_id``; what the
        function reads back once the update applied (see the module docstring)."""

        def say(text: str) -> None:
            if on_status is not None:
                on_status(text)

        size = len(zip_bytes)
        if size > DIRECT_UPLOAD_LIMIT:
            raise errors.PackageTooLarge(
                f"The package is {size / 1024 / 1024:.1f} MB zipped; Lambda takes at most "
                f"{DIRECT_UPLOAD_LIMIT // 1024 // 1024} MB in a direct upload.",
                hint="Upload it to S3 and deploy from there (UpdateFunctionCode with S3Bucket "
                "and S3Key), or make it smaller (a layer, fewer dependencies).",
                operation="UpdateFunctionCode",
            )
        sha256 = code_sha256(zip_bytes)
        say(f"UpdateFunctionCode ({size:,} bytes)…")
        recovered = await self._update_code(name, zip_bytes, sha256, revision_id)
        await self.wait_until_updated(name, say, "UpdateFunctionCode")
        version = ""
        if publish:
            say("PublishVersion…")
            version = await self._publish(name, sha256, say)
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetFunctionConfiguration"):
            config = await lam.get_function_configuration(FunctionName=name)
        return Deployed(
            function=str(config.get("FunctionName") or name),
            previous_sha256=previous_sha256,
            sha256=str(config.get("CodeSha256") or sha256),
            size=int(config.get("CodeSize") or size),
            revision_id=str(config.get("RevisionId") or ""),
            version=version,
            recovered=recovered,
        )

    async def _update_code(self, name: str, data: bytes, sha256: str, revision_id: str) -> bool:
        """UpdateFunctionCode, sent once; True when its reply was lost and the read-back
        showed it applied."""
        lam = await self.deploy_client()
        params: dict[str, Any] = {"FunctionName": name, "ZipFile": data}
        if revision_id:
            params["RevisionId"] = revision_id

        async def send() -> bool:
            try:
                async with self._translating("lambda", "UpdateFunctionCode"):
                    await lam.update_function_code(**params)
            except _REPLY_LOST:
                if await self._deployed_already(name, sha256):
                    return True
                raise
            return False

        return await self.send_guarded(
            send,
            "UpdateFunctionCode",
            changed=(
                f"{name} was changed by someone else since its code was read; "
                "nothing was deployed.",
                "Look at what is deployed now, then deploy again.",
            ),
            busy=(
                f"{name} is still being updated by another change; nothing was deployed.",
                "Wait a moment, then deploy again.",
            ),
        )

    async def _deployed_already(self, name: str, sha256: str) -> bool:
        """Whether ``name``'s code is now the package ``sha256`` (False when it cannot say)."""
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetFunctionConfiguration"):
                config = await lam.get_function_configuration(FunctionName=name)
        except errors.GatewayError:
            return False
        return str(config.get("CodeSha256") or "") == sha256

    async def _publish(self, name: str, sha256: str, say: Progress) -> str:
        """PublishVersion of the package ``sha256`` only; the version's number. Sent once by
        ``publish_version`` (the release path): a reply lost is read back, never re-sent."""
        try:
            published = await self.publish_version(name, "", sha256, "", on_status=say)
        except errors.ChangedMeanwhile as exc:
            raise errors.ChangedMeanwhile(
                f"{name} was deployed, but its code changed again before PublishVersion; "
                "no version was published.",
                hint="Look at what is deployed now, then publish it if it is yours.",
                operation="PublishVersion",
            ) from exc
        return published.version
