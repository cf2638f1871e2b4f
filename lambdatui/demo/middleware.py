"""The WSGI middleware in front of moto that makes the local account behave like Lambda.

Only requests signed for the ``lambda`` service whose method and path match a route below are
touched; everything else (other services, other Lambda calls, ``/moto-api``) goes to moto as is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from moto.core.models import DEFAULT_ACCOUNT_ID

from . import (
    async_config,
    capacity,
    durable,
    limits,
    mappings,
    operations,
    permissions,
    provisioned,
    response_stream,
    settings,
    urls,
)
from .invoke import invoke
from .limits import AccountKnobs
from .runner import Runner
from .wire import (
    LambdaRequest,
    Reply,
    WSGIApp,
    call_app,
    error_reply,
    parse_request,
    send,
)

log = logging.getLogger(__name__)


def _fn(api_version: str, tail: str = "") -> re.Pattern[str]:
    """The path of one function's resource under an API version (names may be ARNs)."""
    return re.compile(rf"^/{api_version}/functions/(?P<name>[^/]+){tail}/?$")


_FN = r"/2015-03-31/functions/(?P<name>[^/]+)"
_ESM = re.compile(r"^/2015-03-31/event-source-mappings/?$")

Handler = Callable[[LambdaRequest, "re.Match[str]", Callable[[LambdaRequest], Reply]], Reply]


#: Operations a denial can name, by (method, path): the ones the fleet view reads.
_DENIABLE = {
    ("GET", re.compile(r"^/2015-03-31/functions/?$")): "ListFunctions",
    ("GET", re.compile(r"^/2016-08-19/account-settings/?$")): "GetAccountSettings",
}
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/lambda/aws4_request")


def denial(environ: dict[str, Any], denials: set[tuple[str, str, str]]) -> Reply | None:
    """IAM's refusal, worded as AWS words it, when the request's access key and region are
    denied its action (``AccountKnobs.denials``); None otherwise."""
    if not denials:
        return None
    signed = _CREDENTIAL.search(str(environ.get("HTTP_AUTHORIZATION", "")))
    if signed is None:
        return None
    key, region = signed.groups()
    method, path = str(environ.get("REQUEST_METHOD", "")).upper(), str(environ.get("PATH_INFO"))
    for (wanted, pattern), operation in _DENIABLE.items():
        action = f"lambda:{operation}"
        if method == wanted and pattern.match(path) and (key, region, action) in denials:
            user = f"arn:aws:iam::{DEFAULT_ACCOUNT_ID}:user/{key}"
            return error_reply(
                403,
                "AccessDeniedException",
                f"User: {user} is not authorized to perform: {action} on resource: * "
                f"because no identity-based policy allows the {action} action",
            )
    return None


