"""The demo's fleet: its functions in eight regions, seen through two profiles.

moto keeps one backend per (account, region), so the demo's catalog is created again in seven
more regions, straight into moto's backends (no signed HTTP: a few hundred milliseconds, after
the first screen is listed, so ``--demo`` paints as soon as before). Both profiles are access
keys of the same account (moto maps an access key to another account only when that account's
IAM created it, which the demo's own configuration file could not name ahead of time): what
differs is what each may do. ``demo-staging`` is not allowed ``lambda:ListFunctions`` in
``eu-west-1``: the local account answers as IAM does (``AccountKnobs.denials``), so the fleet
shows that pair "not permitted" while the rest load.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the catalog's import is slow: only the seeding pays for it
    from .catalog import DemoFunction

#: The demo's regions: the main one first.
REGIONS = (
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-northeast-1",
    "ap-southeast-2",
    "sa-east-1",
    "ca-central-1",
)
#: Profile → its access key (the secret is the same word).
PROFILES = {"default": "demo", "demo-staging": "demostaging"}
#: (access key, region, action) IAM refuses in the demo.
DENIALS = {("demostaging", "eu-west-1", "lambda:ListFunctions")}


def write_profiles(config_file: Path, credentials_file: Path, region: str) -> None:
    """The demo's AWS config and credentials files: both profiles, ``region`` as theirs."""
    config = "".join(
        f"[{'default' if name == 'default' else f'profile {name}'}]\nregion = {region}\n\n"
        for name in PROFILES
    )
    credentials = "".join(
        f"[{name}]\naws_access_key_id = {key}\naws_secret_access_key = {key}\n\n"
        for name, key in PROFILES.items()
    )
    config_file.write_text(config)
    credentials_file.write_text(credentials)


def write_fleet_choice(config_dir: Path) -> None:
    """The fleet view's remembered choice (the file ``store.fleet_cache.load_choice`` reads,
    ``fleet.json`` in the config dir): every profile and the demo's eight regions, so `F`
    lists the demo's fleet at once instead of asking (or trying all 34 regions)."""
    import json

    config_dir.mkdir(parents=True, exist_ok=True)
    payload = {"profiles": [], "regions": list(REGIONS)}
    (config_dir / "fleet.json").write_text(json.dumps(payload))


def _spec(fn: DemoFunction, role: str) -> dict[str, Any] | None:
    """CreateFunction's parameters for ``fn`` as moto's backend takes them (its JSON body);
    None for what needs more than a package (image, capacity provider, durable)."""
    if not fn.runtime or fn.managed_instances or fn.durable is not None:
        return None
    from . import catalog

    code = catalog.code_for(fn)["ZipFile"]
    assert isinstance(code, bytes)
    return {
        "FunctionName": fn.name,
        "Runtime": fn.runtime,
        "Handler": fn.handler,
        "Role": role,
        "Description": fn.description,
        "Timeout": fn.timeout,
        "MemorySize": fn.memory,
        "Architectures": [fn.arch],
        "Environment": {"Variables": dict(fn.env)},
        "Code": {"ZipFile": base64.b64encode(code).decode()},
    }


def seed_regions(account_id: str, knobs: Any, regions: tuple[str, ...] = REGIONS[1:]) -> None:
    """The catalog's functions in ``regions`` of the running local account (in-process), and
    the demo's denials. The main region is seeded by ``seed.py`` as before."""
    from . import catalog
    from .function_state import lambda_backend

    knobs.denials |= DENIALS
    role = f"arn:aws:iam::{account_id}:role/service-role/acme-lambda-basic"
    specs = [spec for fn in catalog.FUNCTIONS if (spec := _spec(fn, role)) is not None]
    for region in regions:
        backend = lambda_backend(account_id, region)
        for spec in specs:
            if not backend.list_versions_by_function(spec["FunctionName"]):
                backend.create_function(dict(spec))
