"""report-generator: builds the daily sales report. Slow on purpose (Timeout is 30 s)."""

import time
from typing import Any

from shared import get_logger

logger = get_logger("report-generator")
SECTIONS = ("orders", "refunds", "inventory", "customers", "marketing")


def handler(event: dict[str, Any], context: Any) -> Any:
    seconds = float(event.get("seconds", 2.5))
    step = seconds / len(SECTIONS)
    logger.info("building report %s", event.get("date", "today"))
    rows = 0
    for index, section in enumerate(SECTIONS, start=1):
        time.sleep(step)
        rows += 120 * index
        logger.info(
            "section %d/%d (%s) done, %d ms left",
            index,
            len(SECTIONS),
            section,
            context.get_remaining_time_in_millis(),
        )
    return {"report": f"s3://acme-reports/daily/{event.get('date', 'today')}.csv", "rows": rows}
