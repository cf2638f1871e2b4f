"""User stories of the configuration and triggers panes, on the seeded demo account."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.raw_json import RawJsonScreen
from tests import new_fields
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle
from tests.wire import HtmlPage, delayed_proxy

SECRET = "correct-horse-battery-staple"  # orders-api's DB_PASSWORD in the demo seed


@pytest.fixture
def demo_account(shared_demo):  # type: ignore[no-untyped-def]
    """The seeded demo, shared by this module's tests: they only read it."""
    return shared_demo


async def _open(pilot, name: str) -> FunctionScreen:  # type: ignore[no-untyped-def]
    """Open ``name`` from the list. The cursor goes to its row directly: typing the name into
    the filter cost a tenth of a second a key (Pilot waits for the process to idle after
    each), and filtering has its own tests (test_function_list)."""
    await settle(pilot)
    pilot.app.screen.table.move_cursor_to_key(name)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FunctionScreen) and screen.function.name == name
    return screen


def _pane(screen: FunctionScreen, pane: str) -> dict[str, str]:
    """label → shown value of every line of a pane (as the user reads it)."""
    table = screen.query_one(f"#{pane}-table")
    return {f"{f.section}/{f.label}": f.shown_value for f in table.visible_rows()}


@pytest.mark.slow
async def test_configuration_shows_every_section_with_secrets_masked(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await _open(pilot, "orders-api")
        lines = _pane(screen, "configuration")
        assert lines["General/ARN"].endswith(":function:orders-api")
        assert lines["General/Runtime"] == "python3.12"
        assert lines["General/Architectures"] == "arm64"
        assert lines["General/Memory"] == "512 MB"
        assert lines["General/Log group"] == "/aws/lambda/orders-api"
        # the largest sensible unit: Lambda's 75 GB, not "76,800.0 MB"
        assert re.fullmatch(r"[\d.]+ [KM]B of 75 GB · \d+ functions", lines["Account/Code storage"])
        assert lines["Environment variables/DB_PASSWORD"] == "••••"
        for section in (
            "Concurrency",
            "Asynchronous invocation",
            "Function URL",
            "Tags",
            "Code signing",
            "Account",
        ):
            assert any(key.startswith(f"{section}/") for key in lines), section
        assert not any(v == "loading…" for v in lines.values())
        assert SECRET not in screen_text(app)

        assert "values masked: press v to reveal them" in screen_text(app)
        await press_id(pilot, "function.reveal")
        assert _pane(screen, "configuration")["Environment variables/DB_PASSWORD"] == SECRET
        assert "values masked" not in screen_text(app)
        assert "values shown: press v to mask them again" in screen_text(app)
        await press_id(pilot, "function.reveal")
        assert SECRET not in screen_text(app)
        assert "values masked: press v to reveal them" in screen_text(app)
        assert _pane(screen, "configuration")["Environment variables/DB_PASSWORD"] == "••••"


async def test_raw_json_of_the_function_never_shows_masked_values(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, "orders-api")
        table = screen.query_one("#configuration-table")
        table.move_cursor_to_key("General\x001\x00ARN")
        await press_id(pilot, "function.raw")
        assert isinstance(app.screen, RawJsonScreen)
        assert '"FunctionName": "orders-api"' in app.screen.text
        assert "DB_PASSWORD" in app.screen.text and SECRET not in app.screen.text
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]  # the dialog's own keys
        assert "Close" in footer and "Copy JSON" in footer and "Refresh" not in footer
        await press_id(pilot, "raw.close")
        assert app.screen is screen


async def test_y_copies_the_arn_or_the_selected_value(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, "orders-api")
        await press_id(pilot, "function.copy")  # on the heading: the ARN
        assert app.clipboard.endswith(":function:orders-api")
        assert any("Copied ARN" in n for n in notifications(app))
        table = screen.query_one("#configuration-table")
        key = next(f.key for f in table.visible_rows() if f.label == "Handler")
        table.move_cursor_to_key(key)
        await press_id(pilot, "function.copy")
        assert app.clipboard == "orders_api.handler"


