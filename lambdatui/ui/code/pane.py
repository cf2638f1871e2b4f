"""The Code pane of the function view (``c``): what is deployed at the qualifier.

A zip package is fetched once (GetFunction for its link, hash and size, then the download with
a progress bar, checked against ``CodeSha256``) into the private cache, so opening it again,
or the same package through another qualifier, needs no download. Its files are a tree
(``CodeTree``) beside a viewer (``CodeViewer``): the highlighted file is shown as the cursor
moves, enter moves into it. The function's layers follow its files; enter on one shows its
details (GetLayerVersionByArn) and fetches its content into the tree the same way. An image
function shows its URI, digest and config instead, and downloads nothing.

Nothing is loaded until the pane is shown. A failure (denied, an expired link, a package that
is not what Lambda described) is said in the pane, naming the action and the next step; the
rest of the view goes on. Packages are opened in a thread: the zip's directory is read from
disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import textwrap
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static, Tree
from textual.widgets.tree import TreeNode

from ...aws.code import CodeInfo, LayerInfo
from ...aws.errors import GatewayError
from ...aws.records import FunctionSummary
from ...code.archive import ArchiveError, Package
from ...sanitize import one_line
from ...sizes import format_size
from ...store.code_fetch import package_path
from ..bindings import CODE_BINDINGS, key_hint
from ..context import OnLambdaTUI
from ..render.values import problem_line
from ..workers import ReportsWorkerFailures
from .deploy_keys import DeploysCode
from .highlight import lexer_for
from .tree import FUNCTION, CodeTree, Node, add_entries
from .viewer import CodeViewer


class CodePane(DeploysCode, OnLambdaTUI, ReportsWorkerFailures, Vertical):
    """See the module docstring."""

    BINDINGS = CODE_BINDINGS

    class CompareAsked(Message):
        """``d``: compare this package with another qualifier's (the view knows them)."""

        def __init__(self, function: FunctionSummary, qualifier: str | None) -> None:
            super().__init__()
            self.function, self.qualifier = function, qualifier

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function: FunctionSummary | None = None
        self.qualifier: str | None = None
        self.info: CodeInfo | None = None
        self.problem = ""
        self.showing = False
        #: Open packages by source: the function's ("") and each layer's (its ARN).
        self.packages: dict[str, Package] = {}
        self.paths: dict[str, Path] = {}
        self.layer_infos: dict[str, LayerInfo] = {}
        self._loaded_for: tuple[str, str | None] | None = None
        self._from_cache = False
        #: Packages downloaded (not served by the cache), for tests and the status line.
        self.downloads = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="code-status", markup=False)
        yield ProgressBar(id="code-progress", show_eta=False)
        with Horizontal(id="code-body"):
            yield CodeTree(id="code-tree")
            yield CodeViewer(id="code-viewer")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self._render_status()

    @property
    def file_tree(self) -> CodeTree:
        return self.query_one(CodeTree)

    @property
    def viewer(self) -> CodeViewer:
        return self.query_one(CodeViewer)

    # -- what to show ----------------------------------------------------------------------

    def set_target(self, function: FunctionSummary, qualifier: str | None) -> None:
        """Show ``function``'s code at ``qualifier`` (None: $LATEST)."""
        if (function.name, qualifier) != self._asked():
            self._forget()
        self.function, self.qualifier = function, qualifier
        if self.showing:
            self.shown()

    def _asked(self) -> tuple[str, str | None]:
        return (self.function.name if self.function else "", self.qualifier)

    def _forget(self) -> None:
        self.info, self.problem, self._loaded_for = None, "", None
        self.layer_infos = {}
        for package in self.packages.values():
            package.close()
        self.packages, self.paths = {}, {}
        if self.is_mounted:
            self.workers.cancel_group(self, "code")
            self.file_tree.clear()
            self.viewer.show_message("")
            self.query_one(ProgressBar).display = False
            self._render_status()

    def shown(self) -> None:
        """The pane is on screen: load what it shows, unless it is loaded already."""
        self.showing = True
        if self.function is not None and self._loaded_for != self._asked():
            self._loaded_for = self._asked()
            self._load()

    def hidden(self) -> None:
        self.showing = False

    def refresh_now(self) -> None:
        """Ask again (``r``): a new link; a package already kept is still not downloaded."""
        self._forget()
        if self.showing:
            self.shown()

    def show_doing(self, text: str) -> None:
        """Say what is being done (an undo's LastUpdateStatus) in the status line."""
        self._render_status(text)

    def on_unmount(self) -> None:
        for package in self.packages.values():
            package.close()

    # -- loading ---------------------------------------------------------------------------

    @work(exclusive=True, group="code", name="GetFunction", exit_on_error=False)
    async def _load(self) -> None:
        function, qualifier = self.function, self.qualifier
        if function is None:
            return
        self.problem = ""
        self._render_status("loading… (lambda:GetFunction)")
        gateway = self.app.gateway
        try:
            info = await gateway.function_code(function.name, qualifier or "")
        except GatewayError as exc:
            self._fail("Reading the code", exc)
            return
        self.info = info
        if info.is_image:
            self.file_tree.display = False
            self.viewer.show_message(_image_text(info))
            self._render_status()
            return
        self.file_tree.display = True
        path = await self._fetch("Downloading the package", info.location, info.sha256, info.size)
        if path is None:
            return
        package = await self._open("Opening the package", path)
        if package is None:
            return
        self.packages[FUNCTION], self.paths[FUNCTION] = package, path
        self.file_tree.fill(package.entries)
        for layer in info.layers:
            label = f"{layer.name}:{layer.version}" if layer.name else layer.arn
            self.file_tree.add_layer(f"layer {label}", layer.arn)
        self._render_status()
        self.viewer.show_message(
            f"{_files(len(package.files))}. Move to one to see it; enter goes into it."
        )

    async def _fetch(self, action: str, location: str, sha256: str, size: int) -> Path | None:
        """The package from the cache, or downloaded with the progress bar; None on failure
        (said in the pane)."""
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            bar.display = True
            bar.update(total=total or None, progress=done)

        self._render_status(f"downloading {format_size(size)}…")
        try:
            path, downloaded = await package_path(
                self.app.gateway, self.app.code_cache, location, sha256, size, progress
            )
        except (GatewayError, OSError) as exc:
            bar.display = False
            self._fail(action, exc)
            return None
        bar.display = False
        self.downloads += downloaded
        self._from_cache = not downloaded
        return path

    async def _open(self, action: str, path: Path) -> Package | None:
        try:
            return await asyncio.to_thread(Package, path)
        except (ArchiveError, OSError) as exc:
            self._fail(action, exc)
            return None

    def _fail(self, action: str, exc: Exception) -> None:
        self.problem = f"{action} failed: {problem_line(exc)}"
        self._render_status()
        # The status row cuts the words at the pane's width; the viewer has room for them all.
        width = max(30, self.viewer.size.width - 2)
        lines = textwrap.wrap(self.problem, width, break_on_hyphens=False)
        self.viewer.show_message("\n".join(lines))

    # -- the tree --------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#code-tree")
    def _highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        event.stop()
        node = event.node.data
        if node is None:
            return
        if node.kind == "file":
            self._show_file(node)
        elif node.kind == "layer" and node.name in self.layer_infos:
            self.viewer.show_message(_layer_text(self.layer_infos[node.name]))

    @on(Tree.NodeSelected, "#code-tree")
    def _selected(self, event: Tree.NodeSelected[Node]) -> None:
        event.stop()
        node = event.node.data
        if node is None:
            return
        if node.kind == "file":
            self.viewer.focus()
        elif node.kind == "layer" and node.name not in self.packages:
            self._load_layer(event.node, node.name)

    @on(CodeViewer.Leave)
    def _leave(self, event: CodeViewer.Leave) -> None:
        event.stop()
        self.file_tree.focus()

    def _show_file(self, node: Node) -> None:
        package = self.packages.get(node.source)
        if package is None:
            return
        look = partial(self._look, package, node.name)
        self.run_worker(look, thread=True, group="code-file", exclusive=True, exit_on_error=False)

    def _look(self, package: Package, name: str) -> None:
        """In a thread: what the file is (text or binary, its lexer), then show it."""
        entry = package.entry(name)
        kind = package.kind(name)
        if not kind.is_text:
            text = f"{entry.display}\n{format_size(entry.size)} · {one_line(kind.label)}"
            self.app.call_from_thread(self.viewer.show_message, text)
            return
        first = package.lines(name, 0, 1)
        lexer = lexer_for(name, first[0] if first else "")
        fetch = partial(package.lines, name)
        self.app.call_from_thread(self.viewer.show_lines, entry.display, fetch, lexer)

    @work(exclusive=True, group="code-layer", name="GetLayerVersionByArn", exit_on_error=False)
    async def _load_layer(self, tree_node: TreeNode[Node], arn: str) -> None:
        try:
            layer = await self.app.gateway.layer_info(arn)
        except GatewayError as exc:
            self._fail("Reading the layer", exc)
            return
        self.layer_infos[arn] = layer
        self.viewer.show_message(_layer_text(layer))
        path = await self._fetch("Downloading the layer", layer.location, layer.sha256, layer.size)
        if path is None:
            return
        package = await self._open("Opening the layer", path)
        if package is None:
            return
        self.packages[arn], self.paths[arn] = package, path
        add_entries(tree_node, package.entries, arn)
        tree_node.expand()
        self._render_status()

    # -- keys ------------------------------------------------------------------------------

    def _cursor(self) -> Node | None:
        node = self.file_tree.cursor_node
        return node.data if node is not None else None

    def action_copy_path(self) -> None:
        node = self._cursor()
        if node is None or node.kind == "layer":
            self.notify("Move to a file or folder first", markup=False)
            return
        path = one_line(node.name)
        self.app.copy_to_clipboard(path)
        self.notify(f"Copied path: {one_line(path, 60)}", markup=False)

    def action_compare(self) -> None:
        if self.function is None or self.info is None or self.info.is_image:
            self.notify("Nothing to compare: no zip package is shown", markup=False)
            return
        self.post_message(self.CompareAsked(self.function, self.qualifier))

    def action_save(self) -> None:
        """Save the highlighted file, or the package (on a folder or a layer), to a path."""
        node = self._cursor()
        source = node.source if node is not None else FUNCTION
        if source not in self.paths or self.function is None:
            self.notify("Nothing to save yet", markup=False)
            return
        if node is not None and node.kind == "file":
            what = node.name.replace("\\", "/").rsplit("/", 1)[-1]
            suggested, member = one_line(what), node.name
        else:
            version = self.info.version if self.info else "code"
            label = (
                self.layer_infos[source].name if source in self.layer_infos else self.function.name
            )
            suggested, member = f"{one_line(label)}-{version.strip('$')}.zip", ""
        from ..dialogs.prompt import PromptScreen

        def check(text: str) -> str:
            target = Path(text).expanduser()
            if target.exists():
                return "That path exists: choose another (nothing is overwritten)."
            return "" if target.parent.is_dir() else "No such folder."

        def chosen(text: str | None) -> None:
            if text:
                self._save(source, member, Path(text).expanduser())

        prompt = PromptScreen(
            "Save the file to" if member else "Save the package to",
            str(Path.cwd() / suggested),
            check=check,
        )
        self.app.push_screen(prompt, chosen)

    @work(thread=True, group="code-save", name="save code", exit_on_error=False)
    def _save(self, source: str, member: str, target: Path) -> None:
        try:
            if member:
                package = self.packages[source]
                with target.open("xb") as handle:
                    for chunk in package.chunks(member):
                        handle.write(chunk)
            else:
                with self.paths[source].open("rb") as src, target.open("xb") as handle:
                    shutil.copyfileobj(src, handle)
        except (OSError, ArchiveError) as exc:
            with contextlib.suppress(OSError):
                if target.exists() and target.stat().st_size == 0:
                    target.unlink()
            message = one_line(f"Could not save: {exc}")
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Saved {one_line(str(target))}", markup=False)

    # -- words -----------------------------------------------------------------------------

    def _render_status(self, doing: str = "") -> None:
        if not self.is_mounted:
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        info = self.info
        if info is not None:
            text.append(f"{info.package_type} · version {one_line(info.version)}", "bold")
            if not info.is_image:
                sha = one_line(info.sha256)[:12]
                text.append(f" · {format_size(info.size)} · sha256 {sha}…")
                if FUNCTION in self.paths:
                    text.append(" · from the cache" if self._from_cache else " · downloaded")
        elif not doing and not self.problem:
            text.append("Code: shown when this tab is open")
        if doing:
            text.append(("  " if info else "") + doing)
        if self.problem:
            text.append("\n" + self.problem, "bold")
        elif info is not None and not info.is_image:
            keys = (
                f"{key_hint(self, 'code.compare')} compare · "
                f"{key_hint(self, 'code.save')} save · "
                f"{key_hint(self, 'code.copy-path')} copy path · "
                f"{key_hint(self.viewer, 'code.find')} find in a file"
            )
            text.append("\n" + keys)
        self.query_one("#code-status", Static).update(text)


