"""Start-up: the function list's first pages, asked for before anything else is loaded.

The command line starts this module as a child process first thing (``start_early``), with the
command line itself: the child resolves the target as the app does (``cli.ui_target``) while
the app does the same, says which it is, and pages through ``ListFunctions`` on the other core
(``aws.first_pages``, which also reads its lines in the app). The app keeps the child only
when it wants it (no cached list to paint, no demo, no ``--debug``, no MFA prompt) and when the
child's target is its own; otherwise it stops it. Starting before the app has even parsed its
arguments gives the child the ~100 ms the app spends on them and on its configuration.
"""

from __future__ import annotations

import sys

from . import twins

#: typing's own constant without importing typing (see cli.py)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .aws.first_pages import FirstPages

#: Flags after which the UI lists nothing from AWS at start (or no UI runs at all).
_NOT_LISTING = ("-h", "--help", "--demo", "--debug")


def start_early(given: list[str]) -> FirstPages | None:
    """The child for the command line ``given``, when it may start the UI on an account and
    no list is cached at all (with one, the target's own is likely there: the app paints it,
    and a process started for nothing would only compete with that paint; for a target not
    cached yet the app starts the child itself once it knows the target)."""
    commands = set(twins.names())
    if any(arg in _NOT_LISTING or arg in commands for arg in given):
        return None
    from .store.cached import any_cached  # not store.cache: its imports delay the child

    if any_cached():
        return None
    from .aws.first_pages import start

    return start([sys.executable, "-m", __name__, *given])


def main() -> int:  # pragma: no cover - runs in the child (tests/test_list_ahead.py)
    from .aws.first_pages import run_child, settings_for
    from .cli import ui_target

    target = ui_target(sys.argv[1:])
    if target is None:
        return 0  # the app says what is wrong with its command line, and stops this process
    # no cache check: none existed when this process started (`start_early`), and the app
    # checks its target's again before it keeps this process
    return run_child(settings_for(target), key=target.cache_key)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
