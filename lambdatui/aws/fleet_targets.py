"""Which (profile, region) pairs the fleet lists: chosen sets, or all of them.

Profiles: the ones named, or every profile of the AWS config and credentials files
(``profiles.list_profiles``). Regions: the ones named; or the account's enabled regions, as
``account:ListRegions`` reports them (ENABLED and ENABLED_BY_DEFAULT) where the caller may
ask; otherwise botocore's own list of Lambda regions for the partition (its data files: no
network). ``--endpoint-url`` / ``AWS_ENDPOINT_URL`` apply to every pair alike, which is how
one local account serves every region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from . import errors
from .gateway import Gateway
from .profiles import lambda_regions, list_profiles
from .target import Target, resolve_target

_ENABLED = ["ENABLED", "ENABLED_BY_DEFAULT"]


def chosen_profiles(names: Sequence[str] | None, env: Mapping[str, str] | None = None) -> list[str]:
    """``names`` as given (duplicates dropped), or every profile in the AWS files; with none
    there, the default profile alone (its credentials may come from the environment)."""
    if names:
        return list(dict.fromkeys(names))
    found = [profile.name for profile in list_profiles(env)]
    return found or ["default"]


async def enabled_regions(gateway: Gateway) -> list[str] | None:
    """The account's enabled regions (account:ListRegions), or None when it cannot be asked
    (denied, an endpoint that lacks the service, no network): the caller falls back."""
    try:
        client: Any = await gateway._shared_client("account", "", {})
        regions: list[str] = []
        params: dict[str, Any] = {"RegionOptStatusContains": _ENABLED, "MaxResults": 50}
        while True:
            reply = await client.list_regions(**params)
            regions += [str(item["RegionName"]) for item in reply.get("Regions", ())]
            token = reply.get("NextToken")
            if not token:
                break
            params["NextToken"] = token
    except errors.GatewayError:
        return None
    except Exception:  # any failure of an optional call: botocore's list will do
        return None
    return sorted(set(regions)) or None


def targets_for(
    profiles: Sequence[str],
    regions: Sequence[str],
    *,
    endpoint_url: str | None = None,
    read_only: bool = False,
    env: Mapping[str, str] | None = None,
) -> list[Target]:
    """One target per (profile, region), the endpoint settings resolved as for one target."""
    targets = []
    for profile in profiles:
        base = resolve_target(
            profile=None if profile == "default" else profile,
            region=regions[0] if regions else "us-east-1",
            endpoint_url=endpoint_url,
            read_only=read_only,
            env=env,
        )
        if profile == "default":
            base = replace(base, profile=None)
        targets += [replace(base, region=region) for region in regions]
    return targets


async def choose_regions(
    profile: str,
    regions: Sequence[str] | None,
    *,
    endpoint_url: str | None = None,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """``regions`` as given, else the enabled regions of ``profile``'s account, else
    botocore's Lambda regions."""
    if regions:
        return list(dict.fromkeys(regions))
    (probe,) = targets_for([profile], ["us-east-1"], endpoint_url=endpoint_url, env=env)
    async with Gateway(probe) as gateway:
        found = await enabled_regions(gateway)
    return found or lambda_regions()