def _image_text(info: CodeInfo) -> str:
    """An image function's code: what it runs, from where (nothing is pulled)."""
    lines = [
        "Container image (nothing to download: Lambda runs the image)",
        f"Image URI:   {one_line(info.image_uri) or '–'}",
        f"Digest:      {one_line(info.image_digest) or '–'}",
    ]
    config = info.image_config
    own = "(the image's own)"
    command = " ".join(config.command) if config else ""
    entry_point = " ".join(config.entry_point) if config else ""
    lines += [
        f"Command:     {one_line(command) or own}",
        f"Entry point: {one_line(entry_point) or own}",
        f"Working dir: {one_line(config.working_directory if config else '') or own}",
    ]
    if config is not None and config.error:
        lines.append(f"Config error: {one_line(config.error)}")
    return "\n".join(lines)


def _layer_text(layer: LayerInfo) -> str:
    runtimes = ", ".join(one_line(r) for r in layer.compatible_runtimes) or "any"
    lines = [
        f"Layer {one_line(layer.name)} version {layer.version}",
        f"ARN:      {one_line(layer.arn)}",
        f"Size:     {format_size(layer.size)}",
        f"Runtimes: {runtimes}",
    ]
    if layer.description:
        lines.append(f"About:    {one_line(layer.description)}")
    return "\n".join(lines)


def _files(count: int) -> str:
    return f"{count:,} file" if count == 1 else f"{count:,} files"
