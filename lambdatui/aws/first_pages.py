"""The function list's pages, fetched at start-up by a second process on the other core.

Before the app can ask AWS anything it must import the SDK and make a client: a few hundred
milliseconds of CPU-bound Python that, in the app's own process, would share one core (the
GIL) with Textual painting its first screen. So the command line starts this module as a
child process first thing (``spawn``), with the target's profile, region, endpoint and CA
bundle; the child imports plain botocore, pages through ``ListFunctions`` and writes each page
to its stdout as one JSON line while the app is still starting. The list screen reads the
lines (``FirstPages.pages``) and shows the rows; the app's gateway (aiobotocore, imported after
the first paint) is not needed for them.

The child is only an accelerator. Any failure (an error reply, no credentials, a crash, a
line that does not parse) ends its pages with ``failed`` set and the marker of the last good
page: the list then goes on from there through the gateway, which turns the same failure into
the user-facing error. It never retries (the gateway does), it has no terminal (stdin and
stderr are /dev/null, and a new session so nothing can prompt on /dev/tty), and it is killed
with the app.

Protocol, one JSON object per line: ``{"page": [item, …], "next": marker-or-null}`` per
page, then ``{"end": true}``; or ``{"error": "text"}`` and exit status 1. After the first page
the child waits for a line on its stdin before it asks for the second: the app sends it once
the first rows are painted, so the later pages (parsed here, served by the endpoint) never
compete with that paint for the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

#: typing's own constant without importing typing: the child starts as lean as it can
TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from collections.abc import AsyncIterator, Awaitable, Callable
    from typing import IO, Any

    from .records import FunctionSummary
    from .target import Target

#: AWS's own page size for ListFunctions (the gateway's PAGE_SIZE).
PAGE_SIZE = 50
#: A page is at most 50 functions of a few KB each; a line longer than this is an error.
LINE_LIMIT = 64 * 1024 * 1024
#: Seconds to wait for the child's next line: its requests end within about 35 s (connect 5,
#: read 30, one attempt), but resolving credentials has no bound of its own (a hung
#: credential_process): past this the gateway goes on, with its own time limit and message.
LINE_TIMEOUT = 40.0


class FirstPages:
    """The child process and what it has said so far."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        #: The target the app resolved: the child's must be the same (its first line says).
        self.expected_key: str | None = None
        #: The marker after the last page read: where the gateway goes on after a failure.
        self.marker: str | None = None
        #: True when the pages stopped before the end (the gateway must go on from `marker`).
        self.failed = False
        #: Why, for the debug log (the user sees the gateway's own message instead).
        self.reason = ""
        self._asked = False

    async def pages(
        self, first_shown: Callable[[], Awaitable[None]] | None = None
    ) -> AsyncIterator[list[FunctionSummary]]:
        """Each page as it arrives, as records; stops at the end or at the first failure.

        The child asks for the second page once ``first_shown()`` returns (at once without it).
        """
        import asyncio

        from .records import FunctionSummary

        stdout = self.process.stdout
        if stdout is None:
            self._fail("no pipe")
            return
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=LINE_LIMIT)
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), stdout
        )
        try:
            while True:
                try:
                    line = await asyncio.wait_for(reader.readline(), LINE_TIMEOUT)
                    message: dict[str, Any] = json.loads(line) if line else {}
                except TimeoutError:
                    self._fail(f"nothing said in {LINE_TIMEOUT:g} s")
                    return
                except (ValueError, asyncio.LimitOverrunError) as exc:
                    self._fail(f"unreadable line: {exc}")
                    return
                if "target" in message:  # it resolved the command line as the app did
                    if message["target"] != self.expected_key:
                        self._fail(f"another target: {message['target']}")
                        return
                elif "page" in message:
                    page = [FunctionSummary.from_api(item) for item in message["page"]]
                    self.marker = message.get("next") or None
                    first = not self._asked
                    yield page
                    if first:
                        if first_shown is not None:
                            await first_shown()
                        self._go_on()
                elif message.get("end"):
                    return
                else:
                    self._fail(str(message.get("error") or "ended early"))
                    return
        finally:
            transport.close()
            if self.failed:
                self.close()
            # else it said its last line and exits on its own; `close` reaps it at the end

    def _go_on(self) -> None:
        """Let the child ask for the pages after the first."""
        self._asked = True
        stdin = self.process.stdin
        if stdin is not None:
            with contextlib.suppress(OSError):  # it ended meanwhile: its stdout says how
                stdin.write(b"more\n")
                stdin.flush()

    def _fail(self, reason: str) -> None:
        self.failed = True
        self.reason = reason

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        import subprocess

        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):  # one that ignores SIGKILL
            self.process.wait(timeout=1)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


