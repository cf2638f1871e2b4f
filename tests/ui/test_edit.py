"""User stories of the edit form: change settings by keyboard, see the diff, confirm, read back;
cancel loses nothing; bad values are explained next to their field; read-only and production
targets; a conflicting change; revert from the journal."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from lambdatui.store import journal
from lambdatui.store.config import Config
from lambdatui.ui.dialogs.confirm import ConfirmScreen
from lambdatui.ui.edit.screen import ConfirmEditScreen, EditScreen
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.functions import FunctionListScreen
from tests.aws.test_edit import make_function
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle
from tests.wire import HtmlPage, delayed_proxy


async def _type(pilot: Any, text: str) -> None:
    """Replace the focused field's text, as a user does: clear it, then type."""
    await pilot.press("end", "ctrl+u", *text)


async def _open_form(pilot: Any, name: str = "shop") -> EditScreen:
    await settle(pilot)
    pilot.app.screen.table.move_cursor_to_key(name)
    await press_id(pilot, "functions.edit")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    return screen


@pytest.mark.slow
async def test_done_when_memory_and_reserved_by_keyboard_at_80x24(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        assert app.focused is form.query_one("#edit-memory_mb", Input)
        assert form.query_one("#edit-memory_mb", Input).value == "512"
        await _type(pilot, "1769")
        text = screen_text(app)
        assert "1.00 vCPU" in text  # what the new memory means, next to it
        await pilot.press("tab", "tab", "tab")  # timeout, storage, reserved concurrency
        assert app.focused is form.query_one("#edit-reserved", Input)
        await _type(pilot, "5")
        await pilot.press("enter")  # review
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)
        text = screen_text(app)
        assert "512 MB → 1769 MB" in text
        assert "none (unreserved pool) → 5" in text
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)
        assert any(
            "Settings applied: shop reads back: Memory 1769 MB; Reserved concurrency 5" in n
            for n in notifications(app)
        ), notifications(app)
    config = lam.get_function_configuration(FunctionName="shop")
    assert config["MemorySize"] == 1769
    assert lam.get_function_concurrency(FunctionName="shop")["ReservedConcurrentExecutions"] == 5
    [change] = journal.changes()
    assert (change.function, change.before.memory_mb, change.after.memory_mb) == ("shop", 512, 1769)
    assert change.after.reserved == 5


@pytest.mark.slow
async def test_read_only_changes_nothing_and_says_why(account: Any) -> None:
    lam = make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        app = make_app(proxy, read_only=True)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await _open_form(pilot)
            await _type(pilot, "1769")
            await pilot.press("tab", "tab", "tab")
            await _type(pilot, "5")
            await pilot.press("enter")
            await settle(pilot)
            assert "Read-only mode" in screen_text(app)
            await press_id(pilot, "edit.apply")
            await settle(pilot)
            assert app.screen is form  # still on the form, what was typed is kept
            assert form.query_one("#edit-memory_mb", Input).value == "1769"
            assert "--read-only" in screen_text(app)
            assert any("Read-only mode" in n for n in notifications(app))
    # Only reads reached the account: Lambda GETs and STS GetCallerIdentity (POST /).
    assert all(line.startswith("GET ") or line == "POST /" for line in seen), seen
    assert any(line.startswith("GET /2015-03-31/functions/shop") for line in seen)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    assert journal.changes() == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("memory_mb", "127", "Memory must be 128–10240 MB (got 127)."),
        ("memory_mb", "10241", "Memory must be 128–10240 MB (got 10241)."),
        ("timeout_s", "0", "Timeout must be 1–900 seconds (got 0)."),
        ("timeout_s", "901", "Timeout must be 1–900 seconds (got 901)."),
        ("storage_mb", "511", "Ephemeral storage must be 512–10240 MB (got 511)."),
        ("memory_mb", "lots", "A whole number, please (got lots)."),
    ],
)
@pytest.mark.slow
async def test_a_bad_value_is_explained_next_to_its_field(
    account: Any, field: str, value: str, message: str
) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        form.query_one(f"#edit-{field}", Input).focus()
        await _type(pilot, value)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form  # no confirmation for a bad value
        assert message in screen_text(app)
        assert form.query_one(f"#edit-{field}", Input).value == value  # nothing lost
        assert app.focused is form.query_one(f"#edit-{field}", Input)
        # the environment's title still counts its (untouched) variables
        assert "Environment (" in screen_text(app) and "Environment: none" not in screen_text(app)


