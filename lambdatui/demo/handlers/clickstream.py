"""clickstream-ingest: decodes Kinesis click events and aggregates them per page."""

import base64
import json
import logging
from typing import Any

logger = logging.getLogger("clickstream")
logger.setLevel(logging.DEBUG)


def handler(event: dict[str, Any], context: Any) -> Any:
    pages: dict[str, int] = {}
    for record in event.get("Records") or []:
        data = record.get("kinesis", {}).get("data", "")
        try:
            click = json.loads(base64.b64decode(data) or b"{}")
        except ValueError:
            logger.warning("skipping a record that is not JSON")
            continue
        page = click.get("page", "/")
        pages[page] = pages.get(page, 0) + 1
        logger.debug("click on %s by %s", page, click.get("user", "anonymous"))
    logger.info("aggregated %d page(s)", len(pages))
    return {"pages": pages}
