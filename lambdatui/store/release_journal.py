"""Releases in the change journal: a version published or deleted, an alias created, updated
or deleted, each one line (an ``action``, so reverting settings skips it) with the alias before
and after, so it can be undone (``release_undo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..aws.qualifier_records import AliasRecord
from . import journal

if TYPE_CHECKING:
    from pathlib import Path

    from ..aws.target import Target

PUBLISH = "PublishVersion"
CREATE_ALIAS = "CreateAlias"
UPDATE_ALIAS = "UpdateAlias"
DELETE_ALIAS = "DeleteAlias"
DELETE_VERSION = "DeleteFunction"
ACTIONS = (PUBLISH, CREATE_ALIAS, UPDATE_ALIAS, DELETE_ALIAS, DELETE_VERSION)


def alias_json(alias: AliasRecord | None) -> dict[str, Any] | None:
    if alias is None:
        return None
    return {
        "name": alias.name,
        "version": alias.function_version,
        "description": alias.description,
        "routing": dict(alias.additional_weights),
        "revision_id": alias.revision_id,
    }


def alias_from_json(data: dict[str, Any] | None) -> AliasRecord | None:
    if not data:
        return None
    return AliasRecord(
        name=str(data["name"]),
        function_version=str(data["version"]),
        description=str(data.get("description") or ""),
        arn="",
        additional_weights=tuple(
            sorted((str(k), float(v)) for k, v in (data.get("routing") or {}).items())
        ),
        revision_id=str(data.get("revision_id") or ""),
    )


@dataclass(frozen=True, slots=True)
class Release:
    """One journaled release: ``action`` on ``qualifier`` (the alias, or the version published
    or deleted), with the alias before and after (None where there was or is none)."""

    function: str
    action: str
    qualifier: str
    before: AliasRecord | None = None
    after: AliasRecord | None = None
    profile: str | None = None
    region: str = ""
    endpoint: str | None = None
    time: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Release:
        return cls(
            function=str(data["function"]),
            action=str(data["action"]),
            qualifier=str(data["qualifier"]),
            before=alias_from_json(data.get("before")),
            after=alias_from_json(data.get("after")),
            profile=data.get("profile"),
            region=str(data.get("region") or ""),
            endpoint=data.get("endpoint"),
            time=str(data.get("time") or ""),
        )


def record_release(
    target: Target,
    function: str,
    action: str,
    qualifier: str,
    before: AliasRecord | None = None,
    after: AliasRecord | None = None,
    path: Path | None = None,
) -> Path:
    """Append one release on ``target``; OSError if it cannot be written (the change itself
    is already made)."""
    return journal.append_line(
        {
            "time": journal.now(),
            "profile": target.profile,
            "region": target.region,
            "endpoint": target.custom_endpoint,
            "function": function,
            "qualifier": qualifier,
            "action": action,
            "subject": qualifier,
            "before": alias_json(before),
            "after": alias_json(after),
        },
        path,
    )


def last_release(
    function: str,
    *,
    profile: str | None,
    region: str,
    endpoint: str | None = None,
    path: Path | None = None,
) -> Release | None:
    """The latest release of ``function`` on this target, or None."""
    return journal.last_action(
        function, ACTIONS, Release.from_json, (profile, region, endpoint), path
    )
