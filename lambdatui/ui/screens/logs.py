"""The logs pane: a function's log lines, followed live (`l` on a function or its view).

The header says which log group, how it was narrowed to this function's streams, the mode
(Live Tail or polling, and why: "polling: Live Tail ended 3 times at once", with the key that
tries Live Tail again), whether following is paused and how many lines came since, and
whether Live Tail is sampling. Lines are filtered as they arrive (`/`: text, `re:`,
`!`; `cw:PATTERN` sends a CloudWatch filter pattern to the service instead) and by level.

The view opens with the lines of the last minutes (config ``[logs] history_minutes``, 10 by
default; 0: live only), then a marker row where history ends and live lines begin; `e` loads
the page of lines before the first shown, above them, without moving the view; `b` starts
elsewhere (5m, 1h, a time, or live). Opened with ``since_ms`` (the monitoring pane's worst
minute, `w`) it starts at that moment instead, and says so in the header.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.notifications import SeverityLevel
from textual.widgets import Static

from ...aws.errors import AccessDenied, GatewayError, NotFound
from ...aws.follow import FollowControl
from ...aws.log_lines import SEVERITY
from ...aws.log_records import MODE_LIVE, MODE_POLLING, LogBatch, LogScope, parse_since
from ...aws.records import FunctionSummary
from ...filtering import Filter
from ...sanitize import one_line
from ...store import atomic, paths
from ..bindings import LOGS_BINDINGS
from ..render.logs import highlight_pattern, plain_line
from ..widgets.filter_bar import FilterBar
from ..widgets.footer import KeyFooter
from ..widgets.log_view import TIMESTAMP_MODES, LogView
from ..widgets.status import target_text
from .base import AppScreen

#: The most lines one press of "earlier" (`e`) loads.
EARLIER_PAGE = 1_000
#: How far back "earlier" looks at first when the view opened live only (history 0).
EARLIER_WINDOW_MS = 600_000

#: The level filter's steps (`L`): everything, then at or above each level.
LEVEL_STEPS = ("", "DEBUG", "INFO", "WARN", "ERROR")
SERVER_PATTERN = "cw:"


class LogsScreen(AppScreen[None]):
    """One function's logs, followed (see the module docstring)."""

    BINDINGS = LOGS_BINDINGS
    AUTO_FOCUS = "#log-view"

    def __init__(
        self,
        function: FunctionSummary | str,
        qualifier: str | None = None,
        *,
        mode: str | None = None,
        max_lines: int | None = None,
        since_ms: int | None = None,
    ) -> None:
        super().__init__()
        #: The function's record, when given one: `i` invokes it over these logs.
        self.summary = function if isinstance(function, FunctionSummary) else None
        self.function = function if isinstance(function, str) else function.name
        self.qualifier = None if qualifier in (None, "", "$LATEST") else qualifier
        # How to follow: "auto" (Live Tail, else polling), "live" or "polling". The app (or
        # LAMBDATUI_LOGS_MODE, for endpoints whose Live Tail misbehaves) may force one.
        self.mode = mode or self.app.logs_mode or os.environ.get("LAMBDATUI_LOGS_MODE", "auto")
        self._max_lines = max_lines or self.app.logs_max_lines
        self.scope: LogScope | None = None
        #: Where following starts: the last `history_minutes` (the config's), else only what
        #: is logged from now on (None); `b` chooses another start (said in the header).
        self.history_minutes = self.app.config.log_history_minutes
        now = int(time.time() * 1000)
        minutes = self.history_minutes
        self.since_ms: int | None = now - minutes * 60_000 if minutes else None
        self._since_chosen = False
        if since_ms is not None:  # opened at a moment (the monitoring pane's worst minute)
            self.since_ms, self._since_chosen = since_ms, True
        #: Where the lines in the view begin: "earlier" (`e`) loads the page before it.
        self.earliest_ms = self.since_ms or now
        self.server_pattern = ""
        self.active_mode = ""
        self.reason = ""  # why following is in this mode (polling: why not Live Tail)
        self.status = "finding the log group…"
        self._control = FollowControl()
        self.sampled_shown = 0
        self.level = ""
        self._filter = Filter("", None)
        self._header_text = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="logs-header", markup=False)
        yield FilterBar(id="filter-bar", return_to="log-view")
        kwargs = {"max_lines": self._max_lines} if self._max_lines else {}
        yield LogView(id="log-view", **kwargs)
        yield KeyFooter(show_command_palette=False)

    @property
    def view(self) -> LogView:
        return self.query_one(LogView)

    def on_mount(self) -> None:
        self.query_one(FilterBar).display = False
        self.view.message = "Finding the log group…"
        self.view.timestamps = self.app.log_timestamps
        self._render_header()
        self.follow()

    # -- following -------------------------------------------------------------------------

    @work(exclusive=True, group="logs-follow", name="follow logs", exit_on_error=False)
    async def follow(self) -> None:
        gateway = self.app.gateway
        try:
            if self.scope is None:
                self.scope = await gateway.log_scope(self.function, self.qualifier)
            self._render_header()
            self._control = control = FollowControl()
            self.earliest_ms = self.since_ms or int(time.time() * 1000)
            async for batch in gateway.follow(
                self.scope,
                since_ms=self.since_ms,
                pattern=self.server_pattern,
                mode=self.mode,
                control=control,
            ):
                self._on_batch(batch)
        except AccessDenied as exc:
            self._problem(f"not permitted: {exc.action}", exc)
        except GatewayError as exc:
            self._problem(f"{exc.title}: {exc.message}", exc)

    def _problem(self, text: str, error: GatewayError) -> None:
        self.status = one_line(text)
        hint = f" {error.hint}" if error.hint else ""
        self.view.message = one_line(text + hint)
        self.view.refresh()
        self._render_header()

    def _on_batch(self, batch: LogBatch) -> None:
        if batch.mode and batch.mode != self.active_mode:
            self.active_mode = batch.mode
            self.refresh_bindings()  # the key that tries Live Tail again shows while polling
        self.reason = batch.reason
        self.status = batch.status
        if batch.waiting:
            self._say(batch.status)
        elif not self.view.total:
            self._say("Following: new lines appear here as the function logs them.")
        if batch.sampled:
            self.sampled_shown += len(batch.lines)
        if batch.lines:
            self.view.append(batch.lines)  # taken in at most once a frame
        if batch.history:
            self.view.append([self._seam(len(batch.lines))])
        self._render_header()

    def _seam(self, count: int) -> str:
        """The marker row where the history read at the start ends and live lines begin."""
        now = self.app.clock().astimezone()  # the app's clock: tests fix it
        if self._since_chosen and self.since_ms is not None:
            moment = datetime.fromtimestamp(self.since_ms / 1000, UTC).astimezone()
            window = f"since {moment:%Y-%m-%d %H:%M}"
        else:
            window = f"in the last {self.history_minutes} min"
        lines = f"{count:,} line" + ("s" if count != 1 else "")
        above = f"{lines} {window} above" if count else f"no lines {window}"
        key = self._key_for("logs.earlier")
        hint = f" · {key}: earlier" if key else ""
        return f"── live from {now:%H:%M:%S} · {above}{hint} ──"

    def _say(self, message: str) -> None:
        """What the empty view says; repainted only when it changes (an idle link stays
        quiet: each poll with nothing new would otherwise repaint the whole view)."""
        if message != self.view.message:
            self.view.message = message
            self.view.refresh()

    def action_earlier(self) -> None:
        """Load the page of lines before the first one shown, above it."""
        if self.scope is None:
            self.notify("Still finding the log group", markup=False)
            return
        self.status = "loading earlier lines…"
        self._render_header()
        self._load_earlier(self.scope, self.earliest_ms)

    @work(exclusive=True, group="logs-earlier", name="earlier log lines", exit_on_error=False)
    async def _load_earlier(self, scope: LogScope, before_ms: int) -> None:
        window = self.history_minutes * 60_000 or EARLIER_WINDOW_MS
        try:
            lines, start = await self.app.gateway.earlier_lines(
                scope, before_ms, window_ms=window, limit=EARLIER_PAGE, pattern=self.server_pattern
            )
        except NotFound:  # no log group yet
            self._earlier_failed("No earlier lines: the log group does not exist yet", "warning")
            return
        except GatewayError as exc:
            self._earlier_failed(f"Earlier lines: {one_line(exc.message)}", "error")
            return
        if before_ms != self.earliest_ms:
            return  # following restarted meanwhile: this page belongs to another view
        self.status = ""
        taken = self.view.prepend(lines)
        when = datetime.fromtimestamp(start / 1000, UTC).astimezone()
        if taken:
            self.earliest_ms = lines[-taken].timestamp if taken < len(lines) else start
            self.notify(f"{taken:,} earlier lines, from {when:%Y-%m-%d %H:%M}", markup=False)
        elif lines:
            self.notify("The buffer is full: no room for earlier lines", markup=False)
        else:
            self.earliest_ms = start
            before = datetime.fromtimestamp(before_ms / 1000, UTC).astimezone()
            end = f"{before:%H:%M}" if before.date() == when.date() else f"{before:%Y-%m-%d %H:%M}"
            span = f"{when:%Y-%m-%d %H:%M} to {end}"
            self.notify(
                f"No lines from {span}; {self._key_for('logs.earlier')} looks further back",
                markup=False,
            )
        self._render_header()

    def _earlier_failed(self, message: str, severity: SeverityLevel) -> None:
        self.status = ""
        self.notify(message, severity=severity, markup=False)
        self._render_header()

    def restart(self) -> None:
        """Start following again (a new start position or server-side pattern)."""
        self.view.clear()
        self.sampled_shown = 0
        self.reason = ""
        self.status = "starting…"
        self.follow()

    # -- header ----------------------------------------------------------------------------

    def show_target(self) -> None:
        """The app's target changed in place (read-only turned on or off)."""
        self._render_header()

    def _render_header(self) -> None:
        if not self.is_mounted:
            return
        name = self.function + (f":{self.qualifier}" if self.qualifier else "")
        first = f"λ {one_line(name)} logs"
        if self.scope is not None:
            first += f" │ {one_line(self.scope.group)} ({one_line(self.scope.describe())})"
        view = self.view
        parts = [self._mode_text()]
        if view.following:
            parts.append("following")
        else:
            parts.append(f"paused, {view.pending:,} new lines")
        count = f"{view.shown:,}" if view.shown == view.total else f"{view.shown:,}/{view.total:,}"
        parts.append(f"{count} lines")
        if view.dropped:
            parts.append(f"{view.dropped:,} older dropped")
        if self._since_chosen and self.since_ms is not None:
            moment = datetime.fromtimestamp(self.since_ms / 1000, UTC).astimezone()
            parts.append(f"since {moment:%Y-%m-%d %H:%M}")
        if self.level:
            parts.append(f"level ≥ {self.level}")
        if view.collapsed:
            parts.append("one row per request")
        if self._filter.active:
            parts.append(f"filter {one_line(self._filter.text, 20)}")
        if self.server_pattern:
            parts.append(f"pattern {one_line(self.server_pattern, 20)}")
        if self.sampled_shown:
            n = self.sampled_shown
            parts.append(f"sampling: {n:,} of {n:,}+ lines shown")
        if self.status:
            parts.append(one_line(self.status))
        app = self.app
        where = target_text(app.target, app.account, demo=app.demo).plain
        text = f"{first}\n{where}\n" + " │ ".join(parts)
        if text != self._header_text:  # fixed size (3 rows): no layout pass, only a repaint
            self._header_text = text
            header = Text(text, no_wrap=True, overflow="ellipsis")  # three rows, never wrapped
            self.query_one("#logs-header", Static).update(header, layout=False)

    def _mode_text(self) -> str:
        """The mode, and why when it is not the one asked for (never "Live Tail" while
        polling), with the key that tries Live Tail again."""
        mode = self.active_mode or ("polling" if self.mode == "polling" else "Live Tail")
        if not self.reason:
            return mode
        text = f"{mode}: {one_line(self.reason)}"
        key = self._key_for("logs.live-tail") if mode == MODE_POLLING else ""
        return f"{text} ({key}: try Live Tail)" if key else text

    def _key_for(self, binding_id: str) -> str:
        """The key (as the footer shows it, after any remapping) of an active binding."""
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return ""

    @on(LogView.StateChanged)
    def _view_changed(self, event: LogView.StateChanged) -> None:
        event.stop()
        self._render_header()

    # -- filtering -------------------------------------------------------------------------

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        event.stop()
        self._filter = event.filter
        if event.filter.text.startswith(SERVER_PATTERN):
            self._filter = Filter("", None)  # sent to the service when the user leaves the box
        self.view.set_filter(self._filter.match, highlight_pattern(self._filter.text))
        self._render_header()

    @on(FilterBar.Done)
    def _filter_done(self, event: FilterBar.Done) -> None:
        event.stop()
        text = self.query_one(FilterBar).value  # left empty, the box has hidden itself
        pattern = text[len(SERVER_PATTERN) :].strip() if text.startswith(SERVER_PATTERN) else ""
        if pattern != self.server_pattern:
            self.server_pattern = pattern
            self.restart()

    def action_focus_filter(self) -> None:
        self.query_one(FilterBar).open()

    def action_cycle_level(self) -> None:
        index = (LEVEL_STEPS.index(self.level) + 1) % len(LEVEL_STEPS)
        self.level = LEVEL_STEPS[index]
        self.view.set_filter(
            self._filter.match,
            highlight_pattern(self._filter.text),
            SEVERITY.get(self.level, 0),
        )
        self._render_header()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "live_tail":
            return self.active_mode == MODE_POLLING  # hidden while Live Tail is on
        return True

    def action_live_tail(self) -> None:
        """Try Live Tail again (following fell back to polling, or was asked to poll): the
        same following goes on, lines already shown are not shown again."""
        if self.active_mode != MODE_POLLING:
            return
        self.mode = "auto" if self.mode == "polling" else self.mode
        following = (w for w in self.workers if w.node is self and w.group == "logs-follow")
        if not any(worker.is_running for worker in following):
            self.restart()  # following had stopped on an error: start it again
            return
        self.reason = ""
        self.status = "trying Live Tail…"
        self._control.retry_live()
        self._render_header()

    def action_back(self) -> None:
        self.workers.cancel_group(self, "logs-follow")
        self.app.pop_screen()

    def action_invoke(self) -> None:
        """Invoke this function (this qualifier) over the logs, which keep following: escape
        comes back to its lines arriving."""
        if self.summary is None:
            self.notify("Invoke it from the list or the function's view (i).", markup=False)
            return
        from ..invoke.screen import InvokeScreen

        self.app.push_screen(InvokeScreen(self.summary, self.qualifier or "$LATEST"))

    def action_toggle_pause(self) -> None:
        if self.view.following:
            self.view.pause()
        else:
            self.view.follow()

    def action_follow(self) -> None:
        self.view.follow()

    def action_clear(self) -> None:
        self.view.clear()
        self.sampled_shown = 0
        self._render_header()

    def action_toggle_wrap(self) -> None:
        self.view.set_option(wrap=not self.view.wrap)

    def action_toggle_raw(self) -> None:
        self.view.set_option(raw=not self.view.raw)

    def action_toggle_requests(self) -> None:
        self.view.set_collapsed(not self.view.collapsed)
        self._render_header()

    def action_cycle_timestamps(self) -> None:
        modes = TIMESTAMP_MODES
        mode = modes[(modes.index(self.view.timestamps) + 1) % len(modes)]
        self.view.set_option(timestamps=mode)

    def action_next_error(self) -> None:
        if self.view.next_error() is None:
            self.notify("No ERROR line below", markup=False)

    def action_since(self) -> None:
        from ..dialogs.prompt import PromptScreen

        def check(text: str) -> str:
            try:
                parse_since(text, int(time.time() * 1000))
            except ValueError as exc:
                return str(exc)
            return ""

        def chosen(text: str | None) -> None:
            if text is None:
                return
            self.since_ms = parse_since(text, int(time.time() * 1000))
            self._since_chosen = True
            self.restart()

        self.app.push_screen(
            PromptScreen(
                "Start at",
                note="live, 5m, 1h, 1d (ago) or 2026-11-24 06:00",
                placeholder="live",
                check=check,
            ),
            chosen,
        )

    def action_save(self) -> None:
        entries = self.view.visible_entries()
        if not entries:
            self.notify("Nothing to save", markup=False)
            return
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.function)
        path = paths.data_dir() / "logs" / f"{safe}-{stamp}.log"
        self._save_lines(path, "".join(plain_line(e) + "\n" for e in entries), len(entries))

    @work(thread=True, group="save", name="save the log lines", exit_on_error=False)
    def _save_lines(self, path: Path, text: str, count: int) -> None:
        """Up to the whole buffer (50,000 lines), written with fsync: in a thread."""
        severity: SeverityLevel = "information"
        try:
            atomic.write_text(path, text)
        except OSError as exc:
            message, severity = f"Could not save: {exc}", "error"
        else:
            message = f"Saved {count:,} lines to {path}"
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False, timeout=8)


__all__ = ["MODE_LIVE", "MODE_POLLING", "LogsScreen"]