@pytest.mark.slow
async def test_ctrl_s_right_after_typing_reviews_what_was_typed(account: Any) -> None:
    """Keys arriving together, as from a fast typist or a paste over SSH: ctrl+s (a priority
    key, handled as it arrives) must still see every character typed before it."""
    from textual import events

    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        memory = form.query_one("#edit-memory_mb", Input)
        memory.focus()
        memory.value = ""
        await pilot.pause()
        for key, char in [("1", "1"), ("5", "5"), ("3", "3"), ("6", "6"), ("ctrl+s", None)]:
            app.post_message(events.Key(key, char))  # no waiting between keys
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen), notifications(app)
        assert "1536 MB" in screen_text(app)


async def test_a_key_typed_right_after_tab_lands_in_the_next_field(account: Any) -> None:
    """Keys in one burst: the key after `tab` goes to the field tab moved to, not to the one
    it left (Timeout 256, tab, 9 gave Timeout 2569; a name AB, tab, c gave ABc)."""
    from textual import events

    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        timeout = form.query_one("#edit-timeout_s", Input)
        timeout.focus()
        timeout.value = ""
        await pilot.pause()
        burst = [("2", "2"), ("5", "5"), ("6", "6"), ("tab", None), ("9", "9")]
        burst += [("backspace", None), ("1", "1"), ("0", "0"), ("2", "2"), ("4", "4")]
        burst += [("ctrl+n", None), ("A", "A"), ("B", "B"), ("tab", None), ("c", "c")]
        for key, char in burst:
            app.post_message(events.Key(key, char))  # no waiting between keys
        await settle(pilot)
        assert timeout.value == "256"
        assert form.query_one("#edit-storage_mb", Input).value == "1024"
        name, value = form.query(".edit-env-row Input")[-2:]
        assert (name.value, value.value) == ("AB", "c")
        assert app.focused is value


@pytest.mark.slow
async def test_boundaries_are_accepted(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        for field, value in (("memory_mb", "10240"), ("timeout_s", "900"), ("storage_mb", "10240")):
            form.query_one(f"#edit-{field}", Input).focus()
            await _type(pilot, value)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)


@pytest.mark.slow
async def test_escape_on_the_diff_returns_to_the_form_as_typed_and_escape_cancels(
    account: Any,
) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        await _type(pilot, "2048")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)
        await press_id(pilot, "edit.back")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#edit-memory_mb", Input).value == "2048"
        assert "Not applied" in screen_text(app)
        await press_id(pilot, "edit.cancel")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512


