"""Shift plans: how an alias's traffic moves from its version to a new one, step by step.

Pure: no I/O. A plan is a tuple of ``Step`` (the new version's weight, 0 < w ≤ 1, and how long
to hold it, in seconds); the last step is always 1.0 with no hold (the alias then points at
the new version alone). What the user types:

* ``all``: at once.
* ``canaryP-D`` (``canary10-5m``): P % for D, then 100 %.
* ``linearP-D`` (``linear10-1m``): +P % every D until 100 %.
* explicit steps (``10:30s,50:2m,100``): each ``P:D``, the last ``100`` with no hold.

Durations are a number and a unit: ``s``, ``m`` or ``h``. Bad input raises ``PlanError`` with
one line saying what is wrong and what would be right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m|h)$")
_UNITS = {"s": 1, "m": 60, "h": 3600}
_NAMED = re.compile(r"^(canary|linear)(\d+(?:\.\d+)?)-(.+)$")
#: The named plans offered where a short list is wanted (the twin's --help, a picker).
EXAMPLES = ("all", "canary10-5m", "linear10-1m")


class PlanError(ValueError):
    """A plan, a duration or a rate that cannot be read (the message is one line)."""


@dataclass(frozen=True)
class Step:
    """Hold the new version at ``weight`` (a fraction) for ``hold_s`` seconds."""

    weight: float
    hold_s: float = 0.0

    def describe(self) -> str:
        held = f" for {format_duration(self.hold_s)}" if self.hold_s else ""
        return f"{percent(self.weight)}{held}"


@dataclass(frozen=True)
class Plan:
    """What the user typed (``text``) and the steps it means."""

    text: str
    steps: tuple[Step, ...]

    def describe(self) -> str:
        return ", ".join(step.describe() for step in self.steps)

    @property
    def total_s(self) -> float:
        return sum(step.hold_s for step in self.steps)


def percent(weight: float) -> str:
    """0.1 → '10%', 0.125 → '12.5%'."""
    return f"{weight * 100:.4g}%"


def format_duration(seconds: float) -> str:
    """90 → '1m30s', 3600 → '1h', 5 → '5s'."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return "".join(parts) or "0s"


def parse_duration(text: str) -> float:
    """'30s' → 30.0, '2m' → 120.0, '1h' → 3600.0; PlanError otherwise (or for zero)."""
    match = _DURATION.match(text.strip())
    if not match:
        raise PlanError(f"{text!r} is not a duration: a number and s, m or h (30s, 2m, 1h)")
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds <= 0:
        raise PlanError(f"{text!r}: a step is held for more than no time")
    return seconds


def parse_rate(text: str) -> float:
    """'1%' or '1' → 0.01 (a percentage of invocations); PlanError outside 0 to 100."""
    value = text.strip().removesuffix("%").strip()
    try:
        rate = float(value)
    except ValueError:
        raise PlanError(f"{text!r} is not an error rate: a percentage such as 1% or 0.5%") from None
    if not 0 <= rate <= 100:
        raise PlanError(f"{text!r}: an error rate is between 0% and 100%")
    return rate / 100


def _weight(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise PlanError(f"{where}: {text!r} is not a percentage (10, 12.5, 100)") from None
    if not 0 < value <= 100:
        raise PlanError(f"{where}: {text}% is not between 0% and 100%")
    return value / 100


def parse_plan(text: str) -> Plan:
    """The plan ``text`` names: ``all``, ``canaryP-D``, ``linearP-D``; PlanError otherwise."""
    text = text.strip()
    if text == "all":
        return Plan(text, (Step(1.0),))
    match = _NAMED.match(text)
    if not match:
        raise PlanError(
            f"unknown plan {text!r}: all, canaryP-D (canary10-5m) or linearP-D (linear10-1m)"
        )
    kind, amount, duration = match.groups()
    weight = _weight(amount, text)
    if weight >= 1:
        raise PlanError(f"{text}: the {kind} step must be under 100%")
    hold = parse_duration(duration)
    if kind == "canary":
        return Plan(text, (Step(weight, hold), Step(1.0)))
    steps: list[Step] = []
    while round(weight * (len(steps) + 1), 6) < 1:
        steps.append(Step(round(weight * (len(steps) + 1), 6), hold))
    return Plan(text, (*steps, Step(1.0)))


def parse_steps(text: str) -> Plan:
    """Explicit steps, ``10:30s,50:2m,100``; PlanError for anything else."""
    parts = [part.strip() for part in text.split(",")]
    if not parts or not all(parts):
        raise PlanError(f"{text!r}: steps are P:D separated by commas, ending in 100")
    steps: list[Step] = []
    for n, part in enumerate(parts, start=1):
        last = n == len(parts)
        amount, colon, duration = part.partition(":")
        weight = _weight(amount, f"step {n}")
        if last:
            if weight != 1 or colon:
                raise PlanError(f"step {n} ({part}): the last step is 100, with no hold")
            steps.append(Step(1.0))
            break
        if weight >= 1:
            raise PlanError(f"step {n} ({part}): only the last step is 100")
        if not colon:
            raise PlanError(f"step {n} ({part}): give how long to hold it, as {amount}:30s")
        if steps and weight <= steps[-1].weight:
            raise PlanError(f"step {n} ({part}): each step sends more traffic than the last")
        steps.append(Step(weight, parse_duration(duration)))
    return Plan(text, tuple(steps))


def plan_to_json(plan: Plan) -> dict[str, object]:
    return {"text": plan.text, "steps": [[s.weight, s.hold_s] for s in plan.steps]}


def plan_from_json(data: dict[str, object]) -> Plan:
    raw = data.get("steps")
    if not isinstance(raw, list) or not raw:
        raise PlanError("a saved plan without steps")
    steps = tuple(Step(float(w), float(h)) for w, h in raw)
    return Plan(str(data.get("text") or ""), steps)
