"""The async gateway: every AWS call the UI makes goes through here.

One ``Gateway`` per target. Clients are created on first use and reused for the session.
Results are the project's records (``records.py``); failures are ``errors.GatewayError``.
In read-only mode a botocore hook refuses every mutating operation before it is built, so
no code path (present or future) can send one. The hook is on every client and reads the
mode at each call, so read-only can be turned on (or off) for a running session.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from . import errors
from .alarms_gateway import AlarmCalls
from .capacity_gateway import CapacityCalls
from .clients import ClientSource
from .code_gateway import CodeCalls
from .config_gateway import ConfigCalls
from .credentials import StaticCredentials
from .deploy_gateway import DeployCalls
from .durable_gateway import DurableCalls
from .edit_gateway import EditCalls
from .invoke_gateway import InvokeCalls
from .logs_gateway import LogsCalls
from .metrics_gateway import MetricsCalls
from .pricing_gateway import PricingCalls
from .qualifier_records import AliasRecord, FunctionVersion
from .records import FunctionSummary
from .release_gateway import ReleaseCalls
from .schemas_gateway import SharedEventCalls
from .target import Target

T = TypeVar("T")


def _snake(operation: str) -> str:
    """'ListVersionsByFunction' → 'list_versions_by_function' (botocore's method names)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


#: Seconds to wait for a profile's credentials (credential_process, SSO, assume-role).
CREDENTIALS_TIMEOUT = 20.0
#: AWS's own page size for ListFunctions / ListVersionsByFunction / ListAliases.
PAGE_SIZE = 50
#: Operations that change nothing. Everything else is refused in read-only mode.
_READ_PREFIXES = ("Get", "List", "Describe", "Filter", "StartLiveTail", "StopQuery")


def is_read_operation(operation: str, params: dict[str, Any] | None = None) -> bool:
    """True when ``operation`` with ``params`` cannot change anything in the account."""
    if operation.startswith(_READ_PREFIXES):
        return True
    return operation == "Invoke" and (params or {}).get("InvocationType") == "DryRun"


@functools.cache
def _shared_loader(data_path: str | None) -> Any:
    """botocore's data loader for ``data_path`` (AWS_DATA_PATH), made once: it caches every
    model it reads."""
    from botocore.loaders import create_loader

    return create_loader(data_path)


#: The longest wait a throttled reply's Retry-After is honoured for (a larger one is capped).
RETRY_AFTER_MAX = 20.0


def retry_after(http_response: Any) -> float | None:
    """The seconds a reply's ``Retry-After`` header asks to wait (capped), or None. Only the
    delta-seconds form is read; an HTTP date (which AWS does not send) is ignored."""
    headers = getattr(http_response, "headers", None) or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        seconds = float(str(value).strip())
    except ValueError:
        return None
    if not seconds >= 0:  # NaN, negative
        return None
    return min(seconds, RETRY_AFTER_MAX)


def _no_retry_of_pages(client: Any, on_wait: Callable[[str, float], None] | None = None) -> None:
    """An error page that is not AWS's (an HTML 500 from moto, a proxy) is answered again the
    same way: botocore's retry handler is wrapped so it is not retried, except a gateway's
    502/503/504. AWS's own 5xx come with an error code and are retried as before.

    A retried reply's ``Retry-After`` is honoured too (botocore ignores it): the retry waits
    at least that long (up to ``RETRY_AFTER_MAX``), and ``on_wait(operation, seconds)`` is
    told, so the status line can say why it took longer."""
    events = client.meta.events
    unique_id = f"retry-config-{client.meta.service_model.service_id.hyphenize()}"
    emitter = getattr(events, "_emitter", events)  # botocore's EventAliaser wraps it
    entry = getattr(emitter, "_unique_id_handlers", {}).get(unique_id)
    if not entry:
        return  # another botocore: its retries stay as they are
    original = entry["handler"]
    event = f"needs-retry.{client.meta.service_model.service_id.hyphenize()}"

    async def needs_retry(**kwargs: Any) -> Any:
        response = kwargs.get("response")
        if response is not None:
            http_response, parsed = response
            code = str(((parsed or {}).get("Error") or {}).get("Code") or "")
            status = int(getattr(http_response, "status_code", 0) or 0)
            if code.isdigit() and status not in errors.TRANSIENT_PAGES:
                return None
        result = original(**kwargs)
        delay = await result if asyncio.iscoroutine(result) else result
        if delay is not None and response is not None:
            asked = retry_after(response[0])
            if asked is not None and asked > delay:
                delay = asked
                if on_wait is not None:
                    on_wait(getattr(kwargs.get("operation"), "name", "?"), asked)
        return delay

    events.unregister(event, unique_id=unique_id)
    events.register(event, needs_retry, unique_id=unique_id)


def _list_functions_as_json(
    response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any
) -> None:
    """A ListFunctions reply read as plain JSON, not through botocore's parser.

    The parser walks the model for every field of every function in Python: about half the
    CPU of a page of 50 (in the fleet, 16 pairs' pages share one event loop, and that CPU was
    most of the wait). ListFunctions' reply is a JSON body whose every member is already a
    JSON type (LastModified is a string in Lambda's model; no blobs, no header members), so
    ``json.loads`` gives what the parser would. Only a 200 whose body has a ``Functions``
    list is taken over; anything else (an error, an endpoint's HTML page) goes to botocore
    as before."""
    if response_dict.get("status_code") != 200:
        return
    try:
        data = json.loads(response_dict.get("body") or b"")
    except ValueError:
        return
    if isinstance(data, dict) and isinstance(data.get("Functions"), list):
        customized_response_dict.update(data)  # Functions, NextMarker: on the parsed reply
        response_dict["body"] = b"{}"  # what is left for the parser: nothing to walk


class SessionShare:
    """One botocore session per profile, shared by the gateways of its regions (the fleet's):
    the profile's files are read and its credentials resolved once, not once per region.
    The first gateway of a profile makes it; the others wait for that one."""

    def __init__(self) -> None:
        self._sessions: dict[str | None, asyncio.Future[Any]] = {}

    async def session(self, profile: str | None, make: Callable[[], Any]) -> Any:
        future = self._sessions.get(profile)
        if future is None:
            future = self._sessions[profile] = asyncio.ensure_future(make())
        return await asyncio.shield(future)


def _no_resend_on_reused_connections(client: Any) -> None:
    """A client that sends each call once must not have aiohttp send it again: aiohttp resends
    a PUT or DELETE (UpdateFunctionConfiguration, UpdateAlias, UpdateFunctionCode) by itself
    when a reused connection is reset, below botocore's retry settings, so a change whose
    reply was lost would be applied twice (or refused as stale, the first having changed the
    RevisionId). Its session's resend is turned off; a lost reply is read back instead."""
    http: Any = getattr(getattr(client, "_endpoint", None), "http_session", None)
    original = getattr(http, "_get_session", None)
    if http is None or original is None:
        return  # another aiobotocore: nothing to wrap

    async def get_session(*args: Any, **kwargs: Any) -> Any:
        session = await original(*args, **kwargs)
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        return session

    http._get_session = get_session


def _refuse_malformed(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
    """A 2xx JSON reply that is not JSON (cut off, a proxy's page) is an error, not an empty
    result: botocore would parse it as {} and a list would end there, rows missing."""
    status = int(response_dict.get("status_code") or 0)
    headers = response_dict.get("headers") or {}
    body = response_dict.get("body")
    if not 200 <= status < 300 or not isinstance(body, bytes | bytearray) or not body.strip():
        return
    if "json" not in str(headers.get("content-type") or headers.get("Content-Type") or ""):
        return
    output = operation_model.output_shape
    if output is not None and output.serialization.get("payload"):
        return  # the body is a member as is (Invoke's payload), not the reply's JSON
    try:
        json.loads(body)
    except ValueError:
        service = operation_model.service_model.signing_name or ""
        action = f"{service}:{operation_model.name}"
        raise errors.EndpointPage(
            f"HTTP {status} from the endpoint, but its reply is not valid JSON ({action})",
            status=status,
            body=bytes(body[:2000]).decode("utf-8", "replace"),
            operation=operation_model.name,
        ) from None


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the credentials belong to (STS GetCallerIdentity)."""

    account: str
    arn: str
    user_id: str = ""


class Gateway(
    ConfigCalls,
    InvokeCalls,
    SharedEventCalls,
    EditCalls,
    LogsCalls,
    MetricsCalls,
    DurableCalls,
    CapacityCalls,
    CodeCalls,
    DeployCalls,
    ReleaseCalls,
    AlarmCalls,
    PricingCalls,
    ClientSource,
):
    """Async access to Lambda, CloudWatch Logs, CloudWatch metrics and STS for one target.

    The configuration view's calls (one per section) come from ``ConfigCalls``; the edit
    form's (read the settings, change them safely) from ``EditCalls``.
    """

    def __init__(
        self,
        target: Target,
        credentials: StaticCredentials | None = None,
        *,
        sessions: SessionShare | None = None,
    ) -> None:
        self.target = target
        #: Sessions shared with the other regions' gateways of the same profile (the fleet).
        self._sessions = sessions
        #: Credentials resolved beforehand (an MFA prompt); None: the profile's own chain.
        self.credentials = credentials
        self._stack = AsyncExitStack()
        self._clients: dict[str, Any] = {}
        self._session: Any = None
        self._lock = asyncio.Lock()
        #: Retries botocore made per operation (its standard or adaptive mode), this session.
        self.retried: Counter[str] = Counter()
        #: Seconds waited before those retries because AWS asked to (Retry-After).
        self.waited: defaultdict[str, float] = defaultdict(float)
        #: Set when AWS refused the credentials (expired, unrecognized): the next call makes
        #: new clients from credentials read again, so renewing them in another terminal
        #: (aws sso login, a new credentials file) is picked up by a refresh, no restart.
        self._renew = False
        self._retired: list[AsyncExitStack] = []

    @property
    def read_only(self) -> bool:
        return self.target.read_only

    def set_read_only(self, on: bool) -> None:
        """Refuse (or allow again) every mutating call from now on, on every client."""
        self.target = replace(self.target, read_only=on)

    # -- clients -------------------------------------------------------------------------

    async def _shared_client(self, service: str, variant: str, config: dict[str, Any]) -> Any:
        key = f"{service}/{variant}"
        if key in self._clients and not self._renew:
            return self._clients[key]
        async with self._lock:
            if self._renew:  # credentials were refused: read them again (renewed meanwhile)
                self._renew = False
                self._retired.append(self._stack)  # calls still on the old clients finish
                self._stack, self._clients, self._session = AsyncExitStack(), {}, None
            if key not in self._clients:
                async with self._translating(service, "CreateClient"):
                    self._clients[key] = await self._create_client(service, config)
        return self._clients[key]

    async def _create_client(self, service: str, overrides: dict[str, Any]) -> Any:
        if self._session is None:
            if self._sessions is not None and self.credentials is None:
                self._session = await self._sessions.session(self.target.profile, self._new_session)
            else:
                self._session = await self._new_session()
        from aiobotocore.config import AioConfig

        from .tls import SharedTlsSession

        settings: dict[str, Any] = {
            "retries": {
                "mode": "adaptive" if service == "logs" else "standard",
                "max_attempts": 3,
            },
            "connect_timeout": 5,
            "read_timeout": 30,
            "max_pool_connections": 16,
            "user_agent_extra": "lambdatui",
        }
        settings.update(overrides)
        region = settings.pop("region_name", None) or self.target.region
        # one TLS context for every client with the same verify setting (tls.py): loading the CA
        # bundle for each client was more than half the fleet's CPU
        config = AioConfig(http_session_cls=SharedTlsSession, **settings)
        kwargs: dict[str, Any] = {"region_name": region, "config": config}
        endpoint = self.target.endpoint_for(service)
        if endpoint:
            kwargs["endpoint_url"] = endpoint
        if self.target.ca_bundle:
            kwargs["verify"] = self.target.ca_bundle
        client = await self._stack.enter_async_context(
            self._session.create_client(service, **kwargs)
        )
        if (settings.get("retries") or {}).get("total_max_attempts") == 1:
            _no_resend_on_reused_connections(client)
        client.meta.events.register("before-parameter-build", self._refuse_mutation)
        if service == "lambda":
            client.meta.events.register(
                "before-parse.lambda.ListFunctions", _list_functions_as_json
            )
        client.meta.events.register("before-parse", _refuse_malformed)
        client.meta.events.register("after-call", self._count_retries)
        _no_retry_of_pages(client, self._count_wait)
        return client

    async def _new_session(self) -> Any:
        """A botocore session for the target's profile, its credentials resolved."""
        # botocore+aiohttp take most of a second to import: do it in a thread, so the UI
        # keeps painting (the cached list, the first keystrokes) meanwhile.
        aio_session = await asyncio.to_thread(importlib.import_module, "aiobotocore.session")
        if self.credentials is None:
            session = aio_session.AioSession(profile=self.target.profile)
        else:  # resolved beforehand (an MFA prompt): the profile is not read again
            session = aio_session.AioSession()
            session.set_credentials(
                self.credentials.access_key,
                self.credentials.secret_key,
                self.credentials.token,
            )
        # one botocore data loader for the process: its models and endpoint rules are read
        # (and the data folders listed) once, not again for each gateway (another profile
        # or region)
        session.register_component(
            "data_loader", _shared_loader(session.get_config_variable("data_path"))
        )
        await self._resolve_credentials(session)
        return session

    async def _resolve_credentials(self, session: Any) -> None:
        """Resolve the profile's credentials once, with a time limit: a hung
        ``credential_process`` or SSO refresh is a message, never a frozen screen."""
        try:
            await asyncio.wait_for(session.get_credentials(), CREDENTIALS_TIMEOUT)
        except TimeoutError:
            profile = self.target.profile_label
            raise errors.TimedOut(
                f"Getting credentials for profile '{profile}' took longer than "
                f"{CREDENTIALS_TIMEOUT:g} s.",
                hint="Check its credential_process or SSO set-up, then refresh (r).",
                operation="GetCredentials",
            ) from None

    def _count_retries(self, http_response: Any, parsed: Any, model: Any, **_: Any) -> None:
        meta = (parsed or {}).get("ResponseMetadata") or {}
        attempts = int(meta.get("RetryAttempts") or 0)
        if attempts:
            self.retried[model.name] += attempts

    def _count_wait(self, operation: str, seconds: float) -> None:
        self.waited[operation] += seconds

    def _refuse_mutation(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        if self.read_only and not is_read_operation(model.name, params):
            raise errors.ReadOnlyRefused(
                f"{model.name} changes the account, and lambdatui is in read-only mode.",
                hint="Restart without --read-only (or turn it off in the palette, ctrl+p, "
                "if you turned it on there) to make changes.",
                operation=model.name,
            )

    async def close(self) -> None:
        self._clients = {}
        for stack in (*self._retired, self._stack):
            with suppress(Exception):  # closing must never hide the real outcome
                await stack.aclose()
        self._retired = []

    async def __aenter__(self) -> Gateway:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def _translating(self, service: str, operation: str) -> AsyncIterator[None]:
        try:
            yield
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = errors.translate(
                exc, service=service, operation=operation, profile=self.target.profile
            )
            if isinstance(error, errors.ExpiredCredentials | errors.InvalidCredentials):
                self._renew = True
            raise error from exc

    # -- STS -----------------------------------------------------------------------------

    async def identity(self) -> Identity:
        """The caller's account (STS GetCallerIdentity)."""
        sts = await self.client("sts")
        async with self._translating("sts", "GetCallerIdentity"):
            reply = await sts.get_caller_identity()
        return Identity(account=reply["Account"], arn=reply["Arn"], user_id=reply["UserId"])

    # -- Lambda --------------------------------------------------------------------------

    async def iter_functions(
        self, page_size: int = PAGE_SIZE, *, marker: str | None = None
    ) -> AsyncIterator[list[FunctionSummary]]:
        """Every function of the region, one page at a time (ListFunctions, all pages); with
        ``marker``, the pages after the one that gave it (where the start-up child stopped).

        AWS's own marker is sent back as is (a paginator's StartingToken is its own encoding)."""
        lam = await self.client("lambda")
        params: dict[str, Any] = {"MaxItems": page_size}
        if marker:
            params["Marker"] = marker
        async with self._translating("lambda", "ListFunctions"):
            while True:
                page: Any = await lam.list_functions(**params)  # items as plain dicts
                yield [FunctionSummary.from_api(item) for item in page.get("Functions", ())]
                following = page.get("NextMarker") or None
                if following is None or following == params.get("Marker"):
                    return  # the last page (or an endpoint that repeats its marker)
                params["Marker"] = following

    async def list_functions(self) -> list[FunctionSummary]:
        """All functions at once (for callers that do not stream)."""
        result: list[FunctionSummary] = []
        async for page in self.iter_functions():
            result.extend(page)
        return result

    async def _all_pages(
        self,
        operation: str,
        key: str,
        build: Callable[[dict[str, Any]], T],
        *,
        page_size: int = PAGE_SIZE,
        **params: Any,
    ) -> list[T]:
        """Every item under ``key`` of every page of the Lambda ``operation``, as records."""
        lam = await self.client("lambda")
        result: list[T] = []
        async with self._translating("lambda", operation):
            # the operation is named at run time: the stub's overloads (one per literal
            # paginator name) cannot check it, so this one call is untyped
            untyped: Any = lam
            paginator = untyped.get_paginator(_snake(operation))
            async for page in paginator.paginate(
                **params, PaginationConfig={"PageSize": page_size}
            ):
                result.extend(build(item) for item in page.get(key, ()))
        return result

    async def list_versions(self, function: str) -> list[FunctionVersion]:
        """Every version of ``function``, $LATEST first (ListVersionsByFunction, all pages)."""
        return await self._all_pages(
            "ListVersionsByFunction", "Versions", FunctionVersion.from_api, FunctionName=function
        )

    async def list_aliases(self, function: str) -> list[AliasRecord]:
        """Every alias of ``function`` with its routing (ListAliases, all pages)."""
        return await self._all_pages(
            "ListAliases", "Aliases", AliasRecord.from_api, FunctionName=function
        )
