"""Helpers bundled into every demo function's package (as Lambda layers often are)."""

import json
import logging
from decimal import Decimal


def get_logger(name):
    """A named logger at INFO: the runtime's root logger would drop INFO on its own."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    return logger


def api_response(status, body):
    """An API Gateway proxy integration response."""
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body, default=lambda v: float(v) if isinstance(v, Decimal) else str(v)),
    }


def money(amount):
    return Decimal(str(amount)).quantize(Decimal("0.01"))
