"""user-signup-notifier: welcomes new customers announced on the signups SNS topic."""

import json
from typing import Any

from shared import get_logger

logger = get_logger("user-signup-notifier")


def handler(event: dict[str, Any], context: Any) -> Any:
    sent = 0
    for record in event.get("Records") or []:
        message = json.loads(record.get("Sns", {}).get("Message") or "{}")
        logger.info("welcome e-mail to %s", message.get("email", "someone@example.com"))
        sent += 1
    return {"sent": sent}
