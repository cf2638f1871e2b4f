"""Two deployed packages compared (``d`` in the Code pane): files added, removed and changed,
then the highlighted unified diff of the file under the cursor.

``PickSideScreen`` asks for the other side ($LATEST, a version, an alias: what the function
view lists); ``CompareScreen`` fetches both packages through the cache (the side the pane
showed is usually there already, and two qualifiers on the same code download it once),
compares them file by file in a thread (``code.diff``) and shows each file's diff in a
``CodeViewer`` with pygments' diff lexer. The diff's text comes from the packages: it is made
safe like any file's lines.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...aws.errors import GatewayError
from ...aws.records import FunctionSummary
from ...code.archive import ArchiveError, Package
from ...code.diff import PackageDiff, compare_packages, unified
from ...sanitize import escape_markup, one_line
from ...sizes import format_size
from ...store.code_fetch import package_path
from ..bindings import DIFF_BINDINGS, DIFF_PICK_BINDINGS
from ..render.values import problem_line
from ..screens.base import AppScreen
from ..widgets.footer import KeyFooter
from .highlight import diff_lexer
from .viewer import CodeViewer

LATEST = "$LATEST"
#: How each kind of change is marked in the list of files.
MARKS = {"changed": "M", "added": "A", "removed": "D"}


class PickSideScreen(ModalScreen[str | None]):
    """Which qualifier to compare ``this`` with; dismisses with it, or None."""

    BINDINGS = DIFF_PICK_BINDINGS

    def __init__(self, this: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.this, self.choices = this, list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-body") as box:
            box.border_title = escape_markup(f"Compare {one_line(self.this)} with")
            box.border_subtitle = "enter pick · esc cancel"
            options = []
            for qualifier, about in self.choices:
                label = Text(f"{one_line(qualifier):<12}", style="bold")
                label.append(f" {one_line(about)}" if about else "")
                options.append(Option(label, id=qualifier))
            yield OptionList(*options, id="pick-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class CompareScreen(AppScreen[None]):
    """``function``'s package at ``old`` against the one at ``new`` (see the module
    docstring)."""

    BINDINGS = DIFF_BINDINGS
    AUTO_FOCUS = "#diff-files"

    def __init__(self, function: FunctionSummary, *, old: str, new: str) -> None:
        super().__init__()
        self.function, self.old, self.new = function, old, new
        self.packages: list[Package] = []
        self.diff: PackageDiff | None = None
        self.status = "loading…"

    def compose(self) -> ComposeResult:
        title = f"λ {one_line(self.function.name)} │ compare {one_line(self.old)} → "
        yield Static(Text(title + one_line(self.new), style="bold"), id="diff-header")
        yield Static("", id="diff-status", markup=False)
        yield OptionList(id="diff-files")
        yield CodeViewer(id="diff-view")
        yield KeyFooter(show_command_palette=False)

    @property
    def viewer(self) -> CodeViewer:
        return self.query_one(CodeViewer)

    def on_mount(self) -> None:
        self._say("loading both packages… (lambda:GetFunction)")
        self._load()

    def on_unmount(self) -> None:
        for package in self.packages:
            package.close()

    def _say(self, text: str) -> None:
        self.status = text
        self.query_one("#diff-status", Static).update(Text(one_line(text), no_wrap=True))

    @work(exclusive=True, group="compare", name="compare packages", exit_on_error=False)
    async def _load(self) -> None:
        try:
            old = await self._package(self.old)
            self.packages.append(old)
            new = await self._package(self.new)
            self.packages.append(new)
            diff = await asyncio.to_thread(compare_packages, old, new)
        except (GatewayError, ArchiveError, OSError) as exc:
            self._say(f"Comparing failed: {problem_line(exc)}")
            return
        self.diff = diff
        self._show(diff)

    async def _package(self, qualifier: str) -> Package:
        gateway = self.app.gateway
        info = await gateway.function_code(
            self.function.name, "" if qualifier == LATEST else qualifier
        )
        if info.is_image:
            raise ArchiveError(f"{qualifier} is a container image: there are no files to compare.")

        def progress(done: int, total: int) -> None:
            share = f" {100 * done // total}%" if total else ""
            self._say(f"downloading {qualifier} ({format_size(total)}){share}")

        path, _ = await package_path(
            gateway, self.app.code_cache, info.location, info.sha256, info.size, progress
        )
        return await asyncio.to_thread(Package, path)

    def _show(self, diff: PackageDiff) -> None:
        if diff.identical:
            self._say(f"The same code: {diff.same:,} files, none differ.")
            self.viewer.show_message(f"{self.old} and {self.new} deploy the same files.")
            return
        self._say(
            f"{len(diff.changed)} changed · {len(diff.added)} added · "
            f"{len(diff.removed)} removed · {diff.same:,} the same"
        )
        files = self.query_one(OptionList)
        rows = sorted(
            [(name, "changed") for name in diff.changed]
            + [(name, "added") for name in diff.added]
            + [(name, "removed") for name in diff.removed]
        )
        for name, how in rows:
            label = Text(f"{MARKS[how]} ", style="bold")
            label.append(one_line(name))
            files.add_option(Option(label, id=f"{how}:{name}"))
        files.highlighted = 0

    @on(OptionList.OptionHighlighted, "#diff-files")
    def _file_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and len(self.packages) == 2:
            how, _, name = event.option.id.partition(":")
            old, new = self.packages
            lines = partial(
                unified, None if how == "added" else old, None if how == "removed" else new, name
            )
            self.run_worker(
                partial(self._diff_lines, lines, name),
                thread=True,
                group="diff-file",
                exclusive=True,
                exit_on_error=False,
            )

    def _diff_lines(self, make: partial[list[str]], name: str) -> None:
        lines = make()

        def fetch(start: int, count: int) -> list[str]:
            return lines[start : start + count]

        self.app.call_from_thread(self.viewer.show_lines, one_line(name), fetch, diff_lexer())

    @on(OptionList.OptionSelected, "#diff-files")
    def _file_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.viewer.focus()

    @on(CodeViewer.Leave)
    def _leave(self, event: CodeViewer.Leave) -> None:
        event.stop()
        self.query_one(OptionList).focus()

    def action_close(self) -> None:
        self.app.pop_screen()
