"""Loading the configuration and triggers panes: one worker per call, sections independent.

Every call runs in its own exclusive worker group, so sections fill in concurrently, a slow
or failed one never holds up the others (a denied call says "not permitted: <action>" in
its own sections), and reloading for another qualifier cancels the calls in flight.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerCancelled

from ...aws.errors import GatewayError, unavailable
from ...aws.records import FunctionSummary
from ..bindings import key_hint
from ..render import config as rc
from ..render import triggers as rt
from ..render.fields import ERROR, Field, Section
from .field_table import FieldTable

if TYPE_CHECKING:
    from ..app import LambdaTUI

Render = Callable[[Any], list[list[Field]]]
#: Where one call's result goes: (pane, section index, section title, render).
Output = tuple[FieldTable, int, str, Render]


def run_call(
    owner: FieldTable, action: str, call: Callable[[], Awaitable[Any]], outputs: Sequence[Output]
) -> None:
    """Make ``call`` in a worker of ``owner``; put its sections, or its failure, in each pane."""

    async def job() -> None:
        try:
            result = await call()
        except GatewayError as exc:
            label, message = unavailable(exc)
            for pane, index, title, _ in outputs:
                pane.put_section(Section(title, index).add(label, message, style=ERROR).fields)
            return
        for pane, _, _, render in outputs:
            for fields in render(result):
                pane.put_section(fields)

    owner.run_worker(
        job(), group=f"{owner.id}-{action}", name=action, exclusive=True, exit_on_error=False
    )


#: One section call's outcome: its result, or the GatewayError that the panes show in place.
Outcome = tuple[Any, GatewayError | None]


async def _outcome(call: Awaitable[Any]) -> Outcome:
    try:
        return await call, None
    except GatewayError as exc:  # the sections say it; not a worker failure to report
        return None, exc


def start_calls(
    app: LambdaTUI, function: FunctionSummary, qualifier: str | None
) -> dict[str, Worker[Outcome]]:
    """Send every section's call now, each in a worker of the app (call it before the screen
    is even composed, so the requests travel while the view paints); the panes then wait for
    these workers."""
    name, gateway = function.name, app.gateway
    coroutines = {
        "GetFunction": gateway.get_function_detail(name, qualifier),
        "GetFunctionConcurrency": gateway.get_concurrency(name, qualifier),
        "GetAccountSettings": gateway.get_account_limits(),
        "GetFunctionCodeSigningConfig": gateway.get_code_signing_config_arn(name),
        "GetFunctionEventInvokeConfig": gateway.get_async_config(name, qualifier),
        "GetFunctionUrlConfig": gateway.get_function_url(name, qualifier),
        "ListEventSourceMappings": gateway.list_event_source_mappings(name, qualifier),
        "GetPolicy": gateway.get_policy(name, qualifier),
    }
    return {
        action: app.run_worker(
            _outcome(coroutine), name=action, group=f"detail-{action}", exit_on_error=False
        )
        for action, coroutine in coroutines.items()
    }


def cancel_calls(calls: dict[str, Worker[Outcome]]) -> None:
    for worker in calls.values():
        worker.cancel()


async def result_of(worker: Worker[Outcome]) -> Any:
    """The call's result; its GatewayError raised; cancelled if the call was."""
    try:
        result, error = await worker.wait()
    except WorkerCancelled:
        raise asyncio.CancelledError from None
    if error is not None:
        raise error
    return result


def load_details(
    config: FieldTable,
    triggers: FieldTable,
    calls: dict[str, Worker[Outcome]],
    function: FunctionSummary,
    qualifier: str | None,
    now: datetime | None = None,
) -> None:
    """Fill both panes for ``function`` at ``qualifier`` (None: $LATEST) from ``calls``."""
    config.put_section(rc.general_from_summary(function, qualifier, now))  # at once
    for index in (rc.ENVIRONMENT, rc.CONCURRENCY, rc.ASYNC, rc.URL, rc.TAGS, rc.SIGNING):
        config.put_section(rc.pending(index))
    config.put_section(rc.pending(rc.ACCOUNT))
    config.put_section(rc.pending(rc.OTHER))
    for index, title in rt.TITLES.items():
        triggers.put_section(Section(title, index).note("loading…").fields)

    def config_out(index: int, render: Render) -> Output:
        return (config, index, rc.TITLES[index], render)

    def triggers_out(index: int, render: Render) -> Output:
        return (triggers, index, rt.TITLES[index], render)

    outputs: dict[str, list[Output]] = {
        "GetFunction": [
            config_out(
                rc.GENERAL,
                partial(
                    rc.detail_sections, now=now, reveal_key=key_hint(config, "function.reveal")
                ),
            ),
            config_out(rc.ENVIRONMENT, lambda _: []),
            config_out(rc.TAGS, lambda _: []),
            config_out(rc.OTHER, lambda _: []),
        ],
        "GetFunctionConcurrency": [config_out(rc.CONCURRENCY, rc.concurrency_section)],
        "GetAccountSettings": [config_out(rc.ACCOUNT, rc.account_section)],
        "GetFunctionCodeSigningConfig": [config_out(rc.SIGNING, rc.signing_section)],
        "GetFunctionEventInvokeConfig": [
            config_out(rc.ASYNC, rc.async_section),
            triggers_out(rt.DESTINATIONS, rt.destination_sections),
        ],
        "GetFunctionUrlConfig": [
            config_out(rc.URL, rc.url_section),
            triggers_out(rt.URL, rt.url_trigger_sections),
        ],
        "ListEventSourceMappings": [triggers_out(rt.PULL, rt.mapping_sections)],
        "GetPolicy": [triggers_out(rt.PUSH, rt.policy_sections)],
    }
    for action, worker in calls.items():
        run_call(config, action, partial(result_of, worker), outputs[action])
