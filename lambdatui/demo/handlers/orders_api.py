"""orders-api: the REST API behind /orders (API Gateway proxy integration)."""

import json
import os
import uuid
from typing import Any

from shared import api_response, get_logger, money

logger = get_logger("orders-api")
TABLE = os.environ.get("TABLE_NAME", "orders")
TAX_RATE = money("0.20")

# Pretend storage: a warm execution environment keeps it between invocations.
_ORDERS = {
    "ord-1001": {"id": "ord-1001", "status": "SHIPPED", "total": "42.00"},
    "ord-1002": {"id": "ord-1002", "status": "PENDING", "total": "13.37"},
}


def handler(event: dict[str, Any], context: Any) -> Any:
    method = event.get("httpMethod", "GET")
    path_params = event.get("pathParameters") or {}
    logger.info("%s %s (table %s)", method, event.get("path", "/orders"), TABLE)

    if method == "GET" and "id" in path_params:
        order = _ORDERS.get(path_params["id"])
        if order is None:
            logger.warning("order %s not found", path_params["id"])
            return api_response(404, {"message": "order not found"})
        return api_response(200, order)

    if method == "GET":
        return api_response(200, {"orders": sorted(_ORDERS.values(), key=lambda o: o["id"])})

    if method == "POST":
        body = json.loads(event.get("body") or "{}")
        items = body.get("items") or []
        if not items:
            return api_response(400, {"message": "an order needs at least one item"})
        subtotal = sum(money(i.get("price", 0)) * int(i.get("quantity", 1)) for i in items)
        total = (subtotal * (1 + TAX_RATE)).quantize(money("0.01"))
        order_id = f"ord-{uuid.uuid4().hex[:8]}"
        _ORDERS[order_id] = {"id": order_id, "status": "PENDING", "total": str(total)}
        logger.info("created %s with %d item(s), total %s", order_id, len(items), total)
        print(f"remaining time: {context.get_remaining_time_in_millis()} ms")
        return api_response(201, _ORDERS[order_id])

    return api_response(405, {"message": f"method {method} not allowed"})
