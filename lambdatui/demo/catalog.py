"""The demo account's functions, as data: a small online shop, "acme", on AWS Lambda.

Everything here is deterministic: names, runtimes, sizes and deployment packages (zips with fixed
timestamps, padded with bytes from a generator seeded by the function's name), so two seeded
accounts list the same functions with the same CodeSize and CodeSha256.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

ACCOUNT_ID = "123456789012"
ZIP_DATE = (2024, 6, 1, 9, 30, 0)
IMAGE_URI = f"{ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/recommender:2024-06-01"

# Secret-looking values are deliberate: the demo shows how the UI masks them.
ORDERS_ENV = {
    "TABLE_NAME": "orders",
    "DB_HOST": "orders.cluster-c9x1demo.us-east-1.rds.amazonaws.com",
    "DB_USER": "orders_app",
    "DB_PASSWORD": "correct-horse-battery-staple",
    "APP_VERSION": "1.0.0",
}


@dataclass(frozen=True)
class DemoFunction:
    name: str
    runtime: str  # "" for the container image
    handler: str
    memory: int
    timeout: int
    description: str
    team: str
    arch: str = "x86_64"
    env: dict[str, str] = field(default_factory=dict)
    logging: dict[str, str] | None = None
    reserved: int | None = None
    role: str = "acme-lambda-basic"
    # What AWS added in 2025: on the demo's capacity provider (Lambda Managed Instances),
    # durable (with its DurableConfig), tenant-isolated.
    managed_instances: bool = False
    durable: dict[str, int] | None = None
    tenant_isolated: bool = False

    @property
    def package_type(self) -> str:
        return "Zip" if self.runtime else "Image"

    @property
    def module(self) -> str:
        return self.handler.split(".", 1)[0]


def _py(
    name: str, module: str, memory: int, timeout: int, description: str, team: str, **extra: Any
) -> DemoFunction:
    runtime = str(extra.pop("runtime", "python3.12"))
    handler = f"{module}.handler"
    return DemoFunction(name, runtime, handler, memory, timeout, description, team, **extra)


def _other(
    name: str, runtime: str, memory: int, timeout: int, description: str, team: str, **extra: Any
) -> DemoFunction:
    handler = {
        "nodejs": "index.handler",
        "java": "com.acme.Handler::handleRequest",
        "provided": "bootstrap",
    }[runtime.split(".", 1)[0].rstrip("0123456789")]
    return DemoFunction(name, runtime, handler, memory, timeout, description, team, **extra)


FUNCTIONS: tuple[DemoFunction, ...] = (
    # Python functions with real handler code (lambdatui/demo/handlers/).
    _py(
        "orders-api",
        "orders_api",
        512,
        15,
        "REST API for /orders behind API Gateway",
        "checkout",
        arch="arm64",
        env=ORDERS_ENV,
    ),
    _py(
        "order-processor",
        "order_processor",
        1024,
        60,
        "Charges and reserves stock for queued orders",
        "checkout",
        env={"QUEUE_NAME": "orders-queue", "CURRENCY": "EUR"},
        role="acme-lambda-data",
        logging={"LogFormat": "Text", "LogGroup": "/acme/orders/processor"},
    ),
    _py(
        "payment-webhook",
        "payment_webhook",
        256,
        10,
        "Payment provider callbacks",
        "payments",
        runtime="python3.13",
        reserved=50,
        env={"PAYMENT_API_TOKEN": "tok_demo_4f9a8b7c6d5e", "PROVIDER": "acmepay"},
    ),
    _py(
        "report-generator",
        "report_generator",
        2048,
        30,
        "Daily sales report (slow on purpose)",
        "analytics",
        env={"REPORT_BUCKET": "acme-reports"},
    ),
    _py(
        "invoice-renderer",
        "invoice_renderer",
        128,
        10,
        # CPU-bound (lambdatui/demo/handlers/invoice_renderer.py): memory tuning shows its knee.
        "Renders invoice pages (CPU-bound)",
        "payments",
    ),
    _py(
        "customer-export",
        "report_generator",
        512,
        2,
        # A long description (Lambda allows 256 characters): read whole in its configuration.
        "Legacy CRM export, kept for the finance team until the warehouse feed replaces it: "
        "reads yesterday's sales, writes one CSV per region to the exports bucket and emails "
        "the link. Its 2 s timeout is too short for the largest regions.",
        "analytics",
    ),
    _py(
        "image-thumbnailer",
        "thumbnailer",
        1536,
        30,
        "Thumbnails for uploads to acme-uploads",
        "catalog",
        runtime="python3.13",
        arch="arm64",
    ),
    _py(
        "inventory-sync",
        "inventory_sync",
        256,
        60,
        "Inventory table stream to the search index",
        "catalog",
        role="acme-lambda-data",
    ),
    _py(
        "clickstream-ingest",
        "clickstream",
        512,
        60,
        "Aggregates click events from Kinesis",
        "analytics",
        runtime="python3.13",
        role="acme-lambda-data",
        logging={"LogFormat": "JSON"},
    ),
    _py(
        "nightly-cleanup",
        "nightly_cleanup",
        128,
        300,
        "Expires abandoned carts every night",
        "platform",
        reserved=1,
    ),
    _py("user-signup-notifier", "notifier", 128, 10, "Welcome e-mails for new customers", "growth"),
    _py(
        "hello-world",
        "hello",
        128,
        3,
        "The smallest useful function",
        "platform",
        runtime="python3.13",
    ),
    _py(
        "coupon-validator",
        "worker",
        256,
        5,
        "Validates coupon codes at checkout",
        "checkout",
        env={"JOB_NAME": "coupon-validator"},
    ),
    _py(
        "loyalty-points",
        "worker",
        256,
        30,
        "Credits loyalty points after delivery",
        "growth",
        runtime="python3.13",
        arch="arm64",
        env={"JOB_NAME": "loyalty-points"},
    ),
    _py(
        "refund-processor",
        "worker",
        512,
        60,
        "Issues refunds for approved returns",
        "payments",
        env={"JOB_NAME": "refund-processor"},
    ),
    _py(
        "search-indexer",
        "worker",
        3008,
        900,
        "Full rebuild of the product search index",
        "catalog",
        env={"JOB_NAME": "search-indexer"},
    ),
    _py(
        "dlq-redriver",
        "worker",
        128,
        120,
        "Moves dead letters back to their queues",
        "platform",
        env={"JOB_NAME": "dlq-redriver"},
    ),
    _py(
        "stock-alerts",
        "worker",
        256,
        30,
        "Notifies buyers when stock runs low",
        "logistics",
        runtime="python3.13",
        env={"JOB_NAME": "stock-alerts", "THRESHOLD": "25"},
    ),
    # Node.js
    _other(
        "checkout-ssr",
        "nodejs22.x",
        1024,
        10,
        "Server-side rendered checkout pages",
        "checkout",
        arch="arm64",
    ),
    _other("api-authorizer", "nodejs20.x", 128, 5, "JWT authorizer for the public API", "platform"),
    _other("email-sender", "nodejs20.x", 256, 30, "Transactional e-mail via SES", "growth"),
    _other(
        "graphql-gateway", "nodejs22.x", 1769, 29, "GraphQL gateway for the mobile app", "mobile"
    ),
    _other("cart-service", "nodejs20.x", 512, 10, "Shopping cart API", "checkout"),
    _other(
        "webhook-dispatcher",
        "nodejs22.x",
        256,
        60,
        "Fans out partner webhooks",
        "platform",
        arch="arm64",
    ),
    _other("feature-flags", "nodejs20.x", 128, 3, "Feature flag evaluation", "platform"),
    _other("sitemap-builder", "nodejs22.x", 1024, 120, "Rebuilds sitemap.xml hourly", "growth"),
    _other("slack-alerts", "nodejs20.x", 128, 10, "CloudWatch alarms to Slack", "platform"),
    _other(
        "price-calculator",
        "nodejs22.x",
        512,
        10,
        "Prices, discounts and bundles",
        "catalog",
        arch="arm64",
    ),
    _other(
        "audit-log-shipper", "nodejs20.x", 256, 60, "Ships audit events to the archive", "security"
    ),
    # Java
    _other("billing-batch", "java21", 3008, 900, "Monthly invoicing run", "payments", reserved=2),
    _other(
        "ledger-reconciler", "java21", 10240, 900, "Reconciles the ledger with the bank", "payments"
    ),
    _other("invoice-pdf", "java21", 2048, 60, "Renders invoices to PDF", "payments"),
    _other("tax-calculator", "java21", 1024, 15, "VAT and sales tax rules", "checkout"),
    _other(
        "warehouse-events", "java21", 1536, 60, "Warehouse management system events", "logistics"
    ),
    # Custom runtimes (Go, Rust)
    _other(
        "geo-router",
        "provided.al2023",
        128,
        3,
        "Routes requests to the nearest region (Go)",
        "platform",
        arch="arm64",
    ),
    _other("pdf-renderer", "provided.al2023", 1024, 30, "HTML to PDF (Rust)", "payments"),
    _other(
        "rate-limiter",
        "provided.al2023",
        128,
        3,
        "Token bucket rate limiter (Go)",
        "platform",
        arch="arm64",
    ),
    _other(
        "shipping-quote", "provided.al2023", 256, 10, "Carrier shipping quotes (Go)", "logistics"
    ),
    _other(
        "image-optimizer",
        "provided.al2023",
        2048,
        60,
        "Recompresses product images (Rust)",
        "catalog",
        arch="arm64",
    ),
    _other(
        "currency-rates", "provided.al2023", 128, 30, "Refreshes exchange rates (Go)", "payments"
    ),
    # Container image
    DemoFunction(
        "ml-recommendations",
        "",
        "",
        10240,
        900,
        "Product recommendations model (container image)",
        "data-science",
        reserved=5,
    ),
)


CAPACITY_PROVIDER = "acme-general"
# The steps the local account plays for order-workflow's executions (see demo/durable_plan.py).
ORDER_WORKFLOW_PLAN = {
    "operations": [
        {"step": "validate-order", "seconds": 0.3},
        {"step": "reserve-stock", "seconds": 0.6, "retries": 1},
        {"wait": "wait-for-warehouse", "seconds": 2, "secondsFrom": "warehouseDelaySeconds"},
        {"step": "charge-card", "seconds": 0.8, "handler": True},
        {"step": "ship-order", "seconds": 0.4},
    ]
}

# What AWS added in 2025, one function of each kind.
NEW_KINDS: tuple[DemoFunction, ...] = (
    _py(
        "catalog-search",
        "worker",
        16384,
        60,
        "Product search index in memory (Lambda Managed Instances)",
        "catalog",
        runtime="python3.13",
        arch="arm64",
        env={"JOB_NAME": "catalog-search"},
        managed_instances=True,
    ),
    _py(
        "order-workflow",
        "order_workflow",
        512,
        60,
        "Order fulfilment workflow (durable function)",
        "checkout",
        runtime="python3.13",
        durable={"ExecutionTimeout": 86400, "RetentionPeriodInDays": 30},
    ),
    _py(
        "tenant-reports",
        "tenant_reports",
        256,
        30,
        "Per-tenant reports for marketplace sellers (tenant isolation)",
        "analytics",
        runtime="python3.13",
        tenant_isolated=True,
    ),
)
FUNCTIONS = FUNCTIONS + NEW_KINDS


def tags_for(fn: DemoFunction) -> dict[str, str]:
    return {"team": fn.team, "env": "prod", "app": "acme-shop", "managed-by": "terraform"}


def _zip(files: dict[str, bytes], stored: frozenset[str] = frozenset()) -> bytes:
    """A zip with fixed timestamps; ``stored`` members (random filler) are not compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in sorted(files.items()):
            info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if path in stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def handler_source(module: str) -> bytes:
    return (resources.files("lambdatui.demo") / "handlers" / f"{module}.py").read_bytes()


