"""Loading the configuration and triggers panes: one worker per call, sections independent.

Every call runs in its own exclusive worker group, so sections fill in concurrently, a slow
or failed one never holds up the others (a denied call says "not permitted: <action>" in
its own sections), and reloading for another qualifier cancels the calls in flight.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from ...aws.errors import AccessDenied, GatewayError
from ...aws.records import FunctionSummary
from .. import render_config as rc
from .. import render_triggers as rt
from ..fields import ERROR, Field, Section
from .field_table import FieldTable

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
            if isinstance(exc, AccessDenied):
                label, message = "not permitted", exc.action
            else:
                label, message = exc.title, exc.message
            for pane, index, title, _ in outputs:
                pane.put_section(Section(title, index).add(label, message, style=ERROR).fields)
            return
        for pane, _, _, render in outputs:
            for fields in render(result):
                pane.put_section(fields)

    owner.run_worker(
        job(), group=f"{owner.id}-{action}", name=action, exclusive=True, exit_on_error=False
    )


def load_details(
    config: FieldTable,
    triggers: FieldTable,
    gateway: Any,
    function: FunctionSummary,
    qualifier: str | None,
) -> None:
    """Fill both panes for ``function`` at ``qualifier`` (None: $LATEST)."""
    name = function.name
    config.put_section(rc.general_from_summary(function, qualifier))  # at once, no wait
    for index in (rc.ENVIRONMENT, rc.CONCURRENCY, rc.ASYNC, rc.URL, rc.TAGS, rc.SIGNING):
        config.put_section(rc.pending(index))
    config.put_section(rc.pending(rc.ACCOUNT))
    for index, title in rt.TITLES.items():
        triggers.put_section(Section(title, index).note("loading…").fields)

    def config_out(index: int, render: Render) -> Output:
        return (config, index, rc.TITLES[index], render)

    def triggers_out(index: int, render: Render) -> Output:
        return (triggers, index, rt.TITLES[index], render)

    run_call(
        config,
        "GetFunction",
        lambda: gateway.get_function_detail(name, qualifier),
        [
            config_out(rc.GENERAL, rc.detail_sections),
            config_out(rc.ENVIRONMENT, lambda _: []),
            config_out(rc.TAGS, lambda _: []),
        ],
    )
    run_call(
        config,
        "GetFunctionConcurrency",
        lambda: gateway.get_concurrency(name, qualifier),
        [config_out(rc.CONCURRENCY, rc.concurrency_section)],
    )
    run_call(
        config,
        "GetAccountSettings",
        gateway.get_account_limits,
        [config_out(rc.ACCOUNT, rc.account_section)],
    )
    run_call(
        config,
        "GetFunctionCodeSigningConfig",
        lambda: gateway.get_code_signing_config_arn(name),
        [config_out(rc.SIGNING, rc.signing_section)],
    )
    run_call(
        config,
        "GetFunctionEventInvokeConfig",
        lambda: gateway.get_async_config(name, qualifier),
        [
            config_out(rc.ASYNC, rc.async_section),
            triggers_out(rt.DESTINATIONS, rt.destination_sections),
        ],
    )
    run_call(
        config,
        "GetFunctionUrlConfig",
        lambda: gateway.get_function_url(name, qualifier),
        [config_out(rc.URL, rc.url_section), triggers_out(rt.URL, rt.url_trigger_sections)],
    )
    run_call(
        triggers,
        "ListEventSourceMappings",
        lambda: gateway.list_event_source_mappings(name, qualifier),
        [triggers_out(rt.PULL, rt.mapping_sections)],
    )
    run_call(
        triggers,
        "GetPolicy",
        lambda: gateway.get_policy(name, qualifier),
        [triggers_out(rt.PUSH, rt.policy_sections)],
    )
