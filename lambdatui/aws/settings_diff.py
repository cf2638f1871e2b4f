"""What a change of settings means and shows as: the CPU share and price of a memory size, the
diff the confirmation lists (current → new, secret values masked), and the
UpdateFunctionConfiguration parameters of the function-level fields that changed.

Pure functions and frozen records, no I/O, like the settings and checks in ``settings.py``.
Prices are the one table of ``report.py`` (us-east-1, first tier): an estimate, never a bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .report import PRICE_PER_GB_SECOND
from .settings import MEMORY_MAX, Context, Settings, scaling_changed

#: Memory at which a function has one full vCPU, and the maximum (6 vCPUs at 10240 MB).
ONE_VCPU_MB = 1769
MAX_VCPUS = 6.0


# -- What a change means --------------------------------------------------------------------------


def vcpus(memory_mb: int) -> float:
    """The CPU share Lambda allocates: proportional to memory, one vCPU at 1769 MB, 6 at 10240."""
    if memory_mb <= ONE_VCPU_MB:
        return memory_mb / ONE_VCPU_MB
    span = (MAX_VCPUS - 1.0) / (MEMORY_MAX - ONE_VCPU_MB)
    return min(MAX_VCPUS, 1.0 + (memory_mb - ONE_VCPU_MB) * span)


def price_per_second(memory_mb: int, architecture: str) -> float:
    """Dollars per second of duration at this memory (us-east-1, first tier)."""
    rate = PRICE_PER_GB_SECOND.get(architecture, PRICE_PER_GB_SECOND["x86_64"])
    return memory_mb / 1024 * float(rate)


def memory_effect(before_mb: int, after_mb: int, architecture: str) -> str:
    """'1.00 vCPU, $0.0000288/s (×3.46)': what the new memory buys and costs per second."""
    cpu = vcpus(after_mb)
    price = price_per_second(after_mb, architecture)
    text = f"{cpu:.2f} vCPU, ${price:.7f}/s"
    if before_mb and before_mb != after_mb:
        text += f" (×{after_mb / before_mb:.2f})"
    return text


# -- The diff -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed setting as the confirmation shows it: label, current → new."""

    name: str
    label: str
    before: str
    after: str
    warning: str = ""  # what could go wrong (0 reserved throttles)
    note: str = ""  # what the change means (CPU share, price)


def scaling_text(low: int | None, high: int | None) -> str:
    """'3–12 environments', 'min 3', 'not set'."""
    if low is None and high is None:
        return "not set"
    if low is None:
        return f"max {high} environments"
    if high is None:
        return f"min {low} environments"
    return f"{low}–{high} environments"


def _reserved_text(value: int | None) -> str:
    if value is None:
        return "none (unreserved pool)"
    if value == 0:
        return "0 (throttled)"
    return str(value)


def _weights_text(version: str | None, weights: tuple[tuple[str, float], ...]) -> str:
    if version is None:
        return "-"
    if not weights:
        return f"{version} 100%"
    extra = sum(w for _, w in weights)
    parts = [f"{version} {round((1 - extra) * 100, 2):g}%"]
    parts += [f"{v} {round(w * 100, 2):g}%" for v, w in weights]
    return " / ".join(parts)


def environment_changes(
    before: tuple[tuple[str, str], ...], after: tuple[tuple[str, str], ...], reveal: bool = False
) -> list[FieldChange]:
    """Added, changed and removed variables; values masked unless ``reveal``."""
    old, new = dict(before), dict(after)

    def shown(value: str) -> str:
        return value if reveal else "••••••"

    changes: list[FieldChange] = []
    for key in sorted(old.keys() | new.keys()):
        if key not in new:
            changes.append(FieldChange("environment", f"env {key}", shown(old[key]), "(removed)"))
        elif key not in old:
            changes.append(FieldChange("environment", f"env {key}", "(new)", shown(new[key])))
        elif old[key] != new[key]:
            label = f"env {key}"
            changes.append(FieldChange("environment", label, shown(old[key]), shown(new[key])))
    return changes


def diff(
    before: Settings, after: Settings, context: Context, *, reveal: bool = False
) -> list[FieldChange]:
    """Every field that differs, in the form's order."""
    changes: list[FieldChange] = []
    if before.memory_mb != after.memory_mb:
        changes.append(
            FieldChange(
                "memory_mb",
                "Memory",
                f"{before.memory_mb} MB",
                f"{after.memory_mb} MB",
                note=memory_effect(before.memory_mb, after.memory_mb, context.architecture),
            )
        )
    if before.timeout_s != after.timeout_s:
        changes.append(
            FieldChange("timeout_s", "Timeout", f"{before.timeout_s} s", f"{after.timeout_s} s")
        )
    if before.storage_mb != after.storage_mb:
        changes.append(
            FieldChange(
                "storage_mb",
                "Ephemeral storage",
                f"{before.storage_mb} MB",
                f"{after.storage_mb} MB",
            )
        )
    changes += environment_changes(before.environment, after.environment, reveal)
    if before.reserved != after.reserved:
        warning = ""
        if after.reserved == 0:
            warning = "0 throttles the function: every invocation is refused"
        changes.append(
            FieldChange(
                "reserved",
                "Reserved concurrency",
                _reserved_text(before.reserved),
                _reserved_text(after.reserved),
                warning,
            )
        )
    if before.provisioned != after.provisioned:
        changes.append(
            FieldChange(
                "provisioned",
                f"Provisioned ({context.qualifier})",
                str(before.provisioned or "none"),
                str(after.provisioned or "none"),
            )
        )
    if scaling_changed(before, after):
        changes.append(
            FieldChange(
                "scaling",
                f"Scaling (version {context.scaling_version or '?'})",
                scaling_text(before.scaling_min, before.scaling_max),
                scaling_text(after.scaling_min, after.scaling_max),
            )
        )
    if (before.alias_version, before.alias_weights) != (after.alias_version, after.alias_weights):
        changes.append(
            FieldChange(
                "alias",
                f"Alias {context.qualifier} routing",
                _weights_text(before.alias_version, before.alias_weights),
                _weights_text(after.alias_version, after.alias_weights),
            )
        )
    return changes


def configuration_changes(before: Settings, after: Settings) -> dict[str, Any]:
    """The UpdateFunctionConfiguration parameters for the function-level fields that differ."""
    params: dict[str, Any] = {}
    if before.memory_mb != after.memory_mb:
        params["MemorySize"] = after.memory_mb
    if before.timeout_s != after.timeout_s:
        params["Timeout"] = after.timeout_s
    if before.storage_mb != after.storage_mb:
        params["EphemeralStorage"] = {"Size": after.storage_mb}
    if before.environment != after.environment:
        params["Environment"] = {"Variables": dict(after.environment)}
    return params
