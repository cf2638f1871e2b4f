"""What Lambda added in 2025 (Managed Instances, durable and tenant-isolated functions), put on
the wire by a ``delayed_proxy(rewrite=...)`` until the local account produces it itself.

The values follow the API reference's shapes; botocore's model (1.43) parses them as it would
AWS's replies, so everything after the wire is the app's real code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ACCOUNT = "123456789012"
PROVIDER_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:capacity-provider:gpu-fleet"
S3_FILES_AP = f"arn:aws:s3files:us-east-1:{ACCOUNT}:file-system/fs-1/access-point/fsap-9"

MANAGED_INSTANCES: dict[str, Any] = {
    "CapacityProviderConfig": {
        "LambdaManagedInstancesCapacityProviderConfig": {
            "CapacityProviderArn": PROVIDER_ARN,
            "PerExecutionEnvironmentMaxConcurrency": 64,
            "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0,
        }
    },
}
DURABLE: dict[str, Any] = {
    "DurableConfig": {"ExecutionTimeout": 86400, "RetentionPeriodInDays": 14}
}
TENANT_ISOLATED: dict[str, Any] = {"TenancyConfig": {"TenantIsolationMode": "PER_TENANT"}}
CONFIG_SHA: dict[str, Any] = {"ConfigSha256": "c0ffee" * 10 + "abcd"}
S3_FILES: dict[str, Any] = {
    "FileSystemConfigs": [
        {
            "Arn": S3_FILES_AP,
            "LocalMountPath": "/mnt/models",
            "S3FilesConfig": {"DirectS3Read": "ENABLED"},
        }
    ]
}

Rewrite = Callable[[str, str, dict[str, Any]], dict[str, Any]]


def _function_of(path: str) -> tuple[str, str]:
    """('orders-api', 'configuration' | '' ) of a Lambda function path; ('', '') otherwise."""
    parts = path.split("?")[0].split("/")
    if len(parts) >= 4 and parts[2] == "functions" and parts[3]:
        return parts[3], parts[4] if len(parts) > 4 else ""
    return "", ""


def functions_with(fields: Mapping[str, Mapping[str, Any]]) -> Rewrite:
    """A rewrite that adds ``fields[name]`` to function ``name``'s configuration in GetFunction,
    GetFunctionConfiguration and every ListFunctions page."""

    def rewrite(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if method != "GET":
            return body
        for item in body.get("Functions") or ():  # ListFunctions, ListVersionsByFunction
            item.update(fields.get(str(item.get("FunctionName")), {}))
        name, rest = _function_of(path)
        if name in fields and rest in ("", "configuration"):
            config = body.get("Configuration", body) if rest == "" else body
            config.update(fields[name])
        return body

    return rewrite
