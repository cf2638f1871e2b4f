"""Versions and aliases: the records of ListVersionsByFunction and ListAliases.

Beside ``records`` (the function list's record), not in it: a warm start imports that one on
the way to its first frame, and each frozen dataclass is ~0.6 ms to define.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class FunctionVersion:
    """One published version (or $LATEST) from ListVersionsByFunction."""

    version: str
    description: str
    last_modified: str
    code_sha256: str
    memory_mb: int
    arn: str = ""
    runtime: str = ""

    @classmethod
    def from_api(cls, item: dict[str, Any]) -> FunctionVersion:
        return cls(
            version=item.get("Version", ""),
            description=item.get("Description", "") or "",
            last_modified=str(item.get("LastModified", "") or ""),
            code_sha256=item.get("CodeSha256", "") or "",
            memory_mb=int(item.get("MemorySize", 0) or 0),
            arn=item.get("FunctionArn", "") or "",
            runtime=item.get("Runtime", "") or "",
        )


@dataclass(frozen=True, slots=True)
class AliasRecord:
    """One alias from ListAliases, with its weighted routing."""

    name: str
    function_version: str
    description: str
    arn: str
    additional_weights: tuple[tuple[str, float], ...] = field(default_factory=tuple)
    revision_id: str = ""

    @property
    def routing_label(self) -> str:
        """'v3 90% / v4 10%' for weighted routing, 'v3' otherwise."""
        if not self.additional_weights:
            return _version_label(self.function_version)
        extra = sum(weight for _, weight in self.additional_weights)
        parts = [f"{_version_label(self.function_version)} {_percent(1.0 - extra)}"]
        parts += [f"{_version_label(v)} {_percent(w)}" for v, w in self.additional_weights]
        return " / ".join(parts)

    @classmethod
    def from_api(cls, item: dict[str, Any]) -> AliasRecord:
        weights = ((item.get("RoutingConfig") or {}).get("AdditionalVersionWeights")) or {}
        return cls(
            name=item.get("Name", ""),
            function_version=item.get("FunctionVersion", ""),
            description=item.get("Description", "") or "",
            arn=item.get("AliasArn", "") or "",
            additional_weights=tuple(sorted((str(k), float(v)) for k, v in weights.items())),
            revision_id=item.get("RevisionId", "") or "",
        )


def _version_label(version: str) -> str:
    return version if version.startswith("$") else f"v{version}"


def _percent(fraction: float) -> str:
    value = round(fraction * 100, 2)
    return f"{value:g}%"
