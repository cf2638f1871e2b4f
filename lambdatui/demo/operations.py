"""The Lambda control-plane calls the local account answers more faithfully than moto.

Each handler gets the parsed request, the route's match and ``forward`` (which runs moto), and
returns the reply to send: paging for the list calls, RevisionId (with 412 on a stale one) and
LoggingConfig everywhere a function configuration is returned, the alias's ARN on a
configuration read through an alias, and an empty CodeSigningConfigArn when there is none.
Deleting an alias or a version forgets what ``qualified`` kept for it. A code update leaves the
published versions' code as it was (moto's share one dict with $LATEST).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import attrgetter
from typing import Any
from urllib.parse import unquote

from . import capacity, config_fields, releases, settings
from . import function_state as state
from .history import lambda_timestamp
from .limits import AccountKnobs
from .paging import BadPageRequest, page, version_key
from .qualified import (
    LATEST_PUBLISHED,
    ApiError,
    forget,
    published_versions,
    resolve,
    split_function_name,
)
from .wire import (
    LambdaRequest,
    Reply,
    error_reply,
    json_reply,
    moto_error_reply,
    with_json_body,
)

Forward = Callable[[LambdaRequest], Reply]
_update_lock = state.update_lock


def _backend(req: LambdaRequest) -> Any:
    return state.lambda_backend(req.account_id, req.region)


def _name(match: re.Match[str]) -> str:
    return unquote(match.group("name"))


def _bad_request(message: str) -> Reply:
    return error_reply(400, "InvalidParameterValueException", message)


def _precondition_failed() -> Reply:
    return error_reply(412, "PreconditionFailedException", state.PRECONDITION_FAILED)


def _published_versions(backend: Any, name: str) -> list[Any]:
    return published_versions(backend, name)


def _to_latest_published(body: dict[str, Any], publishing: bool) -> bool:
    """Whether this request publishes to $LATEST.PUBLISHED (``PublishTo=LATEST_PUBLISHED``;
    CreateFunction and UpdateFunctionCode only publish with ``Publish=true``)."""
    return publishing and body.get("PublishTo") == "LATEST_PUBLISHED"


def _not_managed(arn: str) -> Reply:
    return _bad_request(
        f"Function {arn} is not configured with a capacity provider; only Lambda Managed "
        f"Instances functions can publish to {LATEST_PUBLISHED}."
    )


# -- Listing ------------------------------------------------------------------------------------


def list_functions(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    """ListFunctions straight from the backend: only the page asked for is rendered."""
    backend = _backend(req)
    version_filter = req.query.get("FunctionVersion")
    if version_filter not in (None, "ALL"):
        return error_reply(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{version_filter}' at 'functionVersion' "
            "failed to satisfy constraint: Member must satisfy enum value set: [ALL]",
        )
    latest = sorted(backend.list_functions(), key=attrgetter("function_name"))
    marker_in, max_items = req.query.get("Marker"), req.query.get("MaxItems")
    try:
        if version_filter == "ALL":
            entries = [
                (fn.function_name, version)
                for fn in latest
                for version in ["$LATEST"]
                + [str(v.version) for v in _published_versions(backend, fn.function_name)]
            ]
            keys = [(name, version_key(version)) for name, version in entries]
            chunk, marker = page(entries, keys, marker_in, max_items)
            functions = [_describe_version(backend, name, version) for name, version in chunk]
        else:
            names = [(fn.function_name,) for fn in latest]
            fns, marker = page(latest, names, marker_in, max_items)
            functions = [state.describe(fn) for fn in fns]
    except BadPageRequest as exc:
        return _bad_request(str(exc))
    result: dict[str, Any] = {"Functions": functions}
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)


def _describe_version(backend: Any, name: str, version: str) -> dict[str, Any]:
    fn = state.find_function(backend, name, version)
    if fn is None:  # deleted between listing and rendering
        return {"FunctionName": name, "Version": version}
    config = state.describe(fn)
    if version == "$LATEST":
        config["FunctionArn"] = f"{fn.function_arn}:$LATEST"
    return config


def list_versions(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    backend = _backend(req)
    try:
        backend.get_function(_name(match))  # moto lists nothing for an unknown function
    except Exception as exc:
        if hasattr(exc, "error_type"):
            return moto_error_reply(exc)
        raise
    reply = forward(req)
    if not reply.ok:
        return reply
    versions = [state.decorate(v, backend) for v in reply.json().get("Versions", [])]
    versions.sort(key=lambda v: version_key(str(v.get("Version", ""))))
    try:
        keys = [(version_key(str(v.get("Version", ""))),) for v in versions]
        chunk, marker = page(versions, keys, req.query.get("Marker"), req.query.get("MaxItems"))
    except BadPageRequest as exc:
        return _bad_request(str(exc))
    result: dict[str, Any] = {"Versions": chunk}
    if marker:
        result["NextMarker"] = marker
    return reply.with_json(result)


def list_aliases(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    reply = forward(req)
    if not reply.ok:
        return reply
    aliases = sorted(reply.json().get("Aliases", []), key=lambda a: str(a.get("Name", "")))
    wanted = req.query.get("FunctionVersion")
    if wanted:
        aliases = [a for a in aliases if a.get("FunctionVersion") == wanted]
    try:
        keys = [(str(a.get("Name", "")),) for a in aliases]
        chunk, marker = page(aliases, keys, req.query.get("Marker"), req.query.get("MaxItems"))
    except BadPageRequest as exc:
        return _bad_request(str(exc))
    result: dict[str, Any] = {"Aliases": chunk}
    if marker:
        result["NextMarker"] = marker
    return reply.with_json(result)


# -- Reading one function -----------------------------------------------------------------------


def _as_named(req: LambdaRequest, match: re.Match[str], config: dict[str, Any]) -> dict[str, Any]:
    """Decorate a configuration; asked for through an alias, it carries the alias's ARN (moto
    answers with the version's)."""
    config = state.decorate(config, _backend(req))
    try:
        target = resolve(req, match.group("name"))
    except ApiError:
        return config
    if target.alias() is not None:
        config["FunctionArn"] = target.arn
    return config


