"""User stories of the function list, through the real UI against the local account."""

from __future__ import annotations

import json

import pytest

from lambdatui.aws.records import FunctionSummary
from lambdatui.demo.seed import seed_functions
from lambdatui.store import cache
from lambdatui.ui.screens.functions import FunctionListScreen
from lambdatui.ui.screens.help import HelpScreen
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until
from tests.wire import canned_endpoint, delayed_proxy, fail_once


def _names(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.name for f in app.screen.table.visible_rows()]


async def test_lists_every_function_of_the_account_across_pages(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 123, region=account.region, prefix="svc")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FunctionListScreen)
        assert app.screen.table.total_count == 123
        text = screen_text(app)
        assert "123 functions" in text
        assert account.account_id in text
        assert "svc-00000" in text
        assert account.endpoint_url in text  # not AWS, so the endpoint is shown


@pytest.mark.slow
async def test_first_rows_show_while_later_pages_still_load(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 120, region=account.region, prefix="slow")
    with delayed_proxy(account.endpoint_url, 0.4) as (url, _seen):
        app = make_app(url)
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.screen.table
            await wait_until(pilot, lambda: table.total_count > 0)
            assert 0 < table.total_count < 120  # the first page is on screen already
            assert "loading…" in screen_text(app)
            await press_id(pilot, "functions.filter")  # the user can filter meanwhile
            await pilot.press(*"slow-00001")
            assert _names(app) == ["slow-00001"]
            await settle(pilot)
            assert table.total_count == 120
            assert "120 functions" in screen_text(app)
            assert _names(app) == ["slow-00001"]  # the filter held while pages streamed in


@pytest.mark.slow
async def test_slash_filters_as_you_type_with_regex_and_invert(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 30, region=account.region, prefix="orders")
    seed_functions(account.endpoint_url, 5, region=account.region, prefix="billing")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "│ 35 functions" in screen_text(app)
        await press_id(pilot, "functions.filter")
        await pilot.press(*"BILL")
        assert _names(app) == [f"billing-{i:05}" for i in range(5)]
        assert "│ 5 of 35 functions" in screen_text(app)  # the status line counts what is shown
        await pilot.press(*["backspace"] * 4, *"re:orders-0000[3-5]$")
        assert _names(app) == ["orders-00003", "orders-00004", "orders-00005"]
        assert "│ 3 of 35 functions" in screen_text(app)
        await pilot.press(*"x")
        assert "│ 0 of 35 functions" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"!orders")
        assert _names(app) == [f"billing-{i:05}" for i in range(5)]
        await pilot.press("escape")
        assert app.screen.table.visible_count == 35
        assert "│ 35 functions" in screen_text(app) and " of 35" not in screen_text(app)
        assert app.focused is app.screen.table


async def test_the_filter_box_stays_while_it_filters_and_hides_when_left_empty(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="api")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query("FilterBar")  # made when first opened
        await press_id(pilot, "functions.filter")
        bar = app.screen.query_one("FilterBar")
        await pilot.press(*"api-0000", "enter")  # kept: the box says what hides the rest
        assert bar.display and app.focused is app.screen.table
        await press_id(pilot, "functions.filter")
        await pilot.press("ctrl+a", "ctrl+k", "enter")  # emptied, then left
        assert not bar.display and app.focused is app.screen.table
        await wait_until(pilot, lambda: "/ " not in screen_text(app).splitlines()[1])


async def test_invalid_regex_says_so_and_keeps_the_last_good_result(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 12, region=account.region, prefix="api")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.filter")
        await pilot.press(*"re:api-0001")
        assert _names(app) == ["api-00010", "api-00011"]
        await pilot.press("[")
        await pilot.pause()
        assert "invalid regex" in screen_text(app)
        # wrapped at 80 columns, not cut: the position is the useful part
        assert "character set at position 8" in " ".join(screen_text(app).split())
        assert _names(app) == ["api-00010", "api-00011"]
        await pilot.press("backspace")
        await pilot.pause()
        assert "invalid regex" not in screen_text(app)


