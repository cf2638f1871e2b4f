"""The AWS profiles a user can switch to, and the regions Lambda runs in.

Profiles come from the shared config file (``[profile x]``, ``[default]``, with their
``sso_*``, ``credential_process``, ``role_arn``/``mfa_serial`` and ``region`` keys) and the
credentials file (``[x]``), read with botocore's parser only: no session, no credentials
resolved, nothing run. Regions come from botocore's endpoint data for Lambda.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: How a profile gets its credentials, as shown next to its name.
SSO, PROCESS, ROLE, KEYS, OTHER = "sso", "credential_process", "assume role", "keys", "config"


@dataclass(frozen=True)
class AwsProfile:
    name: str
    kind: str
    region: str | None = None
    #: True when using it asks for an MFA code (role_arn + mfa_serial): a terminal prompt.
    needs_mfa: bool = False


def _parse(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    from botocore.configloader import raw_config_parse

    try:
        parsed: dict[str, Any] = raw_config_parse(str(path))
    except Exception:  # a broken file: botocore names the problem on the first call
        return {}
    return parsed


def _kind(section: Mapping[str, Any], has_keys: bool) -> str:
    if "sso_session" in section or "sso_start_url" in section:
        return SSO
    if "credential_process" in section:
        return PROCESS
    if "role_arn" in section:
        return ROLE
    if has_keys or "aws_access_key_id" in section:
        return KEYS
    return OTHER


def list_profiles(env: Mapping[str, str] | None = None) -> list[AwsProfile]:
    """Every profile of the config and credentials files, ``default`` first, then by name."""
    env = os.environ if env is None else env
    config_file = Path(env.get("AWS_CONFIG_FILE") or "~/.aws/config").expanduser()
    credentials_file = Path(
        env.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials"
    ).expanduser()
    sections: dict[str, dict[str, Any]] = {}
    for header, section in _parse(config_file).items():
        if header == "default":
            sections["default"] = dict(section)
        elif header.startswith("profile "):
            sections[header[len("profile ") :].strip()] = dict(section)
    with_keys = {
        name for name, section in _parse(credentials_file).items() if "aws_access_key_id" in section
    }
    profiles = [
        AwsProfile(
            name=name,
            kind=_kind(sections.get(name, {}), name in with_keys),
            region=sections.get(name, {}).get("region"),
            needs_mfa="mfa_serial" in sections.get(name, {})
            and "role_arn" in sections.get(name, {}),
        )
        for name in set(sections) | with_keys
    ]
    return sorted(profiles, key=lambda p: (p.name != "default", p.name.lower()))


def lambda_regions() -> list[str]:
    """The regions of the ``aws`` partition where Lambda runs (botocore's endpoint data)."""
    import botocore.session

    return sorted(botocore.session.get_session().get_available_regions("lambda"))
