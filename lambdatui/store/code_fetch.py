"""A package's bytes, from the cache when kept, else downloaded into it.

The cache is keyed by ``CodeSha256``, so the same package reached through ``$LATEST``, a
version or an alias is downloaded once, and opening it again needs no request at all. The
download streams into the cache's ``incoming`` file, which keeps nothing unless the bytes hash
to the name (the gateway checks the hash and size too, and raises ``PackageMismatch``). The
Code pane and the code twins both fetch through it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..aws.code_gateway import CodeCalls
from ..aws.errors import PackageMismatch
from .code_cache import CacheMismatch, CodeCache

Progress = Callable[[int, int], None]


async def package_path(
    gateway: CodeCalls,
    cache: CodeCache,
    location: str,
    sha256: str,
    size: int,
    progress: Progress,
) -> tuple[Path, bool]:
    """The cached package with this hash, downloading it first when it is not kept; and
    whether it was downloaded."""
    try:
        kept = cache.get(sha256)
    except ValueError as exc:  # not a base64 SHA-256: nothing to check a download against
        raise PackageMismatch(f"Lambda reported no usable CodeSha256 ({exc}).") from exc
    if kept is not None:
        return kept, False
    try:
        with cache.incoming(sha256) as sink:
            await gateway.download(location, sha256, size, progress, sink)
    except CacheMismatch as exc:
        raise PackageMismatch(
            f"The downloaded package {exc}; it was not kept.", operation="DownloadCode"
        ) from exc
    return cache.path_for(sha256), True
