"""User stories of deploying from the Code pane (`D`) and undoing it (`U`), on the faithful
local account: the package is packed from a folder, previewed against what is deployed,
confirmed, sent with the RevisionId seen, followed to Successful, journaled and cached; the pane
then shows the new code. What is refused (read-only, a bad path, someone else's change) leaves
the function's code as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from lambdatui.code.pack import pack_folder
from lambdatui.store import journal
from lambdatui.ui.code.deploy_confirm import ConfirmDeployScreen
from lambdatui.ui.code.deploy_screen import DeployScreen
from lambdatui.ui.code.pane import CodePane
from lambdatui.ui.screens.function import FunctionScreen
from tests.cli.code_helpers import SECOND, served_code
from tests.cli.code_helpers import two_versions as make_function
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until
from tests.wire import delayed_proxy

CODE_PUT = "PUT /2015-03-31/functions/shop/code"
NEW_APP = "def handler(event, context):\n    return 'deployed from the pane'\n"


def _folder(tmp_path: Path) -> Path:
    """$LATEST's app.py changed, helpers.py added, new.py gone, data.bin the same."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "app.py").write_text(NEW_APP)
    (src / "helpers.py").write_text("HELP = 3\n")
    (src / "data.bin").write_bytes(bytes(SECOND["data.bin"]))  # type: ignore[arg-type]
    return src


async def _open_code(pilot: Any) -> CodePane:
    await settle(pilot)
    pilot.app.screen.table.move_cursor_to_key("shop")
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)
    await press_id(pilot, "function.tab-code")
    await settle(pilot)
    return pilot.app.screen.query_one(CodePane)


async def _preview(pilot: Any, path: str) -> DeployScreen:
    """`D`, the path typed, enter: the deploy screen with its preview (or its message)."""
    await press_id(pilot, "code.deploy")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DeployScreen)
    field = screen.query_one("#deploy-path", Input)
    field.value = path  # as typed (the typing itself is Input's)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def _confirm(pilot: Any) -> None:
    await press_id(pilot, "deploy.review")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDeployScreen), screen_text(pilot.app)
    await press_id(pilot, "deploy.apply")
    await settle(pilot)


@pytest.mark.slow
async def test_D_previews_a_folder_then_deploys_it_and_the_pane_shows_the_new_code(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    src = _folder(tmp_path)
    packed = pack_folder(src)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot)
        screen = await _preview(pilot, str(src))
        text = screen_text(app)
        assert f"sha256 {packed.sha256}" in text and f"sha256 {before}" in text
        assert "1 changed · 1 added · 1 removed · 1 the same" in text
        assert "M app.py" in text and "A helpers.py" in text and "D new.py" in text
        assert screen.preview is not None
        revision = lam.get_function_configuration(FunctionName="shop")["RevisionId"]
        assert f"RevisionId {revision}" in text
        await _confirm(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, FunctionScreen))
        await settle(pilot)
        assert any("Deployed" in n and packed.sha256 in n for n in notifications(app))
        assert pane.info is not None and pane.info.sha256 == packed.sha256
        assert "helpers.py" in screen_text(app) and "new.py" not in screen_text(app)
        pane.file_tree.focus()
        for _ in range(5):
            node = pane.file_tree.cursor_node
            if node is not None and node.label.plain == "app.py":
                break
            await pilot.press("down")
        await wait_until(pilot, lambda: "deployed from the pane" in screen_text(app))
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == packed.sha256
    assert served_code(lam, "shop") == packed.data
    [deploy] = [journal.Deploy.from_json(a) for a in journal.actions()]
    assert (deploy.before_sha256, deploy.after_sha256, deploy.version) == (
        before,
        packed.sha256,
        "",
    )
    assert app.code_cache.get(before) and app.code_cache.get(packed.sha256)


@pytest.mark.slow
async def test_publish_toggle_makes_a_version_of_the_deployed_code(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    src = _folder(tmp_path)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_code(pilot)
        await _preview(pilot, str(src))
        await press_id(pilot, "deploy.publish")
        await pilot.pause()
        assert "Publish: yes, a new version" in screen_text(app)
        await _confirm(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, FunctionScreen))
        assert any("version 3 published" in n for n in notifications(app))
    versions = lam.list_versions_by_function(FunctionName="shop")["Versions"]
    assert versions[-1]["Version"] == "3"
    assert versions[-1]["CodeSha256"] == pack_folder(src).sha256


@pytest.mark.slow
async def test_a_bad_path_says_why_and_keeps_what_was_typed(account: Any, tmp_path: Path) -> None:
    make_function(account)
    missing = str(tmp_path / "no-such-folder")
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_code(pilot)
        screen = await _preview(pilot, missing)
        assert "no such folder or file" in screen_text(app)
        assert screen.query_one("#deploy-path", Input).value == missing
        assert screen.preview is None
        await press_id(pilot, "deploy.review")  # nothing previewed: nothing to confirm
        await settle(pilot)
        assert app.screen is screen and "Preview the package first" in screen_text(app)


