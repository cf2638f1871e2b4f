"""A shift's plan and progress, as the engine keeps it and ``store.shifts`` saves it.

``status`` is ``running`` while the shift is under way (or when the process running it
ended mid-shift: then it is *unfinished*), and one of ``done`` (the alias points at the new
version alone), ``rolled_back`` (at the old version alone), ``kept`` (left at the weights
it had, by choice) or ``stopped`` (someone else changed the alias; nothing was overwritten)
when it ended. ``pending`` is the routing being sent when the file was written: after a kill
between sending it and saving the reply, a resume recognises the alias as the shift left it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .plan import Plan, plan_from_json, plan_to_json

RUNNING, DONE, ROLLED_BACK, KEPT, STOPPED = "running", "done", "rolled_back", "kept", "stopped"
#: How each ending is said.
ENDINGS = {
    DONE: "done",
    ROLLED_BACK: "rolled back",
    KEPT: "kept at its current weights",
    STOPPED: "stopped",
}
Place = tuple[str | None, str, str | None]


@dataclass(frozen=True)
class Guards:
    """Roll back when the new version's errors exceed ``max_error_rate`` (a fraction) of at
    least ``min_invocations`` invocations since the shift started, or when ``alarm`` (a
    CloudWatch alarm's name, '' for none) is in ALARM."""

    max_error_rate: float = 0.01
    min_invocations: int = 20
    alarm: str = ""


@dataclass(frozen=True)
class ShiftState:
    """One shift of ``function:alias`` from version ``old`` to ``new`` on ``place``."""

    function: str
    alias: str
    old: str
    new: str
    plan: Plan
    guards: Guards
    place: Place
    started: float  # epoch seconds
    step: int = -1  # index in plan.steps of the step being held; -1 before the first
    weight: float = 0.0  # the new version's weight now
    step_started: float = 0.0
    revision_id: str = ""
    status: str = RUNNING
    reason: str = ""
    pending: tuple[str, float] | None = field(default=None)  # (version, weight of new) sent

    @property
    def name(self) -> str:
        return f"{self.function}:{self.alias}"

    @property
    def next_step_at(self) -> float | None:
        """When the step being held ends (epoch seconds); None before the first or at 100%."""
        if self.step < 0 or self.step >= len(self.plan.steps):
            return None
        hold = self.plan.steps[self.step].hold_s
        return self.step_started + hold if hold else None

    def but(self, **changes: Any) -> ShiftState:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        profile, region, endpoint = self.place
        return {
            "function": self.function,
            "alias": self.alias,
            "old": self.old,
            "new": self.new,
            "plan": plan_to_json(self.plan),
            "max_error_rate": self.guards.max_error_rate,
            "min_invocations": self.guards.min_invocations,
            "alarm": self.guards.alarm,
            "profile": profile,
            "region": region,
            "endpoint": endpoint,
            "started": self.started,
            "step": self.step,
            "weight": self.weight,
            "step_started": self.step_started,
            "revision_id": self.revision_id,
            "status": self.status,
            "reason": self.reason,
            "pending": list(self.pending) if self.pending else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShiftState:
        """ValueError (or KeyError, TypeError) for a file that is not a saved shift."""
        pending = data.get("pending")
        return cls(
            function=str(data["function"]),
            alias=str(data["alias"]),
            old=str(data["old"]),
            new=str(data["new"]),
            plan=plan_from_json(data["plan"]),
            guards=Guards(
                float(data.get("max_error_rate", 0.01)),
                int(data.get("min_invocations", 20)),
                str(data.get("alarm") or ""),
            ),
            place=(data.get("profile"), str(data.get("region") or ""), data.get("endpoint")),
            started=float(data["started"]),
            step=int(data.get("step", -1)),
            weight=float(data.get("weight", 0.0)),
            step_started=float(data.get("step_started", 0.0)),
            revision_id=str(data.get("revision_id") or ""),
            status=str(data.get("status") or RUNNING),
            reason=str(data.get("reason") or ""),
            pending=(str(pending[0]), float(pending[1])) if pending else None,
        )