class LambdaFidelityMiddleware:
    """Wraps moto's WSGI app; answers the routes below itself or by rewriting moto's reply."""

    def __init__(self, app: WSGIApp, runner: Runner, knobs: AccountKnobs | None = None) -> None:
        self.app = app
        self.runner = runner
        self.knobs = knobs or AccountKnobs()
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = [
            ("GET", re.compile(r"^/2015-03-31/functions/?$"), operations.list_functions),
            ("POST", re.compile(r"^/2015-03-31/functions/?$"), operations.create_function),
            ("GET", re.compile(rf"^{_FN}/?$"), operations.get_function),
            ("GET", re.compile(rf"^{_FN}/configuration/?$"), operations.get_configuration),
            (
                "PUT",
                re.compile(rf"^{_FN}/configuration/?$"),
                partial(operations.update_configuration, knobs=self.knobs),
            ),
            (
                "PUT",
                re.compile(rf"^{_FN}/code/?$"),
                partial(operations.update_code, knobs=self.knobs),
            ),
            ("POST", re.compile(rf"^{_FN}/versions/?$"), operations.publish_version),
            ("GET", re.compile(rf"^{_FN}/versions/?$"), operations.list_versions),
            ("GET", re.compile(rf"^{_FN}/aliases/?$"), operations.list_aliases),
            ("PUT", re.compile(rf"^{_FN}/aliases/(?P<alias>[^/]+)/?$"), operations.update_alias),
            ("DELETE", re.compile(rf"^{_FN}/aliases/(?P<alias>[^/]+)/?$"), operations.delete_alias),
            ("DELETE", re.compile(rf"^{_FN}/?$"), operations.delete_function),
            ("POST", re.compile(rf"^{_FN}/invocations/?$"), self._invoke),
            ("POST", re.compile(response_stream.PATH), self._invoke_stream),
            ("GET", re.compile(r"^/2016-08-19/account-settings/?$"), limits.get_account_settings),
            ("GET", _fn("2020-06-30", "/code-signing-config"), operations.get_code_signing_config),
            ("PUT", _fn("2017-10-31", "/concurrency"), settings.put_function_concurrency),
            *self._per_qualifier_routes(),
            *self._routes_added_in_2025(),
        ]

    def _routes_added_in_2025(self) -> list[tuple[str, re.Pattern[str], Handler]]:
        """Capacity providers and function scaling (Lambda Managed Instances); durable
        executions. An execution's ARN holds slashes, so its tail is matched first."""
        providers = re.compile(r"^/2025-11-30/capacity-providers/?$")
        provider = re.compile(r"^/2025-11-30/capacity-providers/(?P<provider>[^/]+)/?$")
        versions = re.compile(
            r"^/2025-11-30/capacity-providers/(?P<provider>[^/]+)/function-versions/?$"
        )
        scaling = _fn("2025-11-30", "/function-scaling-config")
        execution = r"^/2025-12-01/durable-executions/(?P<arn>.+?)"
        return [
            ("POST", providers, partial(capacity.create, knobs=self.knobs)),
            ("GET", providers, capacity.list_providers),
            ("GET", versions, capacity.list_function_versions),
            ("GET", provider, capacity.get),
            ("PUT", provider, capacity.update),
            ("DELETE", provider, partial(capacity.delete, knobs=self.knobs)),
            ("GET", scaling, capacity.get_scaling),
            ("PUT", scaling, capacity.put_scaling),
            ("GET", _fn("2025-12-01", "/durable-executions"), durable.list_by_function),
            ("GET", re.compile(execution + r"/history/?$"), durable.history),
            ("POST", re.compile(execution + r"/stop/?$"), durable.stop),
            ("GET", re.compile(execution + r"/?$"), durable.get),
        ]

    def _per_qualifier_routes(self) -> list[tuple[str, re.Pattern[str], Handler]]:
        """Provisioned concurrency, URLs, async configs, policies and event source mappings."""
        concurrency = _fn("2019-09-30", "/provisioned-concurrency")
        url, event_invoke = _fn("2021-10-31", "/url"), _fn("2019-09-25", "/event-invoke-config")
        policy = _fn("2015-03-31", "/policy")
        return [
            ("PUT", concurrency, partial(provisioned.put, knobs=self.knobs)),
            ("GET", concurrency, provisioned.get_or_list),
            ("DELETE", concurrency, provisioned.delete),
            ("POST", url, urls.create),
            ("GET", url, urls.get),
            ("PUT", url, urls.update),
            ("DELETE", url, urls.delete),
            ("GET", _fn("2021-10-31", "/urls"), urls.list_configs),
            ("PUT", event_invoke, async_config.put),
            ("POST", event_invoke, async_config.update),
            ("GET", event_invoke, async_config.get),
            ("DELETE", event_invoke, async_config.delete),
            ("GET", _fn("2019-09-25", "/event-invoke-config/list"), async_config.list_configs),
            ("POST", policy, permissions.add),
            ("GET", policy, permissions.get),
            ("DELETE", _fn("2015-03-31", "/policy/(?P<sid>[^/]+)"), permissions.remove),
            ("POST", _ESM, mappings.create),
            ("GET", _ESM, mappings.list_mappings),
        ]

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        refused = denial(environ, self.knobs.denials)
        if refused is not None:
            return send(refused, start_response)
        route = self._match(environ)
        if route is None:
            return self.app(environ, start_response)
        request = parse_request(environ)
        if request is None:
            return self.app(environ, start_response)
        handler, match = route
        try:
            reply = handler(request, match, self._forward)
        except Exception:
            log.exception("the local account failed on %s %s", request.method, request.path)
            reply = error_reply(500, "ServiceException", "The local account hit an internal error.")
        return send(reply, start_response)

    def _match(self, environ: dict[str, Any]) -> tuple[Handler, re.Match[str]] | None:
        auth = str(environ.get("HTTP_AUTHORIZATION", ""))
        if "/lambda/aws4_request" not in auth:
            return None
        method = str(environ.get("REQUEST_METHOD", "")).upper()
        path = environ.get("PATH_INFO", "")
        if isinstance(path, bytes):
            path = path.decode("utf-8", "replace")
        for route_method, pattern, handler in self.routes:
            if route_method == method:
                match = pattern.match(str(path))
                if match:
                    return handler, match
        return None

    def _forward(self, request: LambdaRequest) -> Reply:
        return call_app(self.app, request.environ)

    def _invoke(
        self, request: LambdaRequest, match: re.Match[str], _forward: Callable[..., Reply]
    ) -> Reply:
        return invoke(request, match, self.runner)

    def _invoke_stream(
        self, request: LambdaRequest, match: re.Match[str], _forward: Callable[..., Reply]
    ) -> Reply:
        return response_stream.invoke_with_response_stream(request, match, self.runner)