@pytest.mark.slow
async def test_triggers_name_every_kind_of_source(demo_account) -> None:  # type: ignore[no-untyped-def]
    expected = {
        "orders-api": ("API Gateway", "GET /orders"),
        "image-thumbnailer": ("S3", "acme-uploads"),
        "user-signup-notifier": ("SNS", "signups"),
        "nightly-cleanup": ("EventBridge", "nightly-cleanup-schedule"),
        "order-processor": ("orders-queue", "SQS"),
        "inventory-sync": ("inventory", "DynamoDB Streams"),
        "clickstream-ingest": ("clickstream", "Kinesis"),
        "payment-webhook": ("account 210987654321", "⚠ CROSS-ACCOUNT"),
        "checkout-ssr": ("HTTPS (public)", "⚠ auth NONE · https://"),
        "report-generator": ("HTTPS (IAM)", "auth AWS_IAM"),
    }
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(140, 40)) as pilot:
        for name, (label, detail) in expected.items():
            screen = await _open(pilot, name)
            await press_id(pilot, "function.tab-triggers")
            table = screen.query_one("#triggers-table")
            hits = [f.shown_value for f in table.visible_rows() if f.label.startswith(label)]
            assert any(detail in hit for hit in hits), (name, hits)
            await press_id(pilot, "function.back")
            await settle(pilot)


@pytest.mark.slow
async def test_a_denied_section_says_so_while_the_rest_loads(demo_account) -> None:  # type: ignore[no-untyped-def]
    def deny(method: str, path: str) -> bool:
        return path.split("?")[0].endswith("/policy") or "/concurrency" in path

    with delayed_proxy(demo_account.endpoint_url, deny=deny) as (url, _):
        app = make_app(url, demo=True)
        async with app.run_test(size=(120, 60)) as pilot:
            screen = await _open(pilot, "orders-api")
            config = _pane(screen, "configuration")
            # Each part of the section stands on its own call.
            assert config["Concurrency/Reserved"] == "not permitted: lambda:GetFunctionConcurrency"
            assert "READY" in config["Concurrency/Provisioned live"]
            assert config["General/Runtime"] == "python3.12"
            assert config["Environment variables/DB_PASSWORD"] == "••••"
            triggers = _pane(screen, "triggers")
            assert triggers["Push: resource policy/not permitted"] == "lambda:GetPolicy"
            assert any(k.startswith("Destinations/") for k in triggers)
            assert app.is_running


@pytest.mark.slow
async def test_a_qualifier_shows_its_own_concurrency_and_destinations(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(140, 60)) as pilot:
        screen = await _open(pilot, "orders-api")
        latest_config = _pane(screen, "configuration")
        latest_triggers = _pane(screen, "triggers")
        await press_id(pilot, "function.tab-aliases")
        screen.query_one("#aliases-table").move_cursor_to_key("live")
        await press_id(pilot, "function.qualifier")
        await settle(pilot)
        live_config = _pane(screen, "configuration")
        live_triggers = _pane(screen, "triggers")
        assert live_config["General/Qualified ARN"].endswith(":function:orders-api:live")
        assert live_config["General/Version"] == "3"  # the alias resolves to its version
        assert "READY" in live_config["Concurrency/Provisioned live"]
        assert "requested 5" in live_config["Concurrency/Provisioned live"]
        # $LATEST lists every version's and alias's provisioned config; an alias, its own.
        assert "Concurrency/Provisioned live" in latest_config
        assert [k for k in live_config if k.startswith("Concurrency/Provisioned")] == [
            "Concurrency/Provisioned live"
        ]
        live_destinations = {k: v for k, v in live_triggers.items() if k.startswith("Destin")}
        latest_destinations = {k: v for k, v in latest_triggers.items() if k.startswith("Destin")}
        assert live_destinations != latest_destinations


@pytest.mark.slow
async def test_raw_json_of_a_large_document_is_capped_but_all_there(demo_account) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.ui.screens import raw_json

    document = {"items": [{"n": i, "text": "x" * 40} for i in range(1500)]}  # over the limit
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = raw_json.RawJsonScreen("big", document)
        await app.push_screen(screen)
        await pilot.pause()
        assert len(screen.text) > raw_json.HIGHLIGHT_LIMIT
        assert '"n": 1499' in screen.text  # nothing dropped
        group = raw_json.renderable(screen.text)
        assert "more characters, shown without highlighting" in str(group.renderables[1])
        await press_id(pilot, "raw.copy")
        assert app.clipboard == screen.text


