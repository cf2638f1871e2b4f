"""The words around the edit form's fields: what each setting applies to, each field's allowed
range, what a memory value buys and what 0 reserved means. Pure functions, no Textual."""

from __future__ import annotations

from collections.abc import Mapping

from ...aws import settings as rules
from ...aws.settings import Context, Settings
from ...aws.settings_diff import memory_effect


def scope(context: Context) -> str:
    """What the form's settings apply to (the function, the version, the alias), and what
    could not be read or checked."""
    text = "Memory, timeout, storage, environment and reserved concurrency apply to the "
    text += "function ($LATEST)"
    if context.qualifier:
        text += f"; provisioned concurrency to {context.qualifier}"
    if context.is_alias:
        text += " (its version and routing: e in the Aliases tab)"
    if context.scaling_version:
        text += f"; scaling to version {context.scaling_version}"
    text += "."
    if context.scaling_missing:
        text += f"\nScaling {context.scaling_missing}."
    floor = rules.unchecked_floor(context)
    if floor:
        text += f"\nNote: {floor}."
    return text


def reserved_hint(context: Context | None, before: Settings | None, typed: str = "") -> str:
    """The reserved concurrency allowed (the account's unreserved floor), or the warning
    that ``typed`` 0 throttles the function."""
    if typed == "0":
        return "⚠ 0 THROTTLES it: every invocation refused"
    if context is None or before is None:
        return "empty: none · 0 throttles"
    if context.unreserved is None:
        return "empty: none · 0 throttles · floor not checked"
    most = max(rules.max_reserved(context.unreserved, before.reserved), 0)
    return f"0–{most}, empty: none · 0 throttles"


def memory_hint(context: Context, before: Settings, typed: str = "") -> str:
    """The memory range, and what a ``typed`` value in it buys (CPU share, price per second)."""
    low, high = rules.memory_range(context.managed_instances)
    hint = f"{low}–{high}"
    if typed.isdigit() and low <= int(typed) <= high:
        hint += " · " + memory_effect(before.memory_mb, int(typed), context.architecture)
    return hint


def field_hints(context: Context, before: Settings) -> dict[str, str]:
    """Each field's hint as the form is filled: its range, or what empty means."""
    return {
        "memory_mb": memory_hint(context, before),
        "timeout_s": "{}–{}".format(*rules.timeout_range(context.managed_instances)),
        "storage_mb": "{}–{}".format(*rules.storage_range(context.managed_instances)),
        "reserved": reserved_hint(context, before),
        "provisioned": "empty: none",
        "alias_version": "the alias's main version",
        "alias_extra": "canary version, empty: none",
        "alias_weight": "share sent to it",
        "scaling_min": f"{rules.SCALING_MIN}–{rules.SCALING_MAX}, ≤ max",
        "scaling_max": f"{rules.SCALING_MIN}–{rules.SCALING_MAX}",
    }


def environment_title(variables: Mapping[str, str], revealed: bool) -> str:
    """The environment's heading: the bytes used of Lambda's 4 KB, and its keys."""
    if not variables:
        return "Environment: none · ^n add"
    used = f"{rules.environment_size(variables)} of {rules.ENVIRONMENT_LIMIT} bytes"
    title = f"Environment ({used}) · ^n add · clear a name to remove"
    if not revealed:
        title += " · ^r reveal"
    return title
