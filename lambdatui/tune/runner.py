"""The tuning run: measure a function at each memory size on the function itself, then put
everything back. No Textual: the twin (``twins/tune.py``) and the UI (``ui/tune``) drive it.

Method, as AWS Lambda Power Tuning's: for each size, set MemorySize on $LATEST (with its
RevisionId, then LastUpdateStatus followed), publish a version ("lambdatui tune 512 MB"),
point a temporary alias (``lambdatui-tune-512``) at it, invoke the alias N times with
LogType=Tail (one after another, or ``PARALLEL`` at a time) and keep each REPORT line's
figures (``tune.results`` sums them up).

Nothing is left changed. At the end, on ``stop()`` (escape, Ctrl-C: a cancelled task too) or
on any failure, ``clean_up`` restores the original MemorySize (with the RevisionId read just
before) and deletes the aliases and versions the run created: those not listed before it
started whose names (``lambdatui-tune-``) or descriptions (``lambdatui tune ``) are the run's.
A version Lambda answered with because $LATEST was unchanged existed before, and stays. The
lists taken before the start are in the saved plan (``store.tune_plans``), written before and
after every change, so a run whose process was killed is finished by ``clean_up`` at the next
start, even when it died between sending a publish and hearing the reply. Under --read-only
the run is refused before any call (and the gateway would refuse each one anyway).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..aws import errors
from ..aws.prices import Prices
from ..aws.report import Report
from ..store import journal, tune_plans
from .prices import current_prices
from .results import Recommendation, SizeResult, recommend, summarise

if TYPE_CHECKING:
    from ..aws.gateway import Gateway

#: Invocations in flight at once in a parallel run (Power Tuning's is N; kept small here so a
#: run never takes a function's whole concurrency).
PARALLEL = 4
ALIAS_PREFIX = "lambdatui-tune-"
DESCRIPTION_PREFIX = "lambdatui tune "
DONE, STOPPED, FAILED = "done", "stopped", "failed"
#: The run's action in the change journal.
JOURNAL = "TuneMemory"


class TuneRefused(Exception):
    """The run cannot start (one line: why); nothing was changed."""


class CleanUpIncomplete(Exception):
    """Some of the clean-up failed; the plan stays saved so it can be finished later."""


@dataclass(frozen=True, slots=True)
class Request:
    """What to measure: ``payload`` at each of ``sizes``, ``runs`` times each."""

    function: str
    sizes: tuple[int, ...]
    runs: int
    payload: bytes
    parallel: bool = False
    strategy: str = "cost"
    weight: float = 0.5


@dataclass(frozen=True, slots=True)
class Event:
    """One step: ``size`` (a size starts: memory set, version, alias), ``invoked`` (``done``
    of the size's runs, with this one's ``report``), ``restoring``, ``cleaned``, ``done``."""

    kind: str
    memory_mb: int = 0
    done: int = 0
    report: Report | None = None
    message: str = ""


Listener = Callable[[Event], None]


@dataclass(frozen=True)
class Outcome:
    """How the run ended (``done``, ``stopped`` or ``failed`` with ``message``) and what it
    measured by then."""

    status: str
    results: list[SizeResult]
    prices: Prices
    recommendation: Recommendation | None
    message: str = ""
    clean_up_error: str = ""


def alias_name(memory_mb: int) -> str:
    return f"{ALIAS_PREFIX}{memory_mb}"


def description(memory_mb: int) -> str:
    return f"{DESCRIPTION_PREFIX}{memory_mb} MB"


class _Stopped(Exception):
    pass


@dataclass
class TuneRunner:
    """One run of ``request`` on ``gateway`` (see the module docstring)."""

    gateway: Gateway
    request: Request
    listener: Listener | None = None
    plan: dict[str, Any] = field(default_factory=dict)
    _stop: asyncio.Event = field(default_factory=asyncio.Event)

    def stop(self) -> None:
        """Stop after the invocations in flight; the run then restores and cleans up."""
        self._stop.set()

    def _say(self, event: Event) -> None:
        if self.listener is not None:
            self.listener(event)

    async def run(self) -> Outcome:
        """Measure every size, then clean up; ``TuneRefused`` before anything is changed."""
        gateway, function = self.gateway, self.request.function
        if gateway.read_only:
            raise TuneRefused("read-only mode: tuning changes the function's memory; not run")
        detail = await gateway.get_function_detail(function)
        if detail.package_type == "Image" and not detail.code_sha256:
            raise TuneRefused(f"{function} has no code hash to publish versions with")
        arch = (detail.architectures or ("x86_64",))[0]
        prices = await current_prices(gateway, gateway.target.region, arch)
        versions = [v.version for v in await gateway.list_versions(function)]
        aliases = [a.name for a in await gateway.list_aliases(function)]
        target = gateway.target
        self.plan = {
            "function": function,
            "profile": target.profile,
            "region": target.region,
            "endpoint": target.custom_endpoint,
            "status": tune_plans.RUNNING,
            "pid": os.getpid(),
            "started": time.time(),
            "original_memory": detail.memory_mb,
            "timeout_s": detail.timeout_s,
            "versions_before": versions,
            "aliases_before": aliases,
            "sizes": list(self.request.sizes),
            "runs": self.request.runs,
            "reports": [],
        }
        try:
            tune_plans.save(self.plan)
        except OSError as exc:
            raise TuneRefused(
                f"the run's plan cannot be saved ({exc}); nothing was changed"
            ) from exc
        status, message = DONE, ""
        try:
            for size in self.request.sizes:
                await self._measure(size, detail.timeout_s)
        except _Stopped:
            status, message = STOPPED, "stopped; nothing more was measured"
        except (errors.GatewayError, ValueError, OSError) as exc:  # OSError: the plan's file
            status, message = FAILED, " ".join(str(exc).split())
        except BaseException:  # cancelled (Ctrl-C, the screen closed): clean up, then go on
            await clean_up(gateway, self.plan, self._say)
            raise
        clean_up_error = ""
        try:
            await clean_up(gateway, self.plan, self._say)
        except CleanUpIncomplete as exc:
            clean_up_error = str(exc)
        self._journal(status, clean_up_error)
        reports = [Report(**r) for r in self.plan["reports"]]
        results = summarise(reports, prices)
        chosen = recommend(results, self.request.strategy, self.request.weight) if results else None
        self._say(Event("done", message=message or "done"))
        return Outcome(status, results, prices, chosen, message, clean_up_error)

    async def _measure(self, size: int, timeout_s: int) -> None:
        gateway, function = self.gateway, self.request.function
        self._check_stop()
        self._say(Event("size", size, message=f"{size} MB: setting the memory"))
        detail = await gateway.get_function_detail(function)
        if detail.memory_mb != size:
            await gateway.update_configuration(function, {"MemorySize": size}, detail.revision_id)
            await gateway.wait_until_updated(function)
            detail = await gateway.get_function_detail(function)
        self._save(pending=size)
        published = await gateway.publish_version(
            function, description(size), detail.code_sha256, detail.revision_id
        )
        alias = alias_name(size)
        await gateway.create_alias(function, alias, published.version, "temporary: lambdatui tune")
        self._save(pending=None)
        self._say(Event("size", size, message=f"{size} MB: version {published.version}, {alias}"))
        done = 0
        bound = asyncio.Semaphore(PARALLEL if self.request.parallel else 1)

        async def once() -> None:
            nonlocal done
            async with bound:
                self._check_stop()
                result = await gateway.invoke(
                    function, alias, self.request.payload, function_timeout_s=timeout_s
                )
            report = result.report
            if report is None:
                raise ValueError(
                    f"{function}:{alias} answered without a REPORT line in its log tail, so "
                    "nothing can be measured (does this endpoint run functions?)"
                )
            if result.function_error and not report.status:
                report = replace(report, status="error", error_type=result.function_error)
            self.plan["reports"].append(asdict(report))
            self._save()
            done += 1
            self._say(Event("invoked", size, done, report))

        await _all([once() for _ in range(self.request.runs)])

    def _journal(self, status: str, clean_up_error: str) -> None:
        """One line in the change journal for the run (an action: revert skips it)."""
        sizes = ",".join(str(s) for s in self.request.sizes)
        ending = f"clean-up incomplete: {clean_up_error}" if clean_up_error else "put back"
        subject = f"{sizes} MB × {self.request.runs}: {status}; {ending}"
        try:
            journal.record_action(
                self.gateway.target, self.request.function, None, JOURNAL, subject
            )
        except OSError as exc:  # the run and its clean-up are done; only the record is missing
            self._say(Event("restoring", message=f"not journaled: {exc}"))

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise _Stopped

    def _save(self, **changes: Any) -> None:
        self.plan.update(changes)
        tune_plans.save(self.plan)


async def _all(jobs: list[Any]) -> None:
    """Every job; the first failure cancels the rest (and is raised)."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def clean_up(gateway: Gateway, plan: dict[str, Any], say: Listener | None = None) -> None:
    """Put the function back as ``plan`` found it (see the module docstring); the plan is
    marked cleaned. ``CleanUpIncomplete`` naming what is left when a step failed."""
    function = str(plan["function"])
    original = int(plan["original_memory"])
    problems: list[str] = []

    def tell(kind: str, text: str) -> None:
        if say is not None:
            say(Event(kind, message=text))

    tell("restoring", f"restoring MemorySize {original} MB and deleting the temporary aliases")
    try:
        detail = await gateway.get_function_detail(function)
        if detail.memory_mb != original:
            await gateway.update_configuration(
                function, {"MemorySize": original}, detail.revision_id
            )
            await gateway.wait_until_updated(function)
    except errors.GatewayError as exc:
        problems.append(f"MemorySize not restored to {original} MB: {exc.message}")
    before_aliases = set(plan.get("aliases_before") or ())
    before_versions = set(plan.get("versions_before") or ())
    try:
        for alias in await gateway.list_aliases(function):
            if alias.name.startswith(ALIAS_PREFIX) and alias.name not in before_aliases:
                await gateway.delete_alias(function, alias.name)
        for version in await gateway.list_versions(function):
            ours = version.description.startswith(DESCRIPTION_PREFIX)
            if ours and version.version.isdigit() and version.version not in before_versions:
                await gateway.delete_version(function, version.version)
    except errors.GatewayError as exc:
        problems.append(f"temporary aliases or versions left: {exc.message}")
    if problems:
        raise CleanUpIncomplete("; ".join(problems))
    plan["status"] = "cleaned"
    try:
        tune_plans.save(plan)
    except OSError as exc:  # the function is back; only the file still says "running"
        raise CleanUpIncomplete(f"done, but the plan's file was not updated: {exc}") from exc
    tell("cleaned", f"restored MemorySize {original} MB; temporary aliases and versions deleted")


def unfinished(place: tune_plans.Place | None = None) -> list[dict[str, Any]]:
    """Runs whose process died before their clean-up (``store.tune_plans.unfinished``)."""
    return tune_plans.unfinished(place)
