"""The Textual application: holds the target and gateway, and stacks the screens."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.worker import Worker

from ..aws.target import Target
from ..store import state as saved_state
from ..store.config import Config, ConfigProblem
from .bindings import APP_BINDINGS, SECTIONS, bound, key_word
from .key_order import KeyOrder
from .login import LoginActions
from .workers import ReportsWorkerFailures

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.theme import Theme

    from ..aws.credentials import StaticCredentials
    from ..aws.errors import GatewayError
    from ..aws.first_pages import FirstPages
    from ..aws.gateway import Gateway
    from ..store.code_cache import CodeCache
    from .screens.target_picker import Choice
    from .screens.too_small import TooSmallScreen
    from .widgets.status import StatusLine

#: How often ages ("5m ago") are brought up to date: they are shown to the minute.
AGE_REFRESH_SECONDS = 60

#: How long the first frame's writer thread has the GIL to itself (`first_frame_drawn`).
WRITER_GRACE_SECONDS = 0.002
#: Seconds after mounting by which what waits for the first frame runs, drawn or not.
FIRST_FRAME_AT_LATEST = 2.0

#: The one stylesheet.
STYLESHEET = Path(__file__).with_name("app.tcss")
#: The line in it after which come the rules of screens opened later: parsed once the first
#: frame is on the terminal (all of the file took ~10 ms to parse before it; its first part,
#: what the first screen needs, ~2 ms).
LATER_RULES = "/* ---- later ----"


def _function_commands() -> type[Provider]:
    from .commands import FunctionCommands

    return FunctionCommands


def _target_commands() -> type[Provider]:
    from .commands import TargetCommands

    return TargetCommands


def _tune_clean_up_commands() -> type[Provider]:
    from .tune.resume import TuneCleanUpCommands

    return TuneCleanUpCommands


def _shift_commands() -> type[Provider]:
    from .release.commands import ShiftCommands

    return ShiftCommands


class LambdaTUI(LoginActions, ReportsWorkerFailures, App[int]):
    """lambdatui: browse, invoke and watch AWS Lambda functions from the terminal."""

    TITLE = "lambdatui"
    BINDINGS = APP_BINDINGS
    #: The palette's own providers, imported when the palette first opens (Textual calls
    #: these): not on the way to the first frame (~1.5 ms of imports).
    COMMANDS = App.COMMANDS | {
        _function_commands,
        _target_commands,
        _tune_clean_up_commands,
        _shift_commands,
    }

    def __init__(
        self,
        target: Target,
        *,
        demo: bool = False,
        gateway: Gateway | None = None,
        clock: Callable[[], datetime] | None = None,
        use_cache: bool = True,
        startup: Callable[[], object] | None = None,
        config: Config | None = None,
        config_problems: Sequence[ConfigProblem | str] = (),
        first_pages: FirstPages | None = None,
    ) -> None:
        super().__init__()
        first, later = STYLESHEET.read_text(encoding="utf-8").split(LATER_RULES, 1)
        self.stylesheet.add_source(first, read_from=(str(STYLESHEET), ""), is_default_css=False)
        #: The rest of the stylesheet, until it is parsed (`_first_frame_shown`); its lines are
        #: counted from the file's first, so that an error in it names the file's own line.
        self._later_rules: str | None = "\n" * first.count("\n") + LATER_RULES + later
        #: The start-up child fetching the list's pages (``aws.first_pages``), if started.
        self.first_pages = first_pages
        self.config = config or Config()
        self.config_problems = [str(problem) for problem in config_problems]
        #: Lines a log view keeps (config logs.buffer_lines).
        self.logs_max_lines = self.config.log_buffer_lines
        #: How log views follow, when forced ("live" or "polling"; tests): else each decides.
        self.logs_mode: str | None = None
        self.target = target
        #: Started read-only (--read-only): the palette cannot turn that off.
        self.read_only_locked = target.read_only
        self.demo = demo
        #: Made when first used: its module and records (~70 ms of imports) stay off the
        #: start-up path, so the cached list paints first (see `gateway_ready`).
        self._gateway = gateway
        self._code_cache: CodeCache | None = None
        self.clock = clock or (lambda: datetime.now(UTC))
        self._age_now = self.clock()
        self.use_cache = use_cache
        #: Blocking set-up to run (in a thread) before the first AWS call: the demo account.
        self.startup = startup
        self._fitting = False
        #: "Terminal too small" while it covers the app (`_fit`).
        self._too_small_cover: TooSmallScreen | None = None
        #: What waits for the first frame (`after_first_frame`); None once it is shown.
        self._after_first_frame: list[Callable[[], object]] | None = []
        #: The account id, once GetCallerIdentity (or the cache) said it; "" until then.
        self.account = ""
        self._offering_login = False
        #: Keys are handled one after the other, in the order typed (``key_order``).
        self._keys = KeyOrder(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        if KeyOrder.ordered(event):
            await self._keys.arrived(event)
        else:
            await super().on_event(event)

    def get_default_screen(self) -> Screen[Any]:
        """The function list is the app's first screen, at the bottom of the stack: composed as
        Textual composes its own default screen, drawn in the first frame. Pushed over that
        default one, it was a second screen to style and restyle on the way to the first
        frame (~5 ms), and one more on the stack to keep out of the way."""
        from .screens.functions import FunctionListScreen

        screen = FunctionListScreen()
        # What push_screen gives every screen it pushes, and switch_screen (a change of
        # target, `switch_target`) takes off the screen it replaces: Textual's default screen
        # is never pushed, so it has none (its switch_screen then fails, the stack left empty).
        screen._push_result_callback(self, None)
        return screen

    def on_mount(self) -> None:
        self._apply_config()
        self._fitting = True
        self._fit(self.size)  # "terminal too small" over the list when it is
        self.set_interval(AGE_REFRESH_SECONDS, self.refresh_ages, name="ages")
        self.after_first_frame(self.remember_target)  # a thread and a file: after the paint
        self.after_first_frame(self._offer_tune_clean_up)
        self.after_first_frame(self._offer_unfinished_shifts)
        # the list says when its first frame is drawn; should no list ever be drawn (an app
        # that opens another screen first), the collector must still come back on
        self.set_timer(FIRST_FRAME_AT_LATEST, self._first_frame_shown)

    def _offer_tune_clean_up(self) -> None:
        """A memory-tuning run that died on this target is offered for clean-up."""
        from .tune.resume import offer

        self.run_worker(offer(self), group="tune-offer", exit_on_error=False)

    def _offer_unfinished_shifts(self) -> None:
        """Shifts an earlier run left unfinished: asked about, after the first paint."""
        from .release.resume import offer_unfinished

        offer_unfinished(self)

    def first_frame_drawn(self) -> None:
        """The first frame is drawn, and handed to Textual's writer thread: the list says so
        once Textual has drawn it (`FunctionListScreen.on_screen_resume`). Textual's own
        Ready comes before that paint, while the app mounts: what waited for it (~15 ms of
        imports, the SDK's import in a thread sharing the GIL) came ahead of the frame.

        That work starts a moment later: started at once, it held the GIL the writer thread
        needs to put the frame on the terminal until a thread switch (5 ms at Python's own
        switch interval; start-up's is 1 ms, see cli.main)."""
        if self._after_first_frame is not None:
            self.set_timer(WRITER_GRACE_SECONDS, self._first_frame_shown)

    def _first_frame_shown(self) -> None:
        """The first frame is on the terminal (the cached list, when there is one)."""
        import gc

        if self._after_first_frame is None:
            return  # shown already (a list made again, for another target)
        self._add_later_rules()
        if not gc.isenabled():
            # the command line turned the collector off for start-up; what start-up made lives
            # as long as the app: frozen, later collections do not walk it again
            gc.freeze()
            gc.enable()
            sys.setswitchinterval(0.005)  # Python's own, shortened for start-up (cli.main)
        waiting, self._after_first_frame = self._after_first_frame, None
        for callback in waiting:
            callback()

    def _add_later_rules(self) -> None:
        """The stylesheet's rules for screens opened later, applied to whatever is on screen
        already (a screen opened before the first frame was shown gets its styles now)."""
        if self._later_rules is None:
            return
        later, self._later_rules = self._later_rules, None
        self.stylesheet.add_source(
            later, read_from=(str(STYLESHEET), LATER_RULES), is_default_css=False
        )
        self.stylesheet.parse()  # the new rules only: what was parsed already is cached
        self.stylesheet.update(self)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame is on the terminal (after the next refresh,
        when it already is): work that would only compete with that paint waits for it."""
        if self._after_first_frame is None:
            self.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def on_status_line_account_known(self, message: StatusLine.AccountKnown) -> None:
        """The function list learnt the account (from its cache or GetCallerIdentity)."""
        self.account = message.account

    def age_now(self) -> datetime:
        """The moment every age on screen counts from ("5m ago"): one for all of them, so a
        row drawn now and one scrolled into view later agree, and so do the list and a
        function's view. It moves on once a minute (`refresh_ages`)."""
        return self._age_now

    def refresh_ages(self) -> None:
        """Count ages from now, and redraw the age cells whose text changed (only those: an
        idle screen writes a few cells a minute, not whole screens). The screens below only
        forget theirs (a cell redrawn there is written again through the screen on top)."""
        from .widgets.virtual_table import VirtualTable

        self._age_now = self.clock()
        for screen in self.screen_stack:
            for table in screen.query(VirtualTable):
                if screen is self.screen:
                    table.refresh_volatile()
                else:
                    table.forget_volatile()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Text cursors do not blink: a blink repaints twice a second, about 26 KB a minute
        over the link (bench/bench_idle.py) for an editor left open."""
        if getattr(event.widget, "cursor_blink", False):
            # Input's and TextArea's, not Widget's: whichever focused widget has one.
            event.widget.cursor_blink = False  # type: ignore[attr-defined]

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size)

    def _fit(self, size: Size) -> None:
        if not self._fitting:
            return  # before on_mount: the first screen is not there yet
        """Cover the app with "terminal too small" below 80x24; uncover it once it fits."""
        from .screens.base import too_small

        covering = next((s for s in self.screen_stack if s is self._too_small_cover), None)
        if too_small(size):
            if covering is None:
                from .screens.too_small import TooSmallScreen  # (not imported when it fits)

                covering = self._too_small_cover = TooSmallScreen()
                self.push_screen(covering)
            elif covering.is_mounted:
                covering.show_size(size)
        elif covering is not None and self.screen is covering:
            self.pop_screen()

    def _covered(self) -> bool:
        return self._too_small_cover is not None and self.screen is self._too_small_cover

    def action_command_palette(self) -> None:
        if not self._covered():  # nothing opens over "too small": it must stay on top
            super().action_command_palette()

    @property
    def log_timestamps(self) -> str:
        """How log views start showing times: "utc" when the config says UTC, else local
        (the config's zone, applied to the process by the command line)."""
        return "utc" if self.config.timezone.upper() == "UTC" else "local"

    @property
    def production_pattern(self) -> str:
        """Profiles/accounts matching this get a banner and typed confirmation (config)."""
        return self.config.production_pattern

    def _apply_config(self) -> None:
        """Theme (the one picked last, or the config file's), custom keys; say what's wrong."""
        problems = list(self.config_problems)
        theme = saved_state.load().theme_for(self.config.theme)
        if theme == "auto":
            theme = self.auto_theme()
        if theme in self.available_themes:
            self.theme = theme
        else:
            palette = key_word(self, "app.palette")
            problems.append(f"theme '{theme}' is not one of Textual's themes ({palette} → theme)")
        keymap = {}
        for binding_id, keys in self.config.keys.items():
            if binding_id in SECTIONS:
                keymap[binding_id] = keys
            else:
                problems.append(f"[keys] '{binding_id}' is not a binding id (see README)")
        if keymap:
            self.set_keymap(keymap)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if problems:
            from ..sanitize import clean

            self.notify(
                clean("\n".join(problems)),
                title="Config file: some settings were not used",
                severity="warning",
                timeout=12,
                markup=False,
            )

    def auto_theme(self) -> str:
        """textual-dark; on a 16-colour terminal (TERM=screen, TEXTUAL_COLOR_SYSTEM=standard)
        ansi-dark, whose colours are the terminal's own: textual-dark's downgraded to 16
        colours put orange keys as red on grey in the footer. Headless (tests, screenshots)
        has no terminal palette: textual-dark, whatever TERM says."""
        if not self.is_headless and self.console.color_system in ("standard", "windows"):
            return "ansi-dark"
        return "textual-dark"

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked in the app is used next time too (until config.toml changes it)."""
        configured = self.config.theme

        def save() -> None:  # a file read and an atomic write: in a thread
            current = saved_state.load()
            if current.theme_for(configured) != theme.name:
                saved_state.save(replace(current, theme=theme.name, theme_config=configured))

        self.run_worker(save, thread=True, name="remember the theme", exit_on_error=False)

    # -- switching profile / region ------------------------------------------------------

    def action_switch_profile(self) -> None:
        self._pick_target("profile")

    def action_switch_region(self) -> None:
        self._pick_target("region")

    def _pick_target(self, mode: str) -> None:
        from .screens.target_picker import TargetPicker

        if self._covered() or isinstance(self.screen, TargetPicker):
            return
        if self.demo:
            self.notify("The demo runs on one embedded account and region.", markup=False)
            return
        picker = TargetPicker(
            mode, current_profile=self.target.profile, current_region=self.target.region
        )
        self.push_screen(picker, self._picked)

    def _picked(self, choice: Choice | None) -> None:
        if choice is None:
            return
        import os

        from ..aws.target import profile_config

        profile = choice.profile if choice.switch_profile else self.target.profile
        region = choice.region
        if region is None and choice.switch_profile:
            region = profile_config(profile, os.environ).get("region")
        target = replace(self.target, profile=profile, region=region or self.target.region)
        if target != self.target:
            switch = self.switch_target(target)
            self.run_worker(switch, name="switch target", group="target", exit_on_error=False)

    @property
    def gateway(self) -> Gateway:
        """The gateway to AWS for the current target (made on first use)."""
        if self._gateway is None:
            from ..aws.gateway import Gateway

            self._gateway = Gateway(self.target)
        return self._gateway

    @gateway.setter
    def gateway(self, gateway: Gateway) -> None:
        self._gateway = gateway

    @property
    def code_cache(self) -> CodeCache:
        """Code packages by hash, capped as the config's ``[code] cache_mb`` says (made when
        the Code pane first needs it): what the twins keep, the app keeps."""
        if self._code_cache is None:
            from ..store.code_cache import CodeCache

            self._code_cache = CodeCache(cap=self.config.code_cache_mb * 1024 * 1024)
        return self._code_cache

    async def gateway_ready(self) -> Gateway:
        """The gateway, its module imported in a thread the first time, so that the screen
        keeps painting (the cached list) meanwhile."""
        if self._gateway is None:
            import asyncio
            import importlib

            await asyncio.to_thread(importlib.import_module, "lambdatui.aws.gateway")
        return self.gateway

    async def switch_target(self, target: Target) -> None:
        """Point the app at ``target``: a new gateway, and a fresh list (its cache first)."""
        from ..aws.target import needs_prompt
        from .screens.functions import FUNCTION_SCREEN, FunctionListScreen

        credentials = None
        if needs_prompt(target.profile):
            credentials = self._prompt_credentials(target)
            if credentials is None:
                return
        from ..aws.gateway import Gateway

        old, self.target = self.gateway, target
        self.gateway = Gateway(target, credentials)
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        if self.is_screen_installed(FUNCTION_SCREEN):
            self.uninstall_screen(FUNCTION_SCREEN)
        await self.switch_screen(FunctionListScreen())
        self.remember_target()
        await old.close()

    def _prompt_credentials(self, target: Target) -> StaticCredentials | None:
        """Hand the terminal over for the profile's MFA prompt; None when it failed."""
        from textual.app import SuspendNotSupported

        from ..aws.credentials import resolve_interactively
        from ..aws.errors import GatewayError

        problem = ""
        credentials = None
        try:
            with self.suspend():
                print(f"lambdatui: profile '{target.profile_label}' asks for an MFA code")
                try:
                    credentials = resolve_interactively(target.profile)
                except GatewayError as exc:
                    problem = str(exc)
                except (KeyboardInterrupt, EOFError):
                    problem = "No MFA code entered."
        except SuspendNotSupported:
            problem = "This terminal cannot be handed over for the MFA prompt."
        if problem or credentials is None:
            self.notify(
                problem or "No credentials for that profile.",
                title="Not switched",
                severity="error",
                markup=False,
            )
            return None
        return credentials

    def remember_target(self) -> None:
        """Put the current target first in the recent ones (a file write: in a thread)."""
        if self.demo:
            return  # the demo account is gone when the app quits
        recent = saved_state.RecentTarget(self.target.profile, self.target.region)

        def save() -> None:
            saved_state.save(saved_state.load().with_recent(recent))

        self.run_worker(save, thread=True, name="remember the target", exit_on_error=False)

    def copy_to_clipboard(self, text: str) -> None:
        """OSC 52 (works over SSH and in tmux with set-clipboard on); with config
        ``ui.clipboard = "show"`` the text is also shown in full, to select by hand."""
        super().copy_to_clipboard(text)
        if self.config.clipboard == "show":
            from .screens.copied import CopiedScreen

            self.push_screen(CopiedScreen(text))

    # -- read-only, turned on or off for this session ---------------------------------------

    def action_toggle_read_only(self) -> None:
        """Read-only on at once; off only when this session turned it on, and confirmed."""
        from .dialogs.confirm import ConfirmScreen

        if not self.target.read_only:
            self._set_read_only(True)
        elif self.read_only_locked:
            self.notify(
                "lambdatui was started with --read-only: restart without it to make changes.",
                title="Read-only stays on",
                severity="warning",
                markup=False,
            )
        else:
            question = (
                "Invoke, edit, revert and saving shared events will change the account "
                f"{self.account or '(unknown)'} again."
            )
            screen = ConfirmScreen("Allow changes?", question, yes="allow", no="stay read-only")
            self.push_screen(screen, lambda ok: self._set_read_only(False) if ok else None)

    def read_only_way_out(self) -> str:
        if self.read_only_locked:
            return "Restart without --read-only to make changes."
        palette = bound(self, "app.palette").key.split(",")[0]
        return f"Turn read-only off from the palette ({palette}) to make changes."

    def _set_read_only(self, on: bool) -> None:
        from .screens.base import AppScreen

        self.gateway.set_read_only(on)
        self.target = replace(self.target, read_only=on)
        for screen in self.screen_stack:
            if isinstance(screen, AppScreen) and screen.is_mounted:
                screen.show_target()
        self.notify(
            "Read-only: nothing that changes the account will be sent."
            if on
            else "Changes allowed again.",
            title="Read-only on" if on else "Read-only off",
            markup=False,
        )

    def _handle_exception(self, error: Exception) -> None:
        """A bug (AWS failures are messages, never this): Textual would exit printing a
        traceback with every frame's local variables, which can hold credentials and
        environment values. On a terminal, one line instead, and the traceback, redacted and
        without locals, in a private file. Headless (tests) keeps Textual's report."""
        super()._handle_exception(error)
        if self.is_headless:
            return
        from rich.text import Text

        from ..debuglog import write_crash_report

        try:
            where = f"The details are in {write_crash_report(error)}; please report it."
        except OSError as exc:
            where = f"The details could not be written ({exc})."
        line = f"lambdatui stopped on a bug ({type(error).__name__}). {where}"
        self._exit_renderables[:] = [Text(line)]

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen) and not self._covered():
            self.push_screen(HelpScreen(self.screen))

    def show_error(self, error: GatewayError) -> None:
        """A failed call as a notification: title, message and the next step. An expired
        session also offers to run the login command (once, however many calls failed)."""
        from ..aws.errors import ExpiredCredentials
        from ..sanitize import clean

        if isinstance(error, ExpiredCredentials) and not self.demo:
            if not self._offering_login:
                self._offer_login(error)
            return
        body = clean(error.message) + (f"\n{clean(error.hint)}" if error.hint else "")
        self.notify(body, title=error.title, severity="error", timeout=8, markup=False)

    def report_failure(self, worker: Worker[object]) -> None:
        """A worker that failed unexpectedly: say so in one line, keep the app running."""
        from ..aws.errors import GatewayError

        error = worker.error
        if isinstance(error, GatewayError):
            self.show_error(error)
            return
        from ..sanitize import clean

        name = worker.name or "background task"
        self.notify(
            clean(f"{name} failed: {type(error).__name__}: {error}"),
            title="Unexpected error",
            severity="error",
            timeout=10,
            markup=False,
        )

    async def on_unmount(self) -> None:
        if self.first_pages is not None:
            self.first_pages.close()
        if self._gateway is not None:
            await self._gateway.close()
