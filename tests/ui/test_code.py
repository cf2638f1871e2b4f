"""User stories of the Code pane (`c` in a function's view) and the comparison (`d`), on the
faithful local account: it serves GetFunction's Code.Location for real, so every package here
is downloaded, checked against CodeSha256 and cached as it would be from AWS."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest
from textual.widgets import OptionList, ProgressBar

from lambdatui.demo import catalog
from lambdatui.sizes import format_size
from lambdatui.ui.code.diff_screen import CompareScreen, PickSideScreen
from lambdatui.ui.code.pane import CodePane
from lambdatui.ui.code.viewer import CodeViewer
from lambdatui.ui.screens.function import FunctionScreen
from tests.invoke_functions import make_function
from tests.ui.helpers import make_app, press_id, screen_text, settle, wait_until
from tests.wire import delayed_proxy

HANDLER = "orders_api.py"


@pytest.fixture
def demo(shared_demo: Any) -> Any:
    """The seeded demo, shared by this module's tests that only read it."""
    return shared_demo


async def _open_code(pilot: Any, name: str) -> CodePane:
    """From the list: the function's view, then `c`; the pane once it has loaded."""
    await settle(pilot)
    pilot.app.screen.table.move_cursor_to_key(name)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)
    await press_id(pilot, "function.tab-code")
    await settle(pilot)
    pane = pilot.app.screen.query_one(CodePane)
    assert pane.showing
    return pane


async def _go_to(pilot: Any, pane: CodePane, label: str) -> None:
    """Move down the tree (as a user would) until the file ``label`` is highlighted."""
    for _ in range(20):
        node = pane.file_tree.cursor_node
        if node is not None and node.label.plain == label:
            await settle(pilot)
            return
        await pilot.press("down")
    raise AssertionError(f"{label} is not in the tree:\n{screen_text(pilot.app)}")


@pytest.mark.slow
async def test_c_downloads_the_package_with_a_progress_bar_and_shows_its_files(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    updates: list[tuple[float | None, float | None]] = []
    original = ProgressBar.update

    def record(self: ProgressBar, **kw: Any) -> None:
        if self.id == "code-progress" and kw.get("total") is not None:
            updates.append((kw.get("total"), kw.get("progress")))
        original(self, **kw)

    monkeypatch.setattr(ProgressBar, "update", record)
    size = len(catalog.orders_release_package())
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "orders-api")
        assert updates[0] == (size, 0)  # the size is known before the first byte
        assert updates[-1] == (size, size)
        assert pane.downloads == 1
        assert not pane.query_one(ProgressBar).display  # gone once the package is in
        text = screen_text(app)
        assert "Zip · version $LATEST" in text and "downloaded" in text
        assert HANDLER in text and "shared.py" in text
        assert len(app.code_cache.packages()) == 1


@pytest.mark.slow
async def test_a_file_shows_highlighted_numbered_lines_and_slash_finds_a_line(demo: Any) -> None:
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "orders-api")
        await _go_to(pilot, pane, HANDLER)
        viewer = pane.viewer
        await wait_until(pilot, lambda: viewer.line(0) is not None)
        first = viewer.line(0)
        assert first is not None and first.plain.startswith('"""orders-api:')
        assert first.spans, "the docstring is highlighted (pygments, by the file's name)"
        assert ' 1 │ """orders-api:' in screen_text(app)

        await pilot.press("enter")  # into the file
        assert viewer.has_focus
        await press_id(pilot, "code.find")
        await pilot.press(*"TAX_RATE", "enter")
        await settle(pilot)
        source = catalog.orders_release_package()  # what $LATEST runs
        lines = _member(source, HANDLER).splitlines()
        found = [i for i, line in enumerate(lines) if "TAX_RATE" in line]
        assert viewer.match_line == found[0]
        assert f"{found[0] + 1} │ TAX_RATE" in screen_text(app)
        await press_id(pilot, "code.find-next")
        await settle(pilot)
        assert viewer.match_line == found[1]
        assert f"{found[1] + 1} │ {lines[found[1]][:24]}" in screen_text(app)
        await press_id(pilot, "code.files")  # escape: back to the tree, not out of the view
        assert pane.file_tree.has_focus and isinstance(app.screen, FunctionScreen)


