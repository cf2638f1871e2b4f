"""A function to tune on the local account, and what "exactly as before" is checked against."""

from __future__ import annotations

from typing import Any

import boto3

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from tests.invoke_functions import python_function

#: Quick and steady: the run's figures do not matter here, what it leaves behind does.
QUICK = "def handler(event, context):\n    return {'ok': True}\n"
FAILING = "def handler(event, context):\n    raise ValueError('broken on purpose')\n"


def lam_of(endpoint: str) -> Any:
    return boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1")


def tunable(endpoint: str, name: str = "shop", source: str = QUICK) -> Any:
    """``name`` at 256 MB with version 1 behind alias ``live`` (which a run must not touch)."""
    python_function(endpoint, name, source, role="tune-role", MemorySize=256, Timeout=5)
    lam = lam_of(endpoint)
    lam.publish_version(FunctionName=name, Description="the first release")
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    return lam


def snapshot(lam: Any, name: str = "shop") -> dict[str, Any]:
    """What a run must leave as it found: the configuration (less what any update changes),
    the aliases and the versions."""
    config = lam.get_function_configuration(FunctionName=name)
    for changing in ("LastModified", "RevisionId", "ResponseMetadata", "LastUpdateStatus"):
        config.pop(changing, None)
    aliases = lam.list_aliases(FunctionName=name)["Aliases"]
    versions = lam.list_versions_by_function(FunctionName=name)["Versions"]
    return {
        "config": config,
        "aliases": sorted((a["Name"], a["FunctionVersion"]) for a in aliases),
        "versions": sorted((v["Version"], v.get("Description", "")) for v in versions),
    }


def gateway(endpoint: str, **kw: Any) -> Gateway:
    return Gateway(resolve_target(endpoint_url=endpoint, region="us-east-1", **kw))
