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

import sys


def main() -> int:  # pragma: no cover - runs as the app's child (tests/test_real_terminal.py)
    from .seed import seed_demo_functions
    from .server import start_local_account

    port, region = int(sys.argv[1]), sys.argv[2]
    account = start_local_account(port=port, region=region)
    try:
        the_rest = seed_demo_functions(account.endpoint_url, region)
        print("functions", flush=True)
        the_rest()
        # From now on an edit shows LastUpdateStatus InProgress for a while, as on AWS (the
        # seeding's own updates had to finish at once).
        account.knobs.update_seconds = 1.5
        print("seeded", flush=True)
        sys.stdin.read()  # until the app closes it
    except BrokenPipeError:
        pass  # the app went away while this still seeded
    finally:
        account.stop()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
