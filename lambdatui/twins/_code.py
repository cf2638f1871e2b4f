"""What the code twins share: the package cache from the config, a deployed package fetched
into it (or found there), and the file-level summary of two packages."""

from __future__ import annotations

import sys

#: typing's own constant without importing typing: ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from ..aws.code import CodeInfo
    from ..aws.gateway import Gateway
    from ..code.diff import PackageDiff
    from ..store.code_cache import CodeCache


class Refused(Exception):
    """A usage or package problem, said in one line (exit 2)."""


def cache_for(args: argparse.Namespace) -> CodeCache:
    """The package cache, capped as the config says."""
    from ..store.code_cache import DEFAULT_CAP, CodeCache

    config = getattr(args, "config", None)
    megabytes = getattr(config, "code_cache_mb", None)
    return CodeCache(cap=megabytes * 1024 * 1024 if megabytes else DEFAULT_CAP)


def label(name: str, qualifier: str | None) -> str:
    from ..sanitize import one_line

    return one_line(f"{name}:{qualifier}" if qualifier else name)


async def deployed_package(
    gateway: Gateway, cache: CodeCache, name: str, qualifier: str | None
) -> tuple[CodeInfo, Path]:
    """The code of ``name`` at ``qualifier`` and its package in the cache (downloaded, checked
    against CodeSha256, unless it is there already). Refused for an image function."""
    info = await deployed_code(gateway, name, qualifier)
    return info, await package_of(gateway, cache, info)


async def deployed_code(gateway: Gateway, name: str, qualifier: str | None) -> CodeInfo:
    """The code of ``name`` at ``qualifier``; Refused for an image function."""
    info = await gateway.function_code(name, qualifier or "")
    if info.is_image:
        raise Refused(
            f"{label(name, qualifier)} is a container image function: it has no zip package "
            f"(image {info.resolved_image_uri or info.image_uri})"
        )
    return info


async def package_of(gateway: Gateway, cache: CodeCache, info: CodeInfo) -> Path:
    """The package ``info`` names, in the cache: downloaded and checked unless kept already
    (``PackageMismatch`` when the bytes are not the ones Lambda described)."""
    from ..store.code_fetch import package_path

    path, _ = await package_path(gateway, cache, info.location, info.sha256, info.size, _quiet)
    return path


def _quiet(done: int, total: int) -> None:
    pass


def print_summary(changes: PackageDiff, indent: str = "  ") -> None:
    """Added, removed and changed files (names sanitised), then the count of the others."""
    from ..sanitize import one_line

    out = sys.stdout
    for word, names in (
        ("added", changes.added),
        ("removed", changes.removed),
        ("changed", changes.changed),
    ):
        for name in names:
            out.write(f"{indent}{word:<8} {one_line(name)}\n")
    if changes.identical:
        out.write(f"{indent}no file differs ({changes.same} the same)\n")
    else:
        out.write(f"{indent}{changes.same} unchanged\n")
