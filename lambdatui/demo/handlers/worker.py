"""A generic back-office job: logs what it was asked to do and reports success."""

import os
from typing import Any

from shared import get_logger

logger = get_logger(os.environ.get("JOB_NAME", "worker"))


def handler(event: dict[str, Any], context: Any) -> Any:
    job = event.get("job", context.function_name)
    logger.info("starting %s", job)
    items = int(event.get("items", 3))
    for index in range(items):
        logger.info("item %d/%d done", index + 1, items)
    return {"job": job, "items": items, "status": "ok"}
