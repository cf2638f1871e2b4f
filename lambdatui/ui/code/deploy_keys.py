"""The Code pane's ``D`` (deploy) and ``U`` (undo the last deploy), kept out of ``pane.py``.

Both are refused at once in read-only mode, naming the mode and the way out (the gateway would
refuse them anyway, before anything is sent). ``D`` opens ``DeployScreen``; once it deployed,
the pane reads the function again and shows the new code. ``U`` asks ``store.code_undo`` for a
plan; when the deploy cannot be undone (nothing journaled, someone deployed since, the package
from before not in the local cache) the plan's sentence is said; otherwise the redeploy is
shown and confirmed like a deploy, then sent with the RevisionId the plan read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.widget import Widget

from ...aws import settings as rules
from ...aws.errors import ChangedMeanwhile, GatewayError, ReadOnlyRefused
from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ...store.code_undo import UndoPlan, apply_undo, plan_undo
from ..context import OnLambdaTUI
from ..edit.confirm import production_names, production_pattern
from .deploy_confirm import ConfirmDeployScreen
from .deploy_screen import DeployScreen, deployed_words

if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


class DeploysCode(OnLambdaTUI, _Base):
    """Mixed into the Code pane: its deploy and undo keys (see the module docstring)."""

    if TYPE_CHECKING:  # the pane's
        function: FunctionSummary | None

        def refresh_now(self) -> None: ...

        def show_doing(self, text: str) -> None: ...

    def _writable(self, what: str) -> FunctionSummary | None:
        """The function shown, when ``what`` may be done to it; else None, said."""
        if self.function is None:
            self.notify("No function is shown", markup=False)
            return None
        if self.app.target.read_only:
            self.notify(
                f"Read-only mode: deploys are off, so {what} is not offered. "
                f"{self.app.read_only_way_out()}",
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return None
        return self.function

    def action_deploy(self) -> None:
        function = self._writable("deploying")
        if function is not None:
            self.app.push_screen(DeployScreen(function), self._after_deploy)

    def _after_deploy(self, deployed: bool | None) -> None:
        if deployed:
            self.refresh_now()

    def action_undo_deploy(self) -> None:
        function = self._writable("undoing a deploy")
        if function is not None:
            self._plan_undo(function)

    @work(exclusive=True, group="code-undo", name="plan undo", exit_on_error=False)
    async def _plan_undo(self, function: FunctionSummary) -> None:
        app = self.app
        try:
            plan = await plan_undo(app.gateway, app.target, function.name, app.code_cache)
        except GatewayError as exc:
            app.show_error(exc)
            return
        except OSError as exc:
            self.notify(
                one_line(f"Could not read the change journal: {exc}"),
                severity="error",
                markup=False,
            )
            return
        if not plan.possible or plan.deploy is None or plan.current is None:
            self.notify(
                one_line(plan.problem, 400),
                title="Not undone",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        rows = [
            ("Undo", f"the deploy of {plan.deploy.time}"),
            ("Redeploy", plan.deploy.before_sha256),
            ("From", "the local package cache"),
            ("Over", f"{plan.current.sha256} ({plan.current.size:,} bytes)"),
            ("RevisionId", plan.current.revision_id),
        ]
        production = rules.is_production(
            production_names(app, function.arn), production_pattern(app)
        )
        confirm = ConfirmDeployScreen(
            function.name,
            f"Undo the last deploy to {function.name}?",
            rows,
            production=production,
            read_only=app.target.read_only,
        )

        def answered(ok: bool | None) -> None:
            if ok:
                self._undo(plan)

        app.push_screen(confirm, answered)

    @work(exclusive=True, group="code-undo", name="undo deploy", exit_on_error=False)
    async def _undo(self, plan: UndoPlan) -> None:
        app = self.app
        self.show_doing("undoing the deploy…")
        try:
            deployed, note = await apply_undo(app.gateway, app.target, plan, self.show_doing)
        except (ChangedMeanwhile, ReadOnlyRefused, GatewayError) as exc:
            self.show_doing("")
            app.show_error(exc)
            return
        except OSError as exc:  # the cached package could not be read
            self.show_doing("")
            self.notify(one_line(f"Not undone: {exc}"), severity="error", markup=False)
            return
        if note:
            self.notify(one_line(note), severity="warning", markup=False)
        self.notify(deployed_words(deployed), title="Deploy undone", markup=False)
        self.refresh_now()
