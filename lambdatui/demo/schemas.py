"""EventBridge Schemas in the local account: the registry API the Lambda console's shareable
test events are kept in (moto 5.2.5 has no Schemas API at all).

``SchemasMiddleware`` answers requests signed for the ``schemas`` service on the REST paths
AWS documents (API version 2019-12-02), with its errors (``NotFoundException``,
``ConflictException``, ``BadRequestException``, ``ForbiddenException``: status code, a JSON
body with ``Code`` and ``Message``, and the ``x-amzn-ErrorType`` header):

* registries: CreateRegistry, DescribeRegistry, DeleteRegistry;
* schemas: CreateSchema, DescribeSchema (latest or ``schemaVersion``), UpdateSchema (a new
  version), DeleteSchema, ListSchemas, ListSchemaVersions, DeleteSchemaVersion.

``Content`` is a string of at most 100,000 characters; for ``Type`` ``OpenApi3`` it must be a
JSON OpenAPI 3 document, for ``JSONSchemaDraft4`` a JSON object. Everything else goes to the
wrapped app untouched; ``POST /moto-api/reset`` also empties the registries.

``STATE.deny(operation)`` makes an operation answer 403 ``ForbiddenException`` as AWS does for
a caller without that ``schemas:`` permission, so tests can check how it is reported.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote

from .wire import (
    Reply,
    WSGIApp,
    account_for,
    credential_scope,
    json_reply,
    read_body,
    send,
)

MAX_CONTENT = 100_000
TYPES = ("OpenApi3", "JSONSchemaDraft4")
_NAME = re.compile(r"^[\.\-_A-Za-z@0-9]+$")

_REGISTRY = r"^/v1/registries/name/(?P<registry>[^/]+)"
_SCHEMA = _REGISTRY + r"/schemas/name/(?P<schema>[^/]+)"


class SchemasError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _not_found(message: str) -> SchemasError:
    return SchemasError(404, "NotFoundException", message)


def _bad_request(message: str) -> SchemasError:
    return SchemasError(400, "BadRequestException", message)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class _Version:
    number: int
    content: str
    type: str
    created: str


@dataclass
class _Schema:
    name: str
    description: str
    tags: dict[str, str]
    versions: list[_Version] = field(default_factory=list)
    last_modified: str = ""


@dataclass
class _Registry:
    name: str
    description: str
    tags: dict[str, str]
    schemas: dict[str, _Schema] = field(default_factory=dict)


@dataclass
class SchemasState:
    """Every registry of every (account, region), and the operations denied to callers."""

    registries: dict[tuple[str, str, str], _Registry] = field(default_factory=dict)
    denied: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def deny(self, *operations: str) -> None:
        self.denied.update(operations)

    def reset(self) -> None:
        with self.lock:
            self.registries.clear()
            self.denied.clear()


STATE = SchemasState()


@dataclass(frozen=True)
class _Call:
    method: str
    query: dict[str, str]
    body: dict[str, Any]
    account: str
    region: str
    params: dict[str, str]

    def key(self) -> tuple[str, str, str]:
        return (self.account, self.region, self.params["registry"])

    def registry_arn(self) -> str:
        return f"arn:aws:schemas:{self.region}:{self.account}:registry/{self.params['registry']}"

    def schema_arn(self) -> str:
        registry, schema = self.params["registry"], self.params["schema"]
        return f"arn:aws:schemas:{self.region}:{self.account}:schema/{registry}/{schema}"


Operation = Callable[[SchemasState, _Call], Reply]


def _registry(state: SchemasState, call: _Call) -> _Registry:
    registry = state.registries.get(call.key())
    if registry is None:
        raise _not_found(f"Registry with name {call.params['registry']} does not exist.")
    return registry


def _schema(state: SchemasState, call: _Call) -> _Schema:
    schema = _registry(state, call).schemas.get(call.params["schema"])
    if schema is None:
        raise _not_found(f"Schema with name {call.params['schema']} does not exist.")
    return schema


def _check_content(content: Any, schema_type: str) -> str:
    if schema_type not in TYPES:
        raise _bad_request(f"Type must be one of {', '.join(TYPES)}.")
    if not isinstance(content, str) or not content:
        raise _bad_request("Content is required.")
    if len(content) > MAX_CONTENT:
        raise _bad_request(
            f"Content is {len(content)} characters long; the maximum is {MAX_CONTENT}."
        )
    try:
        document = json.loads(content)
    except ValueError:
        raise _bad_request("Invalid Schema Content: Content is not valid JSON.") from None
    if not isinstance(document, dict):
        raise _bad_request("Invalid Schema Content: Content must be a JSON object.")
    if schema_type == "OpenApi3" and not str(document.get("openapi", "")).startswith("3."):
        raise _bad_request('Invalid Schema Content: an OpenApi3 schema needs "openapi": "3.x".')
    return content


def _schema_reply(status: int, call: _Call, schema: _Schema, version: _Version) -> Reply:
    return json_reply(
        status,
        {
            "Description": schema.description,
            "LastModified": schema.last_modified,
            "SchemaArn": call.schema_arn(),
            "SchemaName": schema.name,
            "SchemaVersion": str(version.number),
            "tags": schema.tags,
            "Type": version.type,
            "VersionCreatedDate": version.created,
        },
    )


# -- registries ---------------------------------------------------------------------------


def create_registry(state: SchemasState, call: _Call) -> Reply:
    name = call.params["registry"]
    if not _NAME.match(name) or len(name) > 64:
        raise _bad_request(f"Invalid registry name {name!r}.")
    if call.key() in state.registries:
        raise SchemasError(409, "ConflictException", f"Registry with name {name} already exists.")
    registry = _Registry(name, str(call.body.get("Description", "")), call.body.get("tags") or {})
    state.registries[call.key()] = registry
    return json_reply(
        201,
        {
            "Description": registry.description,
            "RegistryArn": call.registry_arn(),
            "RegistryName": name,
            "tags": registry.tags,
        },
    )


def describe_registry(state: SchemasState, call: _Call) -> Reply:
    registry = _registry(state, call)
    return json_reply(
        200,
        {
            "Description": registry.description,
            "RegistryArn": call.registry_arn(),
            "RegistryName": registry.name,
            "tags": registry.tags,
        },
    )


def delete_registry(state: SchemasState, call: _Call) -> Reply:
    _registry(state, call)
    del state.registries[call.key()]
    return Reply(204)


# -- schemas ------------------------------------------------------------------------------


def create_schema(state: SchemasState, call: _Call) -> Reply:
    registry = _registry(state, call)
    name = call.params["schema"]
    if not _NAME.match(name) or len(name) > 385:
        raise _bad_request(f"Invalid schema name {name!r}.")
    if name in registry.schemas:
        raise SchemasError(409, "ConflictException", f"Schema with name {name} already exists.")
    schema_type = str(call.body.get("Type", ""))
    content = _check_content(call.body.get("Content"), schema_type)
    now = _now()
    schema = _Schema(name, str(call.body.get("Description", "")), call.body.get("tags") or {})
    schema.versions.append(_Version(1, content, schema_type, now))
    schema.last_modified = now
    registry.schemas[name] = schema
    return _schema_reply(201, call, schema, schema.versions[-1])


def describe_schema(state: SchemasState, call: _Call) -> Reply:
    schema = _schema(state, call)
    wanted = call.query.get("schemaVersion")
    version = schema.versions[-1]
    if wanted is not None:
        found = [v for v in schema.versions if str(v.number) == wanted]
        if not found:
            raise _not_found(f"Schema version {wanted} of {schema.name} does not exist.")
        version = found[0]
    reply = _schema_reply(200, call, schema, version)
    return reply.with_json({**reply.json(), "Content": version.content})


def update_schema(state: SchemasState, call: _Call) -> Reply:
    schema = _schema(state, call)
    latest = schema.versions[-1]
    if "Description" in call.body:
        schema.description = str(call.body["Description"])
    schema_type = str(call.body.get("Type") or latest.type)
    now = _now()
    if "Content" in call.body or schema_type != latest.type:
        content = _check_content(call.body.get("Content", latest.content), schema_type)
        schema.versions.append(_Version(latest.number + 1, content, schema_type, now))
    schema.last_modified = now
    return _schema_reply(200, call, schema, schema.versions[-1])


def delete_schema(state: SchemasState, call: _Call) -> Reply:
    _schema(state, call)
    del _registry(state, call).schemas[call.params["schema"]]
    return Reply(204)


def _page(call: _Call, items: list[Any]) -> tuple[list[Any], str | None]:
    try:
        start = int(call.query.get("nextToken", "0"))
        limit = int(call.query.get("limit", "100"))
    except ValueError:
        raise _bad_request("Invalid nextToken or limit.") from None
    end = start + max(1, min(limit, 100))
    return items[start:end], (str(end) if end < len(items) else None)


def list_schemas(state: SchemasState, call: _Call) -> Reply:
    registry = _registry(state, call)
    prefix = call.query.get("schemaNamePrefix", "")
    names = sorted(n for n in registry.schemas if n.startswith(prefix))
    page, token = _page(call, names)
    summaries = []
    for name in page:
        schema = registry.schemas[name]
        arn_call = _Call(
            call.method, {}, {}, call.account, call.region, {**call.params, "schema": name}
        )
        summaries.append(
            {
                "LastModified": schema.last_modified,
                "SchemaArn": arn_call.schema_arn(),
                "SchemaName": name,
                "tags": schema.tags,
                "VersionCount": len(schema.versions),
            }
        )
    body: dict[str, Any] = {"Schemas": summaries}
    if token:
        body["NextToken"] = token
    return json_reply(200, body)


def list_schema_versions(state: SchemasState, call: _Call) -> Reply:
    schema = _schema(state, call)
    page, token = _page(call, schema.versions)
    body: dict[str, Any] = {
        "SchemaVersions": [
            {
                "SchemaArn": f"{call.schema_arn()}/{v.number}",
                "SchemaName": schema.name,
                "SchemaVersion": str(v.number),
                "Type": v.type,
            }
            for v in page
        ]
    }
    if token:
        body["NextToken"] = token
    return json_reply(200, body)


def delete_schema_version(state: SchemasState, call: _Call) -> Reply:
    schema = _schema(state, call)
    wanted = call.params["version"]
    remaining = [v for v in schema.versions if str(v.number) != wanted]
    if len(remaining) == len(schema.versions):
        raise _not_found(f"Schema version {wanted} of {schema.name} does not exist.")
    if not remaining:
        raise _bad_request("The only version of a schema cannot be deleted; delete the schema.")
    schema.versions = remaining
    return Reply(204)


ROUTES: list[tuple[str, str, re.Pattern[str], Operation]] = [
    ("POST", "CreateRegistry", re.compile(_REGISTRY + "/?$"), create_registry),
    ("GET", "DescribeRegistry", re.compile(_REGISTRY + "/?$"), describe_registry),
    ("DELETE", "DeleteRegistry", re.compile(_REGISTRY + "/?$"), delete_registry),
    ("GET", "ListSchemas", re.compile(_REGISTRY + "/schemas/?$"), list_schemas),
    ("POST", "CreateSchema", re.compile(_SCHEMA + "/?$"), create_schema),
    ("GET", "DescribeSchema", re.compile(_SCHEMA + "/?$"), describe_schema),
    ("PUT", "UpdateSchema", re.compile(_SCHEMA + "/?$"), update_schema),
    ("DELETE", "DeleteSchema", re.compile(_SCHEMA + "/?$"), delete_schema),
    ("GET", "ListSchemaVersions", re.compile(_SCHEMA + "/versions/?$"), list_schema_versions),
    (
        "DELETE",
        "DeleteSchemaVersion",
        re.compile(_SCHEMA + "/version/(?P<version>[^/]+)/?$"),
        delete_schema_version,
    ),
]


def _error(error: SchemasError) -> Reply:
    return json_reply(
        error.status,
        {"Code": error.code, "Message": error.message},
        headers=[("x-amzn-ErrorType", error.code)],
    )


class SchemasMiddleware:
    """Answers the Schemas API (see the module docstring); passes everything else on."""

    def __init__(self, app: WSGIApp, state: SchemasState = STATE) -> None:
        self.app = app
        self.state = state

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if isinstance(path, bytes):
            path = path.decode("utf-8", "replace")
        method = str(environ.get("REQUEST_METHOD", "")).upper()
        if method == "POST" and str(path).rstrip("/") == "/moto-api/reset":
            self.state.reset()
            return self.app(environ, start_response)
        scope = credential_scope(environ)
        if scope is None or scope[2] != "schemas":
            return self.app(environ, start_response)
        return send(self._answer(environ, method, str(path), scope), start_response)

    def _answer(
        self, environ: dict[str, Any], method: str, path: str, scope: tuple[str, str, str]
    ) -> Reply:
        access_key, region, _service = scope
        for route_method, operation, pattern, handler in ROUTES:
            match = pattern.match(path) if route_method == method else None
            if match is None:
                continue
            if operation in self.state.denied:
                return _error(
                    SchemasError(
                        403,
                        "ForbiddenException",
                        f"User is not authorized to perform: schemas:{operation}",
                    )
                )
            raw = read_body(environ)
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                return _error(_bad_request("The request body is not valid JSON."))
            call = _Call(
                method=method,
                query={
                    k: v[0] for k, v in parse_qs(str(environ.get("QUERY_STRING", ""))).items() if v
                },
                body=body if isinstance(body, dict) else {},
                account=account_for(environ, access_key),
                region=region,
                params={k: unquote(v) for k, v in match.groupdict().items()},
            )
            try:
                with self.state.lock:
                    return handler(self.state, call)
            except SchemasError as error:
                return _error(error)
        return _error(_not_found(f"No Schemas operation at {method} {path}."))


__all__ = ["STATE", "SchemasMiddleware", "SchemasState"]
