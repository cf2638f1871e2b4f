"""Releases journaled and undone, against the local account: each undo is planned (current →
new, or why not) and applied through the guarded calls, and journaled so it can be undone in
turn; an undo over someone else's change, of a version an alias routes to, or of a deleted
version is refused with the reason."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.target import Target
from lambdatui.store import journal
from lambdatui.store import release_journal as rj
from lambdatui.store.release_undo import apply_release_undo, plan_release_undo
from tests.aws.test_edit import gateway, make_function


def _alias(lam: Any, name: str = "live") -> tuple[str, dict[str, float], str]:
    alias = lam.get_alias(FunctionName="shop", Name=name)
    weights = (alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return alias["FunctionVersion"], dict(weights), alias.get("Description", "")


async def _undo(gw: Gateway, target: Target) -> Any:
    plan = await plan_release_undo(gw, target, "shop")
    assert plan.possible, plan.problem
    return plan, await apply_release_undo(gw, target, plan)


async def test_an_alias_update_is_undone_and_the_undo_can_be_undone(account: Any) -> None:
    lam = make_function(account)  # live → 1, 10% to 2
    async with gateway(account.endpoint_url) as gw:
        before = await gw.read_alias("shop", "live")
        after = await gw.update_alias(
            "shop", "live", version="2", routing={}, revision_id=before.revision_id
        )
        rj.record_release(gw.target, "shop", rj.UPDATE_ALIAS, "live", before, after)
        assert _alias(lam) == ("2", {}, "")

        plan, (now, problem) = await _undo(gw, gw.target)
        assert plan.summary == "alias live: v2 → v1 90% / v2 10%"
        assert problem == "" and now is not None and now.function_version == "1"
        assert _alias(lam) == ("1", {"2": 0.1}, "")

        await _undo(gw, gw.target)  # the undo was journaled: undoing it redoes the update
        assert _alias(lam) == ("2", {}, "")


async def test_an_alias_changed_since_is_not_undone(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        before = await gw.read_alias("shop", "live")
        after = await gw.update_alias("shop", "live", version="2", revision_id=before.revision_id)
        rj.record_release(gw.target, "shop", rj.UPDATE_ALIAS, "live", before, after)
        lam.update_alias(FunctionName="shop", Name="live", Description="someone else")
        plan = await plan_release_undo(gw, gw.target, "shop")
    assert not plan.possible and "someone changed it since" in plan.problem
    with pytest.raises(ValueError):
        await apply_release_undo(gw, gw.target, plan)


async def test_a_created_alias_is_deleted_and_a_deleted_one_comes_back(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        created = await gw.create_alias("shop", "beta", "2", "try")
        rj.record_release(gw.target, "shop", rj.CREATE_ALIAS, "beta", None, created)
        plan, _ = await _undo(gw, gw.target)
        assert plan.summary == "alias beta: v2 “try” → (none)"
        names = [a["Name"] for a in lam.list_aliases(FunctionName="shop")["Aliases"]]
        assert names == ["live"]

        live = await gw.read_alias("shop", "live")
        await gw.delete_alias("shop", "live")
        rj.record_release(gw.target, "shop", rj.DELETE_ALIAS, "live", live, None)
        await _undo(gw, gw.target)
    assert _alias(lam) == ("1", {"2": 0.1}, "")


async def test_a_published_version_is_deleted_unless_an_alias_routes_to_it(account: Any) -> None:
    lam = make_function(account)
    lam.update_function_configuration(FunctionName="shop", Description="three")
    async with gateway(account.endpoint_url) as gw:
        info = await gw.function_code("shop")
        published = await gw.publish_version("shop", "", info.sha256, info.revision_id)
        rj.record_release(gw.target, "shop", rj.PUBLISH, published.version)
        live = await gw.read_alias("shop", "live")
        await gw.update_alias("shop", "live", routing={"3": 0.5}, revision_id=live.revision_id)
        refused = await plan_release_undo(gw, gw.target, "shop")
        assert "routed to by alias live" in refused.problem

        await gw.update_alias("shop", "live", routing={}, revision_id="")
        plan, _ = await _undo(gw, gw.target)
        assert plan.summary == "delete version 3 of shop"
    versions = [
        v["Version"] for v in lam.list_versions_by_function(FunctionName="shop")["Versions"]
    ]
    assert versions == ["$LATEST", "1", "2"]


async def test_a_deleted_version_cannot_be_undone_and_settings_revert_skips_releases(
    account: Any,
) -> None:
    make_function(account)
    async with gateway(account.endpoint_url) as gw:
        rj.record_release(gw.target, "shop", rj.DELETE_VERSION, "2")
        plan = await plan_release_undo(gw, gw.target, "shop")
    assert "cannot bring a deleted version back" in plan.problem
    assert journal.changes() == []  # a release is an action, not a settings change
    assert [a["action"] for a in journal.actions()] == [rj.DELETE_VERSION]


async def test_nothing_journaled_nothing_to_undo(account: Any) -> None:
    make_function(account)
    async with gateway(account.endpoint_url) as gw:
        plan = await plan_release_undo(gw, gw.target, "shop")
    assert plan.problem == "No journaled release of shop."