def _latest_published(req: LambdaRequest, match: re.Match[str]) -> Any | Reply | None:
    """The $LATEST.PUBLISHED object when the request names it (its 404 before one is
    published); None when the request names something else."""
    try:
        target = resolve(req, match.group("name"))
    except ApiError:
        return None  # moto says it
    if target.qualifier != LATEST_PUBLISHED:
        return None
    fn = target.version()
    if fn is None:
        return error_reply(404, "ResourceNotFoundException", f"Function not found: {target.arn}")
    return fn


def get_function(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    published = _latest_published(req, match)
    if isinstance(published, Reply):
        return published
    if published is not None:
        data = published.get_code()
        data["Configuration"] = state.describe(published)
        return json_reply(200, data)
    reply = forward(req)
    if not reply.ok:
        return reply
    data = reply.json()
    if isinstance(data.get("Configuration"), dict):
        data["Configuration"] = _as_named(req, match, data["Configuration"])
    return reply.with_json(data)


def get_configuration(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    published = _latest_published(req, match)
    if isinstance(published, Reply):
        return published
    if published is not None:
        return json_reply(200, state.describe(published))
    reply = forward(req)
    if not reply.ok:
        return reply
    return reply.with_json(_as_named(req, match, reply.json()))


def get_code_signing_config(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    """moto leaves CodeSigningConfigArn out when there is none; Lambda sends an empty string."""
    reply = forward(req)
    if not reply.ok:
        return reply
    data = reply.json()
    data["CodeSigningConfigArn"] = data.get("CodeSigningConfigArn") or ""
    return reply.with_json(data)


# -- Writing ------------------------------------------------------------------------------------


def create_function(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    body = req.json_body()
    managed = body.get("CapacityProviderConfig") is not None
    refused = settings.check(body, managed=managed) or capacity.check_function_config(
        _backend(req), body
    )
    if refused is not None:
        return refused.reply()
    problem = state.validate_logging_config(body.get("LoggingConfig")) or config_fields.validate(
        body
    )
    if problem:
        return _bad_request(problem)
    to_latest_published = _to_latest_published(body, bool(body.get("Publish")))
    if to_latest_published:
        if not managed:
            return _not_managed(str(body.get("FunctionName", "")))
        body = {**body, "Publish": False}  # moto would publish version 1
        req = with_json_body(req, body)
    storage = (body.get("EphemeralStorage") or {}).get("Size")
    large_storage = isinstance(storage, int) and storage > settings.STORAGE_MAX
    if large_storage:  # moto's own check stops at 10,240 MB: let it make it smaller, then grow it
        req = with_json_body(req, {**body, "EphemeralStorage": {"Size": settings.STORAGE_MAX}})
    reply = forward(req)
    if not reply.ok:
        return reply
    data = reply.json()
    backend = _backend(req)
    name = str(data.get("FunctionName", ""))
    latest = state.find_function(backend, name, None)
    if latest is not None:
        for fn in [latest, *_published_versions(backend, name)]:  # Publish=True
            state.set_logging_config(fn, body.get("LoggingConfig"))
            config_fields.remember(fn, body, updating=False)
            if managed and "MemorySize" not in body:  # the smallest Managed Instances size
                fn.memory_size = settings.MANAGED_MEMORY_MIN
                data["MemorySize"] = settings.MANAGED_MEMORY_MIN
            if large_storage and isinstance(storage, int):
                config_fields.set_ephemeral_storage(fn, storage)
                data["EphemeralStorage"] = {"Size": storage}
        if to_latest_published:
            state.publish_latest_published(latest)
    return reply.with_json(state.decorate(data, backend))


def update_configuration(
    req: LambdaRequest, match: re.Match[str], forward: Forward, knobs: AccountKnobs | None = None
) -> Reply:
    body = req.json_body()
    backend = _backend(req)
    current = state.find_function(backend, split_function_name(_name(match))[0], None)
    managed = body.get("CapacityProviderConfig") is not None or (
        current is not None and config_fields.capacity_provider_arn(current) is not None
    )
    refused = settings.check(body, managed=managed) or capacity.check_function_config(backend, body)
    if refused is not None:
        return refused.reply()
    problem = state.validate_logging_config(body.get("LoggingConfig")) or config_fields.validate(
        body
    )
    if problem:
        return _bad_request(problem)
    return _guarded_update(req, match, forward, configuration=body, knobs=knobs)


def update_code(
    req: LambdaRequest, match: re.Match[str], forward: Forward, knobs: AccountKnobs | None = None
) -> Reply:
    return _guarded_update(req, match, forward, configuration=None, knobs=knobs)


def _guarded_update(
    req: LambdaRequest,
    match: re.Match[str],
    forward: Forward,
    configuration: dict[str, Any] | None,
    knobs: AccountKnobs | None = None,
) -> Reply:
    """An update checked against the RevisionId sent and an update still in progress; a
    successful one is InProgress for ``knobs.update_seconds``."""
    backend = _backend(req)
    expected = req.json_body().get("RevisionId")
    with _update_lock:
        fn = state.find_function(backend, _name(match), None)
        if fn is None:
            return forward(req)  # moto knows how to say "not found"
        busy = settings.conflict_if_updating(fn)
        if busy is not None:
            return busy.reply()
        if expected and expected != state.revision_id(fn):
            return _precondition_failed()
        body = req.json_body()
        to_latest_published = configuration is None and _to_latest_published(
            body, bool(body.get("Publish"))
        )
        if to_latest_published:
            if config_fields.capacity_provider_arn(fn) is None:
                return _not_managed(str(fn.function_arn))
            req = with_json_body(req, {**body, "Publish": False})  # not a numbered version
        if configuration is None:
            # moto's published versions share $LATEST's ``code`` dict and its code update writes
            # into it (a version's ImageUri became $LATEST's new one): $LATEST gets its own.
            fn.code = dict(fn.code)
        reply = forward(req)
        if not reply.ok:
            return reply
        data = reply.json()
        if not req.json_body().get("DryRun"):
            if configuration is not None:
                state.set_logging_config(fn, configuration.get("LoggingConfig"))
                config_fields.remember(fn, configuration, updating=True)
                data.update(fn.get_configuration())  # with what moto itself left unchanged
            # Lambda dates every update of code or configuration; moto keeps the creation's.
            fn.last_modified = lambda_timestamp((knobs or AccountKnobs()).clock())
            data["LastModified"] = fn.last_modified
            state.bump_revision(fn)
            published = state.publish_latest_published(fn) if to_latest_published else None
            state.start_update(fn, knobs.update_seconds if knobs else 0.0)
            if published is not None:  # the reply describes what was published
                return reply.with_json(state.describe(published))
        return reply.with_json(state.decorate(data, backend))


def publish_version(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    backend = _backend(req)
    expected = req.json_body().get("RevisionId")
    with _update_lock:
        fn = state.find_function(backend, _name(match), None)
        busy = settings.conflict_if_updating(fn) if fn is not None else None
        if busy is not None:
            return busy.reply()
        if fn is not None and expected and expected != state.revision_id(fn):
            return _precondition_failed()
        mismatch = releases.code_sha_mismatch(fn, req.json_body()) if fn is not None else None
        if mismatch is not None:
            return mismatch
        if fn is not None and _to_latest_published(req.json_body(), publishing=True):
            if config_fields.capacity_provider_arn(fn) is None:
                return _not_managed(str(fn.function_arn))
            published = state.publish_latest_published(fn)
            description = req.json_body().get("Description")
            if description:
                published.description = description
            return json_reply(201, state.describe(published))
        reply = forward(req)
        if not reply.ok:
            return reply
        return reply.with_json(state.decorate(reply.json(), backend))


def update_alias(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    backend = _backend(req)
    expected = req.json_body().get("RevisionId")
    with _update_lock:
        try:
            alias = backend.get_alias(unquote(match.group("alias")), _name(match))
        except Exception as exc:
            if hasattr(exc, "error_type"):
                return moto_error_reply(exc)
            raise
        if expected and expected != alias.revision_id:
            return _precondition_failed()
        reply = forward(req)
        if not reply.ok:
            return reply
        data = reply.json()
        data["RevisionId"] = state.bump_alias_revision(alias)
        return Reply(status=200, headers=reply.headers, body=b"").with_json(data)


def delete_alias(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    """Forget the alias's URL, policy, async config and provisioned concurrency with it."""
    latest = state.find_function(_backend(req), _name(match), None)
    reply = forward(req)
    if reply.ok and latest is not None:
        forget(latest, unquote(match.group("alias")))
    return reply


def delete_function(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    """Deleting one version forgets what was kept for it (the whole function takes all along);
    a version an alias references is not deleted (``releases.version_in_use``)."""
    name, embedded = split_function_name(_name(match))
    backend = _backend(req)
    latest = state.find_function(backend, name, None)
    qualifier = embedded or req.query.get("Qualifier")
    if latest is not None and qualifier:
        in_use = releases.version_in_use(backend, name, qualifier)
        if in_use is not None:
            return in_use
    reply = forward(req)
    if reply.ok and latest is not None and qualifier:
        forget(latest, qualifier)
    return reply
