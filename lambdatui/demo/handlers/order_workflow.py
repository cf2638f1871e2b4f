"""order-workflow: a durable function that takes an order from payment to shipping.

The local account plays its steps from durable.json (validate, reserve, a wait for the
warehouse, charge, ship); this handler is the "charge-card" step: it fails for a declined card.
"""

import os
from typing import Any

from shared import get_logger

logger = get_logger(os.environ.get("JOB_NAME", "order-workflow"))


class PaymentDeclined(Exception):
    pass


def handler(event: dict[str, Any], context: Any) -> Any:
    order = str(event.get("orderId", "unknown"))
    logger.info("charging order %s", order)
    if event.get("card") == "declined":
        raise PaymentDeclined(f"card declined for order {order}")
    return {"orderId": order, "status": "shipped", "carrier": "acme-post"}
