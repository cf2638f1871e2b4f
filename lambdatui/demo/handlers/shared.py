"""Helpers bundled into every demo function's package (as Lambda layers often are)."""

import json
import logging
from decimal import Decimal
from typing import Any


def get_logger(name: str) -> logging.Logger:
    """A named logger at INFO: the runtime's root logger would drop INFO on its own."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    return logger


def api_response(status: int, body: Any) -> dict[str, Any]:
    """An API Gateway proxy integration response."""
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body, default=lambda v: float(v) if isinstance(v, Decimal) else str(v)),
    }


def money(amount: Any) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.01"))
