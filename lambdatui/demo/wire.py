"""HTTP plumbing for the demo middleware: read a Lambda request, capture moto's reply, shape errors.

Everything here speaks plain WSGI, so the middleware can sit in front of moto's
``DomainDispatcherApplication`` without knowing anything about Flask.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from moto.core.models import DEFAULT_ACCOUNT_ID

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# Headers that describe a body we may rewrite; they are recomputed on the way out.
_BODY_HEADERS = frozenset({"content-length", "x-amz-crc32", "transfer-encoding"})


@dataclass(frozen=True)
class LambdaRequest:
    """One signed request to the Lambda API, with its body already read."""

    environ: dict[str, Any]
    method: str
    path: str
    query: dict[str, str]
    body: bytes
    account_id: str
    region: str

    def header(self, name: str, default: str = "") -> str:
        key = "HTTP_" + name.upper().replace("-", "_")
        return str(self.environ.get(key, default))

    def json_body(self) -> dict[str, Any]:
        """The body as a JSON object; {} when empty or not an object."""
        if not self.body:
            return {}
        try:
            data = json.loads(self.body)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}


def with_json_body(req: LambdaRequest, data: dict[str, Any]) -> LambdaRequest:
    """The same request carrying ``data`` as its body (moto does not check signatures)."""
    body = json.dumps(data).encode()
    environ = dict(req.environ)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return replace(req, environ=environ, body=body)


@dataclass(frozen=True)
class Reply:
    """A complete HTTP reply, either captured from moto or built here."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def with_json(self, data: Any) -> Reply:
        """The same reply carrying ``data`` as its JSON body."""
        headers = [(k, v) for k, v in self.headers if k.lower() not in _BODY_HEADERS]
        return replace(self, headers=headers, body=json.dumps(data).encode())


def credential_scope(environ: dict[str, Any]) -> tuple[str, str, str] | None:
    """(access key, region, service) from a SigV4 Authorization header, if there is one."""
    auth = str(environ.get("HTTP_AUTHORIZATION", ""))
    marker = "Credential="
    start = auth.find(marker)
    if start < 0:
        return None
    credential = auth[start + len(marker) :].split(",", 1)[0].strip()
    parts = credential.split("/")
    if len(parts) != 5:
        return None
    access_key, _date, region, service, _terminator = parts
    return access_key, region, service


def account_for(environ: dict[str, Any], access_key: str) -> str:
    """The account moto will file this request under (same precedence as moto itself)."""
    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    header = environ.get("HTTP_X_MOTO_ACCOUNT_ID")
    if header:
        return str(header)
    try:
        from moto.iam.models import get_account_id_from

        return get_account_id_from(access_key)
    except Exception:  # an IAM backend that cannot answer still means the default
        return DEFAULT_ACCOUNT_ID


def read_body(environ: dict[str, Any]) -> bytes:
    """Read the request body and put it back, so the wrapped app can read it again."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if length.isdigit():
        body = stream.read(int(length)) if int(length) else b""
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return bytes(body)


def parse_request(environ: dict[str, Any]) -> LambdaRequest | None:
    """A LambdaRequest when this is a request signed for the Lambda service, else None."""
    scope = credential_scope(environ)
    if scope is None or scope[2] != "lambda":
        return None
    access_key, region, _service = scope
    query = {k: v[0] for k, v in parse_qs(str(environ.get("QUERY_STRING", ""))).items() if v}
    path = environ.get("PATH_INFO", "")
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    return LambdaRequest(
        environ=environ,
        method=str(environ.get("REQUEST_METHOD", "GET")).upper(),
        path=str(path),
        query=query,
        body=read_body(environ),
        account_id=account_for(environ, access_key),
        region=region,
    )


def call_app(app: WSGIApp, environ: dict[str, Any]) -> Reply:
    """Run the wrapped WSGI app and collect its whole reply."""
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"] = int(status.split(" ", 1)[0])
        captured["headers"] = list(headers)
        return lambda _data: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return Reply(status=captured.get("status", 500), headers=captured.get("headers", []), body=body)


def json_reply(status: int, data: Any, headers: Iterable[tuple[str, str]] = ()) -> Reply:
    return Reply(
        status=status,
        headers=[("Content-Type", "application/json"), *headers],
        body=json.dumps(data).encode(),
    )


def error_reply(status: int, error_type: str, message: str) -> Reply:
    """An error the way the Lambda API sends it: the type in a header, the message in JSON."""
    return json_reply(
        status,
        {"Type": "User", "message": message},
        headers=[("x-amzn-ErrorType", error_type)],
    )


def moto_error_reply(error: Any) -> Reply:
    """A Reply for one of moto's REST errors raised by a backend we called directly."""
    return error_reply(
        int(getattr(error, "code", 400) or 400),
        str(getattr(error, "error_type", "ServiceException")),
        str(getattr(error, "message", error)),
    )


def send(reply: Reply, start_response: Callable[..., Any]) -> list[bytes]:
    """Emit a Reply through WSGI with a correct Content-Length."""
    try:
        phrase = HTTPStatus(reply.status).phrase
    except ValueError:
        phrase = "Unknown"
    headers = [(k, v) for k, v in reply.headers if k.lower() not in _BODY_HEADERS]
    headers.append(("Content-Length", str(len(reply.body))))
    start_response(f"{reply.status} {phrase}", headers)
    return [reply.body]
