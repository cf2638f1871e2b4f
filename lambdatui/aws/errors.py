"""User-facing errors: every failure of an AWS call becomes one of a few titled cases.

The gateway translates botocore/aiohttp exceptions at its boundary (``translate``); the UI
shows ``title`` and ``message`` (and ``hint``, the next step) and never a traceback.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from . import lambda_errors

log = logging.getLogger(__name__)

#: IAM action prefix per botocore service name.
_IAM_PREFIX = {"lambda": "lambda", "logs": "logs", "sts": "sts"}

_THROTTLING = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
}
_EXPIRED = {"ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"}
_BAD_CREDENTIALS = {
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "AuthFailure",
}
_DENIED = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden"}
_NOT_FOUND = {"ResourceNotFoundException", "NotFound", "NoSuchEntity"}
_VALIDATION = {
    "ValidationException",
    "InvalidParameterValueException",
    "InvalidRequestContentException",
    "RequestTooLargeException",
    "InvalidParameterCombination",
}


class GatewayError(Exception):
    """A failed AWS call, as the user should read it."""

    title = "AWS error"

    def __init__(self, message: str, *, hint: str = "", operation: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.operation = operation

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class NoCredentials(GatewayError):
    title = "No credentials"


class ExpiredCredentials(GatewayError):
    title = "Credentials expired"


class InvalidCredentials(GatewayError):
    title = "Credentials rejected"


class AccessDenied(GatewayError):
    title = "Access denied"

    def __init__(self, message: str, *, action: str, hint: str = "", operation: str = "") -> None:
        super().__init__(message, hint=hint, operation=operation)
        self.action = action


class Throttled(GatewayError):
    title = "Throttled"


class NotFound(GatewayError):
    title = "Not found"


class EndpointUnreachable(GatewayError):
    title = "Endpoint unreachable"


class TimedOut(GatewayError):
    title = "Timed out"


class ValidationFailed(GatewayError):
    title = "Invalid request"


class EndpointPage(GatewayError):
    """The endpoint answered an error with a page that is not AWS's JSON or XML: HTML from
    moto, a proxy or a captive portal. ``message`` is one line (status and the page's title);
    ``body`` is the page as received, for the debug log, never for the screen."""

    title = "Unexpected reply"

    def __init__(self, message: str, *, status: int, body: str, operation: str = "") -> None:
        super().__init__(message, operation=operation)
        self.status = status
        self.body = body

    @property
    def transient(self) -> bool:
        """A gateway's or load balancer's passing state (502/503/504): worth asking again."""
        return self.status in TRANSIENT_PAGES


#: Statuses whose error pages are a gateway's or load balancer's passing states.
TRANSIENT_PAGES = frozenset({502, 503, 504})


class QuotaExceeded(GatewayError):
    title = "Quota exceeded"


class Conflict(GatewayError):
    title = "Conflict"


class NotReady(GatewayError):
    """The function cannot run yet (being set up, inactive): worth trying again later."""

    title = "Not ready"


class FunctionSetupFailed(GatewayError):
    """Lambda could not set up what the function needs to run (VPC, file system, KMS key,
    snapshot, runtime): the function's configuration, not the request, needs a change."""

    title = "Function could not start"


class ServiceError(GatewayError):
    title = "AWS service error"


class ReadOnlyRefused(GatewayError):
    title = "Read-only mode"


class UnexpectedError(GatewayError):
    title = "AWS error"


class ChangedMeanwhile(GatewayError):
    """The function (or alias) changed since the form read it: nothing was overwritten."""

    title = "Changed by someone else"


class UpdateFailed(GatewayError):
    """Lambda accepted the change but could not apply it (LastUpdateStatus / Status Failed)."""

    title = "Update failed"


class UpdateInProgress(GatewayError):
    """Another update was still being applied after every retry."""

    title = "Update in progress"


class DownloadExpired(GatewayError):
    """A package's presigned link was refused (HTTP 403): GetFunction's links last about ten
    minutes, so the view that holds it must ask for a new one."""

    title = "Download link expired"


class PackageMismatch(GatewayError):
    """The bytes downloaded are not the package Lambda described (their SHA-256 or size
    differs): nothing of them is kept or shown."""

    title = "Package check failed"


class PackageTooLarge(GatewayError):
    """A package over Lambda's limit for a direct upload (the request's ZipFile): refused
    before it is sent, naming the route that works (S3)."""

    title = "Package too large"


def error_code(exc: BaseException) -> str:
    """The AWS error code behind a translated error ('' when there is none)."""
    cause: Any = exc.__cause__ or exc
    response = getattr(cause, "response", None)
    if isinstance(response, dict):
        return str((response.get("Error") or {}).get("Code") or "")
    return ""


def unavailable(exc: GatewayError) -> tuple[str, str]:
    """A part of a view that could not be read, as (label, reason): ('not permitted',
    'lambda:GetPolicy') when a policy denied it, else ('not available', the message)."""
    if isinstance(exc, AccessDenied):
        return "not permitted", exc.action
    return "not available", exc.message


def login_hint(profile: str | None) -> str:
    flag = f" --profile {profile}" if profile else ""
    return f"Run `aws sso login{flag}` (or refresh your session credentials) and press r."


def translate(
    exc: BaseException, *, service: str, operation: str, profile: str | None = None
) -> GatewayError:
    """Map any exception raised by an AWS call to a GatewayError subclass."""
    if isinstance(exc, GatewayError):
        return exc
    action = f"{_IAM_PREFIX.get(service, service)}:{operation}"
    name = type(exc).__name__
    code, text = _client_error(exc)
    if code is not None and code.isdigit():
        # botocore's code when the body carried none: the error is a page, not AWS's reply.
        return endpoint_page(int(code), text, action=action, operation=operation)
    if code is not None and service == "lambda" and code in lambda_errors.LAMBDA_ERRORS:
        return _from_lambda(code, text, operation=operation)
    if code is not None:
        return _from_code(code, text, action=action, operation=operation, profile=profile)
    if name in {"TokenRetrievalError", "UnauthorizedSSOTokenError", "SSOTokenLoadError"}:
        return ExpiredCredentials(
            f"The SSO session for profile '{profile or 'default'}' has expired.",
            hint=login_hint(profile),
            operation=operation,
        )
    if name in {"NoCredentialsError", "PartialCredentialsError", "ProfileNotFound"}:
        return NoCredentials(
            str(exc).rstrip("."),
            hint="Configure credentials (aws configure, AWS_PROFILE or --profile).",
            operation=operation,
        )
    if name in {"CredentialRetrievalError", "SSOError", "NoAuthTokenError"}:
        return NoCredentials(str(exc), hint=login_hint(profile), operation=operation)
    if name in {"ReadTimeoutError", "TimeoutError", "ServerTimeoutError"}:
        return TimedOut(
            f"{action}: no response from the endpoint in time.",
            hint="Check the network, then press r.",
            operation=operation,
        )
    if name in {
        "ClientPayloadError",
        "IncompleteRead",
        "ResponseStreamingError",
        "ConnectionClosedError",
        "ServerDisconnectedError",
    }:
        return EndpointUnreachable(
            f"{action}: the connection closed before the whole reply came.",
            hint="Check the network, then press r.",
            operation=operation,
        )
    untrusted = _certificate_refusal(exc)
    if untrusted is not None:
        return EndpointUnreachable(
            f"The endpoint {untrusted[0]} presented a TLS certificate that is not trusted"
            f" ({untrusted[1]}).",
            hint="Point AWS_CA_BUNDLE (or ca_bundle in the profile) at the CA that signed it, "
            "or check the clock, then press r.",
            operation=operation,
        )
    if name in {
        "EndpointConnectionError",
        "ConnectTimeoutError",
        "ClientConnectorError",
        "ClientConnectionError",
        "HTTPClientError",
        "ProxyConnectionError",
        "SSLError",
        "ConnectionRefusedError",
        "OSError",
    }:
        url = getattr(exc, "kwargs", {}).get("endpoint_url") if hasattr(exc, "kwargs") else None
        where = f" {url}" if url else ""
        return EndpointUnreachable(
            f"Could not reach the endpoint{where}.",
            hint="Check the network, VPN or --endpoint-url, then press r.",
            operation=operation,
        )
    if name == "ParamValidationError":
        return ValidationFailed(str(exc).strip(), operation=operation)
    return UnexpectedError(f"{action} failed: {name}: {exc}", operation=operation)


def _certificate_refusal(exc: BaseException) -> tuple[str, str] | None:
    """(host, why) when TLS refused the endpoint's certificate, else None: a proxy or a
    private CA is the usual cause, and "could not reach" would send the user to the network."""
    import ssl  # already loaded by the SDK when this can happen

    if type(exc).__name__ != "SSLError":
        return None
    error: object = getattr(exc, "kwargs", {}).get("error")
    refusal = getattr(error, "certificate_error", error)  # aiohttp's wrapper → ssl's error
    if not isinstance(refusal, ssl.SSLCertVerificationError):
        return None
    url = str(getattr(exc, "kwargs", {}).get("endpoint_url") or "")
    host = "/".join(url.split("/")[:3]) if "://" in url else "(its host)"
    why = refusal.verify_message or refusal.reason or "certificate verify failed"
    return host[:120], str(why)[:120]


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def page_summary(status: int, body: str) -> str:
    """One line for an error page: its <title> (without a leading status number), else its
    first line of text, else the status's reason phrase."""
    import html  # only for a page that is not AWS's: kept off the start-up path
    import http

    found = _TITLE.search(body)
    if found:
        text = found.group(1)
    else:
        lines = (line.strip() for line in _TAG.sub("\n", body).splitlines())
        text = next((line for line in lines if line and not line.startswith("<")), "")
    text = " ".join(html.unescape(text).split())
    text = re.sub(rf"^{status}\b\s*", "", text)
    text = "".join(ch for ch in text if ch.isprintable())[:80].strip()
    if not text:
        try:
            text = http.HTTPStatus(status).phrase
        except ValueError:
            text = "no reason given"
    return text


def endpoint_page(status: int, body: str, *, action: str, operation: str) -> EndpointPage:
    """The one-line error for a page answered instead of AWS's error (full body logged)."""
    log.debug("%s: HTTP %s from the endpoint, body:\n%s", action, status, body)
    return EndpointPage(
        f"HTTP {status} from the endpoint: {page_summary(status, body)} ({action})",
        status=status,
        body=body,
        operation=operation,
    )


def _client_error(exc: BaseException) -> tuple[str | None, str]:
    response: Any = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return None, ""
    error = response.get("Error") or {}
    code = error.get("Code")
    if code is None:
        status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        code = str(status) if status else None
    return (str(code) if code is not None else None), str(error.get("Message") or "")


#: The class of each family of Lambda's own errors (``lambda_errors``).
LAMBDA_FAMILIES: dict[str, type[GatewayError]] = {
    lambda_errors.QUOTA: QuotaExceeded,
    lambda_errors.CONFLICT: Conflict,
    lambda_errors.NOT_READY: NotReady,
    lambda_errors.SETUP: FunctionSetupFailed,
    lambda_errors.INVALID: ValidationFailed,
    lambda_errors.NOT_FOUND: NotFound,
    lambda_errors.SERVICE: ServiceError,
}


def _from_lambda(code: str, text: str, *, operation: str) -> GatewayError:
    """One of Lambda's own error codes: its sentence, AWS's message, the next step."""
    known = lambda_errors.LAMBDA_ERRORS[code]
    detail = f" {text}" if text and text.rstrip(".") not in known.sentence else ""
    if detail and not detail.rstrip().endswith((".", "!", "?")):
        detail += "."
    return LAMBDA_FAMILIES[known.family](
        f"{known.sentence}{detail}", hint=known.hint, operation=operation
    )


def _from_code(
    code: str, text: str, *, action: str, operation: str, profile: str | None
) -> GatewayError:
    detail = f": {text}" if text else ""
    if code in _THROTTLING:
        return Throttled(
            f"{action} was throttled by AWS.",
            hint="Wait a moment, then press r.",
            operation=operation,
        )
    if code in _EXPIRED:
        return ExpiredCredentials(
            f"The credentials of profile '{profile or 'default'}' have expired.",
            hint=login_hint(profile),
            operation=operation,
        )
    if code in _BAD_CREDENTIALS:
        return InvalidCredentials(
            f"AWS rejected the credentials ({code}).",
            hint="Check the access key / profile, then press r.",
            operation=operation,
        )
    if code in _DENIED:
        return AccessDenied(
            f"Not permitted: {action}.",
            action=action,
            hint="Ask for this permission in your IAM policy.",
            operation=operation,
        )
    if code in _NOT_FOUND:
        return NotFound(f"Not found{detail}", operation=operation)
    if code in _VALIDATION:
        return ValidationFailed(f"{action} refused the request{detail}", operation=operation)
    return UnexpectedError(f"{action} failed ({code}){detail}", operation=operation)