async def test_raw_json_of_a_trigger_is_the_api_document(demo_account) -> None:  # type: ignore[no-untyped-def]
    import json

    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, "payment-webhook")
        await press_id(pilot, "function.tab-triggers")
        table = screen.query_one("#triggers-table")
        key = next(f.key for f in table.visible_rows() if f.label == "account 210987654321")
        table.move_cursor_to_key(key)
        await press_id(pilot, "function.raw")
        assert isinstance(app.screen, RawJsonScreen)
        document = json.loads(app.screen.text)
        assert document["Sid"] == "acmepay-cross-account"
        assert document["Principal"] == {"AWS": "arn:aws:iam::210987654321:root"}


@pytest.mark.slow
async def test_opening_another_function_shows_its_own_details_masked_again(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(120, 60)) as pilot:
        first = await _open(pilot, "orders-api")
        await press_id(pilot, "function.reveal")
        assert _pane(first, "configuration")["Environment variables/DB_PASSWORD"] == SECRET
        await press_id(pilot, "function.tab-triggers")
        await press_id(pilot, "function.back")
        await settle(pilot)
        second = await _open(pilot, "order-processor")
        config = _pane(second, "configuration")
        assert config["General/ARN"].endswith(":function:order-processor")
        assert config["General/Log group"] == "/acme/orders/processor"
        assert "Environment variables/DB_PASSWORD" not in config
        assert SECRET not in screen_text(app)
        assert second.query_one("TabbedContent").active == "configuration"
        assert second.qualifier == "$LATEST"
        versions = [v.version for v in second.query_one("#versions-table").visible_rows()]
        assert versions and versions[0] == "$LATEST"
        await press_id(pilot, "function.tab-triggers")
        triggers = second.query_one("#triggers-table")
        assert any(f.label.startswith("orders-queue") for f in triggers.visible_rows())


@pytest.mark.parametrize(
    ("answer", "provisioned"),
    [
        (
            (403, "AccessDeniedException", "not authorized"),
            "not permitted: lambda:ListProvisionedConcurrencyConfigs",
        ),
        (
            HtmlPage(500, "Internal Server Error"),
            "not available: HTTP 500 from the endpoint: Internal Server Error "
            "(lambda:ListProvisionedConcurrencyConfigs)",
        ),
    ],
    ids=["denied", "html-500"],
)
@pytest.mark.slow
async def test_concurrency_and_account_show_what_each_call_answered(  # type: ignore[no-untyped-def]
    demo_account, answer, provisioned: str
) -> None:
    def refuse(method: str, path: str):  # type: ignore[no-untyped-def]
        if "/provisioned-concurrency" in path:
            return answer
        if "/account-settings" in path:
            return HtmlPage(404, "Not Found")
        return None

    with delayed_proxy(demo_account.endpoint_url, refuse=refuse) as (url, seen):
        app = make_app(url, demo=True)
        async with app.run_test(size=(120, 60)) as pilot:
            screen = await _open(pilot, "payment-webhook")
            config = _pane(screen, "configuration")
            assert config["Concurrency/Reserved"] == "50"
            assert config["Concurrency/Provisioned"] == provisioned
            assert config["Account/not available"] == (
                "HTTP 404 from the endpoint: Not Found (lambda:GetAccountSettings)"
            )
            text = screen_text(app).lower()
            assert "<html" not in text and "<!doctype" not in text
    # A page answers the same way again: it is asked for once.
    assert sum("/provisioned-concurrency" in line for line in seen) == 1
    assert sum("/account-settings" in line for line in seen) == 1


@pytest.mark.slow
async def test_enter_on_any_line_reads_the_whole_value_wrapped(demo_account) -> None:  # type: ignore[no-untyped-def]
    from lambdatui.ui.screens.field_detail import FieldDetailScreen

    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "customer-export")
        table = screen.query_one("#configuration-table")
        field = next(f for f in table.visible_rows() if f.label == "Description")
        assert len(field.value) > 200  # the demo's long description
        assert field.value not in " ".join(screen_text(app).split())  # cut in the pane
        table.move_cursor_to_key(field.key)
        await press_id(pilot, "function.raw")
        await pilot.pause()
        assert isinstance(app.screen, FieldDetailScreen)
        box = app.screen.query_one("#detail-text").region
        lines = screen_text(app).splitlines()[box.y : box.bottom]
        shown = [line[box.x : box.right].rstrip() for line in lines]
        assert len(shown) > 1 and " ".join(shown) == field.value  # whole, wrapped
        footer = screen_text(app).splitlines()[-1]
        assert "Close" in footer and "Copy" in footer
        await press_id(pilot, "detail.copy")
        assert app.clipboard == field.value
        await press_id(pilot, "detail.close")
        assert app.screen is screen


