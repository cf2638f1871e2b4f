"""What the user sees under faults (docs/faults.md), through the real UI and the
fault-injecting proxy (``tests/faults.py``) in front of the local account: the data already on
screen stays, each error is a titled message naming the action and the next step, retries are
counted in the status line, and no traceback ever reaches the screen."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.demo.seed import seed_functions
from lambdatui.ui.invoke.screen import InvokeScreen
from tests import faults
from tests.faults import fault_proxy
from tests.invoke_functions import ECHO, make_function
from tests.ui.helpers import (
    make_app,
    notifications,
    open_invoke,
    press_id,
    screen_text,
    settle,
    wait_until,
)

#: Each drives the app against a proxy and the local account (most take 0.6 s or more).
pytestmark = pytest.mark.slow


def _no_traceback(app: Any) -> None:
    text = screen_text(app) + "\n".join(notifications(app))
    assert "Traceback" not in text and 'File "' not in text
    assert app.return_code is None and not app._exit_renderables


async def test_a_list_stopped_midway_keeps_its_rows_says_why_and_r_completes_it(
    account: Any,
) -> None:
    seed_functions(account.endpoint_url, 120, region=account.region, prefix="fn")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.server_error(500), calls=(3, 4, 5, 6))
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            table = app.screen.table  # type: ignore[attr-defined]
            assert table.total_count == 100  # two pages of 50 stay on screen
            said = notifications(app)
            assert any(n.startswith("AWS service error:") for n in said), said
            assert "100 functions" in screen_text(app)
            _no_traceback(app)
            await press_id(pilot, "functions.refresh")  # the fault has passed: r
            await settle(pilot)
            await wait_until(pilot, lambda: table.total_count == 120)
            assert "120 functions" in screen_text(app)
            _no_traceback(app)
    assert proxy.count("ListFunctions") == 2 + 4 + 3  # 1 + 3 retries on page 3, then whole


async def test_retried_pages_are_counted_in_the_status_line(account: Any) -> None:
    seed_functions(account.endpoint_url, 120, region=account.region, prefix="fn")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(), calls=(2, 4))
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await wait_until(pilot, lambda: "2 ListFunctions requests retried" in screen_text(app))
            assert app.screen.table.total_count == 120  # type: ignore[attr-defined]
            _no_traceback(app)


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (faults.access_denied(), "not permitted            lambda:GetPolicy"),
        (faults.server_error(500), "not available            Lambda had an internal error"),
    ],
    ids=["denied", "5xx"],
)
async def test_a_failed_configuration_section_shows_in_that_section_alone(
    account: Any, fault: faults.Fault, words: str
) -> None:
    make_function(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("GetPolicy", fault)
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(140, 50)) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # the function: its configuration
            await wait_until(pilot, lambda: "Memory" in screen_text(app))
            await pilot.press("2")  # its triggers: the resource policy's section
            await wait_until(pilot, lambda: words in screen_text(app))
            text = screen_text(app)
            assert text.index("RESOURCE POLICY") < text.index(words) < text.index("FUNCTION URL")
            assert "DESTINATIONS" in text  # the other sections are shown
            _no_traceback(app)


async def test_an_invoke_whose_reply_is_lost_says_it_may_have_run_and_where_to_look(
    account: Any,
) -> None:
    make_function(account, "echo", ECHO)
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("Invoke", faults.reset_after())
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await open_invoke(pilot)
            assert isinstance(screen, InvokeScreen)
            await press_id(pilot, "invoke.send")
            await settle(pilot)

            def said() -> str:
                return " ".join((screen_text(app) + " ".join(notifications(app))).split())

            await wait_until(pilot, lambda: "may have run" in said())
            assert "not sent again" in said() and "logs" in said()
            _no_traceback(app)
    assert proxy.count("Invoke") == 1


async def test_malformed_json_is_a_titled_message_and_the_list_stays(account: Any) -> None:
    seed_functions(account.endpoint_url, 60, region=account.region, prefix="fn")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.malformed(), calls=2)
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            assert app.screen.table.total_count == 50  # type: ignore[attr-defined]
            assert any(n.startswith("Unexpected reply:") for n in notifications(app))
            _no_traceback(app)


async def test_credentials_expired_mid_session_renewed_elsewhere_then_r_continues(
    account: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list is on screen; the session's key expires (AWS refuses it from then on): the
    message names the fix, the list stays; the user renews in another terminal (here: the
    environment the profile reads) and presses r: the app goes on, no restart."""
    from lambdatui.ui.dialogs.confirm import ConfirmScreen

    seed_functions(account.endpoint_url, 3, region=account.region, prefix="fn")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAOLDKEY")
    with fault_proxy(account.endpoint_url) as proxy:
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            table = app.screen.table  # type: ignore[attr-defined]
            assert table.total_count == 3
            proxy.on("*", faults.expired_token(), signed_by="AKIAOLDKEY")
            seed_functions(account.endpoint_url, 5, region=account.region, prefix="more")
            await press_id(pilot, "functions.refresh")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)  # the offer to run the login command
            assert "aws sso login" in screen_text(app)
            await pilot.press("escape")  # not now: renewed in another terminal instead
            await settle(pilot)
            assert any("then press r" in n for n in notifications(app))
            assert table.total_count == 3  # what was on screen stays
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANEWKEY")
            await press_id(pilot, "functions.refresh")
            await settle(pilot)
            await wait_until(pilot, lambda: table.total_count == 8)
            _no_traceback(app)
    assert proxy.faulted() and proxy.sent[-1].fault == ""  # refused, then the new key went


async def test_a_wait_asked_by_retry_after_is_said_in_the_status_line(account: Any) -> None:
    seed_functions(account.endpoint_url, 60, region=account.region, prefix="fn")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(retry_after="1"), calls=2)
        app = make_app(proxy.url, account.region)
        async with app.run_test(size=(140, 30)) as pilot:
            await settle(pilot)
            await wait_until(pilot, lambda: "1 s waited as AWS asked" in screen_text(app))
            assert "1 ListFunctions request retried" in screen_text(app)
            assert app.screen.table.total_count == 60  # type: ignore[attr-defined]
            _no_traceback(app)


async def test_the_start_up_childs_failed_page_is_counted_as_retried(account: Any) -> None:
    """The first pages come from a child process that never retries: the page it was
    throttled on is asked again by the gateway, and the status line counts that retry."""
    from lambdatui.aws.first_pages import spawn

    seed_functions(account.endpoint_url, 120, region=account.region, prefix="kid")
    with fault_proxy(account.endpoint_url) as proxy:
        proxy.on("ListFunctions", faults.throttled(), calls=2)  # the child's second page
        app = make_app(proxy.url, account.region)
        app.first_pages = spawn(app.target)
        async with app.run_test(size=(140, 30)) as pilot:
            await wait_until(pilot, lambda: "120 functions" in screen_text(app), timeout=30)
            await wait_until(pilot, lambda: "1 ListFunctions request retried" in screen_text(app))
            _no_traceback(app)
    assert proxy.count("ListFunctions") == 4 and len(proxy.faulted("ListFunctions")) == 1
