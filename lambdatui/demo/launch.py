"""`lambdatui --demo`: an embedded, seeded local account, isolated from the user's AWS setup.

``prepare_demo`` is instant (it picks a port and isolates the environment), so the UI can
paint at once; ``Demo.start`` (moto's import, the server, the seeding: a few seconds) then
runs in a worker thread while the UI says what it is doing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

#: Variables that could point the demo at the user's real AWS configuration.
_USER_AWS_VARS = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_LAMBDA",
    "AWS_ENDPOINT_URL_LOGS",
    "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CA_BUNDLE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
)

REGION = "us-east-1"
log = logging.getLogger(__name__)


@dataclass
class Demo:
    home: Path
    port: int
    region: str = REGION
    account: Any = field(default=None)
    _finisher: threading.Thread | None = field(default=None, repr=False)
    _stopping: bool = field(default=False, repr=False)
    #: The account's own process (``spawn``), when the app runs it there.
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _log: Any = field(default=None, repr=False)

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def spawn(self) -> None:
        """Start the account in a process of its own (``serve.py``), on the other core; ``start``
        then waits for it. For the app, which starts this before importing Textual."""
        import subprocess
        import sys

        self._log = (self.home / "account.log").open("wb")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "lambdatui.demo.serve", str(self.port), self.region],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            start_new_session=True,
        )

    def cache_first_screen(self, cache_key: str) -> None:
        """Put the account's function list, as it will list it (``first_screen``), in the
        demo's (private, fresh) cache under ``cache_key``: the list paints it at once, as it
        paints any cached list, while the account starts; the account's answer replaces it."""
        from datetime import UTC, datetime

        from ..store.cache import save_functions
        from .first_screen import functions

        listed = functions(self.region, datetime.now(UTC))
        account = listed[0].arn.split(":")[4] if listed else ""  # (the catalog's import is slow)
        save_functions(cache_key, listed, account)

    def start(self, *, finish_in_background: bool = False) -> None:
        """Start the local account on the chosen port and seed it (blocking: use a thread).

        With ``finish_in_background`` it returns once the functions exist (what the first
        screen lists) and seeds the rest (sources, versions and aliases, wiring, log history)
        in a thread of its own.
        """
        if self._process is not None:
            self._wait_for("functions")
            if not finish_in_background:
                self._wait_for("seeded")
            return
        from .seed import seed_demo_functions
        from .server import start_local_account

        self.account = start_local_account(port=self.port, region=self.region)
        the_rest = seed_demo_functions(self.endpoint_url, self.region)
        if finish_in_background:
            self._finisher = threading.Thread(
                target=self._finish, args=(the_rest,), name="lambdatui-demo-seed", daemon=True
            )
            self._finisher.start()
        else:
            the_rest()
            self._seeded()

    def _finish(self, the_rest: Callable[[], None]) -> None:
        try:
            the_rest()
        except Exception:
            # Never a traceback over the UI. Quitting meanwhile stops the server under it;
            # anything else goes to --debug's log.
            if not self._stopping:
                log.debug("seeding the rest of the demo account failed", exc_info=True)
        else:
            self._seeded()

    def _seeded(self) -> None:
        # From now on an edit shows LastUpdateStatus InProgress for a while, as on AWS (the
        # seeding's own updates had to finish at once).
        self.account.knobs.update_seconds = 1.5
        from .fleet import seed_regions

        seed_regions(self.account.account_id, self.account.knobs)  # the fleet's other regions

    def _wait_for(self, word: str) -> None:
        """Read the account process's lines until ``word``; its log says why when it ends."""
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            if line.strip() == word.encode():
                return
        self._log.flush()
        said = (self.home / "account.log").read_text(errors="replace").strip().splitlines()
        raise RuntimeError(said[-1] if said else f"exit status {self._process.wait()}")

    def stop(self) -> None:
        self._stopping = True
        if self._process is not None:
            import subprocess

            with contextlib.suppress(OSError):
                if self._process.stdin is not None:
                    self._process.stdin.close()  # it stops its server and exits
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._log.close()
        if self._finisher is not None:
            self._finisher.join(timeout=5)
        if self.account is not None:
            self.account.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def isolate_environment(home: Path) -> None:
    """Fake credentials for this process only; never read the user's ~/.aws or data dirs."""
    for name in _USER_AWS_VARS:
        os.environ.pop(name, None)
    os.environ["AWS_ACCESS_KEY_ID"] = "demo"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "demo"
    os.environ["AWS_CONFIG_FILE"] = str(home / "aws-config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(home / "aws-credentials")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    os.environ["LAMBDATUI_HOME"] = str(home / "lambdatui")
    from .fleet import write_fleet_choice, write_profiles  # stdlib only

    write_profiles(home / "aws-config", home / "aws-credentials", REGION)
    write_fleet_choice(home / "lambdatui" / "config")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_demo() -> Demo:
    """Isolate this process and pick the demo's port; nothing slow happens here."""
    home = Path(tempfile.mkdtemp(prefix="lambdatui-demo-"))
    isolate_environment(home)
    return Demo(home=home, port=_free_port())


def start_demo() -> Demo:
    """Prepare and start at once (scripts and tests that need no UI meanwhile)."""
    demo = prepare_demo()
    demo.start()
    return demo
