"""``python -m lambdatui.demo.serve PORT``: the demo's local account in a process of its own.

``lambdatui --demo`` starts this first thing (``launch.Demo.spawn``), so that moto's import, the
server and the seeding (a couple of seconds of CPU-bound Python) run on the other core while
the app imports Textual and paints, instead of sharing one core (the GIL) with it. It prints
``functions`` once the demo's functions exist (what the first screen lists), seeds the rest
(sources, versions and aliases, wiring, log and metric history), prints ``seeded``, and serves
until its stdin closes (the app quit, or died).

The environment is the app's, already isolated by ``launch.prepare_demo`` (fake credentials,
private folders), so this process never reads the user's AWS set-up either.
"""

from __future__ import annotations

import os
import sys
import threading


def main() -> int:  # pragma: no cover - runs as the app's child (tests/test_real_terminal.py)
    from .fleet import seed_regions
    from .seed import seed_demo_functions
    from .server import start_local_account
    from .traffic import SteadyTraffic

    port, region = int(sys.argv[1]), sys.argv[2]
    # The app's end (a quit, or its death) closes this process's stdin: stop at once, even in
    # the middle of the seeding (it would go on using a core for nothing).
    threading.Thread(target=_exit_with_the_app, name="demo-app-watch", daemon=True).start()
    account = start_local_account(port=port, region=region)
    try:
        the_rest = seed_demo_functions(account.endpoint_url, region)
        print("functions", flush=True)
        the_rest()
        # From now on an edit shows LastUpdateStatus InProgress for a while, as on AWS (the
        # seeding's own updates had to finish at once).
        account.knobs.update_seconds = 1.5
        # a few invocations a second on the live aliases, so a traffic shift's counts move
        SteadyTraffic(account.endpoint_url, region).start()
        print("seeded", flush=True)
        seed_regions(account.account_id, account.knobs)  # the fleet's other regions, after
        print("fleet", flush=True)
        threading.Event().wait()  # serve until the app goes
    except BrokenPipeError:
        pass  # the app went away while this still seeded
    finally:
        account.stop()
    return 0


def _exit_with_the_app() -> None:
    # os.read, not sys.stdin: a daemon thread blocked in a buffered read makes the interpreter's
    # own shutdown fail (after an error in the main thread, hiding it)
    while os.read(0, 4096):
        pass
    os._exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
