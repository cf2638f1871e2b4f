"""Crafted zips for the package tests: names, modes and sizes a hostile package could carry."""

from __future__ import annotations

import io
import stat
import zipfile


def zip_bytes(
    files: dict[str, bytes | str],
    *,
    links: dict[str, str] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A zip of ``files`` (names written as given, even '../x' or '/abs') and of symbolic
    links (name → target, stored as a Unix link entry, as `zip -y` writes them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            archive.writestr(info, content)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()
