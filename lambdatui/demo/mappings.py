"""Event source mappings that keep the qualifier they were made for.

moto resolves ``FunctionName=orders-api:live`` to the version the alias points at and stores that
version's ARN, and its listing compares FunctionName as a plain string (so a function ARN finds
nothing). Lambda keeps the alias ARN (the mapping follows the alias when it moves) and filters
the listing by the qualified function ARN, whichever form the name was given in; it pages with
MaxItems up to 10,000 (100 by default here).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import function_state as state
from .paging import BadPageRequest, page
from .qualified import ApiError, invalid, resolve
from .wire import LambdaRequest, Reply, json_reply

Forward = Callable[[LambdaRequest], Reply]

MAX_MAPPINGS_PAGE = 10_000
DEFAULT_MAPPINGS_PAGE = 100


def create(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    reply = forward(req)
    if not reply.ok:
        return reply
    data = reply.json()
    try:
        target = resolve(req, str(req.json_body().get("FunctionName", "")))
    except ApiError:
        return reply
    backend = state.lambda_backend(req.account_id, req.region)
    mapping = backend.get_event_source_mapping(str(data.get("UUID", "")))
    if mapping is None:
        return reply
    mapping.function_arn = target.arn
    return reply.with_json(mapping.get_configuration())


def list_mappings(req: LambdaRequest, match: re.Match[str], forward: Forward) -> Reply:
    backend = state.lambda_backend(req.account_id, req.region)
    mappings = sorted(backend._event_source_mappings.values(), key=lambda m: str(m.uuid))
    source = req.query.get("EventSourceArn")
    if source:
        mappings = [m for m in mappings if m.event_source_arn == source]
    function = req.query.get("FunctionName")
    if function:
        try:
            wanted = resolve(req, function).arn
        except ApiError as exc:
            if exc.status != 404:
                return exc.reply()
            wanted = ""  # an unknown function has no mappings
        mappings = [m for m in mappings if m.function_arn == wanted]
    max_items = req.query.get("MaxItems") or str(DEFAULT_MAPPINGS_PAGE)
    try:
        keys = [(str(m.uuid),) for m in mappings]
        chunk, marker = page(
            mappings, keys, req.query.get("Marker"), max_items, limit=MAX_MAPPINGS_PAGE
        )
    except BadPageRequest as exc:
        return invalid(str(exc)).reply()
    result: dict[str, Any] = {"EventSourceMappings": [m.get_configuration() for m in chunk]}
    if marker:
        result["NextMarker"] = marker
    return json_reply(200, result)