@cache
def python_package(module: str) -> bytes:
    """A Python function's deployment package: its handler module plus shared.py."""
    return package({f"{module}.py": handler_source(module)})


def package(files: dict[str, bytes]) -> bytes:
    """A Python package of ``files`` plus shared.py (a release's changed handler)."""
    return _zip({**files, "shared.py": handler_source("shared")})


#: orders-api's release 1.3.0 (version 4, and $LATEST after it) changes one line of its
#: handler, so comparing $LATEST with ``live`` (version 3) in the Code pane shows a real diff.
ORDERS_RELEASE_CHANGE = (
    b'return api_response(405, {"message": f"method {method} not allowed"})',
    b'return api_response(405, {"message": f"method {method} not allowed", "allow": "GET"})',
)


@cache
def orders_release_package() -> bytes:
    """orders-api's package as release 1.3.0 ships it (``ORDERS_RELEASE_CHANGE``)."""
    old, new = ORDERS_RELEASE_CHANGE
    source = handler_source("orders_api")
    if old not in source:
        raise ValueError("orders_api.py no longer has the line release 1.3.0 changes")
    return _zip({"orders_api.py": source.replace(old, new), "shared.py": handler_source("shared")})


_PADDING = {"nodejs": (20, 240), "java": (300, 900), "provided": (120, 600)}  # KiB


