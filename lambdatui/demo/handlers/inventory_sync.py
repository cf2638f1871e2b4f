"""inventory-sync: mirrors inventory table changes (DynamoDB stream) to the search index."""

from typing import Any

from shared import get_logger

logger = get_logger("inventory-sync")


def handler(event: dict[str, Any], context: Any) -> Any:
    counts = {"INSERT": 0, "MODIFY": 0, "REMOVE": 0}
    for record in event.get("Records") or []:
        name = record.get("eventName", "MODIFY")
        counts[name] = counts.get(name, 0) + 1
        keys = record.get("dynamodb", {}).get("Keys", {})
        logger.info("%s %s", name, keys.get("sku", {}).get("S", "?"))
    logger.info("synced %s", counts)
    return counts
