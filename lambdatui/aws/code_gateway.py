"""A function's deployed code, mixed into ``Gateway``: GetFunction's package and layers,
one layer version, and the download of a package from its presigned link.

``download`` fetches the link with aiohttp directly (the library aiobotocore runs on, so
nothing new is loaded): the link is already signed, so it must go out without AWS's signing or
endpoint rules, and a botocore client adds both. It streams into the caller's ``Sink`` a piece
at a time, reporting (bytes so far, total) to ``progress`` and hashing as it goes; the total is
the size GetFunction reported, known before the first byte. A package whose SHA-256 or size is
not the one Lambda described raises ``PackageMismatch`` after the last byte (or as soon as it
is longer than declared), so a caller that streams into the cache's ``incoming`` keeps nothing
of it. A 403 is the link's ten minutes running out: ``DownloadExpired``, saying to refresh.
The link itself is a credential and appears in no message.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import errors
from .clients import ClientSource
from .code import CodeInfo, LayerInfo, Sink, parse_layer_arn

if TYPE_CHECKING:
    from .target import Target

#: Bytes asked of the connection at a time (and the granularity of ``progress``).
CHUNK = 256 * 1024
#: Seconds without a byte before a download counts as stalled.
READ_TIMEOUT = 30.0


class CodeCalls(ClientSource):
    """The code calls of ``Gateway`` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Gateway
        target: Target

    async def function_code(self, name: str, qualifier: str = "") -> CodeInfo:
        """The deployed code of ``name`` at ``qualifier`` ($LATEST, a version or an alias;
        "" for $LATEST), from GetFunction."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetFunction"):
            if qualifier:
                reply = await lam.get_function(FunctionName=name, Qualifier=qualifier)
            else:
                reply = await lam.get_function(FunctionName=name)
        return CodeInfo.from_api(dict(reply), name, qualifier)

    async def layer_info(self, arn: str) -> LayerInfo:
        """One layer version in full: size, hash, compatible runtimes and architectures.

        GetLayerVersionByArn, or on an endpoint that lacks it (plain moto answers it with an HTML
        500 page; another might answer its list of layers instead) GetLayerVersion by the
        name and version the ARN holds. AWS's own refusals (not found, access denied) are not
        retried."""
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetLayerVersionByArn"):
                reply: Any = await lam.get_layer_version_by_arn(Arn=arn)
            if reply.get("LayerVersionArn"):
                return LayerInfo.from_api(reply)
        except (errors.EndpointPage, errors.UnexpectedError):
            pass
        parsed = parse_layer_arn(arn)
        if parsed is None:
            raise errors.ValidationFailed(
                f"{arn!r} is not a layer version ARN (arn:…:layer:NAME:VERSION).",
                operation="GetLayerVersion",
            )
        layer_arn, _, version = parsed
        async with self._translating("lambda", "GetLayerVersion"):
            reply = await lam.get_layer_version(LayerName=layer_arn, VersionNumber=version)
        return LayerInfo.from_api(reply)

    async def download(
        self,
        location: str,
        expected_sha256: str,
        size: int,
        progress: Callable[[int, int], None],
        sink: Sink,
    ) -> int:
        """Stream the package at ``location`` into ``sink``; the number of bytes. See the
        module docstring for the checks and the errors."""
        import aiohttp  # loaded with aiobotocore already: a look-up, not an import

        timeout = aiohttp.ClientTimeout(total=None, connect=10, sock_read=READ_TIMEOUT)
        digest = hashlib.sha256()
        done = 0
        try:
            async with (
                aiohttp.ClientSession(
                    timeout=timeout, trust_env=True, auto_decompress=False
                ) as session,
                session.get(location, ssl=self._ssl_context()) as response,
            ):
                if response.status != 200:
                    raise await _refused(response)
                total = size or response.content_length or 0
                progress(0, total)
                async for piece in response.content.iter_chunked(CHUNK):
                    done += len(piece)
                    if total and done > total:
                        raise _mismatch(f"is longer than the {total:,} bytes Lambda reported")
                    digest.update(piece)
                    sink.write(piece)
                    progress(done, total)
        except (errors.GatewayError, asyncio.CancelledError):
            raise
        except (aiohttp.ClientConnectionError, OSError) as exc:
            raise _unreachable(location) from exc
        except Exception as exc:
            raise errors.translate(exc, service="lambda", operation="DownloadCode") from exc
        actual = base64.b64encode(digest.digest()).decode("ascii")
        if actual != expected_sha256:
            raise _mismatch(f"has SHA-256 {actual}, not the {expected_sha256} Lambda reported")
        if size and done != size:
            raise _mismatch(f"is {done:,} bytes, not the {size:,} Lambda reported")
        return done

    def _ssl_context(self) -> Any:
        """The target's CA bundle for the download too (a proxy that re-signs TLS), else
        aiohttp's default verification."""
        if not self.target.ca_bundle:
            return True
        import ssl

        return ssl.create_default_context(cafile=self.target.ca_bundle)


def _unreachable(location: str) -> errors.EndpointUnreachable:
    """The error for a link whose host cannot be reached: the host only (the link is
    signed), and why that happens with an endpoint such as moto that hands out links to
    AWS's own hosts without serving them."""
    from urllib.parse import urlsplit

    host = urlsplit(location).hostname or "the link's host"
    return errors.EndpointUnreachable(
        f"Could not reach {host} to download the package.",
        hint="GetFunction's code link points there; an endpoint that does not serve its "
        "own links (plain moto) cannot show the code. Check the network, then try again.",
        operation="DownloadCode",
    )


def _mismatch(what: str) -> errors.PackageMismatch:
    return errors.PackageMismatch(
        f"The downloaded package {what}; it was not kept.",
        hint="Refresh (r) and open it again; if it persists, the link or a proxy is "
        "altering the download.",
        operation="DownloadCode",
    )


async def _refused(response: Any) -> errors.GatewayError:
    """The error for a reply that is not the package (its body logged, never shown)."""
    body = (await response.content.read(64 * 1024)).decode("utf-8", errors="replace")
    if response.status == 403:
        return errors.DownloadExpired(
            "The package's download link was refused (HTTP 403): links from GetFunction "
            "last about ten minutes.",
            hint="Refresh (r) to get a new link, then open the package again.",
            operation="DownloadCode",
        )
    return errors.endpoint_page(
        response.status, body, action="download of the package", operation="DownloadCode"
    )
