"""Edit a function's settings in place: a form, a confirmed diff, then the change followed live.

``EditScreen`` reads the current settings (``Gateway.read_settings``), shows them as a form
with each field's allowed range (and, for memory, the CPU share and price per second of the
new value), checks every value with ``aws.settings`` as it is typed (a problem shows next to
its field; nothing typed is lost), and on ``enter``/``ctrl+s`` shows ``ConfirmEditScreen``:
current → new for every changed field. ``enter`` there applies (the gateway sends the
RevisionId the form was opened with and follows LastUpdateStatus / provisioned Status, shown
live here), ``escape`` goes back to the form as it was. An applied change is journaled; the
screen below reloads.

On a production target (profile or account matching the production pattern) a banner says so
and the confirmation asks for the function's name to be typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from ...aws import settings as rules
from ...aws.edit_gateway import ChangedMeanwhile
from ...aws.errors import ExpiredCredentials, GatewayError, ReadOnlyRefused
from ...aws.records import FunctionSummary
from ...aws.settings import Context, Settings
from ...sanitize import clean, one_line
from ...store import journal
from ..bindings import EDIT_BINDINGS
from ..screens.base import AppScreen, after_typing
from ..widgets.footer import KeyFooter
from ..widgets.status import target_text
from .confirm import ConfirmEditScreen

#: The fields with one Input each, in the form's order: (name, label).
_NUMBERS = (
    ("memory_mb", "Memory (MB)"),
    ("timeout_s", "Timeout (s)"),
    ("storage_mb", "Storage (MB)"),
    ("reserved", "Reserved conc."),
    ("provisioned", "Provisioned"),
    ("alias_version", "Alias version"),
    ("alias_extra", "+ version"),
    ("alias_weight", "+ weight (0-1)"),
    ("scaling_min", "Min environments"),
    ("scaling_max", "Max environments"),
)
_MASK = "••••••"


def _shown(values: Settings) -> dict[str, str]:
    """The text of each single-line field for these settings."""
    weights = values.alias_weights
    return {
        "memory_mb": str(values.memory_mb),
        "timeout_s": str(values.timeout_s),
        "storage_mb": str(values.storage_mb),
        "reserved": "" if values.reserved is None else str(values.reserved),
        "provisioned": "" if values.provisioned is None else str(values.provisioned),
        "alias_version": values.alias_version or "",
        "alias_extra": weights[0][0] if weights else "",
        "alias_weight": f"{weights[0][1]:g}" if weights else "",
        "scaling_min": "" if values.scaling_min is None else str(values.scaling_min),
        "scaling_max": "" if values.scaling_max is None else str(values.scaling_max),
    }


def production_names(app: Any, function_arn: str) -> tuple[str | None, ...]:
    """The names the production pattern is matched against: the profile and the account."""
    parts = function_arn.split(":")
    account = parts[4] if len(parts) > 4 else None
    return (app.target.profile, account)


def production_pattern(app: Any) -> str:
    """The app's production pattern (a setting; ``aws.settings`` has the default)."""
    return str(getattr(app, "production_pattern", rules.DEFAULT_PRODUCTION_PATTERN))


class EditForm(VerticalScroll, can_focus=False):
    """The scrolling form: tab goes from field to field, never to the container."""


