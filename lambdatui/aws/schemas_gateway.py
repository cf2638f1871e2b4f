"""Shareable test events, kept where the Lambda console keeps them; mixed into ``Gateway``.

The console saves a function's shareable events in the EventBridge Schemas registry
``lambda-testevent-schemas``, as one schema per function named ``_<FunctionName>-schema``: an
OpenAPI 3 document whose ``components.examples.<EventName>.value`` is each event's payload
(and ``components.schemas`` a schema inferred from the first event). Saving creates the
registry when it is missing, then creates the schema or updates it (a new schema version);
deleting the last event deletes the schema, as the console and ``sam remote test-event`` do.
Old versions are pruned to the newest few, as ``sam remote test-event`` does, so a schema that
is saved often does not run into the registry's version quota.

A missing registry or schema is "no shareable events"; a caller without the permission gets
``AccessDenied`` naming the ``schemas:`` action, for the UI to show in that list alone. An
endpoint without the Schemas API (plain moto, some LocalStack set-ups: an error page instead of
AWS's reply) is remembered for the session: the next calls fail at once with the same error,
without a request.
"""

from __future__ import annotations

import json
import re
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from . import errors
from .clients import ClientSource

REGISTRY = "lambda-testevent-schemas"
SCHEMA_TYPE = "OpenApi3"
#: The Schemas API's limit on a schema's Content (characters).
MAX_CONTENT = 100_000
#: Versions kept per schema (``sam remote test-event`` keeps five).
MAX_VERSIONS = 5
#: The console's rule for a shareable event's name.
NAME_RULE = re.compile(r"^[A-Za-z0-9._-]{1,25}$")


@dataclass(frozen=True)
class SharedEvent:
    """One shareable test event of a function (``payload`` is pretty-printed JSON)."""

    function: str
    name: str
    payload: str


def schema_name(function: str) -> str:
    """The schema holding ``function``'s shareable events: ``_<FunctionName>-schema``."""
    return f"_{function}-schema"


def check_name(name: str) -> None:
    """Refuse names the console would refuse (letters, digits, . - _; at most 25)."""
    if not NAME_RULE.match(name):
        raise errors.ValidationFailed(
            f"{name!r} cannot be a shareable event name: use at most 25 letters, digits, "
            "dots, hyphens and underscores (the console's rule)."
        )


def infer_schema(value: Any) -> dict[str, Any]:
    """A small OpenAPI 3 schema describing ``value`` (what the console stores beside it)."""
    if isinstance(value, dict):
        return {
            "type": "object",
            "required": list(value),
            "properties": {key: infer_schema(item) for key, item in value.items()},
        }
    if isinstance(value, list):
        return {"type": "array", "items": infer_schema(value[0]) if value else {}}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, str):
        return {"type": "string"}
    return {"nullable": True}


def new_document(name: str, value: Any) -> dict[str, Any]:
    """The document the console creates for a function's first shareable event."""
    return {
        "openapi": "3.0.0",
        "info": {"version": "1.0.0", "title": "Event"},
        "paths": {},
        "components": {
            "schemas": {"Event": infer_schema(value)},
            "examples": {name: {"value": value}},
        },
    }


def events_in(function: str, content: str) -> list[SharedEvent]:
    """The events a schema's Content holds, by name (a malformed entry is skipped)."""
    try:
        document = json.loads(content)
    except ValueError:
        raise errors.UnexpectedError(
            f"The shareable events of {function} (schema {schema_name(function)}) "
            "are not valid JSON."
        ) from None
    examples = ((document or {}).get("components") or {}).get("examples") or {}
    events = []
    if isinstance(examples, dict):
        for name, example in examples.items():
            if isinstance(example, dict) and "value" in example:
                payload = json.dumps(example["value"], indent=2, ensure_ascii=False)
                events.append(SharedEvent(function, str(name), payload))
    return sorted(events, key=lambda e: e.name.casefold())


class SchemaConflict(errors.GatewayError):
    title = "Conflict"


def _error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str((response.get("Error") or {}).get("Code") or "")
    return ""


