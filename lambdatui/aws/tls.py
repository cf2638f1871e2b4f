"""One TLS context per verify setting, shared by every client of the process.

aiobotocore's HTTP session builds an ``ssl.SSLContext`` for each client, on its first
request, and loads the whole CA bundle into it (certifi's, or ``AWS_CA_BUNDLE``): about 16 ms
of CPU each time, before that first request can leave. A gateway makes a client per service,
and the fleet makes one per (profile, region): 16 pairs spent ~350 ms of their ~600 ms of
CPU loading the same bundle sixteen times (``bench/bench_fleet.py``), more than half the
work of listing 3,200 functions.

A context is made to be shared by any number of connections, so ``SharedTlsSession`` builds
the verify context once per verify setting (on, off, a CA bundle's path) and hands that one
to every client's connection pool. What a context verifies is exactly what the setting asks:
the same settings give the same context. A client behind a proxy or with a client
certificate builds its own as before (those change the context). A CA bundle file edited
while the app runs is read again at the next start.
"""

from __future__ import annotations

import threading
from typing import Any

from aiobotocore.httpsession import AIOHTTPSession

#: verify setting (True, False, a CA bundle's path) → (context, None), as built the first time.
_built: dict[object, Any] = {}
#: The contexts are built in aiobotocore's worker threads: one builds, the others wait for it.
_building = threading.Lock()


# aiobotocore ships no type information for its HTTP session: the class is Any to mypy
class SharedTlsSession(AIOHTTPSession):  # type: ignore[misc]
    """aiobotocore's aiohttp session, its TLS context shared (see the module docstring).
    Given to clients as ``AioConfig(http_session_cls=SharedTlsSession)``."""

    def _build_ssl_contexts(self, proxy_url: str | None) -> Any:
        if proxy_url or self._cert_file:
            return super()._build_ssl_contexts(proxy_url)
        with _building:
            contexts = _built.get(self._verify)
            if contexts is None:
                contexts = _built[self._verify] = super()._build_ssl_contexts(None)
        return contexts
