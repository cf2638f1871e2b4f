"""Two profiles in the test's private AWS files, and fleet targets on an endpoint."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lambdatui.aws.fleet import FleetResult, list_fleet
from lambdatui.aws.fleet_targets import targets_for
from lambdatui.aws.target import Target

#: Profile → access key ("default" signs with the environment's "testing" key).
KEYS = {"default": "testing", "staging": "stagingkey"}


def write_profiles() -> None:
    """``default`` and ``staging`` in the files conftest points AWS_CONFIG_FILE/… at."""
    config = Path(os.environ["AWS_CONFIG_FILE"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[default]\nregion = us-east-1\n\n[profile staging]\nregion = us-east-1\n")
    Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"]).write_text(
        "".join(
            f"[{name}]\naws_access_key_id = {key}\naws_secret_access_key = {key}\n"
            for name, key in KEYS.items()
        )
    )


def fleet(endpoint: str, profiles: list[str], regions: list[str]) -> list[Target]:
    return targets_for(profiles, regions, endpoint_url=endpoint)


def listed(targets: list[Target], concurrency: int = 8) -> FleetResult:
    return asyncio.run(list_fleet(targets, concurrency=concurrency))