@pytest.mark.slow
async def test_a_managed_durable_tenant_isolated_function_shows_what_it_is(demo_account) -> None:  # type: ignore[no-untyped-def]
    fields = {
        "orders-api": {
            **new_fields.MANAGED_INSTANCES,
            **new_fields.DURABLE,
            **new_fields.TENANT_ISOLATED,
            **new_fields.CONFIG_SHA,
            **new_fields.S3_FILES,
            "State": "ActiveNonInvocable",
            "StateReasonCode": "Idle",
            "SigningJobArn": "arn:aws:signer:us-east-1:123456789012:/signing-jobs/j-1",
        }
    }
    rewrite = new_fields.functions_with(fields)
    with delayed_proxy(demo_account.endpoint_url, rewrite=rewrite) as (url, _):
        app = make_app(url, demo=True)
        async with app.run_test(size=(160, 70)) as pilot:
            screen = await _open(pilot, "orders-api")
            lines = _pane(screen, "configuration")
            rows = [
                (f.label, f.shown_value)
                for f in screen.query_one("#configuration-table").visible_rows()
            ]
            assert lines["General/Capacity provider"] == (
                f"gpu-fleet (Lambda Managed Instances) · {new_fields.PROVIDER_ARN}"
            )
            assert ("Provider setting", "PerExecutionEnvironmentMaxConcurrency 64") in rows
            assert ("Provider setting", "ExecutionEnvironmentMemoryGiBPerVCpu 4") in rows
            assert lines["General/Durable execution"] == (
                "timeout 86,400 s (1 d) · history kept 14 days · KMS key AWS owned"
            )
            assert lines["General/Tenant isolation"].startswith("PER_TENANT")
            assert lines["General/Config SHA-256"] == new_fields.CONFIG_SHA["ConfigSha256"]
            assert lines["General/State"] == "ActiveNonInvocable (Idle)"
            assert lines["General/File system"] == (
                f"/mnt/models ← {new_fields.S3_FILES_AP} · S3 Files, direct reads ENABLED"
            )
            # A field the model knows and no section shows: listed, its JSON behind enter.
            assert lines["Other fields/SigningJobArn"] == (
                '"arn:aws:signer:us-east-1:123456789012:/signing-jobs/j-1"'
            )
            table = screen.query_one("#configuration-table")
            key = next(f.key for f in table.visible_rows() if f.label == "SigningJobArn")
            table.move_cursor_to_key(key)
            await press_id(pilot, "function.raw")
            assert isinstance(app.screen, RawJsonScreen)
            assert '"SigningJobArn": "arn:aws:signer' in app.screen.text


async def test_an_ordinary_function_says_it_has_no_other_fields(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url, demo=True)
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await _open(pilot, "orders-api")
        lines = _pane(screen, "configuration")
        others = [
            k for k in lines if k.startswith("Other fields/") and k != "Other fields/OTHER FIELDS"
        ]
        # RevisionId is an opaque token for the edit path: in the raw reply, not listed here
        assert others == ["Other fields/"], others
        assert lines["Other fields/"] == "none: all shown above (enter on ARN: raw reply)"
        for label in ("Capacity provider", "Durable execution", "Tenant isolation"):
            assert f"General/{label}" not in lines


@pytest.mark.slow
async def test_an_event_source_mapping_shows_its_system_log_level(demo_account) -> None:  # type: ignore[no-untyped-def]
    def rewrite(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        for item in body.get("EventSourceMappings") or ():
            item["LoggingConfig"] = {"SystemLogLevel": "WARN"}
        return body

    with delayed_proxy(demo_account.endpoint_url, rewrite=rewrite) as (url, _):
        app = make_app(url, demo=True)
        async with app.run_test(size=(160, 40)) as pilot:
            screen = await _open(pilot, "order-processor")
            await press_id(pilot, "function.tab-triggers")
            triggers = _pane(screen, "triggers")
            assert "system logs WARN" in triggers["Pull: event sources/orders-queue"]