def settings_for(target: Target) -> dict[str, Any]:
    """What the child needs of ``target`` to make its client as the gateway makes its own."""
    return {
        "profile": target.profile,
        "region": target.region,
        "endpoint": target.endpoint_for("lambda"),
        "verify": target.ca_bundle,
    }


def spawn(target: Target) -> FirstPages | None:
    """Start the child for ``target``'s list; None when it cannot start (the gateway lists)."""
    first = start([sys.executable, "-m", __name__, json.dumps(settings_for(target))])
    if first is not None:
        first.expected_key = target.cache_key
    return first


def start(command: list[str]) -> FirstPages | None:
    """Start ``command`` as the child (this module's, or one that resolves the target from a
    command line first and says it, ``lambdatui.list_ahead``); None when it cannot start."""
    import subprocess

    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,  # "more" after the first page
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None
    return FirstPages(process)


# -- the child ---------------------------------------------------------------------------


def fetch(settings: dict[str, Any], out: IO[str], go_on: IO[str]) -> int:
    """Write every page of ListFunctions to ``out``, waiting for a line of ``go_on`` after the
    first; the exit status."""
    try:
        import botocore.session
        from botocore.config import Config

        session = botocore.session.Session(profile=settings.get("profile"))
        session.register_component("data_loader", lambda_loader(session))
        client = session.create_client(
            "lambda",
            region_name=settings["region"],
            endpoint_url=settings.get("endpoint"),
            verify=settings.get("verify"),
            config=Config(
                retries={"mode": "standard", "total_max_attempts": 1},  # the gateway retries
                connect_timeout=5,
                read_timeout=30,
                user_agent_extra="lambdatui",
            ),
        )
        params: dict[str, Any] = {"MaxItems": PAGE_SIZE}
        while True:
            reply = client.list_functions(**params)
            if "Functions" not in reply:  # botocore takes a 2xx that is not JSON for {}
                raise ValueError("the reply to ListFunctions is not valid JSON")
            marker = reply.get("NextMarker") or None
            page = {"page": reply.get("Functions", []), "next": marker}
            out.write(json.dumps(page, default=str) + "\n")
            out.flush()
            if marker is None or marker == params.get("Marker"):
                break
            if "Marker" not in params and not go_on.readline():
                return 0  # the app went away before it wanted more
            params["Marker"] = marker
    except Exception as exc:  # any failure: the app's gateway goes on and reports it
        out.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
        out.flush()
        return 1
    out.write('{"end": true}\n')
    out.flush()
    return 0


def lambda_loader(session: Any) -> Any:
    """botocore's data loader for ``session`` (its search path, ``AWS_DATA_PATH`` first), for
    a client of Lambda alone: it does not list every service botocore knows.

    Before it loads a model, botocore's loader lists the ~400 service folders of every search
    path, ~900 directory reads, to check that the service is one of them; once for the API
    model and once for the endpoint rules: ~20 ms of the child's ~180 ms, before its request.
    The child asks for Lambda only, whose model is there or the client fails to load it (and
    the app's gateway goes on, as after any failure)."""
    from botocore.loaders import Loader

    class LambdaLoader(Loader):  # type: ignore[misc]
        def list_available_services(self, type_name: str) -> list[str]:
            return ["lambda"]

    data_path = session.get_config_variable("data_path")
    extra = None
    if data_path:  # as botocore's own create_loader reads it
        extra = [os.path.expanduser(os.path.expandvars(p)) for p in data_path.split(os.pathsep)]
    return LambdaLoader(extra_search_paths=extra)


def main() -> int:  # pragma: no cover - runs in the child (tests/aws/test_first_pages.py)
    settings = json.loads(sys.argv[1])
    return run_child(settings, key=None)


def run_child(settings: dict[str, Any], *, key: str | None) -> int:
    """The child's work: say the target's ``key`` (when it resolved one), then the pages."""
    try:
        if key is not None:
            sys.stdout.write(json.dumps({"target": key}) + "\n")
        return fetch(settings, sys.stdout, sys.stdin)
    except BrokenPipeError:  # the app went away first
        os._exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
