"""A snapshot of the fleet view at 80x24: two profiles × two regions of the local account,
one pair denied, the pairs' list open. Deterministic: seeded names, the account's fixed id,
ages read on a clock three days on ('3d ago'). Update with `./run test --snapshot-update`."""

from __future__ import annotations

from typing import Any

from lambdatui.demo.seed import seed_functions
from lambdatui.store import fleet_cache
from lambdatui.store.fleet_cache import FleetChoice
from lambdatui.ui.screens.fleet import FleetScreen
from tests.fleet_helpers import write_profiles
from tests.ui.helpers import make_app, press_id, settle, wait_until


def test_fleet_view_with_a_denied_pair(snap_compare: Any, account: Any) -> None:
    write_profiles()
    seed_functions(account.endpoint_url, 3, "us-east-1", prefix="east")
    seed_functions(account.endpoint_url, 2, "eu-west-1", prefix="west")
    account.knobs.denials.add(("stagingkey", "eu-west-1", "lambda:ListFunctions"))
    fleet_cache.save_choice(FleetChoice((), ("us-east-1", "eu-west-1")))

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await press_id(pilot, "functions.fleet")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FleetScreen))
        fleet = pilot.app.screen
        await wait_until(
            pilot,
            lambda: len(fleet._statuses) == 4 and all(s.finished for s in fleet._statuses.values()),
        )
        await press_id(pilot, "fleet.pairs")
        await settle(pilot)

    app = make_app(account.endpoint_url, use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
