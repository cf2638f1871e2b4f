"""Records and checks of a release (publish a version, point an alias at it), without I/O.

The checks run before anything is sent, so a refusal costs no call and says why in a sentence:
an alias's weighted routing names one additional version (Lambda takes at most one) with a
weight strictly between 0 and 1, never the alias's own version; a version is deleted only when
it is a published one and no alias routes to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import errors
from .qualifier_records import AliasRecord

#: An alias's routing: the additional version and its weight ({} when there is none).
Routing = dict[str, float]


@dataclass(frozen=True, slots=True)
class Published:
    """A version just published: its number, what it was published from, and its State once
    followed (Active, or what it was when following stopped)."""

    function: str
    version: str
    description: str
    code_sha256: str
    state: str = ""
    #: True when PublishVersion's reply was lost and the version was found by reading back.
    recovered: bool = False
    #: False when Lambda answered with a version that existed before: "Lambda doesn't publish
    #: a version if the function's configuration and code haven't changed since the last
    #: version" (API reference). Such a version is not journaled: undoing would delete it.
    new: bool = True


def check_routing(alias: str, version: str, routing: Routing | None) -> None:
    """``ValidationFailed`` unless ``routing`` is a routing Lambda takes for ``version``."""
    if not routing:
        return
    operation = "UpdateAlias"
    if len(routing) > 1:
        raise errors.ValidationFailed(
            f"Alias {alias} can route to one additional version, not {len(routing)}.",
            hint="Give one version and its weight, e.g. --weight 5=0.1.",
            operation=operation,
        )
    [(extra, weight)] = routing.items()
    if extra == version:
        raise errors.ValidationFailed(
            f"Version {extra} is already alias {alias}'s version; the additional version must "
            "be another one.",
            operation=operation,
        )
    if not extra.isdigit() or not version.isdigit():
        raise errors.ValidationFailed(
            "Weighted routing is between published versions, not $LATEST.",
            hint="Publish the version first.",
            operation=operation,
        )
    if not 0.0 < weight < 1.0:
        raise errors.ValidationFailed(
            f"The weight of version {extra} is {weight:g}; it must be between 0 and 1 "
            "(e.g. 0.1 for 10%).",
            hint="To send everything to a version, make it the alias's version instead.",
            operation=operation,
        )


def referencing(aliases: list[AliasRecord], version: str) -> list[str]:
    """The names of the aliases routing to ``version``, as their version or weighted one."""
    return sorted(
        alias.name
        for alias in aliases
        if alias.function_version == version
        or version in {extra for extra, _ in alias.additional_weights}
    )


def check_deletable(function: str, version: str, aliases: list[AliasRecord]) -> None:
    """``Conflict`` naming why ``version`` of ``function`` must not be deleted, if it must not."""
    if not version.isdigit():
        raise errors.Conflict(
            f"{version} is not a published version of {function}; only those can be deleted "
            "one by one ($LATEST goes only with the whole function).",
            operation="DeleteFunction",
        )
    names = referencing(aliases, version)
    if names:
        listed = ", ".join(names)
        raise errors.Conflict(
            f"Version {version} of {function} is what alias{'es' if len(names) > 1 else ''} "
            f"{listed} route{'' if len(names) > 1 else 's'} to; it is not deleted.",
            hint="Point the alias elsewhere (or delete it) first.",
            operation="DeleteFunction",
        )
