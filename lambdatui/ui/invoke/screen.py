"""Invoke a function: edit the event, send it once, read the response, logs and REPORT here.

``i`` on the function list (the selected function, $LATEST) or in the function view (its current
qualifier) opens this screen. The editor validates as you type and Invoke (ctrl+r) is refused
until the payload parses and fits Lambda's limits; nothing is sent otherwise. The result comes
back into the same screen: status, executed version, the function error formatted, the response
highlighted (off the event loop), the log tail and, when the 4 KB tail is cut, the request's
full logs; the REPORT figures with a memory bar and the invocation's cost. Every invocation is
kept in the function's history (ctrl+b), and ctrl+g runs the last one again.

In ``--read-only`` only DryRun (a permission check) is possible: invoking runs code.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static, TabbedContent, TabPane, TextArea

from ...aws.invoke_gateway import (
    INVOCATION_TYPES,
    MAX_FUNCTION_TIMEOUT_S,
    InvokeResult,
    LogLine,
    encode_client_context,
    payload_limit,
    tenant_id_error,
)
from ...aws.records import FunctionSummary
from ...cells import cell_len, fit
from ...sanitize import one_line
from ...sizes import format_size as size_label
from ...store.history import HistoryEntry, InvocationHistory
from ..bindings import INVOKE_BINDINGS, INVOKE_RESULT_BINDINGS, key_word
from ..screens.base import AppScreen
from ..widgets.footer import KeyFooter
from ..widgets.status import target_text
from .command import aws_cli_command, detect_aws_cli
from .editor import JsonArea, json_error
from .history import HistoryActions
from .response import JsonView
from .saved_events import EventActions
from .sending import LATEST, SendActions


class ResultBox(Vertical):
    """The result half; its keys would type into the editor, so they live here."""

    BINDINGS = INVOKE_RESULT_BINDINGS


class InvokeScreen(EventActions, HistoryActions, SendActions, AppScreen[None]):
    """Edit an event, invoke, and read what happened (see the module docstring)."""

    BINDINGS = INVOKE_BINDINGS

    def __init__(self, function: FunctionSummary, qualifier: str = LATEST) -> None:
        super().__init__()
        self.function = function
        self.qualifier = qualifier or LATEST
        app = self.app
        self.invocation_type = "DryRun" if app.target.read_only else "RequestResponse"
        self.history = InvocationHistory(scope=app.target.cache_key)
        #: Newest first; read from the history file in a thread once mounted (up to 50
        #: payloads of 64 KB), then the editor takes the last payload if nothing was typed.
        self.entries: list[HistoryEntry] = []
        self.event_name = ""
        self.event_origin = ""  # a shareable event or template the editor's came from
        self.event_group = function.name
        self.initial = "{}"
        self.baseline = self.initial
        self.client_context = ""
        #: A tenant-isolated function (TenancyConfig) is invoked for one tenant: asked for
        #: before the first invocation, kept for the next ones, changed with f3.
        self.tenant_isolated = False
        self.tenant_id = ""
        #: A durable function is invoked qualified: Lambda refuses its unqualified ARN, so
        #: $LATEST is sent by name.
        self.durable = False
        self.streams = False
        self.result: InvokeResult | None = None
        self.full_logs: list[LogLine] | None = None
        self._stale_tabs: set[str] = {"logs", "history"}
        #: Each qualifier's own timeout (a version or alias may differ from $LATEST's).
        self._timeouts: dict[str | None, float] = {
            None: function.timeout_s or MAX_FUNCTION_TIMEOUT_S
        }
        #: The qualifiers whose configuration (GetFunction) has been read.
        self._read: set[str | None] = set()
        #: The payload parses but is over the invocation type's limit.
        self._over_limit = False
        #: The summary shows the hint (not a result or an invocation under way).
        self._hinting = True
        #: Edits wait to be checked (after the next refresh).
        self._check_due = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="invoke-header", markup=False)
        yield JsonArea(
            self.initial,
            live=True,
            id="invoke-editor",
            show_line_numbers=True,
            soft_wrap=False,  # wrapping a large payload costs seconds; ctrl+o pretty-prints
            theme="css",
        )
        yield Static("", id="invoke-validation", markup=False)
        with ResultBox(id="invoke-result"):
            yield Static(self._hint(), id="invoke-summary")
            with TabbedContent(id="invoke-tabs", initial="response"):
                with TabPane("Response", id="response"):
                    yield JsonView(id="invoke-response")
                with TabPane("Logs", id="logs"), VerticalScroll(id="invoke-logs-scroll"):
                    yield Static("", id="invoke-logs", markup=False)
                with TabPane("History", id="history"):
                    yield OptionList(id="invoke-history")
        yield KeyFooter(show_command_palette=False)

    @property
    def read_only(self) -> bool:
        return bool(self.app.target.read_only)

    def show_target(self) -> None:
        """Read-only turned on (only DryRun from now on) or off (invoke for real again)."""
        if self.read_only:
            self.invocation_type = "DryRun"
        elif self.invocation_type == "DryRun":
            self.invocation_type = "RequestResponse"
        self._render_header()
        self._validate()
        if self.result is None:
            self._show_hint()

    @property
    def editor(self) -> JsonArea:
        return self.query_one("#invoke-editor", JsonArea)

    @property
    def response(self) -> JsonView:
        return self.query_one("#invoke-response", JsonView)

    def on_resize(self) -> None:
        self._render_header()  # the event's name fits the new width

    def on_mount(self) -> None:
        self.editor.focus()
        self._render_header()
        self._validate()
        self._fill_history()
        if self.read_only:
            self.notify(
                "Read-only: invoking runs the function's code, so only DryRun (a permission "
                "check) is allowed here.",
                markup=False,
            )
        self.detect_streaming()
        self.learn_timeout()
        self._load_history()

    @work(thread=True, group="invoke-history-load", name="load history", exit_on_error=False)
    def _load_history(self) -> None:
        entries = self.history.list(self.function.name)
        self.app.call_from_thread(self._history_loaded, entries)

    def _history_loaded(self, entries: list[HistoryEntry]) -> None:
        """The history file was read: after any invocation made meanwhile, and the last
        payload in the editor unless something was typed or loaded there already."""
        self.entries = [*self.entries, *entries][:50]
        last = next((e for e in entries if e.payload is not None), None)
        untouched = not self.dirty and self.baseline == self.initial and self.result is None
        if last is not None and last.payload is not None and untouched:
            self.initial = last.payload
            self._load_payload(last.payload, last.event_name, self.function.name)
        self._fill_history()
        self._render_header()

    @property
    def _api_qualifier(self) -> str | None:
        return None if self.qualifier == LATEST else self.qualifier

    def _target_label(self, qualifier: str | None = None) -> str:
        return f"{one_line(self.function.name)}:{qualifier or self.qualifier}"

    def _render_header(self) -> None:
        parts = [f"λ invoke {self._target_label()}", self.invocation_type]
        if self.streams and self.invocation_type == "RequestResponse":
            parts.append("stream")
        if self.client_context:
            parts.append("+ctx")
        if self.tenant_isolated:
            parts.append(f"tenant {one_line(self.tenant_id)}" if self.tenant_id else "tenant ?")
        if self.event_name:
            event = f"event {one_line(self.event_name)}"
        else:
            event = f"from {self.event_origin}" if self.event_origin else "new event"
        edited = " (edited)" if self.dirty else ""
        # The event's name takes the width there is; only what does not fit is cut, and
        # "(edited)" stays in sight.
        room = self.size.width - 2 - cell_len(" │ ".join([*parts, edited]))
        if room > 8:
            event = fit(event, room).rstrip()
        parts.append(f"{event}{edited}")
        header = Text(" │ ".join(parts) + "\n", no_wrap=True, overflow="ellipsis")
        app = self.app
        header.append_text(target_text(app.target, app.account, demo=app.demo))
        self.query_one("#invoke-header", Static).update(header, layout=False)

    def _hint(self) -> Text:
        if self.read_only:
            return Text(
                "Read-only: only DryRun (a permission check) can be sent; invoking runs the "
                "function's code.",
                style="dim",
            )
        if self._over_limit:
            limit = payload_limit(self.invocation_type) // (1024 * 1024)
            return Text(
                f"Too large to send as {self.invocation_type} ({limit} MB at most): "
                f"{key_word(self, 'invoke.type')} changes the invocation type; tab moves to "
                "the result.",
                style="dim",
            )
        return Text(
            f"{key_word(self, 'invoke.send')} invokes {self._target_label()} "
            f"({self.invocation_type}); "
            "tab moves to the result.",
            style="dim",
        )

    # -- editing -------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Edits that would be lost: not the loaded event, nor kept in the history."""
        if not self.is_mounted:
            return False
        text = self.editor.text
        kept = self.entries[0].payload if self.entries else None
        return text != self.baseline and text != kept

    @on(TextArea.Changed, "#invoke-editor")
    def _edited(self, event: TextArea.Changed) -> None:
        # Once per frame, not per key: a burst of keys (or a paste) is checked as a whole.
        if not self._check_due:
            self._check_due = True
            self.call_after_refresh(self._check_edits)

    def _check_edits(self) -> None:
        self._check_due = False
        self._validate()
        self._render_header()

    def _validate(self) -> str:
        """Show whether the payload parses; return the error ('' when it does)."""
        text = self.editor.text
        error = json_error(text) if text.strip() else "the payload is empty (send {} for none)"
        line = self.query_one("#invoke-validation", Static)
        over = False
        if error:
            message = f"✗ {error}; invoking is refused until it parses"
        else:
            size = len(text.encode())
            limit = payload_limit(self.invocation_type)
            over = size > limit
            if over:
                message = (
                    f"✗ {size_label(size)} ({size:,} bytes) is over the "
                    f"{limit // (1024 * 1024)} MB limit for {self.invocation_type}"
                )
            else:
                message = f"✓ JSON · {size_label(size)} of {size_label(limit)}"
        line.set_class(bool(error) or over, "-invalid")
        line.update(message, layout=False)  # one line, always: no layout pass per key
        if over != self._over_limit:
            self._over_limit = over
            if self._hinting:
                self._show_hint()
        return error

    def action_format(self) -> None:
        text = self.editor.text
        error = self._validate()
        if error:
            self.notify(f"Cannot format: {error}", severity="warning", markup=False)
            return
        pretty = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        if pretty != text:
            self.editor.replace(pretty, (0, 0), self.editor.document.end)

    def action_cycle_type(self) -> None:
        if self.read_only:
            self.notify(
                "Read-only: only DryRun is allowed (invoking runs the function's code).",
                markup=False,
            )
            return
        index = INVOCATION_TYPES.index(self.invocation_type)
        self.invocation_type = INVOCATION_TYPES[(index + 1) % len(INVOCATION_TYPES)]
        self._render_header()
        self._validate()
        self._show_hint()

    def _set_summary(self, content: Text) -> None:
        # A fixed height: no layout pass for the whole screen on each update.
        self.query_one("#invoke-summary", Static).update(content, layout=False)
        self._hinting = False

    def _show_hint(self) -> None:
        self._set_summary(self._hint())
        self._hinting = True

    def _active_tab(self) -> str:
        return str(self.query_one(TabbedContent).active or "")

    @on(TabbedContent.TabActivated, "#invoke-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        # Hidden tabs are filled when shown: their updates would cost a layout pass each.
        if event.pane is not None and event.pane.id in self._stale_tabs:
            self._stale_tabs.discard(event.pane.id)
            if event.pane.id == "logs":
                self._render_logs()
            elif event.pane.id == "history":
                self._fill_history()

    @on(OptionList.OptionSelected, "#invoke-history")
    def _history_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.load_from_history(int(event.option.id or 0))

    # -- other keys ----------------------------------------------------------------------

    def action_client_context(self) -> None:
        from ..dialogs.prompt import PromptScreen

        def given(value: str | None) -> None:
            if value is None:
                return
            try:
                encode_client_context(value or None)
            except ValueError as exc:
                self.notify(str(exc), title="Client context", severity="error", markup=False)
                return
            self.client_context = value.strip()
            self._render_header()

        self.app.push_screen(
            PromptScreen(
                "Client context (JSON object, empty for none)",
                self.client_context,
                note="Sent base64-encoded as X-Amz-Client-Context (at most 3,583 bytes).",
            ),
            given,
        )

    def action_tenant_id(self) -> None:
        self._ask_tenant(None)

    def _ask_tenant(self, then: Callable[[str], None] | None) -> None:
        """Ask for the tenant id (kept for this screen), then ``then(tenant id)``."""
        from ..dialogs.prompt import PromptScreen

        def given(value: str | None) -> None:
            if value is None:
                return
            value = value.strip()
            problem = tenant_id_error(value)
            if problem:
                self.notify(problem, title="Tenant id", severity="error", markup=False)
                return
            self.tenant_id = value
            self._render_header()
            if then is not None:
                then(value)

        self.app.push_screen(
            PromptScreen(
                "Tenant id",
                self.tenant_id,
                note=(
                    "This function is tenant-isolated: each invocation runs for one tenant "
                    "(sent as X-Amz-Tenant-Id)."
                    if self.tenant_isolated
                    else "Sent as X-Amz-Tenant-Id (a tenant-isolated function needs it)."
                ),
            ),
            given,
        )

    def action_command_line(self) -> None:
        self._show_command_line()

    @work(exclusive=True, group="command-line", exit_on_error=False)
    async def _show_command_line(self) -> None:
        """The command for the ``aws`` the user has (``aws --version``, asked in a thread once)."""
        from .dialogs import CommandLine

        text = self.editor.text
        try:
            payload = json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)
        except ValueError:
            payload = text
        try:
            context = encode_client_context(self.client_context or None)
        except ValueError:
            context = None
        cli = await asyncio.to_thread(detect_aws_cli)
        if self.app.screen is not self:  # something else opened while aws answered
            return
        command, note = aws_cli_command(
            self.app.target,
            self.function.name,
            self._api_qualifier,
            self.invocation_type,
            payload,
            context,
            self.tenant_id,
            cli,
        )
        self.app.push_screen(CommandLine(command, note, cli.describe()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_execution":  # shown for a durable function's invocation only
            return self.result is not None and bool(self.result.durable_execution_arn)
        return True

    def action_open_execution(self) -> None:
        """The durable execution the last invocation started."""
        from ..screens.durable import ExecutionScreen

        if self.result is not None and self.result.durable_execution_arn:
            arn = self.result.durable_execution_arn
            self.app.push_screen(ExecutionScreen.for_arn(self.function, arn))

    def action_follow_logs(self) -> None:
        """The function's logs, opening on the last minutes (the request just made among
        them); when this screen was opened over those logs, back to them."""
        from ..screens.logs import LogsScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        qualifier = None if self.qualifier == LATEST else self.qualifier
        if (
            isinstance(below, LogsScreen)
            and below.function == self.function.name
            and below.qualifier == qualifier
        ):
            self._unless_dirty(self.app.pop_screen)  # opened over those logs: back to them
            return
        self.app.push_screen(LogsScreen(self.function, qualifier))

    def action_back(self) -> None:
        self._unless_dirty(self.app.pop_screen)
