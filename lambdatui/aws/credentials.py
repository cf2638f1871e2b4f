"""Credentials that need the user at the terminal: an assume-role profile with ``mfa_serial``.

botocore asks for the MFA code on the terminal (``getpass``) the first time such a profile's
credentials are needed; behind a full-screen UI that prompt would be hidden. So they are
resolved *before* the UI starts (or while it is suspended), and handed to the gateway.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StaticCredentials:
    access_key: str
    secret_key: str
    token: str | None = None

    def __repr__(self) -> str:  # never print a secret by accident
        return "StaticCredentials(…)"


def resolve_interactively(profile: str | None) -> StaticCredentials | None:
    """The profile's credentials, letting botocore prompt for the MFA code on the terminal.
    Raises ``errors.GatewayError`` subclasses (wrong code, no access) like any call."""
    import botocore.session

    from . import errors

    try:
        credentials = botocore.session.Session(profile=profile).get_credentials()
        if credentials is None:
            return None
        frozen = credentials.get_frozen_credentials()
    except Exception as exc:
        raise errors.translate(exc, service="sts", operation="AssumeRole", profile=profile) from exc
    return StaticCredentials(frozen.access_key, frozen.secret_key, frozen.token)
