"""The traffic shift engine: move an alias from its version to a new one, step by step,
watching the new version's errors, and roll back on its own when they rise.

No Textual: the twin (``twins/shift.py``) and a UI drive it alike. ``prepare`` reads the
alias and refuses what cannot be shifted; ``ShiftEngine.run`` then, for each step of the
plan: checks the guards (``guards.check``), sets the routing (the old version primary, the
new at the step's weight, with the alias's RevisionId), and holds for the step's duration,
checking the guards and the alias every ``check_every`` seconds; the last step points the
alias at the new version alone. A tripped guard rolls back at once (the old version alone).
A RevisionId refused, or an alias found changed at a check, means someone else changed it:
the shift stops and says what the alias is now, and overwrites nothing.

Everything the engine does is an ``Event`` to its listener, and its state is saved (``store.
shifts``) after every change and journaled (``store.journal``) for every alias update, so a
shift cut short by the process ending is listed as unfinished at the next start and offered
the same three choices as a running one: ``keep``, ``rollback``, ``finish``. ``clock`` and
``sleep`` are injectable: tests hold a step of minutes in milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..aws import errors
from ..store import journal, shifts
from . import guards as guard_checks
from .guards import Counts, Reading
from .plan import Plan, percent
from .state import DONE, KEPT, ROLLED_BACK, RUNNING, STOPPED, Guards, ShiftState

if TYPE_CHECKING:
    from ..aws.gateway import Gateway

STEP, CHECK, ROLLBACK, FINISHED, KEEP, STOP = "step", "check", "rollback", "done", "kept", "stopped"
#: The choices offered for a running or unfinished shift.
CHOICES = ("keep", "rollback", "finish")


class ShiftRefused(Exception):
    """The shift cannot start or go on (one line: why, and what to do)."""


@dataclass(frozen=True)
class Event:
    """One thing the shift did or saw: ``kind`` is ``step`` (weights set), ``check`` (the
    guards read during a hold, ``remaining_s`` to the next step), ``rollback``, ``done``,
    ``kept`` or ``stopped``; ``message`` says it in words."""

    kind: str
    state: ShiftState
    reading: Reading | None = None
    remaining_s: float | None = None
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        new = self.reading.new if self.reading else Counts()
        old = self.reading.old if self.reading else Counts()
        return {
            "weight": self.state.weight,
            "version": self.state.new,
            "invocations": new.invocations,
            "errors": new.errors,
            "action": self.kind,
            "old_version": self.state.old,
            "old_invocations": old.invocations,
            "old_errors": old.errors,
            "alarm": self.reading.alarm if self.reading else "",
            "next_step_s": None if self.remaining_s is None else round(self.remaining_s, 1),
            "message": self.message,
        }


Listener = Callable[[Event], None]


def describe_alias(alias: dict[str, Any]) -> str:
    """'→ 4' or '→ 4 (10% to 5)': where an alias sends its traffic (GetAlias's reply)."""
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    extra = ", ".join(f"{percent(float(w))} to {v}" for v, w in sorted(weights.items()))
    return f"→ {alias.get('FunctionVersion')}" + (f" ({extra})" if extra else "")


def _routing(alias: dict[str, Any]) -> tuple[str, dict[str, float]]:
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return str(alias.get("FunctionVersion") or ""), {str(k): float(v) for k, v in weights.items()}


async def prepare(
    gateway: Gateway,
    function: str,
    alias: str,
    new: str,
    plan: Plan,
    guards: Guards,
    clock: Callable[[], float] = time.time,
) -> ShiftState:
    """A shift of ``function:alias`` to version ``new``, read from the alias as it is now;
    ShiftRefused when it cannot be shifted (the reason in one line)."""
    target = gateway.target
    place = (target.profile, target.region, target.custom_endpoint)
    saved = shifts.load(place, function, alias)
    if saved.get("status") == RUNNING:
        raise ShiftRefused(
            f"{function}:{alias} has an unfinished shift to version {saved.get('new')}: "
            "resume it first (keep, rollback or finish)"
        )
    if not new.isdigit():
        raise ShiftRefused(f"shift to a published version (a number), not {new!r}")
    current = await gateway.get_alias(function, alias)
    old, weights = _routing(current)
    if old == new:
        raise ShiftRefused(f"{function}:{alias} points at version {new} already")
    others = sorted(set(weights) - {new})
    if others:
        raise ShiftRefused(
            f"{function}:{alias} already routes traffic to version {', '.join(others)} "
            f"({describe_alias(current)}): settle that first"
        )
    if guards.alarm:
        await gateway.alarm_state(guards.alarm)  # NotFound before anything is changed
    return ShiftState(
        function=function,
        alias=alias,
        old=old,
        new=new,
        plan=plan,
        guards=guards,
        place=place,
        started=clock(),
        weight=weights.get(new, 0.0),
        revision_id=str(current.get("RevisionId") or ""),
    )


class ShiftEngine:
    """Runs one shift (see the module docstring). ``choose`` asks a running ``run`` to end
    with one of ``CHOICES`` at its next check; ``keep``, ``rollback`` and ``finish`` do it
    at once (a UI's answer to escape, a resume)."""

    def __init__(
        self,
        gateway: Gateway,
        state: ShiftState,
        *,
        listener: Listener | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        check_every: float = 5.0,
    ) -> None:
        self.gateway = gateway
        self.state = state
        self.listener = listener
        self.clock = clock
        self.sleep = sleep
        self.check_every = check_every
        self.reading: Reading | None = None
        #: Why the next step waits past its hold (too few invocations to judge), or ''.
        self.waiting = ""
        self._choice = ""

    # -- the run ---------------------------------------------------------------------------

    async def run(self) -> ShiftState:
        """Every step left of the plan; the state it ended in."""
        steps = self.state.plan.steps
        for index in range(self.state.step + 1, len(steps)):
            if await self._interrupted():
                return self.state
            step = steps[index]
            if not await self._set(index, step.weight):
                return self.state
            end = self.state.step_started + step.hold_s
            while self.state.status == RUNNING and (left := end - self.clock()) > 0:
                await self.sleep(min(self.check_every, left))
                if await self._interrupted(max(0.0, end - self.clock())):
                    return self.state
            # No more traffic without evidence: a step is left only once the guard could have
            # judged the new version (its minimum of invocations), else a version failing every
            # call of a quiet alias would reach 100% unjudged. keep/rollback/finish still end it.
            while index < len(steps) - 1 and (short := self._short_of_evidence()):
                self.waiting = short
                await self.sleep(self.check_every)
                if await self._interrupted(0.0):
                    self.waiting = ""
                    return self.state
            self.waiting = ""
        return self.state

    def _short_of_evidence(self) -> str:
        """Why the next step must wait for more invocations of the new version, or ''."""
        state, reading = self.state, self.reading
        wanted = state.guards.min_invocations
        if state.status != RUNNING or reading is None or reading.new.invocations >= wanted:
            return ""
        return (
            f"waiting for {wanted} invocations of version {state.new} before the next step "
            f"({reading.new.invocations} so far)"
        )

    def choose(self, choice: str) -> None:
        """End the running shift with ``choice`` (one of ``CHOICES``) at its next check."""
        if choice not in CHOICES:
            raise ValueError(f"choose one of {', '.join(CHOICES)}")
        self._choice = choice

    async def _interrupted(self, remaining: float | None = None) -> bool:
        """Check the guards and the alias: roll back, stop, or do the chosen ending; whether
        the shift ended."""
        if self._choice:
            await getattr(self, self._choice)()
            return True
        state = self.state
        self.reading = await guard_checks.check(
            self.gateway,
            state.function,
            state.alias,
            state.old,
            state.new,
            state.guards,
            state.started,
            self.clock(),
        )
        if self.reading.tripped:
            await self.rollback(self.reading.tripped)
            return True
        if state.step >= 0 and not await self._alias_is_ours():
            return True
        if remaining is not None:
            message = self._short_of_evidence() if self.waiting else ""
            self._emit(CHECK, remaining=remaining, message=message)
        return False

    async def _alias_is_ours(self) -> bool:
        """Whether the alias is as the shift left it; if not, stop and say what it is now."""
        current = await self.gateway.get_alias(self.state.function, self.state.alias)
        revision = str(current.get("RevisionId") or "")
        if revision == self.state.revision_id and self._routing_of(self.state.weight) == _routing(
            current
        ):
            return True
        self._stop(current)
        return False

    # -- the three endings -----------------------------------------------------------------

    async def keep(self) -> ShiftState:
        """Stop here, leaving the alias's weights as they are."""
        self._end(KEEP, KEPT, f"left at {percent(self.state.weight)} on {self.state.new}")
        return self.state

    async def rollback(self, reason: str = "rolled back by choice") -> ShiftState:
        """The alias back to the old version alone, at once; ``reason`` says why."""
        if await self._send(self.state.old, 0.0, f"{percent(0)} (back to {self.state.old})"):
            self._end(ROLLBACK, ROLLED_BACK, reason)
        return self.state

    async def finish(self) -> ShiftState:
        """The alias to the new version alone, now."""
        if await self._send(self.state.new, 1.0, "100%"):
            self._end(FINISHED, DONE, "finished now by choice")
        return self.state

    # -- sending ---------------------------------------------------------------------------

    def _routing_of(self, weight: float) -> tuple[str, dict[str, float]]:
        if weight >= 1:
            return self.state.new, {}
        if weight <= 0:
            return self.state.old, {}
        return self.state.old, {self.state.new: weight}

    async def _set(self, index: int, weight: float) -> bool:
        """Step ``index``: the new version at ``weight``; whether it was set."""
        if not await self._send(
            self.state.new if weight >= 1 else self.state.old, weight, percent(weight)
        ):
            return False
        self.state = self.state.but(step=index, step_started=self.clock())
        if weight >= 1:
            self._end(FINISHED, DONE, f"{self.state.alias} → {self.state.new}")
            return True
        self._save()
        held = self.state.plan.steps[index].hold_s
        self._emit(STEP, remaining=held, message=f"{percent(weight)} to {self.state.new}")
        return True

    async def _send(self, version: str, weight: float, said: str) -> bool:
        """UpdateAlias to ``version`` with the new version at ``weight`` (0 and 1: no
        routing), with the RevisionId the shift holds; saved before (as pending) and after,
        journaled. False when someone else changed the alias (the shift is stopped)."""
        state = self.state
        primary, weights = self._routing_of(weight)
        self.state = state.but(pending=(primary, weight))
        self._save()
        try:
            revision = await self.gateway.update_alias_routing(
                state.function, state.alias, primary, tuple(weights.items()), state.revision_id
            )
        except errors.ChangedMeanwhile:
            self._stop(await self.gateway.get_alias(state.function, state.alias))
            return False
        except errors.ReadOnlyRefused as exc:
            self.state = state
            self._end(STOP, STOPPED, f"nothing changed: {exc}")
            return False
        except BaseException:
            self.state = state  # nothing known to be sent: the saved file keeps pending
            raise
        self.state = self.state.but(
            weight=weight, revision_id=revision or state.revision_id, pending=None
        )
        self._save()
        self._journal(f"{state.alias} → {primary}, {said} ({state.old} → {state.new} shift)")
        return True

    def _stop(self, current: dict[str, Any]) -> None:
        self._end(
            STOP,
            STOPPED,
            f"{self.state.name} was changed by someone else: it is now {describe_alias(current)}"
            "; nothing was overwritten",
        )

    def _end(self, kind: str, status: str, reason: str) -> None:
        self.state = self.state.but(status=status, reason=reason, pending=None)
        self._save()
        self._emit(kind, message=reason)

    def _emit(self, kind: str, *, remaining: float | None = None, message: str = "") -> None:
        if self.listener is not None:
            self.listener(Event(kind, self.state, self.reading, remaining, message))

    def _save(self) -> None:
        shifts.save(self.state.to_json())

    def _journal(self, subject: str) -> None:
        # the change is made and the shift file holds it: a full disk must not stop the shift
        with contextlib.suppress(OSError):
            journal.record_action(
                self.gateway.target, self.state.function, self.state.alias, "UpdateAlias", subject
            )


def unfinished(place: tuple[str | None, str, str | None] | None = None) -> list[ShiftState]:
    """The shifts left running when their process ended (on ``place`` when given), for the
    start-up question: keep, roll back or finish each. A damaged file is skipped."""
    found = []
    for data in shifts.unfinished(place):
        try:
            found.append(ShiftState.from_json(data))
        except (KeyError, TypeError, ValueError):
            continue
    return found


async def resumed(gateway: Gateway, state: ShiftState, **options: Any) -> ShiftEngine:
    """An engine for an unfinished ``state``, its alias read back first: as the shift left
    it, or as it was being sent when the process ended (``pending``), and the engine goes on
    from there; anything else is someone else's change, and the engine is ``stopped``
    (nothing will be overwritten). ``options`` as ``ShiftEngine``'s."""
    engine = ShiftEngine(gateway, state, **options)
    current = await gateway.get_alias(state.function, state.alias)
    routing, revision = _routing(current), str(current.get("RevisionId") or "")
    if revision == state.revision_id and routing == engine._routing_of(state.weight):
        return engine
    if state.pending and routing == engine._routing_of(state.pending[1]):
        engine.state = state.but(weight=state.pending[1], revision_id=revision, pending=None)
        engine._save()
        return engine
    engine._stop(current)
    return engine
