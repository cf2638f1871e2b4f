"""The release keys of the function view, mixed into ``FunctionScreen``: publish (`p`) and
delete (`d`) a version in the Versions tab; new (`n`), edit (`e`), delete (`d`) and shift
(`t`) an alias in the Aliases tab; undo the last release (`u`) in both.

Every change is refused at the key in read-only mode (and inside the gateway anyway), shows
current → new and asks (the name typed on production accounts), and is journaled
(``store.release_journal``) so that `u` can offer to undo it. A refusal the gateway would
make (a version an alias routes to, $LATEST) is said before anything is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from ...aws import errors
from ...aws.qualifier_records import AliasRecord, FunctionVersion
from ...aws.records import FunctionSummary
from ...aws.release import check_deletable
from ...sanitize import one_line
from ...store import release_journal as rj
from ..context import OnLambdaTUI
from .confirm import confirm_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from ...aws.code import CodeInfo
    from ...store.release_undo import ReleaseUndoPlan
    from ..widgets.virtual_table import VirtualTable

    _Base = Screen[None]
else:
    _Base = object


def alias_words(alias: AliasRecord | None) -> str:
    """'2 90% / 3 10% “text”' or '(none)': an alias as the confirmations show it."""
    if alias is None:
        return "(none)"
    text = alias.routing_label
    return f"{text} “{alias.description}”" if alias.description else text


class ReleaseActions(OnLambdaTUI, _Base):
    """The keys of the module docstring."""

    if TYPE_CHECKING:  # the screen's
        function: FunctionSummary

        def load_versions(self) -> object: ...

        def load_aliases(self) -> object: ...

    # -- shared ----------------------------------------------------------------------------

    def _table(self, name: str) -> VirtualTable[object]:
        from ..widgets.virtual_table import VirtualTable

        return self.query_one(f"#{name}-table", VirtualTable)

    def versions(self) -> list[FunctionVersion]:
        return [v for v in self._table("versions").rows() if isinstance(v, FunctionVersion)]

    def aliases(self) -> list[AliasRecord]:
        return [a for a in self._table("aliases").rows() if isinstance(a, AliasRecord)]

    def _writable(self, what: str) -> bool:
        """Whether ``what`` may be done: in read-only mode it is refused here, said."""
        if not self.app.target.read_only:
            return True
        self.notify(
            f"Read-only mode: {what} is not offered. {self.app.read_only_way_out()}",
            title="Read-only",
            severity="warning",
            markup=False,
        )
        return False

    def _ask(self, title: str, rows: list[tuple[str, str]], then: Callable[[], object]) -> None:
        def answered(ok: bool | None) -> None:
            if ok:
                then()

        self.app.push_screen(confirm_screen(self.app, self.function, title, rows), answered)

    def _journal(
        self,
        action: str,
        qualifier: str,
        before: AliasRecord | None = None,
        after: AliasRecord | None = None,
    ) -> None:
        try:
            rj.record_release(self.app.target, self.function.name, action, qualifier, before, after)
        except OSError as exc:
            self.notify(one_line(f"Done, but not journaled: {exc}"), severity="warning")

    def _highlighted_alias(self) -> AliasRecord | None:
        """The alias under the cursor; None, said, when the tab has none."""
        alias = self._table("aliases").cursor_row
        if isinstance(alias, AliasRecord):
            return alias
        self.notify("No alias here yet: n creates one.", markup=False)
        return None

    def _failed(self, exc: errors.GatewayError) -> None:
        self.app.show_error(exc)

    # -- publish ---------------------------------------------------------------------------

    def action_publish(self) -> None:
        if self._writable("publishing a version"):
            self._read_latest()

    @work(exclusive=True, group="release", name="GetFunction", exit_on_error=False)
    async def _read_latest(self) -> None:
        try:
            info = await self.app.gateway.function_code(self.function.name)
        except errors.GatewayError as exc:
            self._failed(exc)
            return
        from ..dialogs.prompt import PromptScreen

        note = (
            f"$LATEST as you see it now:\nCodeSha256  {info.sha256}\n"
            f"RevisionId  {info.revision_id or '-'}\nA change meanwhile: nothing is published."
        )

        def described(text: str | None) -> None:
            if text is not None:
                self._confirm_publish(info, text.strip())

        prompt = PromptScreen(
            f"Publish $LATEST of {self.function.name}",
            note=note,
            placeholder="description of the version (optional)",
        )
        self.app.push_screen(prompt, described)

    def _confirm_publish(self, info: CodeInfo, description: str) -> None:
        newest = max((int(v.version) for v in self.versions() if v.version.isdigit()), default=0)
        rows = [
            ("Publish", f"$LATEST → version {newest + 1} (the next number)"),
            ("CodeSha256", info.sha256),
            ("RevisionId", info.revision_id or "-"),
            ("Description", description or "-"),
        ]
        title = f"Publish a version of {self.function.name}?"
        self._ask(title, rows, lambda: self._publish(info, description))

    @work(exclusive=True, group="release", name="PublishVersion", exit_on_error=False)
    async def _publish(self, info: CodeInfo, description: str) -> None:
        shown = False

        def status(line: str) -> None:
            nonlocal shown
            if not shown:  # the version exists: in the list at once
                shown = True
                self.load_versions()
            self.notify(one_line(line), title="Publishing", markup=False, timeout=3)

        try:
            published = await self.app.gateway.publish_version(
                self.function.name, description, info.sha256, info.revision_id, status
            )
        except errors.GatewayError as exc:
            self._failed(exc)
            return
        self.load_versions()
        if not published.new:
            self.notify(
                f"$LATEST is already version {published.version}: nothing published.",
                title="Not published",
                markup=False,
            )
            return
        self._journal(rj.PUBLISH, published.version)
        self.notify(
            f"Version {published.version} of {one_line(self.function.name)} is "
            f"{published.state or 'published'}.",
            title="Published",
            markup=False,
        )

    # -- delete a version ------------------------------------------------------------------

    def action_delete_version(self) -> None:
        version = self._table("versions").cursor_row
        if not isinstance(version, FunctionVersion):
            return
        try:
            check_deletable(self.function.name, version.version, self.aliases())
        except errors.GatewayError as exc:
            hint = f"\n{exc.hint}" if exc.hint else ""
            self.notify(one_line(exc.message, 300) + hint, title="Not deleted", markup=False)
            return
        if not self._writable("deleting a version"):
            return
        rows = [
            ("Delete", f"version {version.version} of {self.function.name}"),
            ("CodeSha256", version.code_sha256),
            ("Description", version.description or "-"),
            ("Undo", "none: a deleted version cannot come back"),
        ]
        title = f"Delete version {version.version}?"
        self._ask(title, rows, lambda: self._delete_version(version.version))

    @work(exclusive=True, group="release", name="DeleteFunction", exit_on_error=False)
    async def _delete_version(self, version: str) -> None:
        try:
            await self.app.gateway.delete_version(self.function.name, version)
        except errors.GatewayError as exc:
            self._failed(exc)
            return
        self._journal(rj.DELETE_VERSION, version)
        self.notify(f"Version {version} deleted.", title="Deleted", markup=False)
        self.load_versions()

    # -- aliases ---------------------------------------------------------------------------

    def action_new_alias(self) -> None:
        if self._writable("creating an alias"):
            self._alias_form(None)

    def action_edit_alias(self) -> None:
        alias = self._highlighted_alias()
        if alias is not None and self._writable("changing an alias"):
            self._alias_form(alias)

    def _alias_form(self, current: AliasRecord | None) -> None:
        from .alias_form import AliasFormScreen

        def filled(wanted: AliasRecord | None) -> None:
            if wanted is None:
                return
            verb = "Create" if current is None else "Change"
            rows = [
                ("Alias", wanted.name),
                ("Routing", f"{alias_words(current)} → {alias_words(wanted)}"),
            ]
            self._ask(
                f"{verb} alias {wanted.name}?", rows, lambda: self._send_alias(current, wanted)
            )

        versions = [v.version for v in self.versions() if v.version.isdigit()]
        names = [a.name for a in self.aliases()]
        self.app.push_screen(AliasFormScreen(current, versions, names), filled)

    @work(exclusive=True, group="release", name="alias", exit_on_error=False)
    async def _send_alias(self, current: AliasRecord | None, wanted: AliasRecord) -> None:
        gateway, name = self.app.gateway, self.function.name
        routing = dict(wanted.additional_weights)
        try:
            if current is None:
                after = await gateway.create_alias(
                    name, wanted.name, wanted.function_version, wanted.description, routing
                )
                action = rj.CREATE_ALIAS
            else:
                after = await gateway.update_alias(
                    name,
                    wanted.name,
                    version=wanted.function_version,
                    description=wanted.description,
                    routing=routing,
                    revision_id=current.revision_id,
                )
                action = rj.UPDATE_ALIAS
        except errors.GatewayError as exc:
            self._failed(exc)
            self.load_aliases()
            return
        self._journal(action, wanted.name, current, after)
        self.notify(
            one_line(f"Alias {after.name} → {alias_words(after)}"), title="Alias", markup=False
        )
        self.load_aliases()

    def action_delete_alias(self) -> None:
        alias = self._highlighted_alias()
        if alias is None or not self._writable("deleting an alias"):
            return
        rows = [("Alias", alias.name), ("Routing", f"{alias_words(alias)} → (deleted)")]
        self._ask(f"Delete alias {alias.name}?", rows, lambda: self._delete_alias(alias))

    @work(exclusive=True, group="release", name="DeleteAlias", exit_on_error=False)
    async def _delete_alias(self, alias: AliasRecord) -> None:
        try:
            await self.app.gateway.delete_alias(self.function.name, alias.name)
        except errors.GatewayError as exc:
            self._failed(exc)
            return
        self._journal(rj.DELETE_ALIAS, alias.name, alias, None)
        self.notify(f"Alias {one_line(alias.name)} deleted.", title="Deleted", markup=False)
        self.load_aliases()

    # -- undo ------------------------------------------------------------------------------

    def action_undo_release(self) -> None:
        if self._writable("undoing a release"):
            self._plan_undo()

    @work(exclusive=True, group="release", name="undo release", exit_on_error=False)
    async def _plan_undo(self) -> None:
        from ...store.release_undo import plan_release_undo

        try:
            plan = await plan_release_undo(self.app.gateway, self.app.target, self.function.name)
        except errors.GatewayError as exc:
            self._failed(exc)
            return
        if not plan.possible or plan.release is None:
            self.notify(one_line(plan.problem, 400), title="Not undone", markup=False, timeout=10)
            return
        release = plan.release
        rows = [
            ("Undo", f"{release.action} of {release.qualifier} at {release.time}"),
            ("Change", plan.summary),
        ]
        self._ask("Undo the last release?", rows, lambda: self._undo(plan))

    @work(exclusive=True, group="release", name="undo release", exit_on_error=False)
    async def _undo(self, plan: ReleaseUndoPlan) -> None:
        from ...store.release_undo import apply_release_undo

        try:
            _, note = await apply_release_undo(self.app.gateway, self.app.target, plan)
        except errors.GatewayError as exc:
            self._failed(exc)
            return
        if note:
            self.notify(one_line(note), severity="warning", markup=False)
        self.notify(one_line(f"Undone: {plan.summary}"), title="Undone", markup=False)
        self.load_versions()
        self.load_aliases()

    # -- shift -----------------------------------------------------------------------------

    def action_shift(self) -> None:
        alias = self._highlighted_alias()
        if alias is None:
            return
        from .runner import runner_of

        running = runner_of(self.app).find(self.function.name, alias.name)
        if running is not None:
            from .shift_pane import ShiftScreen

            self.app.push_screen(ShiftScreen(running))
            return
        if not self._writable("shifting traffic"):
            return
        from .shift_form import ShiftFormScreen

        versions = [v.version for v in self.versions() if v.version.isdigit()]
        self.app.push_screen(ShiftFormScreen(self.function, alias, versions))