class SharedEventCalls(ClientSource):
    """The shareable-event calls of ``Gateway`` (see the module docstring)."""

    #: The error page the endpoint answered a Schemas call with (None: none yet): it has no
    #: registry, and asking again in this session would get the same page.
    _no_registry: errors.EndpointPage | None = None

    async def _schemas(self, operation: str, **params: Any) -> dict[str, Any]:
        """One Schemas call; Forbidden → AccessDenied, NotFound → NotFound, 409 → conflict."""
        if self._no_registry is not None:
            raise self._no_registry
        try:
            return await self._schemas_call(operation, **params)
        except errors.EndpointPage as exc:
            if not exc.transient:
                self._no_registry = exc
            raise

    async def _schemas_call(self, operation: str, **params: Any) -> dict[str, Any]:
        client = await self.client("schemas")
        method = re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()
        async with self._translating("schemas", operation):
            try:
                reply: dict[str, Any] = await getattr(client, method)(**params)
            except Exception as exc:
                code = _error_code(exc)
                if code == "ForbiddenException":
                    raise errors.AccessDenied(
                        f"Not permitted: schemas:{operation}.",
                        action=f"schemas:{operation}",
                        hint="Ask for this permission in your IAM policy.",
                        operation=operation,
                    ) from exc
                if code == "NotFoundException":
                    raise errors.NotFound(str(exc), operation=operation) from exc
                if code == "ConflictException":
                    raise SchemaConflict(str(exc), operation=operation) from exc
                raise
        return reply

    async def _describe(self, function: str) -> str | None:
        """The Content of the function's schema, or None when it (or the registry) is absent."""
        try:
            reply = await self._schemas(
                "DescribeSchema", RegistryName=REGISTRY, SchemaName=schema_name(function)
            )
        except errors.NotFound:
            return None
        return str(reply.get("Content") or "")

    async def list_shared_events(self, function: str) -> list[SharedEvent]:
        """The function's shareable events by name; [] when there are none (or no registry)."""
        content = await self._describe(function)
        return events_in(function, content) if content is not None else []

    async def put_shared_event(self, function: str, name: str, payload: str) -> None:
        """Create or replace the shareable event ``name`` (the payload must be JSON)."""
        check_name(name)
        try:
            value = json.loads(payload)
        except ValueError as exc:
            raise errors.ValidationFailed(
                f"A shareable event must be JSON: {exc}.", operation="UpdateSchema"
            ) from None
        await self._ensure_registry()
        content = await self._describe(function)
        if content is None:
            document = new_document(name, value)
            try:
                await self._write("CreateSchema", function, document)
                return
            except SchemaConflict:  # someone created it meanwhile: add to theirs
                content = await self._describe(function) or "{}"
        document = _document(function, content)
        document.setdefault("components", {}).setdefault("examples", {})[name] = {"value": value}
        await self._prune_versions(function)
        await self._write("UpdateSchema", function, document)

    async def delete_shared_event(self, function: str, name: str) -> None:
        """Delete the shareable event ``name`` (and the schema with its last event)."""
        content = await self._describe(function)
        document = _document(function, content) if content is not None else {}
        examples = (document.get("components") or {}).get("examples") or {}
        if name not in examples:
            raise errors.NotFound(
                f"{function} has no shareable event named {name!r}.", operation="DescribeSchema"
            )
        del examples[name]
        if not examples:
            await self._schemas(
                "DeleteSchema", RegistryName=REGISTRY, SchemaName=schema_name(function)
            )
            return
        await self._prune_versions(function)
        await self._write("UpdateSchema", function, document)

    async def _ensure_registry(self) -> None:
        try:
            await self._schemas("DescribeRegistry", RegistryName=REGISTRY)
        except errors.NotFound:
            with suppress(SchemaConflict):  # created meanwhile
                await self._schemas("CreateRegistry", RegistryName=REGISTRY)

    async def _write(self, operation: str, function: str, document: dict[str, Any]) -> None:
        content = json.dumps(document, ensure_ascii=False)
        if len(content) > MAX_CONTENT:
            raise errors.ValidationFailed(
                f"The shareable events of {function} would take {len(content):,} characters; "
                f"a schema holds at most {MAX_CONTENT:,}. Delete an event or save it locally.",
                operation=operation,
            )
        await self._schemas(
            operation,
            RegistryName=REGISTRY,
            SchemaName=schema_name(function),
            Type=SCHEMA_TYPE,
            Content=content,
        )

    async def _prune_versions(self, function: str) -> None:
        """Delete the oldest versions so that, after one more, at most MAX_VERSIONS remain."""
        try:
            versions = await self._version_numbers(function)
        except errors.AccessDenied:
            return  # pruning is housekeeping: without schemas:ListSchemaVersions, save anyway
        for version in versions[: max(0, len(versions) - (MAX_VERSIONS - 1))]:
            try:
                await self._schemas(
                    "DeleteSchemaVersion",
                    RegistryName=REGISTRY,
                    SchemaName=schema_name(function),
                    SchemaVersion=version,
                )
            except (errors.NotFound, errors.AccessDenied):
                return

    async def _version_numbers(self, function: str) -> list[str]:
        """The schema's versions, oldest first (ListSchemaVersions, all pages)."""
        versions: list[str] = []
        token: str | None = None
        while True:
            params: dict[str, Any] = {"RegistryName": REGISTRY, "SchemaName": schema_name(function)}
            if token:
                params["NextToken"] = token
            reply = await self._schemas("ListSchemaVersions", **params)
            versions.extend(str(v["SchemaVersion"]) for v in reply.get("SchemaVersions", ()))
            token = reply.get("NextToken")
            if not token:
                break
        versions.sort(key=lambda v: int(v) if v.isdigit() else 0)
        return versions


def _document(function: str, content: str) -> dict[str, Any]:
    try:
        document = json.loads(content)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise errors.UnexpectedError(
            f"The shareable events of {function} (schema {schema_name(function)}) are not a "
            "JSON document; lambdatui leaves them as they are."
        )
    return document