def other_package(fn: DemoFunction) -> bytes:
    """A plausible, deterministic package for a function the runner only echoes."""
    family = fn.runtime.split(".", 1)[0].rstrip("0123456789")
    rng = random.Random(fn.name)
    low, high = _PADDING[family]
    filler = rng.randbytes(rng.randint(low, high) * 1024)
    if family == "nodejs":
        filler_path = "node_modules/.bin/vendor.bin"
        files = {
            "index.mjs": b"export const handler = async (event) => ({ statusCode: 200, "
            b"body: JSON.stringify(event) });\n",
        }
    elif family == "java":
        filler_path = "com/acme/Handler.class"
        files = {"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n"}
    else:
        filler_path = "bootstrap"
        files = {}
    return _zip({**files, filler_path: filler}, stored=frozenset({filler_path}))


@cache
def layer_package() -> bytes:
    """The acme-shared-python layer: the shared helpers under python/, as layers lay them out."""
    return _zip({"python/acme_shared/__init__.py": handler_source("shared")})


def code_for(fn: DemoFunction) -> dict[str, object]:
    if fn.package_type == "Image":
        return {"ImageUri": IMAGE_URI}
    if fn.durable is not None:
        return {"ZipFile": durable_package(fn.module)}
    if fn.runtime.startswith("python"):
        return {"ZipFile": python_package(fn.module)}
    return {"ZipFile": other_package(fn)}


@cache
def durable_package(module: str) -> bytes:
    """A durable function's package: its handler, shared.py and the steps the local account
    plays for its executions (durable.json)."""
    return _zip(
        {
            f"{module}.py": handler_source(module),
            "shared.py": handler_source("shared"),
            "durable.json": json.dumps(ORDER_WORKFLOW_PLAN, indent=2).encode(),
        }
    )