@pytest.mark.slow
async def test_a_binary_file_shows_its_size_and_type(demo: Any) -> None:
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "pdf-renderer")
        await _go_to(pilot, pane, "bootstrap")
        await wait_until(pilot, lambda: "binary" in pane.viewer.message)
        size = format_size(pane.packages[""].entry("bootstrap").size)
        assert pane.viewer.message.splitlines() == ["bootstrap", f"{size} · binary data"]
        assert f"{size} · binary data" in screen_text(app)


@pytest.mark.slow
async def test_opening_the_same_code_again_is_served_by_the_cache(demo: Any) -> None:
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "orders-api")
        assert pane.downloads == 1 and len(app.code_cache.packages()) == 1
    # Another run of the app: the package is kept by its hash, nothing is downloaded.
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "orders-api")
        assert pane.downloads == 0
        assert "from the cache" in screen_text(app) and HANDLER in screen_text(app)
        # staging (version 4) deploys what $LATEST does: the same package, by its hash
        await press_id(pilot, "function.tab-aliases")
        await settle(pilot)
        app.screen.query_one("#aliases-table").move_cursor_to_key("staging")
        await press_id(pilot, "function.qualifier")
        await press_id(pilot, "function.tab-code")
        await settle(pilot)
        assert pane.info is not None and pane.info.version == "4"
        assert pane.downloads == 0 and len(app.code_cache.packages()) == 1
        assert HANDLER in screen_text(app)


def _member(package: bytes, name: str) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read(name).decode()


@pytest.mark.slow
async def test_an_expired_link_is_said_in_the_pane_with_what_to_do(account: Any) -> None:
    make_function(account, "shop")
    account.knobs.code_url_seconds = -1  # every link has expired by the time it is used
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "shop")
        assert pane.problem.startswith("Downloading the package failed: ")
        assert "HTTP 403" in pane.problem and "Refresh (r)" in pane.problem
        assert "Downloading the package failed" in screen_text(app)
        assert not pane.packages and not app.code_cache.packages()
        account.knobs.code_url_seconds = 600
        await press_id(pilot, "function.refresh")  # a new link
        await settle(pilot)
        assert not pane.problem and pane.downloads == 1
        assert "app.py" in screen_text(app)


@pytest.mark.slow
async def test_a_package_that_is_not_what_lambda_described_is_not_shown(account: Any) -> None:
    make_function(account, "shop")
    other = base64.b64encode(hashlib.sha256(b"something else").digest()).decode()

    def rewrite(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if "Code" in body and "Configuration" in body:  # GetFunction
            body["Configuration"]["CodeSha256"] = other
        return body

    with delayed_proxy(account.endpoint_url, rewrite=rewrite) as (url, _):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(80, 24)) as pilot:
            pane = await _open_code(pilot, "shop")
            assert "Package mismatch" in pane.problem or "SHA-256" in pane.problem
            assert f"not the {other} Lambda reported" in pane.problem
            assert not pane.packages and not app.code_cache.packages()
            assert "app.py" not in screen_text(app)


@pytest.mark.slow
async def test_an_image_function_shows_its_uri_and_config_and_downloads_nothing(
    demo: Any,
) -> None:
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "ml-recommendations")
        text = screen_text(app)
        assert "Image · version $LATEST" in text
        assert f"Image URI:   {catalog.IMAGE_URI}" in pane.viewer.message
        assert "Command:" in pane.viewer.message and "Working dir:" in pane.viewer.message
        assert "Container image" in text and "Image URI:" in text
        assert pane.downloads == 0 and not app.code_cache.packages()


