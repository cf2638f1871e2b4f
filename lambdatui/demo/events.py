"""The sample events of the demo account's log history: what each seeded function received."""

from __future__ import annotations

import base64
import json
from typing import Any


def invocation_history() -> list[tuple[str, str | None, dict[str, Any]]]:
    """(function, qualifier, event) for each invocation ``seed_demo`` makes, in order."""
    return [
        ("orders-api", "live", {"httpMethod": "GET", "path": "/orders"}),
        ("orders-api", "live", {"httpMethod": "GET", "pathParameters": {"id": "ord-1001"}}),
        ("orders-api", "live", {"httpMethod": "GET", "pathParameters": {"id": "ord-9999"}}),
        ("orders-api", "live", new_order()),
        ("order-processor", None, sqs_batch()),
        ("payment-webhook", "prod", {"payment": {"id": "pay-1", "amount": "49.90"}}),
        ("payment-webhook", "prod", {"payment": {"id": "pay-2", "card": "4000000000000002"}}),
        ("inventory-sync", None, ddb_records()),
        ("clickstream-ingest", None, kinesis_records()),
        ("image-thumbnailer", None, {"Records": [{"s3": {"object": {"key": "shoes/red.jpg"}}}]}),
        ("nightly-cleanup", None, {"source": "aws.events", "time": "2024-06-01T03:00:00Z"}),
        ("user-signup-notifier", None, sns_records()),
        ("hello-world", None, {"name": "demo"}),
        ("coupon-validator", None, {"job": "validate SUMMER24", "items": 2}),
        ("checkout-ssr", "live", {"rawPath": "/checkout", "requestContext": {"http": {}}}),
        ("geo-router", None, {"ip": "203.0.113.7"}),
    ]


def spike_invocations(count: int) -> list[tuple[str, str | None, dict[str, Any]]]:
    """Declined payments for payment-webhook's error spike (``metric_history``): the lines its
    logs hold at the minutes its Errors graph peaks, where the monitoring pane's ``w`` opens."""
    declined = "4000000000000002"
    return [
        ("payment-webhook", "prod", {"payment": {"id": f"pay-s{n:02d}", "card": declined}})
        for n in range(count)
    ]


def new_order() -> dict[str, Any]:
    items = [{"sku": "TSHIRT-RED-M", "price": "19.90", "quantity": 2}]
    return {"httpMethod": "POST", "path": "/orders", "body": json.dumps({"items": items})}


def sqs_batch() -> dict[str, Any]:
    bodies = [{"id": "ord-1002", "total": "13.37"}, {"id": "ord-1003", "total": "99.00"}]
    records = [{"messageId": f"m-{i}", "body": json.dumps(b)} for i, b in enumerate(bodies)]
    records.append({"messageId": "m-bad", "body": "not json"})
    return {"Records": records}


def ddb_records() -> dict[str, Any]:
    def record(event: str, sku: str) -> dict[str, Any]:
        return {"eventName": event, "dynamodb": {"Keys": {"sku": {"S": sku}}}}

    return {"Records": [record("INSERT", "MUG-01"), record("MODIFY", "TSHIRT-RED-M")]}


def kinesis_records() -> dict[str, Any]:
    clicks = [{"page": "/", "user": "u1"}, {"page": "/shoes", "user": "u2"}, {"page": "/"}]
    return {
        "Records": [
            {"kinesis": {"data": base64.b64encode(json.dumps(c).encode()).decode()}} for c in clicks
        ]
    }


def sns_records() -> dict[str, Any]:
    message = json.dumps({"email": "new.customer@example.com"})
    return {"Records": [{"Sns": {"Subject": "signup", "Message": message}}]}


def shareable_events() -> dict[str, dict[str, Any]]:
    """function → {event name: payload}: the console's shareable test events of the demo."""
    return {
        "order-processor": {"batch-of-three": sqs_batch(), "poison-message": _poison()},
        "invoice-renderer": {"six-pages": {"pages": 6}},
        "orders-api": {
            "get-order": {"httpMethod": "GET", "pathParameters": {"id": "ord-1001"}},
            "new-order": new_order(),
        },
    }


def _poison() -> dict[str, Any]:
    return {"Records": [{"messageId": "m-poison", "body": "not json"}]}
