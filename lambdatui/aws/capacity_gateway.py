"""Capacity providers (Lambda Managed Instances): the account's providers, one provider, and the
function versions that run on it.

``ListCapacityProviders`` (all pages), ``GetCapacityProvider``,
``ListFunctionVersionsByCapacityProvider`` (all pages) and, for each such version, its scaling
(``GetFunctionScalingConfig``: how many execution environments). All read-only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import errors
from ._values import empty, frozen, strs
from .clients import ClientSource


@dataclass(frozen=True, slots=True)
class CapacityProvider:
    """One capacity provider: what instances it may launch, how it scales, where."""

    name: str
    arn: str
    state: str  # Pending | Active | Failed | Deleting
    architectures: tuple[str, ...]
    allowed_types: tuple[str, ...]
    excluded_types: tuple[str, ...]
    scaling_mode: str  # Auto | Manual
    max_vcpu: int | None
    scaling_policies: tuple[str, ...]  # "CPU 70%" per target-tracking policy
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]
    operator_role: str
    kms_key_arn: str
    last_modified: str
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @property
    def instances_label(self) -> str:
        """'arm64 · m8g.*' (allowed types), or '… · not t4g.*' (excluded)."""
        parts = [",".join(self.architectures) or "x86_64"]
        if self.allowed_types:
            parts.append(",".join(self.allowed_types))
        if self.excluded_types:
            parts.append("not " + ",".join(self.excluded_types))
        return " · ".join(parts)

    @property
    def scaling_label(self) -> str:
        """'Auto, ≤64 vCPU', 'Manual: CPU 70%'."""
        label = self.scaling_mode or "Auto"
        if self.max_vcpu is not None:
            label += f", ≤{self.max_vcpu} vCPU"
        if self.scaling_policies:
            label += ": " + ", ".join(self.scaling_policies)
        return label

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> CapacityProvider:
        arn = str(item.get("CapacityProviderArn") or "")
        requirements = item.get("InstanceRequirements") or {}
        scaling = item.get("CapacityProviderScalingConfig") or {}
        vpc = item.get("VpcConfig") or {}
        max_vcpu = scaling.get("MaxVCpuCount")
        return cls(
            name=arn.rsplit(":capacity-provider:", 1)[-1],
            arn=arn,
            state=str(item.get("State") or ""),
            architectures=strs(requirements.get("Architectures")),
            allowed_types=strs(requirements.get("AllowedInstanceTypes")),
            excluded_types=strs(requirements.get("ExcludedInstanceTypes")),
            scaling_mode=str(scaling.get("ScalingMode") or ""),
            max_vcpu=int(max_vcpu) if max_vcpu is not None else None,
            scaling_policies=tuple(_policy(p) for p in scaling.get("ScalingPolicies") or ()),
            subnet_ids=strs(vpc.get("SubnetIds")),
            security_group_ids=strs(vpc.get("SecurityGroupIds")),
            operator_role=str(
                (item.get("PermissionsConfig") or {}).get("CapacityProviderOperatorRoleArn") or ""
            ),
            kms_key_arn=str(item.get("KmsKeyArn") or ""),
            last_modified=str(item.get("LastModified") or ""),
            raw=frozen(item),
        )


def _policy(policy: Mapping[str, Any]) -> str:
    metric = str(policy.get("PredefinedMetricType") or "metric").replace(
        "LambdaCapacityProviderAverage", ""
    )
    target = policy.get("TargetValue")
    return f"{metric} {target:g}%" if isinstance(target, int | float) else metric


@dataclass(frozen=True, slots=True)
class ProviderVersion:
    """A function version on a capacity provider, with its scaling when it could be read."""

    function_arn: str  # qualified: …:function:name:version
    function: str
    version: str
    state: str
    min_environments: int | None = None
    max_environments: int | None = None
    scaling_error: str = ""  # why the scaling could not be read

    @property
    def scaling_label(self) -> str:
        if self.scaling_error:
            return self.scaling_error
        if self.min_environments is None and self.max_environments is None:
            return "default"
        low = "?" if self.min_environments is None else str(self.min_environments)
        high = "?" if self.max_environments is None else str(self.max_environments)
        return f"{low}–{high} environments"

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> ProviderVersion:
        arn = str(item.get("FunctionArn") or "")
        parts = arn.split(":")
        return cls(
            function_arn=arn,
            function=parts[6] if len(parts) > 6 else arn,
            version=parts[7] if len(parts) > 7 else "",
            state=str(item.get("State") or ""),
        )


class CapacityCalls(ClientSource):
    """The capacity-provider calls of ``Gateway`` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Gateway

        async def _all_pages(self, operation: str, key: str, build: Any, **params: Any) -> Any:
            raise NotImplementedError

    async def list_capacity_providers(self) -> list[CapacityProvider]:
        """Every capacity provider of the region, by name (ListCapacityProviders)."""
        found: list[CapacityProvider] = await self._all_pages(
            "ListCapacityProviders", "CapacityProviders", CapacityProvider.from_api
        )
        return sorted(found, key=lambda p: p.name.lower())

    async def get_capacity_provider(self, name: str) -> CapacityProvider:
        """One capacity provider, as it is now (GetCapacityProvider)."""
        lam = await self.client("lambda")
        async with self._translating("lambda", "GetCapacityProvider"):
            reply = await lam.get_capacity_provider(CapacityProviderName=name)
        return CapacityProvider.from_api(reply.get("CapacityProvider") or {})

    async def list_provider_versions(self, name: str) -> list[ProviderVersion]:
        """The function versions on the provider (ListFunctionVersionsByCapacityProvider), each
        with its scaling (GetFunctionScalingConfig; a failure is said in that row alone)."""
        versions: list[ProviderVersion] = await self._all_pages(
            "ListFunctionVersionsByCapacityProvider",
            "FunctionVersions",
            ProviderVersion.from_api,
            CapacityProviderName=name,
        )
        return list(await asyncio.gather(*(self._with_scaling(v) for v in versions)))

    async def _with_scaling(self, version: ProviderVersion) -> ProviderVersion:
        lam = await self.client("lambda")
        try:
            async with self._translating("lambda", "GetFunctionScalingConfig"):
                reply = await lam.get_function_scaling_config(
                    FunctionName=version.function, Qualifier=version.version
                )
        except errors.GatewayError as exc:
            label, reason = errors.unavailable(exc)
            return replace(version, scaling_error=f"{label}: {reason}")
        scaling = (
            reply.get("AppliedFunctionScalingConfig")
            or reply.get("RequestedFunctionScalingConfig")
            or {}
        )
        low, high = scaling.get("MinExecutionEnvironments"), scaling.get("MaxExecutionEnvironments")
        return replace(
            version,
            min_environments=int(low) if low is not None else None,
            max_environments=int(high) if high is not None else None,
        )
