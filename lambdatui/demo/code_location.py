"""Where a function's or a layer's code can be downloaded: ``Code.Location`` and
``Content.Location``, served by the local account itself.

Lambda answers GetFunction with a presigned S3 URL, valid for 10 minutes, that serves the
deployment package of exactly the version asked for (through an alias: the alias's version);
GetLayerVersion, GetLayerVersionByArn and PublishLayerVersion do the same for a layer
version's archive. moto 5.2.5 answers with an ``awslambda-…-tasks.s3…amazonaws.com`` URL that
nothing serves (for a published version it names $LATEST's newest upload: moto's versions share
one ``code`` dict), a layer's Location is ``"s3://"``, and it has no GetLayerVersionByArn (its
``GET /layers?find=LayerVersion&Arn=…`` lists layers). Here the URL is on the host and port the
request was sent to, path-style like an S3 bucket:

    http://127.0.0.1:PORT/awslambda-REGION-tasks/snapshots/ACCOUNT/NAME/VERSION/SHA256HEX
        ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250101T120000Z&X-Amz-Expires=600
        &X-Amz-Signature=HEX

(``awslambda-REGION-layers`` for a layer). A plain GET, with no headers or credentials,
returns the zip. The signature is an HMAC, under a key made by this process, of the path, the
date and the lifetime: a URL changed anywhere is refused with 403 SignatureDoesNotMatch, one
past its lifetime with 403 AccessDenied "Request has expired", in S3's XML. Time is the
account's clock (``AccountKnobs.clock``) and the lifetime ``AccountKnobs.code_url_seconds``, so
a test moves time instead of waiting. The path names the bytes by their SHA-256: the URL serves
the package it was issued for while the function (or layer version) still has it, and 404
NoSuchKey after, as nothing is kept here beyond moto's own objects.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, quote, urlencode
from xml.sax.saxutils import escape

from . import function_state as state
from .limits import AccountKnobs
from .qualified import published_versions, split_function_name
from .wire import (
    LambdaRequest,
    Reply,
    WSGIApp,
    call_app,
    error_reply,
    json_reply,
    moto_error_reply,
    parse_request,
    send,
)

_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
_SNAPSHOT = re.compile(
    r"^/awslambda-(?P<region>[a-z0-9-]+)-(?P<kind>tasks|layers)/snapshots/"
    r"(?P<account>\d{12})/(?P<name>[^/]+)/(?P<version>[^/]+)/(?P<sha>[0-9a-f]{64})$"
)
_GET_FUNCTION = re.compile(r"^/2015-03-31/functions/(?P<name>[^/]+)/?$")
_LAYER_VERSIONS = re.compile(r"^/2018-10-31/layers/(?P<layer>.+?)/versions/?$")
_LAYER_VERSION = re.compile(r"^/2018-10-31/layers/(?P<layer>.+?)/versions/(?P<version>\d+)/?$")
_LAYERS = re.compile(r"^/2018-10-31/layers/?$")
LAYER_VERSION_ARN = (
    r"arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}"
    r":layer:[a-zA-Z0-9-_]+:[0-9]+"
)


class CodeLocationMiddleware:
    """Gives GetFunction and the layer-version calls a Location this account serves, answers
    GetLayerVersionByArn, and serves the downloads; everything else goes to ``app``."""

    def __init__(self, app: WSGIApp, knobs: AccountKnobs | None = None) -> None:
        self.app = app
        self.knobs = knobs or AccountKnobs()
        self._key = secrets.token_bytes(32)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = _path(environ)
        method = str(environ.get("REQUEST_METHOD", "")).upper()
        snapshot = _SNAPSHOT.match(path) if method == "GET" else None
        if snapshot is not None:
            return send(self._download(environ, path, snapshot), start_response)
        answer = self._lambda_call(environ, method, path)
        if answer is None:
            return self.app(environ, start_response)
        return send(answer, start_response)

    # -- Replies that carry a Location ----------------------------------------------------------

    def _lambda_call(self, environ: dict[str, Any], method: str, path: str) -> Reply | None:
        if "/lambda/aws4_request" not in str(environ.get("HTTP_AUTHORIZATION", "")):
            return None
        wanted = (
            (method == "GET" and _GET_FUNCTION.match(path))
            or (method == "GET" and _LAYER_VERSION.match(path))
            or (method == "POST" and _LAYER_VERSIONS.match(path))
            or (method == "GET" and _LAYERS.match(path))
        )
        if not wanted:
            return None
        req = parse_request(environ)
        if req is None:
            return None
        if _LAYERS.match(path):
            if req.query.get("find") != "LayerVersion":
                return None  # ListLayers
            return self._layer_version_by_arn(req)
        reply = call_app(self.app, req.environ)
        if not reply.ok:
            return reply
        data = reply.json()
        if not isinstance(data, dict):
            return reply
        if _GET_FUNCTION.match(path):
            self._locate_function(req, data)
        else:
            self._locate_layer(req, data)
        return reply.with_json(data)

    def _locate_function(self, req: LambdaRequest, data: dict[str, Any]) -> None:
        config = data.get("Configuration")
        if not isinstance(config, dict):
            return
        name = split_function_name(str(config.get("FunctionName", "")))[0]
        version = str(config.get("Version") or "$LATEST")
        fn = state.find_function(state.lambda_backend(req.account_id, req.region), name, version)
        if fn is None or "ImageUri" in (getattr(fn, "code", None) or {}):
            return  # a container image: Code says ImageUri and ResolvedImageUri, no Location
        path = _snapshot_path("tasks", req.region, req.account_id, name, version, fn)
        data["Code"] = {"RepositoryType": "S3", "Location": self._presign(req.environ, path)}

    def _locate_layer(self, req: LambdaRequest, data: dict[str, Any]) -> None:
        arn = str(data.get("LayerVersionArn", ""))
        layer = _layer_version(arn)
        if layer is None:
            return
        _prefix, _partition, _service, region, account, _kind, name, version = arn.split(":")
        path = _snapshot_path("layers", region, account, name, version, layer)
        content = data.setdefault("Content", {})
        content["Location"] = self._presign(req.environ, path)
        content["CodeSha256"] = str(getattr(layer, "code_sha_256", "") or "")
        content["CodeSize"] = len(_bytes(layer))

    def _layer_version_by_arn(self, req: LambdaRequest) -> Reply:
        arn = req.query.get("Arn", "")
        if not re.fullmatch(LAYER_VERSION_ARN, arn) or len(arn) > 140:
            return error_reply(
                400,
                "ValidationException",
                f"1 validation error detected: Value '{arn}' at 'arn' failed to satisfy "
                f"constraint: Member must satisfy regular expression pattern: {LAYER_VERSION_ARN}",
            )
        layer = _layer_version(arn)
        if layer is None:
            return error_reply(
                404, "ResourceNotFoundException", "The resource you requested does not exist."
            )
        try:
            data: dict[str, Any] = layer.get_layer_version()
        except Exception as exc:
            if hasattr(exc, "error_type"):
                return moto_error_reply(exc)
            raise
        self._locate_layer(req, data)
        return json_reply(200, data)

    def _presign(self, environ: dict[str, Any], path: str) -> str:
        host = environ.get("HTTP_HOST") or (
            f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}"
        )
        scheme = str(environ.get("wsgi.url_scheme") or "http")
        date = self.knobs.clock().strftime(_DATE_FORMAT)
        expires = str(int(self.knobs.code_url_seconds))
        query = {
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Date": date,
            "X-Amz-Expires": expires,
            "X-Amz-Signature": self._signature(path, date, expires),
        }
        return f"{scheme}://{host}{quote(path, safe='/')}?{urlencode(query)}"

    def _signature(self, path: str, date: str, expires: str) -> str:
        message = f"GET\n{path}\n{date}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    # -- Downloads -------------------------------------------------------------------------------

    def _download(self, environ: dict[str, Any], path: str, match: re.Match[str]) -> Reply:
        query = {k: v[0] for k, v in parse_qs(str(environ.get("QUERY_STRING", ""))).items()}
        date, expires = query.get("X-Amz-Date", ""), query.get("X-Amz-Expires", "")
        signature = query.get("X-Amz-Signature", "")
        if not (date and expires and signature):
            return _s3_error(403, "AccessDenied", "Access Denied")
        try:
            issued = datetime.strptime(date, _DATE_FORMAT).replace(tzinfo=self.knobs.clock().tzinfo)
            lifetime = int(expires)
        except ValueError:
            return _s3_error(
                400,
                "AuthorizationQueryParametersError",
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""
                if not _is_date(date)
                else "X-Amz-Expires should be a number",
            )
        now = self.knobs.clock()
        if now > issued + timedelta(seconds=lifetime):
            return _s3_error(
                403,
                "AccessDenied",
                "Request has expired",
                {
                    "X-Amz-Expires": expires,
                    "Expires": (issued + timedelta(seconds=lifetime)).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"
                    ),
                    "ServerTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                },
            )
        if not hmac.compare_digest(signature, self._signature(path, date, expires)):
            return _s3_error(
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you "
                "provided. Check your key and signing method.",
            )
        code = _stored_bytes(match)
        if code is None:
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.", {"Key": path})
        etag = hashlib.md5(code, usedforsecurity=False).hexdigest()
        return Reply(200, [("Content-Type", "application/zip"), ("ETag", f'"{etag}"')], code)


def _path(environ: dict[str, Any]) -> str:
    path = environ.get("PATH_INFO", "")
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    return str(path)


def _is_date(text: str) -> bool:
    try:
        datetime.strptime(text, _DATE_FORMAT)
    except ValueError:
        return False
    return True


def _bytes(obj: Any) -> bytes:
    return bytes(getattr(obj, "code_bytes", b"") or b"")


def _digest(obj: Any) -> str:
    """The hex SHA-256 of a function's or layer version's code: from the CodeSha256 moto keeps
    beside the bytes (a 50 MB package is not hashed on every GetFunction), else computed."""
    try:
        digest = base64.b64decode(str(getattr(obj, "code_sha_256", "") or ""), validate=True)
    except ValueError:
        digest = b""
    return digest.hex() if len(digest) == 32 else hashlib.sha256(_bytes(obj)).hexdigest()


def _snapshot_path(kind: str, region: str, account: str, name: str, version: str, obj: Any) -> str:
    sha = _digest(obj)
    return f"/awslambda-{region}-{kind}/snapshots/{account}/{name}/{version}/{sha}"


def _layer_version(arn: str) -> Any | None:
    """moto's layer version object for a layer version ARN, in the ARN's account and Region."""
    parts = arn.split(":")
    if len(parts) != 8 or parts[5] != "layer" or not parts[7].isdigit():
        return None
    backend = state.lambda_backend(parts[4], parts[3])
    try:
        return backend.get_layer_version(parts[6], parts[7])
    except Exception:  # moto's UnknownLayerException
        return None


def _stored_bytes(match: re.Match[str]) -> bytes | None:
    """The bytes a snapshot path names, if the function or layer version still has them."""
    account, region, name = match.group("account"), match.group("region"), match.group("name")
    version, sha = match.group("version"), match.group("sha")
    if match.group("kind") == "layers":
        layer = _layer_version(f"arn:aws:lambda:{region}:{account}:layer:{name}:{version}")
        candidates = [layer] if layer is not None else []
    else:
        backend = state.lambda_backend(account, region)
        latest = state.find_function(backend, name, None)
        if latest is None:
            return None
        named = state.find_function(backend, name, version)
        published = state.latest_published(latest)
        candidates = [named, latest, *published_versions(backend, name), published]
    for candidate in candidates:
        if candidate is not None and _digest(candidate) == sha:
            return _bytes(candidate)
    return None


def _s3_error(status: int, code: str, message: str, extra: dict[str, str] | None = None) -> Reply:
    """An error the way S3 sends it: XML with a Code, a Message and the request's ids."""
    fields = {"Code": code, "Message": message, **(extra or {})}
    fields["RequestId"] = uuid.uuid4().hex[:16].upper()
    fields["HostId"] = secrets.token_urlsafe(48)
    inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items())
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error>{inner}</Error>'.encode()
    return Reply(status, [("Content-Type", "application/xml")], body)
