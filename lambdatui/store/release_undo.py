"""Undo of the last release of a function: plan (what it would do, current → new, or why it
cannot), then apply, so the UI and the twins can ask in between.

* An alias update is undone by updating it back (version, description, routing) with its
  current RevisionId, if it is still as the update left it.
* An alias created is deleted, if it is still as created; an alias deleted is created again as
  it was, if no alias of that name exists now.
* A published version is deleted, if no alias routes to it.
* A deleted version cannot come back: Lambda has no way to restore one (publishing again makes
  a new number), so the plan says so.

Each undo goes through the gateway's guarded calls and is journaled like any release, so it
can be undone in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..aws import errors
from ..aws.release import referencing
from . import release_journal as rj

if TYPE_CHECKING:
    from ..aws.qualifier_records import AliasRecord
    from ..aws.release import Routing
    from ..aws.target import Target


class Releaser(Protocol):
    """What an undo needs of the gateway."""

    async def read_alias(self, name: str, alias: str) -> AliasRecord: ...

    async def list_aliases(self, function: str) -> list[AliasRecord]: ...

    async def create_alias(
        self,
        name: str,
        alias: str,
        version: str,
        description: str = "",
        routing: Routing | None = None,
    ) -> AliasRecord: ...

    async def update_alias(
        self,
        name: str,
        alias: str,
        *,
        version: str | None = None,
        description: str | None = None,
        routing: Routing | None = None,
        revision_id: str,
    ) -> AliasRecord: ...

    async def delete_alias(self, name: str, alias: str) -> None: ...

    async def delete_version(self, name: str, version: str) -> None: ...


@dataclass(frozen=True, slots=True)
class ReleaseUndoPlan:
    """Undoing ``release``: ``current`` → ``wanted`` (None: no alias, or the version goes), or
    ``problem``, why it cannot."""

    function: str
    release: rj.Release | None
    current: AliasRecord | None = None
    wanted: AliasRecord | None = None
    problem: str = ""

    @property
    def possible(self) -> bool:
        return not self.problem

    @property
    def summary(self) -> str:
        """The undo in one line, current → new."""
        release = self.release
        if release is None:
            return self.problem
        if release.action == rj.PUBLISH:
            return f"delete version {release.qualifier} of {self.function}"
        return f"alias {release.qualifier}: {_label(self.current)} → {_label(self.wanted)}"


def _label(alias: AliasRecord | None) -> str:
    if alias is None:
        return "(none)"
    text = alias.routing_label
    return f"{text} “{alias.description}”" if alias.description else text


def _same(a: AliasRecord | None, b: AliasRecord | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.function_version, a.description, a.additional_weights) == (
        b.function_version,
        b.description,
        b.additional_weights,
    )


async def _alias_now(gateway: Releaser, function: str, alias: str) -> AliasRecord | None:
    try:
        return await gateway.read_alias(function, alias)
    except errors.NotFound:
        return None


async def plan_release_undo(gateway: Releaser, target: Target, function: str) -> ReleaseUndoPlan:
    """The undo of ``function``'s last journaled release on ``target`` (see the module
    docstring). GatewayError when the function cannot be read."""
    release = rj.last_release(
        function, profile=target.profile, region=target.region, endpoint=target.custom_endpoint
    )
    if release is None:
        return ReleaseUndoPlan(function, None, problem=f"No journaled release of {function}.")
    name = release.qualifier
    if release.action == rj.DELETE_VERSION:
        return ReleaseUndoPlan(
            function,
            release,
            problem=f"Version {name} was deleted; Lambda cannot bring a deleted version back "
            "(publishing again makes a new number).",
        )
    if release.action == rj.PUBLISH:
        users = referencing(await gateway.list_aliases(function), name)
        if users:
            return ReleaseUndoPlan(
                function,
                release,
                problem=f"Version {name} is routed to by alias {', '.join(users)}; "
                "it is not deleted.",
            )
        return ReleaseUndoPlan(function, release)
    current = await _alias_now(gateway, function, name)
    wanted = release.before
    if release.action == rj.DELETE_ALIAS:
        if current is not None:
            return ReleaseUndoPlan(
                function, release, current, wanted, f"An alias {name} exists again; not undone."
            )
        return ReleaseUndoPlan(function, release, None, wanted)
    if not _same(current, release.after):
        return ReleaseUndoPlan(
            function,
            release,
            current,
            wanted,
            f"Alias {name} is no longer as the {release.action} at {release.time} left it "
            f"(now {_label(current)}): someone changed it since, so it is not undone.",
        )
    return ReleaseUndoPlan(function, release, current, wanted)


async def apply_release_undo(
    gateway: Releaser, target: Target, plan: ReleaseUndoPlan
) -> tuple[AliasRecord | None, str]:
    """Carry out a possible ``plan`` and journal it; the alias as it now is (None when it or
    the version is gone), and "" or why it could not be journaled. ValueError for a plan that
    is not possible."""
    release = plan.release
    if plan.problem or release is None:
        raise ValueError(plan.problem or "nothing to undo")
    function, name = plan.function, release.qualifier
    after: AliasRecord | None = None
    if release.action == rj.PUBLISH:
        await gateway.delete_version(function, name)
        action = rj.DELETE_VERSION
    elif plan.wanted is None:  # the alias was created: delete it
        await gateway.delete_alias(function, name)
        action = rj.DELETE_ALIAS
    elif plan.current is None:  # the alias was deleted: create it again
        wanted = plan.wanted
        after = await gateway.create_alias(
            function,
            name,
            wanted.function_version,
            wanted.description,
            dict(wanted.additional_weights),
        )
        action = rj.CREATE_ALIAS
    else:
        wanted = plan.wanted
        after = await gateway.update_alias(
            function,
            name,
            version=wanted.function_version,
            description=wanted.description,
            routing=dict(wanted.additional_weights),
            revision_id=plan.current.revision_id,
        )
        action = rj.UPDATE_ALIAS
    try:
        rj.record_release(target, function, action, name, plan.current, after)
    except OSError as exc:
        return after, f"undone, but not journaled: {exc}"
    return after, ""
