"""invoice-renderer: renders invoice pages. CPU-bound on purpose: all its time is computing
(no waits), so on Lambda it gets faster with memory up to one full vCPU at 1,769 MB and no
faster above: the function the memory-tuning demo tunes. ``{"pages": N}`` sets the work."""

import hashlib
from typing import Any

from shared import get_logger

logger = get_logger("invoice-renderer")
ROUNDS_PER_PAGE = 20_000


def handler(event: dict[str, Any], context: Any) -> Any:
    pages = max(1, min(int(event.get("pages", 6)), 50))
    digest = str(event.get("invoice", "inv-0001")).encode()
    for _ in range(pages * ROUNDS_PER_PAGE):
        digest = hashlib.sha256(digest).digest()
    logger.info("rendered %d pages", pages)
    return {"pages": pages, "checksum": digest.hex()[:16]}
