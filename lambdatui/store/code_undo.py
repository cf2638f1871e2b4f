"""Undo of a deploy: the package deployed before it, sent again from the local package cache.

Two steps, so that a caller can show what would happen and confirm in between (the UI's dialog,
the twin's prompt): ``plan_undo`` finds the function's last journaled deploy on this target and
checks that it can be undone, and ``apply_undo`` redeploys. It cannot be undone, and the plan
says why in a sentence for the user, when nothing was journaled, when the function's code is no
longer the package that deploy made (someone deployed since: undoing would overwrite their
code), or when the previous package is not in the cache (it was never downloaded here, or was
evicted): lambdatui keeps no copy of its own, and Lambda offers no way back to a package that
was not published as a version. The redeploy is a deploy like any other: it goes with the
RevisionId read by the plan (``ChangedMeanwhile`` if the function changed after), and is
journaled, so it can be undone in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..aws.code import CodeInfo, Deployed
from . import journal
from .code_cache import CodeCache

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..aws.target import Target


class Deployer(Protocol):
    """What an undo needs of the gateway."""

    async def function_code(self, name: str, qualifier: str = "") -> CodeInfo: ...

    async def deploy_code(
        self,
        name: str,
        zip_bytes: bytes,
        revision_id: str,
        publish: bool = False,
        *,
        previous_sha256: str = "",
        on_status: Callable[[str], None] | None = None,
    ) -> Deployed: ...


@dataclass(frozen=True, slots=True)
class UndoPlan:
    """What undoing ``function``'s last deploy would do: redeploy ``package`` (the one before
    it) over ``current``; or, when ``problem`` is not "", why it cannot."""

    function: str
    deploy: journal.Deploy | None
    current: CodeInfo | None
    package: Path | None
    problem: str = ""

    @property
    def possible(self) -> bool:
        return not self.problem


async def plan_undo(gateway: Deployer, target: Target, function: str, cache: CodeCache) -> UndoPlan:
    """The undo of ``function``'s last journaled deploy on ``target`` (see the module
    docstring). GatewayError when the function cannot be read; OSError when the journal
    cannot."""
    deploy = journal.last_deploy(
        function, profile=target.profile, region=target.region, endpoint=target.custom_endpoint
    )
    if deploy is None:
        return UndoPlan(function, None, None, None, f"No journaled deploy of {function} to undo.")
    current = await gateway.function_code(function)
    if current.sha256 != deploy.after_sha256:
        return UndoPlan(
            function,
            deploy,
            current,
            None,
            f"{function}'s code is no longer the package deployed at {deploy.time} "
            f"(SHA-256 {current.sha256}, not {deploy.after_sha256}): someone deployed since, "
            "so it is not undone.",
        )
    if not deploy.before_sha256:
        return UndoPlan(
            function, deploy, current, None, "The deploy did not journal the package before it."
        )
    package = cache.get(deploy.before_sha256)
    if package is None:
        return UndoPlan(
            function,
            deploy,
            current,
            None,
            f"The package deployed before (SHA-256 {deploy.before_sha256}) is not in the local "
            "cache, so it cannot be redeployed from here. Deploy it again from its source.",
        )
    return UndoPlan(function, deploy, current, package)


async def apply_undo(
    gateway: Deployer,
    target: Target,
    plan: UndoPlan,
    on_status: Callable[[str], None] | None = None,
) -> tuple[Deployed, str]:
    """Redeploy the package of a possible ``plan``, with the RevisionId it read, and journal
    it; what was deployed, and "" or why it could not be journaled. ValueError for a plan that
    is not possible."""
    if plan.problem or plan.package is None or plan.current is None:
        raise ValueError(plan.problem or "nothing to undo")
    data = plan.package.read_bytes()
    deployed = await gateway.deploy_code(
        plan.function,
        data,
        plan.current.revision_id,
        previous_sha256=plan.current.sha256,
        on_status=on_status,
    )
    try:
        journal.record_deploy(target, plan.function, plan.current.sha256, deployed.sha256)
    except OSError as exc:
        return deployed, f"redeployed, but not journaled: {exc}"
    return deployed, ""
