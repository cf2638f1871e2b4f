"""Every failure reaches the user as a titled case with the next step, tested at the wire."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import resolve_target
from tests.wire import HtmlPage, canned_endpoint, delayed_proxy


async def _list(endpoint: str, **kw) -> None:  # type: ignore[no-untyped-def]
    target = resolve_target(endpoint_url=endpoint, region="us-east-1", **kw)
    async with Gateway(target) as gw:
        await gw.list_functions()


async def test_access_denied_names_the_action() -> None:
    with canned_endpoint(403, "AccessDeniedException", "User is not authorized") as (url, _):
        with pytest.raises(errors.AccessDenied) as caught:
            await _list(url)
    assert caught.value.action == "lambda:ListFunctions"
    assert "lambda:ListFunctions" in caught.value.message


async def test_expired_token_names_the_login_command() -> None:
    with canned_endpoint(403, "ExpiredTokenException", "The security token expired") as (url, _):
        with pytest.raises(errors.ExpiredCredentials) as caught:
            await _list(url)
    assert "aws sso login" in caught.value.hint


@pytest.mark.slow
async def test_throttling_is_retried_then_reported(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with canned_endpoint(429, "TooManyRequestsException", "Rate exceeded") as (url, seen):
        with pytest.raises(errors.Throttled):
            await _list(url)
    assert len(seen) > 1  # botocore's retry mode retried before giving up


@pytest.mark.slow
async def test_unreachable_endpoint_is_reported() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(errors.EndpointUnreachable):
        await _list(f"http://127.0.0.1:{port}")


async def test_no_credentials_is_reported(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with canned_endpoint(200, "unused") as (url, seen), pytest.raises(errors.NoCredentials):
        await _list(url)
    assert seen == []


async def test_expired_sso_session_names_the_profile(isolated_env: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    config = isolated_env / ".aws" / "config"
    config.parent.mkdir()
    config.write_text(
        "[profile work]\nsso_session = corp\nsso_account_id = 111122223333\n"
        "sso_role_name = Dev\nregion = us-east-1\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\n"
    )
    with canned_endpoint(200, "unused") as (url, seen):
        with pytest.raises(errors.ExpiredCredentials) as caught:
            await _list(url, profile="work")
    assert "aws sso login --profile work" in caught.value.hint
    assert seen == []


async def test_unknown_profile_is_reported() -> None:
    with pytest.raises(errors.NoCredentials, match="nope"):
        await _list("http://127.0.0.1:9", profile="nope")


async def test_invalid_request_is_reported_with_the_service_reason() -> None:
    reason = "1 validation error detected: Value at 'maxItems' failed to satisfy constraint"
    with canned_endpoint(400, "ValidationException", reason) as (url, _):
        with pytest.raises(errors.ValidationFailed) as caught:
            await _list(url)
    assert "lambda:ListFunctions refused the request" in caught.value.message
    assert "failed to satisfy constraint" in caught.value.message


async def test_missing_resource_is_not_found_with_the_service_reason() -> None:
    with canned_endpoint(404, "ResourceNotFoundException", "Function not found: x") as (url, _):
        with pytest.raises(errors.NotFound, match="Function not found: x"):
            await _list(url)


# -- a page instead of AWS's error (moto, a proxy, a captive portal) ----------------------------


@pytest.mark.parametrize(
    ("status", "title", "expected"),
    [
        (500, "Internal Server Error", "HTTP 500 from the endpoint: Internal Server Error"),
        (404, "Not Found", "HTTP 404 from the endpoint: Not Found"),
    ],
)
async def test_an_html_page_is_one_line_with_the_operation_and_not_retried(
    status: int, title: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    page = HtmlPage(status, title)
    caplog.set_level(logging.DEBUG, logger="lambdatui.aws.errors")
    with delayed_proxy("http://127.0.0.1:9", refuse=lambda *_: page) as (url, seen):
        with pytest.raises(errors.EndpointPage) as caught:
            await _list(url)
    error = caught.value
    assert error.message == f"{expected} (lambda:ListFunctions)"
    assert "<" not in str(error) and "\n" not in str(error)
    assert error.operation == "ListFunctions" and error.status == status
    assert len(seen) == 1  # the same page again would not help: no retry
    # The whole page is kept for --debug's log, never for the screen.
    assert any(page.body.decode() in record.getMessage() for record in caplog.records)


@pytest.mark.slow
async def test_a_gateways_502_page_is_still_retried() -> None:
    with delayed_proxy("http://127.0.0.1:9", refuse=lambda *_: HtmlPage(502, "Bad Gateway")) as (
        url,
        seen,
    ):
        with pytest.raises(errors.EndpointPage) as caught:
            await _list(url)
    assert caught.value.message.startswith("HTTP 502 from the endpoint: Bad Gateway")
    assert len(seen) > 1


def test_a_page_without_a_title_is_summed_up_by_its_text_or_its_status() -> None:
    assert errors.page_summary(503, "<html><body><b>Http/1.1 Service Unavailable</b>") == (
        "Http/1.1 Service Unavailable"
    )
    assert errors.page_summary(500, "") == "Internal Server Error"
    assert errors.page_summary(404, "<title>\n  404 Not\tFound\x1b[31m </title>") == "Not Found[31m"


def test_every_error_of_the_lambda_model_reads_as_a_titled_case() -> None:
    """No error shape of the SDK's Lambda model falls through to "lambda:X failed (Code)"."""
    import botocore.session
    from botocore.exceptions import ClientError

    model = botocore.session.get_session().get_service_model("lambda")
    codes = {
        shape.name
        for name in model.operation_names
        for shape in model.operation_model(name).error_shapes
    }
    assert "DurableExecutionAlreadyStartedException" in codes  # the model is today's
    for code in sorted(codes):
        error = ClientError({"Error": {"Code": code, "Message": "why"}}, "Invoke")
        translated = errors.translate(error, service="lambda", operation="Invoke")
        assert not isinstance(translated, errors.UnexpectedError), code
        assert translated.message and "(" + code + ")" not in translated.message, code


@pytest.mark.parametrize(
    ("status", "code", "kind", "says", "next_step"),
    [
        (
            400,
            "NoPublishedVersionException",
            errors.NotFound,
            "no published version",
            "Publish a version",
        ),
        (
            409,
            "DurableExecutionAlreadyStartedException",
            errors.Conflict,
            "already started",
            "another name",
        ),
        (402, "ServiceQuotaExceededException", errors.QuotaExceeded, "quota", "Service Quotas"),
        (408, "S3FilesMountTimeoutException", errors.FunctionSetupFailed, "S3 Files", "role"),
    ],
)
@pytest.mark.slow
async def test_new_invoke_errors_say_what_happened_and_what_next(  # type: ignore[no-untyped-def]
    account, status: int, code: str, kind: type, says: str, next_step: str
) -> None:
    from tests.invoke_functions import make_function

    make_function(account, "fleet-worker")

    def refuse(method: str, path: str) -> tuple[int, str, str] | None:
        return (status, code, "AWS's own words") if path.endswith("/invocations") else None

    with delayed_proxy(account.endpoint_url, refuse=refuse) as (url, _):
        target = resolve_target(endpoint_url=url, region="us-east-1")
        async with Gateway(target) as gw:
            with pytest.raises(errors.GatewayError) as caught:
                await gw.invoke("fleet-worker", None, b"{}")
    assert type(caught.value) is kind
    assert says in caught.value.message and "AWS's own words" in caught.value.message
    assert next_step in caught.value.hint
    assert caught.value.title not in ("AWS error", "")