@pytest.mark.slow
async def test_compare_latest_with_live_shows_the_changed_file_and_line(demo: Any) -> None:
    old_line, new_line = (line.decode() for line in catalog.ORDERS_RELEASE_CHANGE)
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_code(pilot, "orders-api")
        await press_id(pilot, "code.compare")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickSideScreen)
        options = picker.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["1", "2", "3", "4", "live", "staging"]
        while options.highlighted is not None and ids[options.highlighted] != "live":
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and (screen.old, screen.new) == ("live", "$LATEST")
        viewer = screen.query_one(CodeViewer)
        await wait_until(pilot, lambda: viewer.line(0) is not None)
        text = screen_text(app)
        assert "compare live → $LATEST" in text
        assert "1 changed · 0 added · 0 removed · 1 the same" in text
        assert f"M {HANDLER}" in text
        diff = [viewer.line(i) for i in range(viewer.line_count)]
        plain = [line.plain for line in diff if line is not None]
        assert f"-    {old_line}" in plain and f"+    {new_line}" in plain
        removed = diff[plain.index(f"-    {old_line}")]
        assert removed is not None and removed.spans  # highlighted as a diff
        assert f"-    {old_line}"[:40] in text
        await press_id(pilot, "diff.close")
        assert isinstance(app.screen, FunctionScreen)


@pytest.mark.slow
async def test_a_layer_shows_its_details_then_its_files(demo: Any) -> None:
    """order-processor uses the shared layer: after its own files, enter on the layer shows
    its ARN, version, size and runtimes (GetLayerVersionByArn), then its content in the tree."""
    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_code(pilot, "order-processor")
        await _go_to(pilot, pane, "⧉ layer acme-shared-python:1")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(pane.packages) == 2)  # its own, and the layer's
        arn = next(iter(pane.layer_infos))
        info = pane.layer_infos[arn]
        assert info.name == "acme-shared-python" and info.version == 1
        assert info.compatible_runtimes == ("python3.12", "python3.13")
        assert info.size == len(catalog.layer_package())
        layer_files = [entry.name for entry in pane.packages[arn].files]
        assert layer_files == ["python/acme_shared/__init__.py"]
        await settle(pilot)
        node = pane.file_tree.cursor_node
        assert node is not None and node.data is not None and node.data.kind == "layer"
        assert [child.label.plain for child in node.children] == ["python/"]  # its content
        assert "Layer acme-shared-python version 1" in screen_text(app)  # its details
        # folders fold: enter opens python/, then closes it again
        await pilot.press("down")
        await settle(pilot)
        folder = pane.file_tree.cursor_node
        assert folder is not None and folder.label.plain == "python/"
        await pilot.press("enter")
        await settle(pilot)
        assert folder.is_expanded and "acme_shared/" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not folder.is_expanded and "acme_shared/" not in screen_text(app)


@pytest.mark.slow
async def test_y_copies_a_path_and_s_saves_a_file_never_over_another(
    demo: Any, tmp_path: Any
) -> None:
    from textual.widgets import Input

    from lambdatui.ui.dialogs.prompt import PromptScreen

    app = make_app(demo.endpoint_url, demo=True, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot, "orders-api")
        await _go_to(pilot, pane, HANDLER)
        await press_id(pilot, "code.copy-path")
        assert app.clipboard == HANDLER

        async def save_to(target: Any) -> PromptScreen:
            await press_id(pilot, "code.save")
            await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
            prompt = app.screen
            assert isinstance(prompt, PromptScreen)
            prompt.query_one(Input).value = str(target)
            await pilot.press("enter")
            await settle(pilot)
            return prompt

        saved = tmp_path / "handler.py"
        await save_to(saved)
        await wait_until(pilot, lambda: saved.exists() and saved.stat().st_size > 0)
        expected = _member(catalog.orders_release_package(), HANDLER)
        assert saved.read_text() == expected

        saved.write_text("mine")  # a file already there is never written over
        prompt = await save_to(saved)
        assert app.screen is prompt and "exists" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert saved.read_text() == "mine"
