"""The alias form: a new alias (name, version, description, an optional second version and
its weight), or an existing one retargeted, described or routed differently. What is typed is
checked as it is typed (``aws.release.check_routing``, Lambda's own rules), so the review only
opens on an alias Lambda would take."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...aws import errors
from ...aws.qualifier_records import AliasRecord
from ...aws.release import check_routing
from ...sanitize import clean, escape_markup, one_line
from ..bindings import RELEASE_FORM_BINDINGS, hint
from ..screens.base import after_typing
from ..widgets.footer import KeyFooter

FIELDS = (
    ("name", "Alias name"),
    ("version", "Version"),
    ("description", "Description"),
    ("extra", "+ version"),
    ("weight", "+ weight (%)"),
)


def read_alias(
    values: dict[str, str], current: AliasRecord | None, taken: list[str]
) -> AliasRecord | str:
    """The alias the form's ``values`` describe, or why Lambda would not take it (one line)."""
    name = values["name"].strip()
    version = values["version"].strip()
    if not name:
        return "Give the alias a name."
    if current is None and name in taken:
        return f"Alias {name} exists already: edit it (e) instead."
    if not version:
        return "Give the version the alias points at."
    routing: dict[str, float] = {}
    extra = values["extra"].strip()
    if extra:
        text = values["weight"].strip().removesuffix("%").strip()
        try:
            routing = {extra: float(text) / 100}
        except ValueError:
            return f"The weight of version {extra} is a percentage (10 for 10%)."
    try:
        check_routing(name, version, routing)
    except errors.GatewayError as exc:
        return exc.message
    return AliasRecord(
        name=name,
        function_version=version,
        description=values["description"].strip(),
        arn="",
        additional_weights=tuple(routing.items()),
        revision_id=current.revision_id if current else "",
    )


class AliasFormScreen(ModalScreen[AliasRecord | None]):
    """Fills into the alias wanted; None when cancelled."""

    BINDINGS = RELEASE_FORM_BINDINGS

    def __init__(self, current: AliasRecord | None, versions: list[str], taken: list[str]) -> None:
        super().__init__()
        self.current, self.versions, self.taken = current, versions, taken

    def _start(self) -> dict[str, str]:
        alias = self.current
        if alias is None:
            newest = self.versions[-1] if self.versions else ""
            return {"name": "", "version": newest, "description": "", "extra": "", "weight": ""}
        extra, weight = alias.additional_weights[0] if alias.additional_weights else ("", 0.0)
        return {
            "name": alias.name,
            "version": alias.function_version,
            "description": alias.description,
            "extra": extra,
            "weight": f"{weight * 100:g}" if extra else "",
        }

    def compose(self) -> ComposeResult:
        start = self._start()
        with Vertical(id="alias-form") as box:
            title = "New alias" if self.current is None else f"Alias {self.current.name}"
            box.border_title = escape_markup(one_line(title))
            box.border_subtitle = hint(
                self, ("release.form-review", "review"), ("release.form-cancel", "cancel")
            )
            for field, label in FIELDS:
                yield Label(label, classes="alias-label")
                field_input = Input(one_line(start[field]), id=f"alias-{field}")
                field_input.disabled = field == "name" and self.current is not None
                yield field_input
            known = ", ".join(self.versions[-8:]) or "none yet: publish one (p in Versions)"
            yield Static(clean(f"Versions: {known}"), id="alias-versions", markup=False)
            yield Static("", id="alias-error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        first = "version" if self.current is not None else "name"
        self.query_one(f"#alias-{first}", Input).focus()
        self._check()

    def values(self) -> dict[str, str]:
        return {field: self.query_one(f"#alias-{field}", Input).value for field, _ in FIELDS}

    @on(Input.Changed)
    def _check(self) -> AliasRecord | None:
        wanted = read_alias(self.values(), self.current, self.taken)
        problem = wanted if isinstance(wanted, str) else ""
        self.query_one("#alias-error", Static).update(one_line(problem, 200))
        return None if isinstance(wanted, str) else wanted

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_review()

    def action_review(self) -> None:
        after_typing(self, self._review)

    def _review(self) -> None:
        wanted = self._check()
        if wanted is None:
            return
        current = self.current
        if current is not None and (
            current.function_version,
            current.description,
            current.additional_weights,
        ) == (wanted.function_version, wanted.description, wanted.additional_weights):
            self.query_one("#alias-error", Static).update("Nothing to change.")
            return
        self.dismiss(wanted)

    def action_cancel(self) -> None:
        self.dismiss(None)