@pytest.mark.slow
async def test_read_only_refuses_at_the_key_and_in_the_gateway(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    src = _folder(tmp_path)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        app = make_app(proxy, use_cache=False, read_only=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_code(pilot)
            await press_id(pilot, "code.deploy")
            await settle(pilot)
            assert not isinstance(app.screen, DeployScreen)
            assert any("Read-only mode: deploys are off" in n for n in notifications(app))
        # turned on after the preview: the gateway refuses, nothing is sent
        app = make_app(proxy, use_cache=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_code(pilot)
            screen = await _preview(pilot, str(src))
            app.action_toggle_read_only()
            await _confirm(pilot)
            assert app.screen is screen
            assert "Not deployed:" in screen_text(app) and "read-only" in screen_text(app).lower()
    assert seen and not [line for line in seen if line.startswith(CODE_PUT)]
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == before
    assert journal.actions() == []


@pytest.mark.slow
async def test_another_writer_between_preview_and_confirm_is_not_overwritten(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_code(pilot)
        screen = await _preview(pilot, str(_folder(tmp_path)))
        lam.update_function_configuration(FunctionName="shop", Description="not yours")
        await _confirm(pilot)
        assert app.screen is screen
        assert "changed by someone else" in screen_text(app)
        assert "nothing was deployed" in screen_text(app)
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == before
    assert journal.actions() == []


@pytest.mark.slow
async def test_U_redeploys_the_package_from_before_and_says_when_it_cannot(
    account: Any, tmp_path: Path
) -> None:
    lam = make_function(account)
    original = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    src = _folder(tmp_path)
    app = make_app(account.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_code(pilot)
        await press_id(pilot, "code.undo-deploy")
        await settle(pilot)
        assert any("No journaled deploy of shop" in n for n in notifications(app))
        await _preview(pilot, str(src))
        await _confirm(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, FunctionScreen))
        await settle(pilot)
        await press_id(pilot, "code.undo-deploy")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDeployScreen)
        text = screen_text(app)
        assert f"Redeploy   {original}" in text and "From       the local package cache" in text
        await press_id(pilot, "deploy.apply")
        await settle(pilot)
        await wait_until(pilot, lambda: pane.info is not None and pane.info.sha256 == original)
        assert any("Deploy undone" in n for n in notifications(app))
        assert "new.py" in screen_text(app)
        # the undo is journaled: undoing it needs the folder's package, now evicted
        packed = pack_folder(src)
        app.code_cache.path_for(packed.sha256).unlink()
        await press_id(pilot, "code.undo-deploy")
        await settle(pilot)
        assert any("is not in the local cache" in n for n in notifications(app))
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == original


@pytest.mark.slow
async def test_on_plain_moto_the_pane_says_why_and_D_deploys_without_the_file_list(
    plain_moto: Any, tmp_path: Path
) -> None:
    """Plain moto's code links point at AWS's S3 host, which it does not serve: the pane says
    the host cannot be reached (no HTTP client text), and the deploy goes on without the file
    list, saying why, with the same preview, confirmation and RevisionId."""
    lam = make_function(plain_moto)
    before = lam.get_function_configuration(FunctionName="shop")["CodeSha256"]
    src = _folder(tmp_path)
    packed = pack_folder(src)
    app = make_app(plain_moto.endpoint_url, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_code(pilot)

        def words() -> str:
            return " ".join(screen_text(app).replace("▕", " ").split())

        await wait_until(pilot, lambda: "then try again." in words())
        text = words()
        assert "Could not reach awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com to" in text
        assert "download the package" in text and "cannot show the code" in text
        assert "aiohttp" not in text and "DNS" not in text and "Error:" not in text
        screen = await _preview(pilot, str(src))
        await wait_until(pilot, lambda: "Files not compared" in screen_text(app))
        text = screen_text(app)
        assert f"sha256 {packed.sha256}" in text and f"sha256 {before}" in text
        assert "the deployed package could not be read" in text and "Could not reach" in text
        assert screen.preview is not None and screen.preview.diff is None
        # plain moto reports no RevisionId: said, not shown blank
        assert "RevisionId none (the endpoint reports none" in text
        await press_id(pilot, "deploy.review")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDeployScreen)
        assert "not compared" in screen_text(app)
        await press_id(pilot, "deploy.apply")
        await wait_until(pilot, lambda: isinstance(app.screen, FunctionScreen))
        assert any("Deployed" in n and packed.sha256 in n for n in notifications(app))
    assert lam.get_function_configuration(FunctionName="shop")["CodeSha256"] == packed.sha256
    [deploy] = [journal.Deploy.from_json(a) for a in journal.actions()]
    assert (deploy.before_sha256, deploy.after_sha256) == (before, packed.sha256)