async def test_nothing_changed_opens_no_confirmation(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert app.screen is form
        assert any("Nothing changed" in n for n in notifications(app))


@pytest.mark.slow
async def test_environment_values_are_masked_until_revealed_and_edited(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        stage_key, _stage_value, token_key, token_value = form.query(".edit-env-row Input")
        assert (stage_key.value, token_key.value) == ("STAGE", "TOKEN")
        # Masked: neither the value nor its length is in any widget.
        assert "s3cret" not in screen_text(app) and token_value.value == ""
        assert token_value.disabled
        await press_id(pilot, "edit.reveal")
        await settle(pilot)
        assert "s3cret" in screen_text(app) and not token_value.disabled
        # Remove STAGE (clear its name), change TOKEN, add NEW_ONE, then mask again.
        stage_key.focus()
        await _type(pilot, "")
        token_value.focus()
        await _type(pilot, "n3w")
        await press_id(pilot, "edit.reveal")
        await settle(pilot)
        assert "n3w" not in screen_text(app)
        await press_id(pilot, "edit.add-variable")
        await settle(pilot)
        await _type(pilot, "NEW_ONE")
        await pilot.press("tab", *"1")
        await press_id(pilot, "edit.review")
        await settle(pilot)
        text = screen_text(app)
        assert "env STAGE" in text and "(removed)" in text
        assert "env NEW_ONE" in text and "(new)" in text
        assert "n3w" not in text and "s3cret" not in text  # masked in the diff too
        await press_id(pilot, "edit.apply")
        await settle(pilot)
    variables = lam.get_function_configuration(FunctionName="shop")["Environment"]["Variables"]
    assert variables == {"TOKEN": "n3w", "NEW_ONE": "1"}


@pytest.mark.slow
async def test_environment_over_4_kb_is_refused_in_the_form(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        await press_id(pilot, "edit.reveal")
        await settle(pilot)
        value = form.query(".edit-env-row Input")[3]
        value.value = "x" * 4100
        await pilot.pause()
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert app.screen is form
        assert "Lambda allows 4096 (4 KB)" in screen_text(app)


async def test_zero_reserved_warns_that_it_throttles(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        form.query_one("#edit-reserved", Input).focus()
        await _type(pilot, "0")
        assert "0 THROTTLES it: every invocation refused" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "⚠ 0 throttles the function" in text and "→ 0 (throttled)" in text


async def test_reserved_above_the_floor_is_refused_with_the_limit(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        form.query_one("#edit-reserved", Input).focus()
        await _type(pilot, "901")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "At most 900: the account must keep 100 unreserved" in screen_text(app)


@pytest.mark.slow
async def test_the_service_s_own_refusal_is_shown_verbatim(account: Any) -> None:
    """The floor the form knew is out of date (another function reserved meanwhile)."""
    lam = make_function(account)
    make_function(account, "other")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        lam.put_function_concurrency(FunctionName="other", ReservedConcurrentExecutions=850)
        await _type(pilot, "1024")
        form.query_one("#edit-reserved", Input).focus()
        await _type(pilot, "100")
        await pilot.press("enter")
        await settle(pilot)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is form
        text = " ".join(screen_text(app).split())
        assert "below its minimum value of [100]." in text
        assert "Already applied (journaled): Memory 1024 MB" in text
        # The memory change went through before the refusal: it is journaled, and the form
        # now starts from the function as it is, with the account's new floor.
        [change] = journal.changes()
        assert (change.after.memory_mb, change.after.reserved) == (1024, None)
        assert form.query_one("#edit-reserved", Input).value == "100"
        assert "At most 50: the account must keep 100 unreserved" in screen_text(app)
        await _type(pilot, "50")
        await press_id(pilot, "edit.review")
        await settle(pilot)
        text = screen_text(app)
        assert "none (unreserved pool) → 50" in text and "512 MB" not in text


@pytest.mark.slow
async def test_a_change_made_meanwhile_overwrites_nothing_and_offers_reload(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _open_form(pilot)
        await _type(pilot, "1024")
        lam.update_function_configuration(FunctionName="shop", Timeout=42)  # someone else
        await pilot.press("enter")
        await settle(pilot)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is form
        text = screen_text(app)
        assert "nothing was overwritten" in text
        assert "Timeout 3 s → 42 s" in text
        await press_id(pilot, "edit.reload")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # drop what was typed?
        await press_id(pilot, "confirm.no")
        await settle(pilot)
        assert form.query_one("#edit-memory_mb", Input).value == "1024"  # what was typed stays
        assert form.query_one("#edit-timeout_s", Input).value == "42"  # theirs, untouched here
        await press_id(pilot, "edit.review")
        await settle(pilot)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)
    config = lam.get_function_configuration(FunctionName="shop")
    assert (config["MemorySize"], config["Timeout"]) == (1024, 42)


@pytest.mark.slow
async def test_from_the_function_view_with_an_alias_provisioned(
    account: Any,
) -> None:
    """The alias as the qualifier: its provisioned concurrency here (its routing is the alias
    form's, `e` in the Aliases tab: tests/ui/test_release.py)."""
    account.knobs.provisioning_seconds = 0.3
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, FunctionScreen)
        await press_id(pilot, "function.tab-aliases")
        await press_id(pilot, "function.qualifier")
        await settle(pilot)
        assert view.qualifier == "live"
        await press_id(pilot, "function.tab-configuration")
        await press_id(pilot, "function.edit")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen)
        assert not form.query_one("#row-alias_version").display
        form.query_one("#edit-provisioned", Input).value = "2"
        await pilot.pause()
        await press_id(pilot, "edit.review")
        await settle(pilot)
        text = screen_text(app)
        assert "Provisioned (live)" in text and "none → 2" in text
        assert "→ 1 50%" not in text
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is view
        assert view.qualifier == "live"  # the view reloads, on the same qualifier
    alias = lam.get_alias(FunctionName="shop", Name="live")
    assert alias["RoutingConfig"]["AdditionalVersionWeights"] == {"2": 0.1}  # untouched
    status = lam.get_provisioned_concurrency_config(FunctionName="shop", Qualifier="live")
    assert status["Status"] == "READY"  # followed to READY before reporting success


@pytest.mark.slow
async def test_the_function_view_reloads_with_the_new_values(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        view = app.screen
        assert "512 MB" in screen_text(app)
        await press_id(pilot, "function.edit")
        await settle(pilot)
        await _type(pilot, "2048")
        await pilot.press("enter")
        await settle(pilot)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is view
        text = screen_text(app)
        assert "2048 MB" in text.splitlines()[0]  # the header
        assert "2,048 MB" in text.split("Memory", 1)[1]  # the configuration pane, reloaded


async def test_provisioned_is_not_offered_on_latest(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        assert not form.query_one("#row-provisioned").display
        assert form.query_one("#edit-provisioned", Input).disabled


@pytest.mark.slow
async def test_revert_offers_the_values_before_the_last_change(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.revert")
        assert any("No journaled change of shop" in n for n in notifications(app))
        await _open_form(pilot)
        await _type(pilot, "2048")
        await pilot.press("enter")
        await settle(pilot)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 2048
        await press_id(pilot, "functions.revert")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen) and "revert" in screen_text(app)
        # the header's whole width for the note, not 40 characters of it
        assert f"revert change of {journal.changes()[-1].time}" in screen_text(app)
        assert form.query_one("#edit-memory_mb", Input).value == "512"
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert "2048 MB → 512 MB" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 512
    assert [c.after.memory_mb for c in journal.changes()] == [2048, 512]


@pytest.mark.slow
async def test_production_shows_a_banner_and_needs_the_name_typed(account: Any) -> None:
    lam = make_function(account)
    # the pattern from the config file, matching the account id
    app = make_app(account.endpoint_url, config=Config(production_pattern=r"^123456789012$"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form(pilot)
        assert "PRODUCTION" in screen_text(app)
        await _type(pilot, "1024")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)
        assert "Type shop to confirm" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)  # not without the name
        assert "Type the function's name exactly" in screen_text(app)
        await pilot.press(*"shop")
        await press_id(pilot, "edit.apply")
        await settle(pilot)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024


async def test_the_default_pattern_matches_a_prod_profile(account: Any, isolated_env: Any) -> None:
    from lambdatui.aws.target import resolve_target
    from lambdatui.ui.app import LambdaTUI

    aws = isolated_env / ".aws"
    aws.mkdir()
    (aws / "config").write_text("[profile acme-Prod]\nregion = us-east-1\n")
    (aws / "credentials").write_text(
        "[acme-Prod]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
    )
    make_function(account)
    target = resolve_target(profile="acme-Prod", endpoint_url=account.endpoint_url)
    app = LambdaTUI(target)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form(pilot)
        assert "PRODUCTION" in screen_text(app)


@pytest.mark.slow
async def test_an_update_in_progress_is_retried_and_followed(account: Any) -> None:
    lam = make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        app = make_app(proxy)
        app.gateway.conflict_delays = (0.3, 0.6, 1.2, 2.4, 4.8)
        app.gateway.poll_interval = 0.1
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            account.knobs.update_seconds = 3.0
            lam.update_function_configuration(FunctionName="shop", Description="deploy")  # busy
            form = await _open_form(pilot)  # reads the RevisionId of that update
            assert form.query_one("#edit-memory_mb", Input).value == "512"
            await _type(pilot, "1024")
            await pilot.press("enter")
            await settle(pilot)
            await press_id(pilot, "edit.apply")
            await settle(pilot)
            assert isinstance(app.screen, FunctionListScreen)
            assert any("Memory 1024 MB" in n for n in notifications(app)), notifications(app)
    updates = [line for line in seen if line == "PUT /2015-03-31/functions/shop/configuration"]
    assert len(updates) >= 2  # refused while the other update was in progress, then retried
    polls = [line for line in seen if line == "GET /2015-03-31/functions/shop/configuration"]
    assert polls  # its own update followed until Successful
    config = lam.get_function_configuration(FunctionName="shop")
    assert (config["MemorySize"], config["Description"]) == (1024, "deploy")


@pytest.mark.slow
async def test_reload_keeps_even_an_invalid_value_as_typed(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        await _type(pilot, "99999")
        lam.update_function_configuration(FunctionName="shop", Timeout=42)
        await press_id(pilot, "edit.reload")
        await settle(pilot)
        await press_id(pilot, "confirm.no")
        await settle(pilot)
        assert form.query_one("#edit-memory_mb", Input).value == "99999"
        assert form.query_one("#edit-timeout_s", Input).value == "42"
        assert "Memory must be 128–10240 MB (got 99999)." in screen_text(app)


@pytest.mark.slow
async def test_reload_with_typed_changes_asks_whether_to_drop_them(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        await press_id(pilot, "edit.reload")  # nothing typed: reads again, and says so
        await settle(pilot)
        assert app.screen is form
        assert "The current settings were read again." in screen_text(app)
        # typed and ^l in one burst: the question knows every key typed before ^l
        await pilot.press("end", "ctrl+u", *"1024", "ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "You changed Memory (MB). Drop what you typed" in screen_text(app)
        lam.update_function_configuration(FunctionName="shop", Timeout=42)
        await press_id(pilot, "confirm.yes")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#edit-memory_mb", Input).value == "512"  # dropped
        assert form.query_one("#edit-timeout_s", Input).value == "42"
        assert "dropped: Memory (MB)" in screen_text(app)


@pytest.mark.slow
async def test_on_a_version_provisioned_is_offered_and_routing_is_not(account: Any) -> None:
    make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, FunctionScreen)
        await press_id(pilot, "function.tab-versions")
        view.query_one("#versions-table").move_cursor_to_key("2")
        await press_id(pilot, "function.qualifier")
        await settle(pilot)
        await press_id(pilot, "function.edit")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen) and form.qualifier == "2"
        assert form.query_one("#row-provisioned").display
        assert not form.query_one("#row-alias_version").display
        assert "provisioned concurrency to 2" in " ".join(screen_text(app).split())


@pytest.mark.slow
async def test_revert_from_the_function_view(account: Any) -> None:
    lam = make_function(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        view = app.screen
        await press_id(pilot, "function.revert")
        assert any("No journaled change of shop" in n for n in notifications(app))
        await press_id(pilot, "function.edit")
        await settle(pilot)
        form = app.screen
        form.query_one("#edit-timeout_s", Input).focus()
        await _type(pilot, "60")
        await pilot.press("enter")
        await settle(pilot)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is view
        await press_id(pilot, "function.revert")
        await settle(pilot)
        revert = app.screen
        assert isinstance(revert, EditScreen)
        assert revert.query_one("#edit-timeout_s", Input).value == "3"
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert "60 s → 3 s" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is view
    assert lam.get_function_configuration(FunctionName="shop")["Timeout"] == 3


# -- when a call answers less: the account's limits are context, a failed load says so ------------


@pytest.mark.slow
async def test_without_the_account_limits_the_form_still_edits_and_says_the_floor_is_unchecked(
    account: Any,
) -> None:
    lam = make_function(account)
    denied = (403, "AccessDeniedException", "not authorized")
    with delayed_proxy(
        account.endpoint_url,
        refuse=lambda _m, path: denied if "/account-settings" in path else None,
    ) as (proxy, _seen):
        app = make_app(proxy)
        async with app.run_test(size=(100, 30)) as pilot:
            form = await _open_form(pilot)
            assert form.query_one("#edit-memory_mb", Input).value == "512"
            text = " ".join(screen_text(app).split())
            assert (
                "Note: the unreserved floor (100) is not checked here: account limits "
                "not permitted: lambda:GetAccountSettings."
            ) in text
            assert "floor not checked" in text  # next to the reserved field
            await _type(pilot, "1024")
            await press_id(pilot, "edit.review")
            await settle(pilot)
            await press_id(pilot, "edit.apply")
            await settle(pilot)
            assert isinstance(app.screen, FunctionListScreen)
    assert lam.get_function_configuration(FunctionName="shop")["MemorySize"] == 1024


@pytest.mark.slow
async def test_an_alias_form_whose_load_fails_says_why_in_place_retries_and_goes_back(
    account: Any,
) -> None:
    make_function(account)
    failing = {"on": True}

    def refuse(method: str, path: str) -> Any:
        if failing["on"] and "provisioned-concurrency?Qualifier=live" in path:
            return HtmlPage(404, "Not Found")
        return None

    with delayed_proxy(account.endpoint_url, refuse=refuse) as (proxy, _seen):
        app = make_app(proxy)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press_id(pilot, "functions.open")
            await settle(pilot)
            view = app.screen
            await press_id(pilot, "function.tab-aliases")
            await press_id(pilot, "function.qualifier")
            await settle(pilot)
            await press_id(pilot, "function.tab-configuration")
            await press_id(pilot, "function.edit")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, EditScreen)
            text = " ".join(screen_text(app).split())
            assert "Loading" not in text
            assert (
                "Could not load the current settings: Unexpected reply: HTTP 404 from the "
                "endpoint: Not Found (lambda:GetProvisionedConcurrencyConfig)"
            ) in text
            assert "^l tries again · esc goes back" in text
            assert "<html" not in text.lower() and "<!doctype" not in text.lower()
            failing["on"] = False
            await press_id(pilot, "edit.reload")  # the retry key
            await settle(pilot)
            assert form.query_one("#edit-provisioned", Input).value == ""
            assert "Could not" not in screen_text(app)
            failing["on"] = True
            await press_id(pilot, "edit.cancel")
            await settle(pilot)
            assert app.screen is view
            await press_id(pilot, "function.edit")  # fails again: escape is the way back
            await settle(pilot)
            assert "Could not load" in screen_text(app)
            await press_id(pilot, "edit.cancel")
            await settle(pilot)
            assert app.screen is view


@pytest.mark.slow
async def test_the_form_shows_and_checks_the_ranges_of_a_managed_instances_function(
    account: Any,
) -> None:
    from textual.widgets import Static

    from tests import new_fields

    make_function(account, "fleet")
    make_function(account, "shop")
    rewrite = new_fields.functions_with({"fleet": new_fields.MANAGED_INSTANCES})
    with delayed_proxy(account.endpoint_url, rewrite=rewrite) as (url, _):
        app = make_app(url)
        async with app.run_test(size=(100, 30)) as pilot:
            form = await _open_form(pilot, "fleet")

            def hint(name: str) -> str:
                return str(form.query_one(f"#hint-{name}", Static).render())

            assert hint("memory_mb").startswith("128–32768")
            assert hint("timeout_s") == "1–5400"
            assert hint("storage_mb") == "512–32768"
            await pilot.press("tab", "tab")  # storage
            await _type(pilot, "20480")
            assert "Ephemeral storage must be" not in screen_text(app)
            await press_id(pilot, "edit.cancel")
            await settle(pilot)
            form = await _open_form(pilot, "shop")
            assert hint("timeout_s") == "1–900"
            assert hint("storage_mb") == "512–10240"
            await pilot.press("tab", "tab")
            await _type(pilot, "20480")
            await pilot.pause()
            assert "Ephemeral storage must be 512–10240 MB (got 20480)." in screen_text(app)


# -- the scaling of a Lambda Managed Instances version ---------------------------------------------


async def _edit_qualifier(pilot: Any, qualifier: str) -> EditScreen:
    """Open the selected function's view, pick ``qualifier`` (a version or an alias), press e."""
    app = pilot.app
    await settle(pilot)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    view = app.screen
    assert isinstance(view, FunctionScreen)
    if qualifier.isdigit():
        await press_id(pilot, "function.tab-versions")
        view.query_one("#versions-table").move_cursor_to_key(qualifier)
    else:
        await press_id(pilot, "function.tab-aliases")
        view.query_one("#aliases-table").move_cursor_to_key(qualifier)
    await press_id(pilot, "function.qualifier")
    await settle(pilot)
    await press_id(pilot, "function.tab-configuration")  # (e in the Aliases tab: the alias)
    await press_id(pilot, "function.edit")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, EditScreen) and form.qualifier == qualifier
    return form


@pytest.mark.slow
async def test_scaling_of_a_managed_instances_version_by_keyboard_then_undone(
    account: Any,
) -> None:
    from textual.widgets import Static

    from tests.aws.test_edit import make_managed

    lam = make_managed(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _edit_qualifier(pilot, "1")
        view = app.screen_stack[-2]
        assert form.query_one("#row-scaling_min").display
        assert form.query_one("#edit-scaling_min", Input).value == "3"
        assert form.query_one("#edit-scaling_max", Input).value == "12"
        assert str(form.query_one("#hint-scaling_max", Static).render()) == "0–15000"
        assert "scaling to version 1" in " ".join(screen_text(app).split())
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # timeout … provisioned, min
        assert app.focused is form.query_one("#edit-scaling_min", Input)
        await _type(pilot, "13")
        await pilot.pause()
        assert "Min (13) must not be above max (12)." in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form  # refused as typed, no confirmation
        await pilot.press("tab")
        await _type(pilot, "15001")
        await pilot.pause()
        assert "Max execution environments must be 0–15000 (got 15001)." in screen_text(app)
        await _type(pilot, "40")
        await pilot.pause()
        assert "must not be above" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmEditScreen)
        assert "3–12 environments → 13–40 environments" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is view
        assert any("Scaling (version 1) 13–40 environments" in n for n in notifications(app))
        scaling = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
        assert scaling["RequestedFunctionScalingConfig"] == {
            "MinExecutionEnvironments": 13,
            "MaxExecutionEnvironments": 40,
        }
        [change] = journal.changes()
        assert (change.qualifier, change.before.scaling_min, change.after.scaling_min) == (
            "1",
            3,
            13,
        )
        await press_id(pilot, "function.revert")
        await settle(pilot)
        revert = app.screen
        assert isinstance(revert, EditScreen)
        assert revert.query_one("#edit-scaling_min", Input).value == "3"
        assert revert.query_one("#edit-scaling_max", Input).value == "12"
        await press_id(pilot, "edit.review")
        await settle(pilot)
        assert "13–40 environments → 3–12 environments" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
        assert app.screen is view
    scaling = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
    assert scaling["AppliedFunctionScalingConfig"] == {
        "MinExecutionEnvironments": 3,
        "MaxExecutionEnvironments": 12,
    }


@pytest.mark.slow
async def test_scaling_through_an_alias_and_not_on_latest(account: Any) -> None:
    from tests.aws.test_edit import make_managed

    lam = make_managed(account)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(100, 30)) as pilot:
        latest = await _open_form(pilot, "worker")
        assert not latest.query_one("#row-scaling_min").display
        assert latest.query_one("#edit-scaling_max", Input).disabled
        await press_id(pilot, "edit.cancel")
        await settle(pilot)
        form = await _edit_qualifier(pilot, "live")
        assert "scaling to version 1" in " ".join(screen_text(app).split())
        form.query_one("#edit-scaling_max", Input).focus()
        await _type(pilot, "20")
        await pilot.press("enter")
        await settle(pilot)
        assert "Scaling (version 1)" in screen_text(app)
        await press_id(pilot, "edit.apply")
        await settle(pilot)
    scaling = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
    assert scaling["RequestedFunctionScalingConfig"]["MaxExecutionEnvironments"] == 20


@pytest.mark.slow
async def test_scaling_under_read_only_changes_nothing(account: Any) -> None:
    from tests.aws.test_edit import make_managed

    lam = make_managed(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        app = make_app(proxy, read_only=True)
        async with app.run_test(size=(100, 30)) as pilot:
            form = await _edit_qualifier(pilot, "1")
            form.query_one("#edit-scaling_min", Input).focus()
            await _type(pilot, "1")
            await pilot.press("enter")
            await settle(pilot)
            assert "Read-only mode" in screen_text(app)
            await press_id(pilot, "edit.apply")
            await settle(pilot)
            assert app.screen is form
            assert any("Read-only mode" in n for n in notifications(app))
    assert all(line.startswith("GET ") or line == "POST /" for line in seen), seen
    scaling = lam.get_function_scaling_config(FunctionName="worker", Qualifier="1")
    assert scaling["RequestedFunctionScalingConfig"]["MinExecutionEnvironments"] == 3
    assert journal.changes() == []
