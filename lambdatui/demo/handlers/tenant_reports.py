"""tenant-reports: a tenant-isolated function; each tenant's invocations run apart."""

import os
from typing import Any

from shared import get_logger

logger = get_logger(os.environ.get("JOB_NAME", "tenant-reports"))


def handler(event: dict[str, Any], context: Any) -> Any:
    report = str(event.get("report", "monthly-sales"))
    logger.info("building %s", report)
    return {"report": report, "status": "ready"}
