"""Where the app points: profile, region and endpoints, resolved as the AWS CLI does.

Resolution is cheap on purpose (no botocore session, only its config-file parser), because it
runs before the UI paints.  Region order: ``--region``, ``AWS_REGION`` (which boto3 alone
ignores), ``AWS_DEFAULT_REGION``, then the profile's ``region`` in the config file.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Services the app talks to, with the suffix of their ``AWS_ENDPOINT_URL_<SUFFIX>`` variable.
SERVICES = {
    "lambda": "LAMBDA",
    "logs": "CLOUDWATCH_LOGS",
    "cloudwatch": "CLOUDWATCH",
    "sts": "STS",
}
#: The AWS CLI documents AWS_ENDPOINT_URL_CLOUDWATCH_LOGS; people also write ..._LOGS.
_EXTRA_ENV = {"logs": ("AWS_ENDPOINT_URL_LOGS",)}


class NoRegionError(Exception):
    """No region anywhere: the app cannot start."""

    def __init__(self, profile: str | None) -> None:
        where = f"profile '{profile}'" if profile else "the default profile"
        super().__init__(
            f"no AWS region configured for {where}: use --region, set AWS_REGION, "
            f"or add 'region = ...' to {where} in the AWS config file"
        )


@dataclass(frozen=True)
class Target:
    """One account+region+endpoint the app looks at."""

    profile: str | None
    region: str
    endpoint_url: str | None = None  # --endpoint-url or AWS_ENDPOINT_URL
    service_endpoints: Mapping[str, str] = field(default_factory=dict)
    ca_bundle: str | None = None
    read_only: bool = False

    def endpoint_for(self, service: str) -> str | None:
        """The endpoint for ``service``; None means botocore's own resolution (real AWS)."""
        return self.service_endpoints.get(service) or self.endpoint_url

    @property
    def profile_label(self) -> str:
        return self.profile or "default"

    @property
    def custom_endpoint(self) -> str | None:
        """The endpoint shown in the status line when it is not AWS."""
        return self.endpoint_for("lambda")

    @property
    def cache_key(self) -> str:
        """A file-name-safe key, one per profile+region+endpoint."""
        raw = f"{self.profile_label}\0{self.region}\0{self.custom_endpoint or ''}".encode()
        # two checksums, 64 bits: hashlib's import (its OpenSSL set-up, ~6 ms) is not paid on
        # the way to the first paint for a name that only has to differ between targets
        digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in self.profile_label)
        return f"{safe}-{self.region}-{digest}"


def _config_file(env: Mapping[str, str]) -> Path:
    return Path(env.get("AWS_CONFIG_FILE") or "~/.aws/config").expanduser()


def profile_config(profile: str | None, env: Mapping[str, str]) -> dict[str, Any]:
    """The profile's section of the AWS config file ({} when absent or unreadable)."""
    path = _config_file(env)
    if not path.is_file():
        return {}
    from botocore.configloader import load_config  # light: the parser, not a session

    try:
        profiles = load_config(str(path)).get("profiles", {})
    except Exception:  # a broken config file: botocore will say so on the first call
        return {}
    section = profiles.get(profile or "default", {})
    return section if isinstance(section, dict) else {}


def needs_prompt(profile: str | None, env: Mapping[str, str] | None = None) -> bool:
    """True when using ``profile`` asks for an MFA code on the terminal (then the command
    line prompts before the UI: ``credentials.resolve_interactively``). Here, beside the
    config it reads, not in ``credentials``: every start asks, and that module's import is
    not needed for the answer."""
    section = profile_config(profile, os.environ if env is None else env)
    return "mfa_serial" in section and "role_arn" in section


def resolve_target(
    *,
    profile: str | None = None,
    region: str | None = None,
    endpoint_url: str | None = None,
    read_only: bool = False,
    env: Mapping[str, str] | None = None,
    default_profile: str | None = None,
    default_region: str | None = None,
) -> Target:
    """Resolve the CLI's flags and the environment into a Target, or raise NoRegionError.

    ``default_profile`` / ``default_region`` (lambdatui's config file) come last: after the
    flags, the variables and (for the region) the profile's own ``region``.
    """
    env = os.environ if env is None else env
    profile = profile or env.get("AWS_PROFILE") or env.get("AWS_DEFAULT_PROFILE") or default_profile
    section: dict[str, Any] | None = None
    if not region:
        region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
    if not region:
        section = profile_config(profile, env)
        region = section.get("region") or default_region
    if not region:
        raise NoRegionError(profile)
    general = endpoint_url or env.get("AWS_ENDPOINT_URL") or None
    per_service: dict[str, str] = {}
    if not endpoint_url:  # an explicit --endpoint-url wins over every variable, as in the CLI
        for service, suffix in SERVICES.items():
            names = (f"AWS_ENDPOINT_URL_{suffix}", *_EXTRA_ENV.get(service, ()))
            for name in names:
                if env.get(name):
                    per_service[service] = env[name]
                    break
    return Target(
        profile=profile,
        region=str(region),
        endpoint_url=general,
        service_endpoints=per_service,
        ca_bundle=env.get("AWS_CA_BUNDLE") or None,
        read_only=read_only,
    )