async def test_s_cycles_the_sort_column(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 8, region=account.region, prefix="fn")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.table
        assert table.sort_column == "name"
        assert _names(app) == sorted(_names(app))
        await press_id(pilot, "functions.sort")
        assert table.sort_column == "runtime"
        await press_id(pilot, "functions.sort")
        assert table.sort_column == "memory"
        memories = [f.memory_mb for f in table.visible_rows()]
        assert memories == sorted(memories)
        await press_id(pilot, "functions.sort")  # timeout
        await press_id(pilot, "functions.sort")  # last modified: the latest change on top
        assert (table.sort_column, table.sort_reverse) == ("modified", True)
        modified = [f.last_modified for f in table.visible_rows()]
        assert modified == sorted(modified, reverse=True)
        assert "MODIFIED ▼" in screen_text(app)


@pytest.mark.slow
async def test_cached_list_paints_before_the_network_then_refreshes(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="live")
    with delayed_proxy(account.endpoint_url, 1.0) as (url, _seen):
        app = make_app(url)
        stale = FunctionSummary.from_api(
            {"FunctionName": "deleted-since", "FunctionArn": "arn:aws:lambda:x", "Runtime": "go"}
        )
        cache.save_functions(app.target.cache_key, [stale], account="123456789012")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert _names(app) == ["deleted-since"]  # painted from disk, no reply yet
            assert "cached" in screen_text(app)
            await settle(pilot)
            assert _names(app) == ["live-00000", "live-00001", "live-00002"]
            assert "cached" not in screen_text(app)
    saved = cache.load_functions(app.target.cache_key)
    assert saved is not None
    assert [f.name for f in saved.functions] == ["live-00000", "live-00001", "live-00002"]


async def test_corrupt_cache_is_a_miss(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 2, region=account.region, prefix="ok")
    app = make_app(account.endpoint_url)
    path = cache.cache_file(app.target.cache_key)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _names(app) == ["ok-00000", "ok-00001"]
    saved = json.loads(path.read_text().splitlines()[0])  # the head line
    assert dict(zip(saved["columns"], saved["rows"][0], strict=True))["name"] == "ok-00000"
    assert (loaded := cache.load_functions(app.target.cache_key)) is not None
    assert [f.name for f in loaded.functions] == ["ok-00000", "ok-00001"]
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.slow
async def test_access_denied_is_shown_naming_the_action_and_the_app_keeps_working() -> None:
    with canned_endpoint(403, "AccessDeniedException", "not authorized") as (url, _):
        app = make_app(url)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert any("lambda:ListFunctions" in n for n in notifications(app))
            assert "Access denied" in screen_text(app)
            await press_id(pilot, "app.help")  # still responsive
            assert isinstance(app.screen, HelpScreen)


@pytest.mark.slow
async def test_expired_credentials_name_the_fix() -> None:
    with canned_endpoint(400, "ExpiredTokenException", "expired") as (url, _):
        app = make_app(url)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "aws sso login --profile default" in screen_text(app)  # offered to run


@pytest.mark.slow
async def test_unreachable_endpoint_is_reported_without_a_traceback() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = make_app(f"http://127.0.0.1:{port}")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("Endpoint unreachable" in n for n in notifications(app))
        assert "Traceback" not in screen_text(app)
        assert app.is_running


