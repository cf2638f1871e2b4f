"""The edit form's text read into settings, and settings shown as the form's text.

Pure functions, no Textual: ``parse`` takes the fields as typed (and the environment's rows)
with the settings and context the form was opened with, and gives either the ``Settings`` the
gateway applies or the problems, by the form's field name, that keep it from being sent. The
screen shows each problem next to its field; ``tests/ui/test_edit_parse.py`` checks the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ...aws import settings as rules
from ...aws.settings import Context, Settings
from ...sanitize import one_line

#: The fields with one Input each, in the form's order: (name, label).
FIELDS = (
    ("memory_mb", "Memory (MB)"),
    ("timeout_s", "Timeout (s)"),
    ("storage_mb", "Storage (MB)"),
    ("reserved", "Reserved conc."),
    ("provisioned", "Provisioned"),
    ("alias_version", "Alias version"),
    ("alias_extra", "+ version"),
    ("alias_weight", "+ weight (0-1)"),
    ("scaling_min", "Min environments"),
    ("scaling_max", "Max environments"),
)

#: ``rules.check``'s names that are not a field's: the field their problem is shown at.
_SHOWN_AT = {"alias_weights": "alias_weight"}


@dataclass(frozen=True, slots=True)
class Parsed:
    """The form read and checked: ``settings`` to apply, or else ``problems`` by field name
    (``environment`` for the variables' rows). Never both."""

    settings: Settings | None = None
    problems: dict[str, str] = field(default_factory=dict)


def shown(values: Settings) -> dict[str, str]:
    """The text of each field for these settings (what the form is filled with)."""
    weights = values.alias_weights
    return {
        "memory_mb": str(values.memory_mb),
        "timeout_s": str(values.timeout_s),
        "storage_mb": str(values.storage_mb),
        "reserved": "" if values.reserved is None else str(values.reserved),
        "provisioned": "" if values.provisioned is None else str(values.provisioned),
        "alias_version": values.alias_version or "",
        "alias_extra": weights[0][0] if weights else "",
        "alias_weight": f"{weights[0][1]:g}" if weights else "",
        "scaling_min": "" if values.scaling_min is None else str(values.scaling_min),
        "scaling_max": "" if values.scaling_max is None else str(values.scaling_max),
    }


def applies(name: str, context: Context | None) -> bool:
    """Whether field ``name`` is on the form for this function and qualifier."""
    if context is None:
        return False
    if name == "provisioned":
        return context.published
    if name.startswith("alias_"):
        # an alias's version and routing are the alias form's (`e` in the Aliases tab,
        # ui/release/): one way to change them, journaled as a release with its undo
        return False
    if name.startswith("scaling_"):
        return bool(context.scaling_version)
    return True


def start_values(current: Settings, preset: Settings | None, qualifier: str | None) -> Settings:
    """The current values, or those of ``preset`` (a change being reverted) where they apply."""
    if preset is None:
        return current
    return current.with_changes(
        memory_mb=preset.memory_mb,
        timeout_s=preset.timeout_s,
        storage_mb=preset.storage_mb,
        environment=preset.environment,
        reserved=preset.reserved,
        provisioned=preset.provisioned if qualifier else current.provisioned,
        alias_version=preset.alias_version or current.alias_version,
        alias_weights=preset.alias_weights if preset.alias_version else current.alias_weights,
        scaling_min=current.scaling_min if preset.scaling_min is None else preset.scaling_min,
        scaling_max=current.scaling_max if preset.scaling_max is None else preset.scaling_max,
    )


def parse(
    fields: Mapping[str, str],
    environment: Iterable[tuple[str, str]],
    before: Settings,
    context: Context,
) -> Parsed:
    """Read the form (``fields``: text by field name; ``environment``: its rows, name and
    value; a row without a name is removed) against the settings it was opened with.

    A field the form does not show for ``context`` keeps ``before``'s value. An empty reserved
    or provisioned field means none; an empty alias version keeps the alias's; an empty extra
    version means no routing. What reads is then checked with ``aws.settings.check``.
    """
    problems: dict[str, str] = {}

    def text(name: str) -> str:
        return fields.get(name, "").strip()

    def number(name: str, optional: bool = False) -> int | None:
        value = text(name)
        if optional and value == "":
            return None
        try:
            return int(value)
        except ValueError:
            problems[name] = f"A whole number, please (got {one_line(value, 20) or 'nothing'})."
            return None

    memory = number("memory_mb")
    timeout = number("timeout_s")
    storage = number("storage_mb")
    reserved = number("reserved", optional=True)
    provisioned = number("provisioned", optional=True) if applies("provisioned", context) else None
    scaling_min, scaling_max = before.scaling_min, before.scaling_max
    if applies("scaling_min", context):
        scaling_min = number("scaling_min", optional=True)
        scaling_max = number("scaling_max", optional=True)
    alias_version, weights = before.alias_version, before.alias_weights
    if applies("alias_version", context):
        alias_version = text("alias_version") or before.alias_version
        weights = ()
        extra = text("alias_extra")
        if extra:
            weight = _weight(text("alias_weight"))
            if weight is None:
                problems["alias_weight"] = "A fraction from 0 to 1, e.g. 0.1 (or 10%)."
            else:
                weights = ((extra, weight),)
    pairs = tuple((key.strip(), value) for key, value in environment if key.strip())
    keys = [key for key, _ in pairs]
    duplicate = next((key for key in keys if keys.count(key) > 1), None)
    if duplicate:
        problems["environment"] = f"{duplicate} is defined twice."
    if problems or memory is None or timeout is None or storage is None:
        return Parsed(problems=problems)
    after = Settings(
        memory_mb=memory,
        timeout_s=timeout,
        storage_mb=storage,
        environment=pairs,
        reserved=reserved,
        provisioned=provisioned,
        alias_version=alias_version,
        alias_weights=weights,
        scaling_min=scaling_min,
        scaling_max=scaling_max,
    )
    checked = rules.check(before, after, context)
    if checked:
        return Parsed(problems={_SHOWN_AT.get(k, k): v for k, v in checked.items()})
    return Parsed(settings=after)


def _weight(text: str) -> float | None:
    """'0.1' or '10%' as a fraction; None when it is not a number."""
    try:
        weight = float(text.rstrip("%"))
    except ValueError:
        return None
    return weight / 100 if text.endswith("%") else weight


def typed_changes(
    fields: Mapping[str, str],
    environment: Iterable[tuple[str, str]],
    start: Settings,
    context: Context | None,
) -> list[str]:
    """Labels of the shown fields whose text differs from ``start``'s (and 'Environment')."""
    text = shown(start)
    labels = [
        label for name, label in FIELDS if applies(name, context) and fields[name] != text[name]
    ]
    pairs = tuple((key.strip(), value) for key, value in environment if key.strip())
    if pairs != start.environment:
        labels.append("Environment")
    return labels
