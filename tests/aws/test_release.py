"""Versions and aliases through the gateway, against the local account: publish guarded by the
CodeSha256 and RevisionId seen, aliases created, updated (RevisionId-guarded) and deleted, a
version deleted; and what must never happen: a publish of code nobody saw, a version deleted
that an alias routes to (or $LATEST), anything sent under --read-only, a publish sent twice
when its reply is lost."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway, is_read_operation
from tests.aws.test_edit import gateway, make_function
from tests.wire import delayed_proxy

VERSIONS_PATH = "/2015-03-31/functions/shop/versions"


def _mutations(seen: list[str]) -> list[str]:
    return [line for line in seen if not line.startswith("GET ")]


def _versions(lam: Any) -> list[str]:
    return [v["Version"] for v in lam.list_versions_by_function(FunctionName="shop")["Versions"]]


async def _seen(gw: Gateway) -> tuple[str, str]:
    """The CodeSha256 and RevisionId of $LATEST, as the function view shows them."""
    info = await gw.function_code("shop")
    return info.sha256, info.revision_id


@pytest.mark.parametrize(
    "operation", ["PublishVersion", "CreateAlias", "UpdateAlias", "DeleteAlias", "DeleteFunction"]
)
def test_every_release_call_counts_as_a_mutation(operation: str) -> None:
    assert not is_read_operation(operation, {})


async def test_publish_makes_a_version_of_what_was_seen_and_follows_it(account: Any) -> None:
    lam = make_function(account)
    lam.update_function_configuration(FunctionName="shop", Description="three")
    said: list[str] = []
    async with gateway(account.endpoint_url) as gw:
        sha, revision = await _seen(gw)
        published = await gw.publish_version("shop", "release 3", sha, revision, said.append)
    assert (published.version, published.description) == ("3", "release 3")
    assert (published.code_sha256, published.state, published.recovered) == (sha, "Active", False)
    assert said == ["Version 3: Active"]
    assert _versions(lam) == ["$LATEST", "1", "2", "3"]


async def test_publish_after_a_code_change_publishes_nothing_and_says_so(account: Any) -> None:
    from tests.aws.test_deploy import NEW

    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        sha, revision = await _seen(gw)
        lam.update_function_code(FunctionName="shop", ZipFile=NEW)
        with pytest.raises(errors.ChangedMeanwhile, match="CodeSha256"):
            await gw.publish_version("shop", "", sha, "")
        with pytest.raises(errors.ChangedMeanwhile, match="RevisionId"):
            await gw.publish_version("shop", "", (await _seen(gw))[0], revision)
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_a_lost_publish_reply_is_not_sent_again_the_version_is_read_back(
    account: Any,
) -> None:
    lam = make_function(account)
    lam.update_function_configuration(FunctionName="shop", Description="three")
    holder: dict[str, list[str]] = {}

    def delay() -> float:
        return 2.0 if holder["seen"][-1].startswith(f"POST {VERSIONS_PATH}") else 0.0

    with delayed_proxy(account.endpoint_url, delay) as (proxy, seen):
        holder["seen"] = seen
        async with gateway(proxy) as gw:
            gw.release_read_timeout = 0.5
            sha, revision = await _seen(gw)
            published = await gw.publish_version("shop", "lost", sha, revision)
    assert (published.version, published.recovered, published.state) == ("3", True, "Active")
    assert len([line for line in seen if line.startswith(f"POST {VERSIONS_PATH}")]) == 1
    assert _versions(lam) == ["$LATEST", "1", "2", "3"]


async def test_an_alias_is_created_updated_and_deleted(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        created = await gw.create_alias("shop", "beta", "1", "try it", {"2": 0.25})
        assert (created.function_version, created.description) == ("1", "try it")
        assert created.additional_weights == (("2", 0.25),) and created.revision_id

        updated = await gw.update_alias(
            "shop", "beta", version="2", routing={}, revision_id=created.revision_id
        )
        assert (updated.function_version, updated.additional_weights) == ("2", ())
        assert updated.description == "try it"  # kept: not given
        assert updated.revision_id != created.revision_id

        await gw.delete_alias("shop", "beta")
    names = [a["Name"] for a in lam.list_aliases(FunctionName="shop")["Aliases"]]
    assert names == ["live"]


async def test_an_alias_update_over_a_stale_revision_id_overwrites_nothing(account: Any) -> None:
    lam = make_function(account)
    async with gateway(account.endpoint_url) as gw:
        seen = await gw.read_alias("shop", "live")
        lam.update_alias(FunctionName="shop", Name="live", Description="someone else")
        with pytest.raises(errors.ChangedMeanwhile, match="changed by someone else"):
            await gw.update_alias("shop", "live", version="2", revision_id=seen.revision_id)
    assert lam.get_alias(FunctionName="shop", Name="live")["FunctionVersion"] == "1"


@pytest.mark.parametrize(
    ("routing", "why"),
    [
        ({"2": 1.0}, "between 0 and 1"),
        ({"2": 0.0}, "between 0 and 1"),
        ({"1": 0.1}, "already alias"),
        ({"2": 0.1, "3": 0.1}, "one additional version"),
    ],
)
async def test_a_routing_lambda_would_refuse_is_refused_before_any_call(
    account: Any, routing: dict[str, float], why: str
) -> None:
    make_function(account)
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with gateway(proxy) as gw:
            with pytest.raises(errors.ValidationFailed, match=why):
                await gw.create_alias("shop", "beta", "1", "", routing)
    assert seen == []


@pytest.mark.parametrize(
    ("version", "why"), [("$LATEST", "not a published"), ("1", "live"), ("2", "live")]
)
async def test_a_version_an_alias_routes_to_or_latest_is_never_deleted(
    account: Any, version: str, why: str
) -> None:
    lam = make_function(account)  # live → 1, 10% to 2
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with gateway(proxy) as gw:
            with pytest.raises(errors.Conflict, match=why):
                await gw.delete_version("shop", version)
    assert _mutations(seen) == []
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_an_unreferenced_version_is_deleted(account: Any) -> None:
    lam = make_function(account)
    lam.update_alias(
        FunctionName="shop", Name="live", RoutingConfig={"AdditionalVersionWeights": {}}
    )
    async with gateway(account.endpoint_url) as gw:
        await gw.delete_version("shop", "2")
    assert _versions(lam) == ["$LATEST", "1"]


async def test_read_only_sends_no_release_call(account: Any) -> None:
    lam = make_function(account)
    lam.update_alias(
        FunctionName="shop", Name="live", RoutingConfig={"AdditionalVersionWeights": {}}
    )
    with delayed_proxy(account.endpoint_url) as (proxy, seen):
        async with gateway(proxy, read_only=True) as gw:
            sha, revision = await _seen(gw)
            calls = [
                gw.publish_version("shop", "", sha, revision),
                gw.create_alias("shop", "beta", "1"),
                gw.update_alias("shop", "live", version="2", revision_id=""),
                gw.delete_alias("shop", "live"),
                gw.delete_version("shop", "2"),
            ]
            for call in calls:
                with pytest.raises(errors.ReadOnlyRefused):
                    await call
    assert _mutations(seen) == [] and seen
    assert _versions(lam) == ["$LATEST", "1", "2"]


async def test_an_unchanged_latest_answered_with_the_last_version_is_not_new(
    account: Any,
) -> None:
    """AWS publishes nothing when $LATEST is unchanged and answers with the last version
    (put on the wire here: moto always publishes): it is not taken for a new one."""
    make_function(account)

    def rewrite(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "Version": "2"} if f"{method} {path}" == f"POST {VERSIONS_PATH}" else body

    with delayed_proxy(account.endpoint_url, rewrite=rewrite) as (proxy, _requests):
        async with gateway(proxy) as gw:
            sha, revision = await _seen(gw)
            published = await gw.publish_version("shop", "", sha, revision)
    assert (published.version, published.new) == ("2", False)
