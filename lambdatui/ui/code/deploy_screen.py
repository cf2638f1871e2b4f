"""Deploy a local folder or ``.zip`` as a function's code (``D`` in the Code pane).

The path is typed (``~`` expanded); enter packs it in a thread (``code.source``: the same
package, exclusions and refusals as ``lambdatui deploy``) and shows the preview: size and
SHA-256 over the deployed package's, the RevisionId the deploy will go with, and the files
added, removed and changed (compared in a thread against the deployed package, which the pane
has usually cached already). A bad path or package is said under the field and the field keeps
what was typed. ``ctrl+s`` shows the confirmation (the name typed on a production account);
the deploy then runs in a worker, its LastUpdateStatus shown as Lambda reports it, and once it
went through the package is cached and the deploy journaled (``store.code_deploy``, as the twin
does), and the screen closes with True so the pane shows the new code.

The deploy is sent with the RevisionId read when the screen opened (or reread after a refusal):
someone else's change in between is refused by Lambda, said here, and nothing is deployed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...aws import settings as rules
from ...aws.code import CodeInfo, Deployed
from ...aws.errors import ChangedMeanwhile, GatewayError, ReadOnlyRefused
from ...aws.records import FunctionSummary
from ...code.archive import ArchiveError, Package
from ...code.diff import PackageDiff, compare_packages
from ...code.source import Source, load_source
from ...sanitize import one_line
from ...sizes import format_size
from ...store.code_deploy import remember_deploy
from ...store.code_fetch import package_path
from ..bindings import DEPLOY_BINDINGS, key_hint
from ..edit.confirm import production_names, production_pattern
from ..render.values import problem_line
from ..screens.base import AppScreen, after_typing
from ..widgets.footer import KeyFooter
from ..widgets.status import target_text
from .deploy_confirm import ConfirmDeployScreen
from .diff_screen import MARKS


@dataclass(frozen=True, slots=True)
class Preview:
    """A package packed from ``path``, compared with the code read as ``current``."""

    path: str
    source: Source
    current: CodeInfo
    #: None when the deployed package could not be read (``unread`` says why).
    diff: PackageDiff | None
    unread: str = ""


class DeployScreen(AppScreen[bool]):
    """See the module docstring; dismisses with True once something was deployed."""

    BINDINGS = DEPLOY_BINDINGS
    AUTO_FOCUS = "#deploy-path"

    def __init__(self, function: FunctionSummary) -> None:
        super().__init__()
        self.function = function
        self.current: CodeInfo | None = None
        self.current_path: Path | None = None
        #: Why the deployed package could not be read (the deploy goes on without a diff).
        self.unread = ""
        self.preview: Preview | None = None
        self.deploying = False
        #: Why the preview was read again (someone else's change), said with it once.
        self.note = ""
        #: Publish a version of the deployed code too (``ctrl+t``).
        self.publish = False
        self.production = rules.is_production(
            production_names(self.app, function.arn), production_pattern(self.app)
        )

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="deploy-header", markup=False)
        yield Label("Folder or .zip to deploy as $LATEST's code:", id="deploy-label")
        yield Input(placeholder="~/src/my-function", id="deploy-path")
        yield Static("", id="deploy-error", markup=False)
        yield Static("", id="deploy-publish", markup=False)
        yield Static("", id="deploy-preview", markup=False)
        yield OptionList(id="deploy-files")
        yield Static("", id="deploy-status", markup=False)
        yield KeyFooter(show_command_palette=False)

    def _header(self) -> Text:
        header = Text(
            f"Deploy · λ {one_line(self.function.name)}\n",
            style="bold",
            no_wrap=True,
            overflow="ellipsis",
        )
        app = self.app
        header.append_text(target_text(app.target, app.account, demo=app.demo))
        return header

    def show_target(self) -> None:
        self.query_one("#deploy-header", Static).update(self._header())

    def on_mount(self) -> None:
        self.query_one("#deploy-files", OptionList).display = False
        self._error("")
        self._show_publish()
        self._status(f"enter previews the package · {key_hint(self, 'deploy.close')} closes")
        self.read_current()

    # -- words ------------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.query_one("#deploy-status", Static).update(one_line(text))

    def _error(self, text: str) -> None:
        widget = self.query_one("#deploy-error", Static)
        widget.update(one_line(text))
        widget.display = bool(text)

    # -- what is deployed -------------------------------------------------------------------

    @work(exclusive=True, group="deploy-current", name="GetFunction", exit_on_error=False)
    async def read_current(self, then_preview: bool = False) -> None:
        """The deployed code (its RevisionId is what the deploy goes with) and its package.
        A package that cannot be read (an endpoint that does not serve its code links, such
        as plain moto; a full disk) leaves the preview without its file list, saying why."""
        gateway = self.app.gateway
        try:
            info = await gateway.function_code(self.function.name)
        except GatewayError as exc:
            self._status(f"Reading the deployed code failed: {problem_line(exc)}")
            return
        if info.is_image:
            self._error(
                f"{one_line(self.function.name)} runs a container image: deploy a new image "
                "instead (lambdatui deploys zip packages)."
            )
            return
        path: Path | None = None
        unread = ""
        try:
            path, _ = await package_path(
                gateway, self.app.code_cache, info.location, info.sha256, info.size, _quiet
            )
        except (GatewayError, OSError) as exc:
            unread = problem_line(exc)
        self.current, self.current_path, self.unread = info, path, unread
        if then_preview or self.preview is not None:
            self._preview(self.query_one("#deploy-path", Input).value)

    # -- the preview ------------------------------------------------------------------------

    @on(Input.Submitted, "#deploy-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._preview(event.value)

    @on(Input.Changed, "#deploy-path")
    def _typed(self, event: Input.Changed) -> None:
        if self.preview is not None and event.value != self.preview.path:
            self._status("The path changed: enter previews it.")

    @work(exclusive=True, group="deploy-preview", name="pack and compare", exit_on_error=False)
    async def _preview(self, text: str) -> None:
        text = text.strip()
        if not text:
            self._error("Type the path of a folder or a .zip.")
            return
        if self.current is None:
            self._status("Reading the deployed code first…")
            self.read_current(then_preview=True)
            return
        self._error("")
        self._status(f"Packing {one_line(text)}…")
        current, current_path = self.current, self.current_path
        exclude = self.app.config.code_exclude
        diff: PackageDiff | None = None
        try:
            source = await asyncio.to_thread(load_source, text, exclude)
            if current_path is not None:
                diff = await asyncio.to_thread(_compare, current_path, source.data)
        except (ArchiveError, OSError) as exc:
            self.preview = None
            self.query_one("#deploy-preview", Static).update("")
            self.query_one("#deploy-files", OptionList).display = False
            self._error(problem_line(exc))
            self._status("Nothing deployed: fix the path, then enter.")
            return
        self.preview = Preview(text, source, current, diff, self.unread)
        self._show(self.preview)

    def _show(self, preview: Preview) -> None:
        source, current, diff = preview.source, preview.current, preview.diff
        # Wrapped only when it says why the files were not compared (a sentence, not a row).
        lines = Text(no_wrap=diff is not None, overflow="ellipsis")
        lines.append(f"Package   {format_size(source.size):>10}  sha256 {source.sha256}\n")
        lines.append(f"Deployed  {format_size(current.size):>10}  sha256 {current.sha256}\n")
        lines.append(f"From {source.origin}\n")
        lines.append(f"Deploys over RevisionId {_revision(current)}\n")
        if source.packed is not None and source.packed.skipped:
            lines.append(f"{len(source.packed.skipped)} left out (links out of the folder)\n")
        if diff is None:
            lines.append("Files not compared: the deployed package could not be read\n", "bold")
            lines.append(preview.unread)
        elif diff.identical:
            lines.append(f"No file differs ({diff.same:,} the same)", "bold")
        else:
            lines.append(
                f"{len(diff.changed)} changed · {len(diff.added)} added · "
                f"{len(diff.removed)} removed · {diff.same:,} the same",
                "bold",
            )
        self.query_one("#deploy-preview", Static).update(lines)
        files = self.query_one("#deploy-files", OptionList)
        files.clear_options()
        rows = sorted(
            [(name, "changed") for name in diff.changed]
            + [(name, "added") for name in diff.added]
            + [(name, "removed") for name in diff.removed]
            if diff is not None
            else []
        )
        for name, how in rows:
            label = Text(f"{MARKS[how]} ", style="bold")
            label.append(one_line(name))
            files.add_option(Option(label))
        files.display = bool(rows)
        if source.sha256 == current.sha256:
            self._status("This package is deployed already: nothing to do.")
        else:
            self._status(f"{self.note}{key_hint(self, 'deploy.review')} deploys (confirmed first)")
        self.note = ""

    # -- deploying --------------------------------------------------------------------------

    def action_toggle_publish(self) -> None:
        self.publish = not self.publish
        self._show_publish()

    def _show_publish(self) -> None:
        words = "yes, a new version" if self.publish else "no, only $LATEST changes"
        toggle = key_hint(self, "deploy.publish")
        self.query_one("#deploy-publish", Static).update(f"Publish: {words} ({toggle} toggles)")

    def action_close(self) -> None:
        if self.deploying:
            self.notify("The deploy is being applied; wait for it to finish", markup=False)
            return
        self.dismiss(False)

    def action_review(self) -> None:
        after_typing(self, self._review)

    def _review(self) -> None:
        preview = self.preview
        typed = self.query_one("#deploy-path", Input).value.strip()
        if self.deploying:
            return
        if preview is None or preview.path != typed:
            self._status("Preview the package first: enter in the path.")
            return
        if preview.source.sha256 == preview.current.sha256:
            self._status("This package is deployed already: nothing to do.")
            return
        publish = self.publish
        diff = preview.diff
        rows = [
            ("Package", f"{preview.source.origin}, {preview.source.size:,} bytes"),
            ("SHA-256", preview.source.sha256),
            ("Over", f"{preview.current.sha256} ({preview.current.size:,} bytes)"),
            (
                "Files",
                "not compared (the deployed package could not be read)"
                if diff is None
                else f"{len(diff.changed)} changed, {len(diff.added)} added, "
                f"{len(diff.removed)} removed",
            ),
            ("RevisionId", _revision(preview.current)),
            ("Publish", "a new version" if publish else "no (only $LATEST changes)"),
        ]
        confirm = ConfirmDeployScreen(
            self.function.name,
            f"Deploy to {self.function.name} $LATEST?",
            rows,
            production=self.production,
            read_only=self.app.target.read_only,
        )

        def answered(ok: bool | None) -> None:
            if ok:
                self.deploy(preview, publish)
            else:
                self._status("Not deployed: the preview is as you left it.")

        self.app.push_screen(confirm, answered)

    @work(exclusive=True, group="deploy-apply", name="UpdateFunctionCode", exit_on_error=False)
    async def deploy(self, preview: Preview, publish: bool) -> None:
        self.deploying = True
        self._status("Deploying…")
        try:
            deployed = await self.app.gateway.deploy_code(
                self.function.name,
                preview.source.data,
                preview.current.revision_id,
                publish,
                previous_sha256=preview.current.sha256,
                on_status=lambda text: self._status(f"Deploying: {text}"),
            )
        except ChangedMeanwhile as exc:
            self.note = (
                f"Not deployed: {problem_line(exc)} The preview is of what is deployed now. "
            )
            self._status(self.note)
            self.app.show_error(exc)
            self.current = self.current_path = None
            self.read_current(then_preview=True)
            return
        except ReadOnlyRefused as exc:
            self._status(f"Not deployed: {problem_line(exc)} {self.app.read_only_way_out()}")
            self.app.show_error(exc)
            return
        except GatewayError as exc:
            self._status(f"Deploy failed: {problem_line(exc)}")
            self.app.show_error(exc)
            return
        finally:
            self.deploying = False
        await self._done(deployed, preview.source.data)

    async def _done(self, deployed: Deployed, data: bytes) -> None:
        cache, target = self.app.code_cache, self.app.target
        problems = await asyncio.to_thread(remember_deploy, cache, target, deployed, data)
        for problem in problems:
            self.notify(one_line(problem), severity="warning", markup=False)
        self.notify(deployed_words(deployed), title="Deployed", markup=False)
        self.dismiss(True)


def deployed_words(deployed: Deployed) -> str:
    """What was deployed, for a notification."""
    published = f"; version {deployed.version} published" if deployed.version else ""
    return one_line(
        f"{deployed.function}: SHA-256 {deployed.sha256} ({format_size(deployed.size)}){published}",
        300,
    )


def _revision(current: CodeInfo) -> str:
    """The RevisionId the deploy goes with, or why there is none to guard it."""
    if current.revision_id:
        return one_line(current.revision_id)
    return "none (the endpoint reports none: a change meanwhile cannot be refused)"


def _compare(current: Path, data: bytes) -> PackageDiff:
    """In a thread: the deployed package (a file in the cache) against the new one."""
    with Package(current) as old, Package(data) as new:
        return compare_packages(old, new)


def _quiet(done: int, total: int) -> None:
    """No progress bar here: the pane usually has the package cached already."""