class EnvRow(Horizontal):
    """One environment variable: name and value. An empty name removes it.

    A masked value is not in any widget (its field is empty, disabled and shows a mask of fixed
    length, so neither the value nor its length is on screen); revealed, it is an ordinary
    field. A variable added in the form is never masked: its value is being typed.
    """

    def __init__(self, key: str, value: str, *, masked: bool) -> None:
        super().__init__(classes="edit-env-row")
        self._key, self._value, self._masked = key, value, masked

    def compose(self) -> ComposeResult:
        yield Input(self._key, placeholder="NAME", classes="edit-env-key")
        yield Input(
            "" if self._masked else self._value,
            placeholder=f"{_MASK} (^r reveals)" if self._masked else "value",
            disabled=self._masked,
            classes="edit-env-value",
        )

    @property
    def pair(self) -> tuple[str, str]:
        inputs = list(self.query(Input))
        if len(inputs) != 2:  # not composed yet
            return self._key.strip(), self._value
        value = self._value if self._masked else inputs[1].value
        return inputs[0].value.strip(), value

    def set_masked(self, masked: bool) -> None:
        if masked == self._masked:
            return
        field = self.query(Input).last()
        with field.prevent(Input.Changed):
            if masked:
                self._value = field.value
                field.value = ""
            else:
                field.value = self._value
        field.placeholder = f"{_MASK} (^r reveals)" if masked else "value"
        field.disabled = masked
        self._masked = masked


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
        header.append_text(target_text(app.target, app.account, demo=app.demo))  # type: ignore[attr-defined]
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
            for name, label in _NUMBERS:
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
        for name, _ in _NUMBERS:
            self._show_error(name, "")
        self.load()

    # -- loading ------------------------------------------------------------------------------

    @work(exclusive=True, group="edit-load", name="read settings", exit_on_error=False)
    async def load(self, keep_typed: bool = False, done: str = "") -> None:
        gateway = self.app.gateway  # type: ignore[attr-defined]
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
                clean(text) + "\n^l tries again · escape goes back"
            )
            self._status("")
        else:  # the form keeps the values it was read with
            self._status(f"{text} (^l tries again)")
        if isinstance(exc, ExpiredCredentials):
            self.app.show_error(exc)  # type: ignore[attr-defined]  # offers to log in

    def _typed(self) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
        """Every field's text as typed, and the environment as edited (nothing checked)."""
        raw = {name: self.query_one(f"#edit-{name}", Input).value for name, _ in _NUMBERS}
        pairs = tuple(row.pair for row in self.query(EnvRow) if row.pair[0])
        return raw, pairs

    async def _keep_typed(
        self, kept: tuple[dict[str, str], tuple[tuple[str, str], ...]], old: Settings
    ) -> None:
        """After a reload: what the user changed stays as typed; the rest shows the new values."""
        raw, pairs = kept
        old_shown = _shown(old)
        for name, _ in _NUMBERS:
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
        if self.preset is None:
            return current
        preset = self.preset
        return current.with_changes(
            memory_mb=preset.memory_mb,
            timeout_s=preset.timeout_s,
            storage_mb=preset.storage_mb,
            environment=preset.environment,
            reserved=preset.reserved,
            provisioned=preset.provisioned if self.qualifier else current.provisioned,
            alias_version=preset.alias_version or current.alias_version,
            alias_weights=preset.alias_weights if preset.alias_version else current.alias_weights,
            scaling_min=current.scaling_min if preset.scaling_min is None else preset.scaling_min,
            scaling_max=current.scaling_max if preset.scaling_max is None else preset.scaling_max,
        )

    async def _fill(self, values: Settings) -> None:
        context = self.context
        assert context is not None
        low, high = rules.memory_range(context.managed_instances)
        scope = "Memory, timeout, storage, environment and reserved concurrency apply to the "
        scope += "function ($LATEST)"
        if context.qualifier:
            scope += f"; provisioned concurrency to {context.qualifier}"
        if context.is_alias:
            scope += "; routing to the alias"
        if context.scaling_version:
            scope += f"; scaling to version {context.scaling_version}"
        scope += "."
        if context.scaling_missing:
            scope += f"\nScaling {context.scaling_missing}."
        floor = rules.unchecked_floor(context)
        if floor:
            scope += f"\nNote: {floor}."
        self.query_one("#edit-scope", Static).update(clean(scope))
        shown = _shown(values)
        hints = {
            "memory_mb": f"{low}–{high}",
            "timeout_s": "{}–{}".format(*rules.timeout_range(context.managed_instances)),
            "storage_mb": "{}–{}".format(*rules.storage_range(context.managed_instances)),
            "reserved": self._reserved_hint(),
            "provisioned": "empty: none",
            "alias_version": "the alias's main version",
            "alias_extra": "canary version, empty: none",
            "alias_weight": "share sent to it",
            "scaling_min": f"{rules.SCALING_MIN}–{rules.SCALING_MAX}, ≤ max",
            "scaling_max": f"{rules.SCALING_MIN}–{rules.SCALING_MAX}",
        }
        for name, _ in _NUMBERS:
            row = self.query_one(f"#row-{name}")
            visible = self._applies(name)
            row.display = visible
            field = self.query_one(f"#edit-{name}", Input)
            field.disabled = not visible
            with field.prevent(Input.Changed):
                field.value = shown[name]
            self.query_one(f"#hint-{name}", Static).update(hints[name])
        env = self.query_one("#edit-env", Vertical)
        await env.remove_children()
        await env.mount_all([EnvRow(k, v, masked=not self.revealed) for k, v in values.environment])
        self._check()
        memory = self.query_one("#edit-memory_mb", Input)
        self.set_focus(memory)

    def _applies(self, name: str) -> bool:
        context = self.context
        if context is None:
            return False
        if name == "provisioned":
            return context.published
        if name.startswith("alias_"):
            return context.is_alias
        if name.startswith("scaling_"):
            return bool(context.scaling_version)
        return True

    def _reserved_hint(self) -> str:
        context, before = self.context, self.before
        if context is None or before is None:
            return "empty: none · 0 throttles"
        if context.unreserved is None:
            return "empty: none · 0 throttles · floor not checked"
        most = max(rules.max_reserved(context.unreserved, before.reserved), 0)
        return f"0–{most}, empty: none · 0 throttles"

    # -- reading and checking the form --------------------------------------------------------

    def _value(self, name: str) -> str:
        return self.query_one(f"#edit-{name}", Input).value.strip()

    def _read_form(self) -> tuple[Settings | None, dict[str, str]]:
        """The settings as typed (None if unreadable), and why a field cannot be read."""
        before = self.before
        problems: dict[str, str] = {}
        if before is None:
            return None, problems

        def number(name: str, optional: bool = False) -> int | None:
            text = self._value(name)
            if optional and text == "":
                return None
            try:
                return int(text)
            except ValueError:
                problems[name] = f"A whole number, please (got {one_line(text, 20) or 'nothing'})."
                return None

        memory = number("memory_mb")
        timeout = number("timeout_s")
        storage = number("storage_mb")
        reserved = number("reserved", optional=True)
        provisioned = number("provisioned", optional=True) if self._applies("provisioned") else None
        scaling_min, scaling_max = before.scaling_min, before.scaling_max
        if self._applies("scaling_min"):
            scaling_min = number("scaling_min", optional=True)
            scaling_max = number("scaling_max", optional=True)
        alias_version = before.alias_version
        weights = before.alias_weights
        if self._applies("alias_version"):
            alias_version = self._value("alias_version") or before.alias_version
            extra = self._value("alias_extra")
            weights = ()
            if extra:
                text = self._value("alias_weight").rstrip("%")
                try:
                    weight = float(text)
                    if self._value("alias_weight").endswith("%"):
                        weight /= 100
                    weights = ((extra, weight),)
                except ValueError:
                    problems["alias_weight"] = "A fraction from 0 to 1, e.g. 0.1 (or 10%)."
        pairs: list[tuple[str, str]] = []
        for row in self.query(EnvRow):
            key, value = row.pair
            if key:
                pairs.append((key, value))
        keys = [k for k, _ in pairs]
        duplicate = next((k for k in keys if keys.count(k) > 1), None)
        if duplicate:
            problems["environment"] = f"{duplicate} is defined twice."
        if problems or memory is None or timeout is None or storage is None:
            return None, problems
        settings = Settings(
            memory_mb=memory,
            timeout_s=timeout,
            storage_mb=storage,
            environment=tuple(pairs),
            reserved=reserved,
            provisioned=provisioned,
            alias_version=alias_version,
            alias_weights=weights,
            scaling_min=scaling_min,
            scaling_max=scaling_max,
        )
        return settings, problems

    def _check(self) -> tuple[Settings | None, dict[str, str]]:
        """Read and check the form; show each problem next to its field."""
        after, problems = self._read_form()
        if after is not None and self.before is not None and self.context is not None:
            problems.update(rules.check(self.before, after, self.context))
        for name in (
            "memory_mb",
            "timeout_s",
            "storage_mb",
            "reserved",
            "provisioned",
            "scaling_min",
            "scaling_max",
        ):
            self._show_error(name, problems.get(name, ""))
        weight_problem = problems.get("alias_weights") or problems.get("alias_weight", "")
        self._show_error("alias_weight", weight_problem)
        self._show_error("environment", problems.get("environment", ""))
        self._update_hints(after)
        return (None if problems else after), problems

    def _update_hints(self, after: Settings | None) -> None:
        context, before = self.context, self.before
        if context is None or before is None:
            return
        low, high = rules.memory_range(context.managed_instances)
        memory_text = self._value("memory_mb")
        hint = f"{low}–{high}"
        if memory_text.isdigit() and low <= int(memory_text) <= high:
            hint += " · " + rules.memory_effect(
                before.memory_mb, int(memory_text), context.architecture
            )
        self.query_one("#hint-memory_mb", Static).update(hint)
        reserved = self._reserved_hint()
        if self._value("reserved") == "0":
            reserved = "⚠ 0 THROTTLES it: every invocation refused"
        self.query_one("#hint-reserved", Static).update(reserved)
        # From the rows as typed: a bad value in another field does not empty this title.
        env = dict(after.environment) if after is not None else dict(self._typed()[1])
        used = f"{rules.environment_size(env)} of {rules.ENVIRONMENT_LIMIT} bytes" if env else ""
        if used:
            title = f"Environment ({used}) · ^n add · clear a name to remove"
        else:
            title = "Environment: none · ^n add"
        if used and not self.revealed:
            title += " · ^r reveal"
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
        self._update_hints(self._read_form()[0])
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
        from ..screens.confirm import ConfirmScreen

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
        start = self._start_values(self.before)
        shown = _shown(start)
        raw, pairs = self._typed()
        labels = [
            label for name, label in _NUMBERS if self._applies(name) and raw[name] != shown[name]
        ]
        if pairs != start.environment:
            labels.append("Environment")
        return labels

    def action_review(self) -> None:
        after_typing(self, self._review)

    def _review(self) -> None:
        if self.before is None or self.context is None or self.applying:
            return
        after, problems = self._check()
        if after is None:
            first = next(iter(problems), "")
            self.notify(
                f"Fix {len(problems)} field{'s' if len(problems) != 1 else ''} first",
                severity="warning",
                markup=False,
            )
            target = {"alias_weights": "alias_weight", "environment": ""}.get(first, first)
            if target:
                self.query_one(f"#edit-{target}", Input).focus()
            return
        changes = rules.diff(self.before, after, self.context, reveal=self.revealed)
        if not changes:
            self.notify("Nothing changed", markup=False)
            return
        confirm = ConfirmEditScreen(
            self.context,
            changes,
            production=self.production,
            read_only=self.app.target.read_only,  # type: ignore[attr-defined]
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
        gateway = self.app.gateway  # type: ignore[attr-defined]
        self.applying = True
        self._status("Applying…")
        try:
            read_back = await gateway.apply_settings(before, after, context, self._status)
        except ChangedMeanwhile as exc:
            await self._changed_meanwhile(exc)
            return
        except ReadOnlyRefused as exc:
            self._status(f"Nothing changed: {exc.message} {exc.hint}")
            self.app.show_error(exc)  # type: ignore[attr-defined]
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
        self.app.show_error(exc)  # type: ignore[attr-defined]
        before = self.before
        assert before is not None
        gateway = self.app.gateway  # type: ignore[attr-defined]
        try:
            current, context = await gateway.read_settings(self.function.name, self.qualifier)
        except GatewayError:
            return
        if current == before:
            return
        self._journal(before, current)
        applied = "; ".join(f"{c.label} {c.after}" for c in rules.diff(before, current, context))
        self.before, self.context = current, context
        self._check()
        self._status(f"{message} Already applied (journaled): {applied}.")

    async def _changed_meanwhile(self, exc: ChangedMeanwhile) -> None:
        """Nothing was overwritten: say what changed, keep what was typed, offer a reload."""
        gateway = self.app.gateway  # type: ignore[attr-defined]
        before, context = self.before, self.context
        assert before is not None and context is not None
        what = ""
        try:
            current, _ = await gateway.read_settings(self.function.name, self.qualifier)
            changed = rules.diff(before, current, context)
            what = "; ".join(f"{c.label} {c.before} → {c.after}" for c in changed)
        except GatewayError:
            pass
        detail = f" Changed meanwhile: {what}." if what else ""
        self._status(
            f"{exc.message}{detail} Press ^l to read the current values "
            "(you choose whether what you typed stays)."
        )
        self.app.show_error(exc)  # type: ignore[attr-defined]

    def _journal(self, before: Settings, after: Settings) -> None:
        target = self.app.target  # type: ignore[attr-defined]
        try:
            journal.record(target, self.function.name, self.qualifier, before, after)
        except OSError as exc:
            self.notify(f"Applied, but not journaled: {exc}", severity="warning", markup=False)

    def _done(self, before: Settings, after: Settings, read_back: Settings) -> None:
        """Say what the function reads back as now (each changed setting), and hand it back."""
        assert self.context is not None
        changed = rules.diff(before, read_back, self.context)
        summary = "; ".join(f"{c.label} {c.after}" for c in changed) or "no difference"
        text = f"{self.context.label} reads back: {summary}"
        if read_back != after:
            text += " (not everything as requested: refresh to check)"
        severity = "information" if read_back == after else "warning"
        self.notify(one_line(text, 300), title="Settings applied", severity=severity, markup=False)
        # The screen below reloads (its push_screen callback gets the function as it is now).
        self.dismiss(
            replace(self.function, memory_mb=read_back.memory_mb, timeout_s=read_back.timeout_s)
        )


def revert_screen(app: Any, function: FunctionSummary) -> EditScreen | None:
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
