"""Shared fixtures: every test runs isolated from the user's real AWS config and data dirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import textual.constants

# Pilot waits for running animations to finish after every key (a tab's underline slides for
# 0.3 s): apps in this process start with them off, as with TEXTUAL_ANIMATIONS=none (the apps
# the tmux tests start keep them). Checked, so that a Textual upgrade that renames it fails here.
assert textual.constants.TEXTUAL_ANIMATIONS in ("none", "basic", "full")
textual.constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]

# After every key, Pilot waits until the process is idle: it sleeps 20 ms at a time and stops
# when the CPU time of one sleep stayed under 1 ms (Textual's `wait_for_idle`), so each key cost
# at least 20 ms of nothing. The same test, measured in 5 ms steps (the same ratio): a third
# off the Pilot tests' time. Checked, so that a Textual upgrade that changes it fails here.
import textual._wait  # noqa: E402

assert (textual._wait.SLEEP_GRANULARITY, textual._wait.SLEEP_IDLE) == (1 / 50, 1 / 50 / 20)
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = 0.005 / 20

# Tests press Ctrl-C in the twins they start (SIGINT). A process started with SIGINT ignored,
# as a shell's background job is (`cmd &`, nohup), passes that on to every child, and Python
# then keeps ignoring it: the twins never stopped and those tests failed. Caught here, the
# children start with the default again.
import signal  # noqa: E402

if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

#: Fixtures that make a test slow by nature: a real terminal (tmux), plain moto in a subprocess.
_SLOW_FIXTURES = {"tmux", "plain_moto", "plain_moto_session"}
#: Folders and modules whose tests start processes: the command-line twins, lint-imports, tmux.
_SLOW_PATHS = (
    "tests/cli/",
    "tests/test_architecture.py",
    "tests/demo/test_import_hygiene.py",
    "tests/ui/test_logs_terminal.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``slow`` what starts a process or a terminal; tests that took 0.6 s or more in
    a quiet ``./run test`` on two cores carry the mark themselves (most drive the whole app
    through a flow). ``-m "not slow"`` is the quick run while working (README)."""
    root = config.rootpath
    for item in items:
        path = item.path.relative_to(root).as_posix()
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & _SLOW_FIXTURES or path.startswith(_SLOW_PATHS):
            item.add_marker(pytest.mark.slow)


_AWS_VARS = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_LAMBDA",
    "AWS_ENDPOINT_URL_LOGS",
    "AWS_ENDPOINT_URL_CLOUDWATCH",
    "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CA_BUNDLE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "LAMBDATUI_HOME",
)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point HOME, the AWS config files and the XDG dirs at tmp_path; dummy credentials."""
    home = tmp_path / "home"
    home.mkdir()
    for var in _AWS_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for xdg in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(xdg, str(home / xdg.lower()))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    yield home


@pytest.fixture(scope="session")
def local_account():  # type: ignore[no-untyped-def]
    """The faithful local account (moto server + documented AWS behaviours) on 127.0.0.1."""
    from lambdatui.demo.server import start_local_account

    account = start_local_account()
    yield account
    account.stop()


@pytest.fixture
def account(local_account):  # type: ignore[no-untyped-def]
    """The local account, reset to empty for this test."""
    local_account.reset()
    yield local_account


@pytest.fixture(scope="module")
def _module_demo() -> dict[str, int]:
    """The local account's generation when this module last seeded the demo into it."""
    return {}


@pytest.fixture
def shared_demo(local_account, _module_demo):  # type: ignore[no-untyped-def]
    """The seeded demo account (``seed_demo``, provisioned concurrency READY at once, its ages
    counted back from ``tests.demo_time.SEEDED_AT``, so screens show the same dates), shared by
    a module's tests that only read it: seeding takes a second or more, so it is seeded once per
    module, and again only if something reset the account meanwhile (a test taking ``account``).
    A test that changes anything (invokes, edits, adds functions) takes ``account`` instead."""
    from lambdatui.demo.seed import seed_demo
    from tests.demo_time import SEEDED_AT

    if _module_demo.get("generation") != local_account.generation:
        local_account.reset()
        local_account.knobs.provisioning_seconds = 0
        seed_demo(local_account.endpoint_url, local_account.region, now=SEEDED_AT)
        _module_demo["generation"] = local_account.generation
    yield local_account


@pytest.fixture(scope="session")
def plain_moto_session():  # type: ignore[no-untyped-def]
    """Plain ``moto.server`` (not the faithful account) in a subprocess on 127.0.0.1."""
    from tests.plain_moto import plain_moto_server

    yield from plain_moto_server()


@pytest.fixture
def plain_moto(plain_moto_session):  # type: ignore[no-untyped-def]
    """Plain moto, reset to empty for this test."""
    plain_moto_session.reset()
    yield plain_moto_session