async def test_help_lists_the_keys_of_this_screen_and_no_unbuilt_features(account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        for label in ("/ Filter", "r Refresh", "s Sort", "? Help", "q Quit", "^p Palette"):
            assert label in footer
        await press_id(pilot, "app.help")
        assert isinstance(app.screen, HelpScreen)
        keys = {(k, d) for _, k, d, _what in app.screen.rows}
        what = {d: w for _, _k, d, w in app.screen.rows}
        assert what["Switch profile"].startswith("Another AWS profile")  # the tooltip says more
        assert all(w != d for d, w in what.items())  # never the label said twice
        assert ("/", "Filter") in keys and ("r", "Refresh") in keys and ("s", "Sort") in keys
        assert ("?", "Help") in keys and ("q", "Quit") in keys and ("enter", "Open") in keys
        assert ("i", "Invoke") in keys and ("e", "Edit") in keys and ("l", "Logs") in keys
        assert ("P", "Switch profile") in keys and ("R", "Switch region") in keys
        from lambdatui.store.config import config_path
        from lambdatui.ui.screens.help import footnote

        assert f"Config file: {config_path()}" in footnote(app.screen)
        await pilot.press("escape")
        assert isinstance(app.screen, FunctionListScreen)


async def test_read_only_is_shown(account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(account.endpoint_url, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in screen_text(app)


async def test_q_quits(account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "app.quit")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_unexpected_failure_is_one_line_not_a_traceback(account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.aws.gateway import Gateway

    async def broken(self, function):  # type: ignore[no-untyped-def]
        raise RuntimeError("something odd")

    monkeypatch.setattr(Gateway, "list_versions", broken)
    seed_functions(account.endpoint_url, 1, region=account.region, prefix="odd")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_id(pilot, "functions.open")
        await settle(pilot)
        assert any("RuntimeError: something odd" in n for n in notifications(app))
        assert "Traceback" not in screen_text(app)
        assert app.is_running


async def test_y_copies_the_selected_functions_arn(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="cp")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.table.move_cursor_to_key("cp-00001")
        await press_id(pilot, "functions.copy")
        await settle(pilot)
        assert app.clipboard == f"arn:aws:lambda:{account.region}:123456789012:function:cp-00001"
        assert any("Copied ARN" in n for n in notifications(app))


async def test_description_column_is_hidden_when_too_narrow_and_right_is_not_offered(
    account,
) -> None:  # type: ignore[no-untyped-def]
    # Names of 30 leave the description less than 10 cells at 80 columns (short ones, room)
    prefix = "the-order-fulfilment-svc"
    seed_functions(account.endpoint_url, 3, region=account.region, prefix=prefix)
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[1]
        assert header.split()[-1] == "ARCH"  # no "DES…" cut to 3 characters
        await pilot.press("right")  # would scroll nothing: not bound, not in help
        await press_id(pilot, "app.help")
        assert isinstance(app.screen, HelpScreen)
        assert not any("Scroll" in d for _, _k, d, _w in app.screen.rows), app.screen.rows
        await pilot.press("escape")
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert "DESCRIPTION" in screen_text(app).splitlines()[1]


@pytest.mark.slow
async def test_new_states_and_runtimes_show_as_aws_names_them(account) -> None:  # type: ignore[no-untyped-def]
    """States and runtimes are AWS's words, never a fixed list: the 2025 ones included, and
    two states are never cut to the same text (Deactivating / Deactivated)."""
    from tests import new_fields

    seed_functions(account.endpoint_url, 4, region=account.region, prefix="kind")
    fields = {
        "kind-00000": {"State": "Deactivating", "Runtime": "python3.14"},
        "kind-00001": {"State": "Deactivated", "Runtime": "nodejs24.x"},
        "kind-00002": {"State": "ActiveNonInvocable", "Runtime": "java25"},
        "kind-00003": {"State": "Deleting", "Runtime": "dotnet10"},
    }
    with delayed_proxy(account.endpoint_url, rewrite=new_fields.functions_with(fields)) as (
        url,
        _,
    ):
        app = make_app(url, use_cache=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = screen_text(app)
    for name, values in fields.items():
        line = next(row for row in text.splitlines() if name in row)
        assert values["Runtime"] in line, line
    states = [next(row for row in text.splitlines() if name in row).split()[-2] for name in fields]
    assert len(set(states)) == 4, states  # four states, four different labels
    assert "Deactivated" in states and "Deleting" in states


@pytest.mark.slow
async def test_the_start_up_child_lists_and_the_gateway_goes_on_where_it_stopped(account) -> None:  # type: ignore[no-untyped-def]
    """At start the pages come from a second process (plain botocore, on the other core);
    when it stops midway (the second page fails once) the app's own gateway (aiobotocore)
    asks for the rest from its marker: every function once, and no error for the user."""
    from lambdatui.aws.first_pages import spawn

    seed_functions(account.endpoint_url, 120, region=account.region, prefix="kid")
    refuse = fail_once(lambda path: "Marker=" in path)  # the second page, once
    sent: list[tuple[str, dict[str, str]]] = []
    with delayed_proxy(account.endpoint_url, refuse=refuse, sent_headers=sent) as (url, _seen):
        app = make_app(url)
        app.first_pages = spawn(app.target)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: "120 functions" in screen_text(app), timeout=30)
            await settle(pilot)
            names = [f.name for f in app.screen.table.visible_rows()]
            assert len(names) == 120 and len(set(names)) == 120
            assert not notifications(app)
    lists = [headers.get("User-Agent", "") for what, headers in sent if "/functions?" in what]
    assert len(lists) == 4  # the child's first page and its failed second; the gateway's two
    assert not any("aiobotocore" in agent for agent in lists[:2])
    assert all("aiobotocore" in agent for agent in lists[2:])
