"""After a deploy went through: the package kept in the cache and the deploy journaled.

Both matter for the next undo (``code_undo``): the journal names the package deployed before,
and the cache must still hold it; the package just deployed is kept too, so undoing the deploy
after this one finds it. The twin and the UI both call this, so they keep the same things.
Neither step undoes the deploy when it fails: each failure comes back as a sentence to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import journal
from .code_cache import CodeCache

if TYPE_CHECKING:
    from ..aws.code import Deployed
    from ..aws.target import Target


def remember_deploy(cache: CodeCache, target: Target, deployed: Deployed, data: bytes) -> list[str]:
    """Keep ``data`` (the package deployed) in ``cache`` and journal ``deployed``; what could
    not be done, as sentences (empty when both were)."""
    problems: list[str] = []
    try:
        if cache.get(deployed.sha256) is None:
            cache.put(deployed.sha256, data)
    except (OSError, ValueError) as exc:
        problems.append(f"the package was not cached: {exc}")
    try:
        journal.record_deploy(
            target, deployed.function, deployed.previous_sha256, deployed.sha256, deployed.version
        )
    except OSError as exc:
        problems.append(f"deployed, but not journaled: {exc}")
    return problems
