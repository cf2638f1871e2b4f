"""Edit a function's settings in place: a form, a confirmed diff, then the change followed live.

``EditScreen`` reads the current settings (``Gateway.read_settings``), shows them as a form
with each field's allowed range (and, for memory, the CPU share and price per second of the
new value), reads and checks every value as it is typed (``parse.parse``, on the rules of
``aws.settings``: a problem shows next to its field; nothing typed is lost), and on
``enter``/``ctrl+s`` shows ``ConfirmEditScreen``: current → new for every changed field.
``enter`` there applies (the gateway sends the RevisionId the form was opened with and follows
LastUpdateStatus / provisioned Status, shown live here), ``escape`` goes back to the form as it
was. An applied change is journaled; the screen below reloads.

On a production target (profile or account matching the production pattern) a banner says so
and the confirmation asks for the function's name to be typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from ...aws import settings as rules
from ...aws.errors import ChangedMeanwhile, ExpiredCredentials, GatewayError, ReadOnlyRefused
from ...aws.records import FunctionSummary
from ...aws.settings import Context, Settings
from ...aws.settings_diff import diff
from ...sanitize import clean, one_line
from ...store import journal
from ..bindings import EDIT_BINDINGS, hint, key_hint
from ..screens.base import AppScreen, after_typing
from ..widgets.footer import KeyFooter
from ..widgets.status import target_text
from . import hints, parse
from .confirm import ConfirmEditScreen, production_names, production_pattern
from .form import EditForm, EnvRow
from .parse import FIELDS, Parsed

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ..app import LambdaTUI


class EditScreen(AppScreen[FunctionSummary | None]):
    """The edit form for one function (and the version or alias selected in its view)."""

    BINDINGS = EDIT_BINDINGS

    def __init__(
        self,
        function: FunctionSummary,
        qualifier: str | None = None,
        *,
        preset: Settings | None = None,
        note: str = "",
    ) -> None:
        super().__init__()
        self.function = function
        self.qualifier = None if qualifier in (None, "", "$LATEST") else qualifier
        self.preset = preset  # a revert: the form starts from these values
        self.note = note
        self.before: Settings | None = None
        self.context: Context | None = None
        self.revealed = False
        self.applying = False
        self.production = rules.is_production(
            production_names(self.app, function.arn), production_pattern(self.app)
        )

    # -- layout -------------------------------------------------------------------------------

    def _header(self) -> Text:
        where = (
            f"{one_line(self.function.name)}:{self.qualifier}"
            if self.qualifier
            else (one_line(self.function.name))
        )
        title = f"Edit settings · λ {where}"
        if self.note:
            title += f" · {one_line(self.note)}"  # cut at the screen's edge, not before
        header = Text(title + "\n", style="bold", no_wrap=True, overflow="ellipsis")
        app = self.app
        header.append_text(target_text(app.target, app.account, demo=app.demo))
        return header

    def show_target(self) -> None:
        """The app's target changed in place (read-only turned on or off)."""
        self.query_one("#edit-header", Static).update(self._header())

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="edit-header", markup=False)
        if self.production:
            yield Static(
                "⚠ PRODUCTION: profile/account matches the production pattern — "
                "you will type the function's name to confirm",
                id="edit-production",
                markup=False,
            )
        with EditForm(id="edit-form"):
            yield Static("Loading the current settings…", id="edit-scope", markup=False)
            for name, label in FIELDS:
                with Horizontal(classes="edit-row", id=f"row-{name}"):
                    yield Label(label, classes="edit-label")
                    yield Input(id=f"edit-{name}", classes="edit-input", disabled=True)
                    yield Static("", id=f"hint-{name}", classes="edit-hint", markup=False)
                yield Static("", id=f"error-{name}", classes="edit-error", markup=False)
            yield Static("Environment", id="edit-env-title", markup=False)
            yield Vertical(id="edit-env")
            yield Static("", id="error-environment", classes="edit-error", markup=False)
        yield Static("", id="edit-status", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        for name, _ in FIELDS:
            self._show_error(name, "")
        self.load()

    # -- loading ------------------------------------------------------------------------------

    @work(exclusive=True, group="edit-load", name="read settings", exit_on_error=False)
    async def load(self, keep_typed: bool = False, done: str = "") -> None:
        gateway = self.app.gateway
        self._status("Reading the current settings…")
        if self.before is None:
            self.query_one("#edit-scope", Static).update("Loading the current settings…")
        try:
            before, context = await gateway.read_settings(self.function.name, self.qualifier)
        except GatewayError as exc:
            self._load_failed(exc)
            return
        kept = self._typed() if keep_typed and self.before is not None else None
        old = self.before
        self.before, self.context = before, context
        await self._fill(self._start_values(before))
        if kept is not None and old is not None:
            await self._keep_typed(kept, old)
        self._status(done)

    def _load_failed(self, exc: GatewayError) -> None:
        """Say in the form why it cannot be filled, with the retry key and the way back."""
        where = "reload" if self.before is not None else "load"
        text = f"Could not {where} the current settings: {exc.title}: {exc.message}"
        if self.before is None:
            self.query_one("#edit-scope", Static).update(
                clean(text)
                + f"\n{hint(self, ('edit.reload', 'tries again'), ('edit.cancel', 'goes back'))}"
            )
            self._status("")
        else:  # the form keeps the values it was read with
            self._status(f"{text} ({hint(self, ('edit.reload', 'tries again'))})")
        if isinstance(exc, ExpiredCredentials):
            self.app.show_error(exc)  # offers to log in

    def _typed(self) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
        """Every field's text as typed, and the environment as edited (nothing checked)."""
        raw = {name: self.query_one(f"#edit-{name}", Input).value for name, _ in FIELDS}
        pairs = tuple(row.pair for row in self.query(EnvRow) if row.pair[0])
        return raw, pairs

    async def _keep_typed(
        self, kept: tuple[dict[str, str], tuple[tuple[str, str], ...]], old: Settings
    ) -> None:
        """After a reload: what the user changed stays as typed; the rest shows the new values."""
        raw, pairs = kept
        old_shown = parse.shown(old)
        for name, _ in FIELDS:
            if raw[name] != old_shown[name]:
                field = self.query_one(f"#edit-{name}", Input)
                with field.prevent(Input.Changed):
                    field.value = raw[name]
        if pairs != old.environment:
            env = self.query_one("#edit-env", Vertical)
            await env.remove_children()
            await env.mount_all([EnvRow(k, v, masked=not self.revealed) for k, v in pairs])
        self._check()

    def _start_values(self, current: Settings) -> Settings:
        """The current values, or those of the change being reverted where they apply."""
        return parse.start_values(current, self.preset, self.qualifier)

    async def _fill(self, values: Settings) -> None:
        context, before = self.context, self.before
        assert context is not None and before is not None
        self.query_one("#edit-scope", Static).update(clean(hints.scope(context)))
        shown = parse.shown(values)
        field_hints = hints.field_hints(context, before)
        for name, _ in FIELDS:
            row = self.query_one(f"#row-{name}")
            visible = self._applies(name)
            row.display = visible
            field = self.query_one(f"#edit-{name}", Input)
            field.disabled = not visible
            with field.prevent(Input.Changed):
                field.value = shown[name]
            self.query_one(f"#hint-{name}", Static).update(field_hints[name])
        env = self.query_one("#edit-env", Vertical)
        await env.remove_children()
        await env.mount_all([EnvRow(k, v, masked=not self.revealed) for k, v in values.environment])
        self._check()
        memory = self.query_one("#edit-memory_mb", Input)
        self.set_focus(memory)

    def _applies(self, name: str) -> bool:
        return parse.applies(name, self.context)

    # -- reading and checking the form --------------------------------------------------------

    def _value(self, name: str) -> str:
        return self.query_one(f"#edit-{name}", Input).value.strip()

    def _check(self) -> Parsed:
        """Read and check the form (``parse``); show each problem next to its field."""
        before, context = self.before, self.context
        if before is None or context is None:
            return Parsed()
        raw, pairs = self._typed()
        parsed = parse.parse(raw, pairs, before, context)
        for name in [*(name for name, _ in FIELDS), "environment"]:
            self._show_error(name, parsed.problems.get(name, ""))
        self._update_hints()
        return parsed

    def _update_hints(self) -> None:
        """The hints that follow what is typed: memory's effect, 0 reserved, the env's size."""
        context, before = self.context, self.before
        if context is None or before is None:
            return
        memory = hints.memory_hint(context, before, self._value("memory_mb"))
        self.query_one("#hint-memory_mb", Static).update(memory)
        reserved = hints.reserved_hint(context, before, self._value("reserved"))
        self.query_one("#hint-reserved", Static).update(reserved)
        # From the rows as typed: a bad value in another field does not change this title.
        title = hints.environment_title(dict(self._typed()[1]), self.revealed)
        self.query_one("#edit-env-title", Static).update(title)

    def _show_error(self, name: str, message: str) -> None:
        widget = self.query_one(f"#error-{name}", Static)
        widget.update(message)
        widget.display = bool(message)

    def _status(self, text: str) -> None:
        self.query_one("#edit-status", Static).update(clean(text))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.before is not None:
            self._check()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_review()

    # -- actions ------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self.applying:
            self.notify("The change is being applied; wait for it to finish", markup=False)
            return
        self.dismiss(None)

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        for row in self.query(EnvRow):
            row.set_masked(not self.revealed)
        self._update_hints()
        self.notify(f"Environment values {'shown' if self.revealed else 'masked'}", markup=False)

    async def action_add_variable(self) -> None:
        if self.before is None:
            return
        row = EnvRow("", "", masked=False)
        # Focused before the key counts as handled: the keys typed next go into the new row.
        await self.query_one("#edit-env", Vertical).mount(row)
        row.query(Input).first().focus()

    def action_reload(self) -> None:
        after_typing(self, self._reload)

    def _reload(self) -> None:
        """Read the current values again; what was typed is dropped only if the user says so."""
        if self.applying:
            return
        typed = self._typed_changes()
        if not typed:
            self.load(done="The current settings were read again.")
            return
        what = ", ".join(typed)
        from ..dialogs.confirm import ConfirmScreen

        def answered(drop: bool | None) -> None:
            if drop:
                self.load(done=f"The current settings were read again; dropped: {what}.")
            else:
                self.load(keep_typed=True, done=f"The rest was read again; kept as typed: {what}.")

        question = ConfirmScreen(
            "Reload the current settings",
            f"You changed {what}. Drop what you typed and show the function's current values?",
            yes="drop my changes",
            no="keep them (the rest is read again)",
        )
        self.app.push_screen(question, answered)

    def _typed_changes(self) -> list[str]:
        """Labels of the fields whose text differs from what the form was filled with."""
        if self.before is None:
            return []
        raw, pairs = self._typed()
        return parse.typed_changes(raw, pairs, self._start_values(self.before), self.context)

    def action_review(self) -> None:
        after_typing(self, self._review)

    def _review(self) -> None:
        if self.before is None or self.context is None or self.applying:
            return
        parsed = self._check()
        after, problems = parsed.settings, parsed.problems
        if after is None:
            first = next(iter(problems), "environment")
            self.notify(
                f"Fix {len(problems)} field{'s' if len(problems) != 1 else ''} first",
                severity="warning",
                markup=False,
            )
            if first != "environment":
                self.query_one(f"#edit-{first}", Input).focus()
            return
        changes = diff(self.before, after, self.context, reveal=self.revealed)
        if not changes:
            self.notify("Nothing changed", markup=False)
            return
        confirm = ConfirmEditScreen(
            self.context,
            changes,
            production=self.production,
            read_only=self.app.target.read_only,
        )
        self.app.push_screen(confirm, lambda ok: self._confirmed(bool(ok), after))

    def _confirmed(self, ok: bool, after: Settings) -> None:
        if ok:
            self.apply(after)
        else:
            self._status("Not applied: the form is as you left it.")

    # -- applying -----------------------------------------------------------------------------

    @work(exclusive=True, group="edit-apply", name="apply settings", exit_on_error=False)
    async def apply(self, after: Settings) -> None:
        before, context = self.before, self.context
        assert before is not None and context is not None
        gateway = self.app.gateway
        self.applying = True
        self._status("Applying…")
        try:
            read_back = await gateway.apply_settings(before, after, context, self._status)
        except ChangedMeanwhile as exc:
            await self._changed_meanwhile(exc)
            return
        except ReadOnlyRefused as exc:
            self._status(f"Nothing changed: {exc.message} {exc.hint}")
            self.app.show_error(exc)
            return
        except GatewayError as exc:
            await self._failed(exc)
            return
        finally:
            self.applying = False
        self._journal(before, read_back)
        self._done(before, after, read_back)

    async def _failed(self, exc: GatewayError) -> None:
        """A step failed: say why, and journal what the steps before it did apply (the form
        then starts from the function as it is, keeping what was typed)."""
        message = f"{exc.title}: {exc.message}"
        self._status(message)
        if exc.operation == "PutFunctionConcurrency":
            self._show_error("reserved", exc.message)  # the service's reason, verbatim
        if exc.operation == "PutFunctionScalingConfig":
            self._show_error("scaling_min", exc.message)
        self.app.show_error(exc)
        before = self.before
        assert before is not None
        gateway = self.app.gateway
        try:
            current, context = await gateway.read_settings(self.function.name, self.qualifier)
        except GatewayError:
            return
        if current == before:
            return
        self._journal(before, current)
        applied = "; ".join(f"{c.label} {c.after}" for c in diff(before, current, context))
        self.before, self.context = current, context
        self._check()
        self._status(f"{message} Already applied (journaled): {applied}.")

    async def _changed_meanwhile(self, exc: ChangedMeanwhile) -> None:
        """Nothing was overwritten: say what changed, keep what was typed, offer a reload."""
        gateway = self.app.gateway
        before, context = self.before, self.context
        assert before is not None and context is not None
        what = ""
        try:
            current, _ = await gateway.read_settings(self.function.name, self.qualifier)
            changed = diff(before, current, context)
            what = "; ".join(f"{c.label} {c.before} → {c.after}" for c in changed)
        except GatewayError:
            pass
        detail = f" Changed meanwhile: {what}." if what else ""
        self._status(
            f"{exc.message}{detail} Press {key_hint(self, 'edit.reload')} to read the current "
            "values (you choose whether what you typed stays)."
        )
        self.app.show_error(exc)

    def _journal(self, before: Settings, after: Settings) -> None:
        target = self.app.target
        try:
            journal.record(target, self.function.name, self.qualifier, before, after)
        except OSError as exc:
            self.notify(f"Applied, but not journaled: {exc}", severity="warning", markup=False)

    def _done(self, before: Settings, after: Settings, read_back: Settings) -> None:
        """Say what the function reads back as now (each changed setting), and hand it back."""
        assert self.context is not None
        changed = diff(before, read_back, self.context)
        summary = "; ".join(f"{c.label} {c.after}" for c in changed) or "no difference"
        text = f"{self.context.label} reads back: {summary}"
        if read_back != after:
            text += " (not everything as requested: refresh to check)"
        severity: SeverityLevel = "information" if read_back == after else "warning"
        self.notify(one_line(text, 300), title="Settings applied", severity=severity, markup=False)
        # The screen below reloads (its push_screen callback gets the function as it is now).
        self.dismiss(
            replace(self.function, memory_mb=read_back.memory_mb, timeout_s=read_back.timeout_s)
        )


def revert_screen(app: LambdaTUI, function: FunctionSummary) -> EditScreen | None:
    """The form prefilled with the values before ``function``'s last journaled change (a new
    change, confirmed again), or None with a note when nothing was journaled for it."""
    target = app.target
    try:
        change = journal.last_change(
            function.name,
            profile=target.profile,
            region=target.region,
            endpoint=target.custom_endpoint,
        )
    except OSError as exc:
        app.notify(f"Could not read the change journal: {exc}", severity="error", markup=False)
        return None
    if change is None:
        app.notify(f"No journaled change of {one_line(function.name)} to revert", markup=False)
        return None
    return EditScreen(
        function, change.qualifier, preset=change.before, note=f"revert change of {change.time}"
    )
