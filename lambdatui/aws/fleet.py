"""The fleet: every function of several (profile, region) pairs, listed at once.

One ``Gateway`` per pair (its own credentials, its own region), at most ``concurrency`` pairs
listing at a time, pages handed out as they arrive, so a view can paint rows while the slow
pairs still load. Each pair has a ``PairStatus`` (loading with a count, done, denied naming
the action, region not enabled, credentials missing or expired with the command to run,
unreachable): one pair's failure is its own line and never stops the others.

No Textual here: the fleet view and ``lambdatui ls`` both consume ``iter_fleet``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace

from . import errors
from .gateway import Gateway, SessionShare
from .records import FunctionSummary
from .target import Target

#: Pairs listed at the same time unless the user's config says otherwise.
DEFAULT_CONCURRENCY = 8

#: Regions an account must opt in to (AWS's "Regions you enable"): there, an access key that
#: works elsewhere is "not recognized" (UnrecognizedClientException / InvalidClientTokenId)
#: until the region is enabled. Source: AWS Account Management guide, "Enable or disable
#: AWS Regions in your account", taken 2026-12-07.
OPT_IN_REGIONS = frozenset(
    {
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-south-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-west-1",
        "eu-central-2",
        "eu-south-1",
        "eu-south-2",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
    }
)

# A pair's states, in the words the status line shows.
WAITING, LOADING, DONE = "waiting", "loading", "done"
DENIED, NOT_ENABLED, NO_CREDENTIALS, UNREACHABLE, FAILED = (
    "denied",
    "region not enabled",
    "credentials",
    "unreachable",
    "failed",
)


@dataclass(frozen=True, slots=True)
class FleetRow:
    """One function of the fleet: where it lives, and its summary as ListFunctions gave it."""

    profile: str
    account: str
    region: str
    function: FunctionSummary

    def haystack(self) -> str:
        """What the filter (``/``, ``lambdatui ls --filter``) looks in, lower-cased: the
        function list's fields (name, runtime, description, state, architecture) and where the
        function lives (profile, account, region)."""
        fn = self.function
        fields = (self.profile, self.account, self.region, fn.name, fn.runtime_label)
        return "\n".join((*fields, fn.description, fn.state, fn.architecture)).lower()


@dataclass(frozen=True, slots=True)
class PairStatus:
    """Where one (profile, region) is: what the status line shows for it."""

    profile: str
    region: str
    state: str = WAITING
    count: int = 0
    #: What went wrong, one line (the action for a denial, the message otherwise).
    detail: str = ""
    #: The next step (e.g. the `aws sso login --profile X` to run); "" when none.
    hint: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.profile, self.region

    @property
    def failed(self) -> bool:
        return self.state not in (WAITING, LOADING, DONE)

    @property
    def finished(self) -> bool:
        return self.state not in (WAITING, LOADING)

    @property
    def text(self) -> str:
        """One line: 'loading 120', 'done 43', 'not permitted: lambda:ListFunctions', …"""
        if self.state == LOADING:
            return f"loading {self.count}"
        if self.state == DONE:
            return f"done {self.count}"
        if self.state == DENIED:
            return f"not permitted: {self.detail}"
        if self.state == NOT_ENABLED:
            return "region not enabled"
        if self.state == WAITING:
            return "waiting"
        said = f"{self.state}: {self.detail}" if self.detail else self.state
        return f"{said} {self.hint}".strip()


@dataclass(frozen=True, slots=True)
class FleetPage:
    """Rows of one pair, as one ListFunctions page brought them."""

    profile: str
    region: str
    rows: tuple[FleetRow, ...]


FleetEvent = FleetPage | PairStatus


def status_of_error(profile: str, region: str, exc: errors.GatewayError, count: int) -> PairStatus:
    """The status a failed pair shows, from the gateway's translated error."""
    base = PairStatus(profile, region, count=count)
    if isinstance(exc, errors.AccessDenied):
        return replace(base, state=DENIED, detail=exc.action)
    if isinstance(exc, errors.InvalidCredentials) and region in OPT_IN_REGIONS:
        return replace(base, state=NOT_ENABLED, detail=exc.message)
    if isinstance(exc, errors.ExpiredCredentials | errors.NoCredentials):
        hint = exc.hint if "aws sso login" in exc.hint else errors.login_hint(profile)
        return replace(base, state=NO_CREDENTIALS, detail=exc.message, hint=hint)
    if isinstance(exc, errors.InvalidCredentials):
        return replace(base, state=NO_CREDENTIALS, detail=exc.message, hint=exc.hint)
    if isinstance(exc, errors.EndpointUnreachable | errors.TimedOut):
        return replace(base, state=UNREACHABLE, detail=exc.message)
    return replace(base, state=FAILED, detail=exc.message)


