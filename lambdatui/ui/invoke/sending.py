"""The invoke screen's sending: one Invocation sent once (plain, streamed or as a DryRun),
its result shown (status, response highlighted off the event loop, log tail, REPORT), and the
request's full logs fetched when the 4 KB tail was cut.

A mixin of ``InvokeScreen``: it uses the screen's function, qualifier, invocation type,
editor, response view, summary line and history (``_remember``).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.widgets import Static, TabbedContent

from ...aws.errors import GatewayError
from ...aws.invoke_gateway import (
    MAX_FUNCTION_TIMEOUT_S,
    InvokeResult,
    LogLine,
    encode_client_context,
    payload_too_large,
)
from ...aws.records import FunctionSummary
from ...sanitize import clean
from ...sizes import format_size as size_label
from ..screens.base import ScreenMixin
from .response import JsonView, Prepared
from .text import failure_text, is_report, logs_text, render_response, summary_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...aws.gateway import Gateway
    from .editor import JsonArea

LATEST = "$LATEST"
LATEST_PUBLISHED = "$LATEST.PUBLISHED"
#: How long to keep asking for a request's full logs (CloudWatch Logs takes a few seconds).
LOG_RETRIES = (0.5, 1.0, 2.0, 4.0)


@dataclass
class Invocation:
    """What one press of Invoke sends."""

    payload: str
    invocation_type: str
    qualifier: str
    event_name: str = ""
    client_context: str = ""
    tenant_id: str = ""


class SendActions(ScreenMixin):
    """Send the event and show what came back (see the module docstring)."""

    function: FunctionSummary
    qualifier: str
    invocation_type: str
    client_context: str
    event_name: str
    tenant_isolated: bool
    tenant_id: str
    durable: bool
    streams: bool
    result: InvokeResult | None
    full_logs: list[LogLine] | None
    _stale_tabs: set[str]
    _timeouts: dict[str | None, float]
    _read: set[str | None]

    if TYPE_CHECKING:  # the screen's (declared only: a body here would shadow them)

        @property
        def read_only(self) -> bool: ...
        @property
        def editor(self) -> JsonArea: ...
        @property
        def response(self) -> JsonView: ...
        @property
        def _api_qualifier(self) -> str | None: ...
        def _validate(self) -> str: ...
        def _render_header(self) -> None: ...
        def _target_label(self, qualifier: str | None = None) -> str: ...
        def _set_summary(self, content: Text) -> None: ...
        def _active_tab(self) -> str: ...
        def _ask_tenant(self, then: Callable[[str], None] | None) -> None: ...
        def _remember(self, call: Invocation, result: InvokeResult | None, status: str) -> None: ...

    @work(group="invoke-timeout", name="GetFunction", exit_on_error=False)
    async def learn_timeout(self) -> None:
        """The qualifier's own timeout, and whether the function is tenant-isolated, learnt
        while the event is edited rather than as a round trip in front of the first Invoke."""
        await self._timeout_for(self.app.gateway, self._api_qualifier)

    @work(group="invoke-url", name="GetFunctionUrlConfig", exit_on_error=False)
    async def detect_streaming(self) -> None:
        """A function URL in RESPONSE_STREAM mode: invoke with InvokeWithResponseStream."""
        gateway = self.app.gateway
        try:
            url = await gateway.get_function_url(self.function.name, self._api_qualifier)
        except GatewayError:
            return  # not allowed to look: invoke the usual way
        self.streams = url is not None and url.invoke_mode == "RESPONSE_STREAM"
        self._render_header()

    async def _timeout_for(self, gateway: Gateway, qualifier: str | None) -> float:
        """The qualifier's own timeout (GetFunction, once per qualifier): the read timeout
        is set just above it. Unknown (not allowed to look): the list's for $LATEST, else the
        longest, 900 s."""
        if qualifier not in self._read:
            try:
                detail = await gateway.get_function_detail(self.function.name, qualifier)
            except GatewayError:
                return self._timeouts.get(qualifier, MAX_FUNCTION_TIMEOUT_S)
            self._read.add(qualifier)
            self._timeouts[qualifier] = detail.timeout_s or MAX_FUNCTION_TIMEOUT_S
            if detail.tenant_isolated and not self.tenant_isolated:
                self.tenant_isolated = True
                self._render_header()
            self.durable = self.durable or detail.durable is not None
            if detail.managed_instances and self.qualifier == LATEST:
                # Lambda runs a Managed Instances function's $LATEST.PUBLISHED when invoked
                # without a qualifier ($LATEST itself is not invocable): say so, and send it.
                self.qualifier = LATEST_PUBLISHED
                self._render_header()
        return self._timeouts[qualifier]

    # -- invoking ------------------------------------------------------------------------

    def action_send(self) -> None:
        text = self.editor.text
        error = self._validate()
        if error:
            self.notify(f"Not sent: {error}.", title="Invalid JSON", severity="error", markup=False)
            return
        call = Invocation(
            text,
            self.invocation_type,
            self.qualifier,
            self.event_name,
            self.client_context,
            self.tenant_id,
        )
        if self.tenant_isolated and not self.tenant_id:
            self._ask_tenant(lambda tenant: self._send(replace(call, tenant_id=tenant)))
            return
        self._send(call)

    def _send(self, call: Invocation) -> None:
        payload = call.payload.encode()
        too_large = payload_too_large(payload, call.invocation_type)
        if too_large:
            self.notify(too_large, title="Payload too large", severity="error", markup=False)
            return
        if self.read_only and call.invocation_type != "DryRun":
            self.notify(
                "Read-only: only DryRun (a permission check) can be sent, as invoking runs the "
                f"function's code. {self.app.read_only_way_out()}",
                title="Read-only mode",
                severity="error",
                markup=False,
            )
            return
        try:
            context = encode_client_context(call.client_context or None)
        except ValueError as exc:
            self.notify(str(exc), title="Client context", severity="error", markup=False)
            return
        self._invoke(call, payload, context)

    @work(exclusive=True, group="invoke", name="Invoke", exit_on_error=False)
    async def _invoke(self, call: Invocation, payload: bytes, context: str | None) -> None:
        gateway = self.app.gateway
        with self.app.batch_update():
            self._set_summary(
                Text(f"Invoking {self._target_label(call.qualifier)}…", style="italic")
            )
            self.response.show(Prepared(""))
            self._render_logs()
        self.result, self.full_logs = None, None
        qualifier = None if call.qualifier == LATEST else call.qualifier
        timeout = await self._timeout_for(gateway, qualifier)
        if qualifier is None and self.durable:
            qualifier = LATEST
        started = datetime.now(UTC)
        kwargs: dict[str, Any] = {"function_timeout_s": timeout}
        if context:
            kwargs["client_context"] = json.loads(call.client_context)
        if call.tenant_id:
            kwargs["tenant_id"] = call.tenant_id
        try:
            if self.streams and call.invocation_type == "RequestResponse":
                result = await self._stream(gateway, qualifier, payload, kwargs)
            else:
                result = await gateway.invoke(
                    self.function.name, qualifier, payload, call.invocation_type, **kwargs
                )
        except GatewayError as exc:
            self._set_summary(failure_text(exc))
            self._remember(call, None, f"error: {exc.title}")
            return
        self.result = result
        self.refresh_bindings()  # x: the durable execution it started
        await self._show_result(result)
        with self.app.batch_update():
            self._remember(call, result, result.function_error or str(result.status_code))
        if result.tail_cut:
            self.load_full_logs(result, started)

    async def _stream(
        self, gateway: Gateway, qualifier: str | None, payload: bytes, kwargs: dict[str, Any]
    ) -> InvokeResult:
        """Show each chunk as it arrives (plain); the whole response is highlighted after."""
        area = self.response
        received = 0
        result: InvokeResult | None = None
        async for part in gateway.invoke_stream(self.function.name, qualifier, payload, **kwargs):
            if isinstance(part, bytes):
                received += len(part)
                area.append(clean(part.decode("utf-8", "replace")))
                self._set_summary(
                    Text(f"Streaming… {size_label(received)} received", style="italic")
                )
            else:
                result = part
        assert result is not None
        return result

    async def _show_result(self, result: InvokeResult) -> None:
        prepared = None
        if result.payload:
            prepared = await asyncio.to_thread(render_response, result.payload)
        with self.app.batch_update():  # one repaint for all of it
            self._set_summary(summary_text(result, self.function.architecture.split(",")[0]))
            durable = bool(result.durable_execution_arn)  # its lines are cut, not wrapped
            self.query_one("#invoke-summary").set_class(durable, "-durable")
            if prepared is not None:
                self.response.show(prepared)
            self._render_logs()
            self.query_one(TabbedContent).active = "response"

    def _render_logs(self) -> None:
        if self._active_tab() != "logs":
            self._stale_tabs.add("logs")
            return
        self.query_one("#invoke-logs", Static).update(logs_text(self.result, self.full_logs))

    @work(exclusive=True, group="invoke-logs", name="FilterLogEvents", exit_on_error=False)
    async def load_full_logs(self, result: InvokeResult, started: datetime) -> None:
        gateway = self.app.gateway
        group = self.function.log_group or f"/aws/lambda/{self.function.name}"
        lines: list[LogLine] = []
        for pause in LOG_RETRIES:
            end = datetime.now(UTC) + timedelta(seconds=5)
            try:
                lines = await gateway.request_logs(
                    group, result.request_id, started - timedelta(seconds=5), end
                )
            except GatewayError as exc:
                self.app.show_error(exc)
                break
            if lines and is_report(lines[-1].message):
                break  # the whole request is there
            await asyncio.sleep(pause)
        if self.result is result:
            self.full_logs = lines
            self._render_logs()

    def action_copy_response(self) -> None:
        if self.result is None or not self.result.payload:
            self.notify("No response to copy yet.", markup=False)
            return
        self.app.copy_to_clipboard(self.result.payload.decode("utf-8", "replace"))
        self.notify(
            f"Copied the response ({size_label(len(self.result.payload))}, OSC 52)", markup=False
        )