def _account_of(arn: str) -> str:
    parts = arn.split(":")
    return parts[4] if len(parts) > 4 else ""


async def _list_pair(
    target: Target,
    emit: Callable[[FleetEvent], None],
    gateway_for: Callable[[Target], Gateway],
) -> None:
    profile, region = target.profile_label, target.region
    count = 0
    emit(PairStatus(profile, region, LOADING, 0))
    gateway = gateway_for(target)
    try:
        async for page in gateway.iter_functions():
            rows = tuple(FleetRow(profile, _account_of(fn.arn), region, fn) for fn in page)
            count += len(rows)
            emit(FleetPage(profile, region, rows))
            emit(PairStatus(profile, region, LOADING, count))
    except errors.GatewayError as exc:
        emit(status_of_error(profile, region, exc, count))
        return
    finally:
        await gateway.close()
    emit(PairStatus(profile, region, DONE, count))


def shared_gateways() -> Callable[[Target], Gateway]:
    """Gateways that share one botocore session per profile (``SessionShare``): a profile's
    files are read and its credentials resolved once for all its regions. In one process the
    pairs' CPU is serialised by the GIL, so what is done once is what lets 16 pairs list in
    not much more than the slowest one's time."""
    share = SessionShare()
    return lambda target: Gateway(target, sessions=share)


async def iter_fleet(
    targets: Sequence[Target],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    gateway_for: Callable[[Target], Gateway] | None = None,
) -> AsyncIterator[FleetEvent]:
    """Every pair's pages and status changes, as they happen: at most ``concurrency`` pairs
    in flight. Each pair starts with a WAITING status (so a view can list them all at once)
    and ends with exactly one finished status. Leaving the loop early cancels the rest.
    By default the gateways share a session per profile (``shared_gateways``)."""
    make = gateway_for or shared_gateways()
    queue: asyncio.Queue[FleetEvent | None] = asyncio.Queue()
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(target: Target) -> None:
        async with gate:
            try:
                await _list_pair(target, queue.put_nowait, make)
            except Exception as exc:  # never a traceback: the pair says what happened
                failed = errors.translate(exc, service="lambda", operation="ListFunctions")
                queue.put_nowait(status_of_error(target.profile_label, target.region, failed, 0))

    for target in targets:
        yield PairStatus(target.profile_label, target.region)
    tasks = [asyncio.ensure_future(one(target)) for target in targets]
    # return_exceptions: a pair cancelled because the loop was left is no error to log
    done = asyncio.gather(*tasks, return_exceptions=True)
    done.add_done_callback(lambda _: queue.put_nowait(None))
    try:
        while (event := await queue.get()) is not None:
            yield event
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        done.cancel()


@dataclass
class FleetResult:
    """A whole listing: its rows and each pair's last status (``list_fleet``)."""

    rows: list[FleetRow]
    statuses: dict[tuple[str, str], PairStatus]

    @property
    def failures(self) -> list[PairStatus]:
        return [status for status in self.statuses.values() if status.failed]


async def list_fleet(
    targets: Sequence[Target],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    gateway_for: Callable[[Target], Gateway] | None = None,
    on_event: Callable[[FleetEvent], None] | None = None,
) -> FleetResult:
    """``iter_fleet`` gathered: for callers that want the whole fleet (the twin, the cache)."""
    result = FleetResult([], {})
    async for event in iter_fleet(targets, concurrency=concurrency, gateway_for=gateway_for):
        if on_event is not None:
            on_event(event)
        if isinstance(event, FleetPage):
            result.rows.extend(event.rows)
        else:
            result.statuses[event.key] = event
    return result
