"""The start-up child that fetches the list's pages on the other core, against the local account.

It is an accelerator: what it gives must be exactly the gateway's list, and any failure must
leave the gateway a place to go on from (the marker of the last good page).
"""

from __future__ import annotations

import pytest

from lambdatui.aws.first_pages import FirstPages, spawn
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.records import FunctionSummary
from lambdatui.aws.target import resolve_target
from lambdatui.demo.seed import seed_functions
from tests.wire import delayed_proxy, fail_once

pytestmark = pytest.mark.slow  # each test starts a Python process that imports botocore


def _target(url: str, region: str):  # type: ignore[no-untyped-def]
    return resolve_target(endpoint_url=url, region=region)


async def _read(first: FirstPages) -> list[list[FunctionSummary]]:
    return [page async for page in first.pages()]


async def test_the_child_gives_every_page_exactly_as_the_gateway_does(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 123, region=account.region, prefix="fp")
    target = _target(account.endpoint_url, account.region)
    first = spawn(target)
    assert first is not None
    pages = await _read(first)
    async with Gateway(target) as gw:
        expected = [page async for page in gw.iter_functions()]
    assert [len(p) for p in pages] == [50, 50, 23]
    assert pages == expected  # the same records, field for field
    assert not first.failed and first.marker is None
    assert first.process.wait(timeout=10) == 0  # it exits on its own, successfully


async def test_a_refused_list_leaves_the_gateway_to_start_and_report(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="deny")
    with delayed_proxy(account.endpoint_url, deny=lambda method, path: True) as (url, seen):
        first = spawn(_target(url, account.region))
        assert first is not None
        assert await _read(first) == []
    assert first.failed and first.marker is None
    assert "AccessDenied" in first.reason
    assert len(seen) == 1  # the child never retries: the gateway does, and says why


async def test_a_failure_midway_keeps_the_marker_and_the_gateway_goes_on(account) -> None:  # type: ignore[no-untyped-def]
    """The second page fails once (a 500 from the endpoint): the child stops with the first
    page's marker; the gateway's pages from that marker complete the list, nothing twice."""
    seed_functions(account.endpoint_url, 120, region=account.region, prefix="mid")
    refuse = fail_once(lambda path: "Marker=" in path)  # the second page, once
    with delayed_proxy(account.endpoint_url, refuse=refuse) as (url, _seen):
        target = _target(url, account.region)
        first = spawn(target)
        assert first is not None
        pages = await _read(first)
        assert [len(p) for p in pages] == [50]
        assert first.failed and first.marker
        async with Gateway(target) as gw:
            rest = [f async for page in gw.iter_functions(marker=first.marker) for f in page]
    names = [f.name for f in pages[0]] + [f.name for f in rest]
    assert len(names) == 120 and len(set(names)) == 120


async def test_closing_stops_a_child_still_at_work(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="slow")
    with delayed_proxy(account.endpoint_url, 5.0) as (url, _seen):
        first = spawn(_target(url, account.region))
        assert first is not None
        first.close()
        assert first.process.poll() is not None  # killed and reaped, not left behind


async def test_a_child_that_says_nothing_is_given_up(account, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A child stuck (a credential_process that hangs, an endpoint that never answers) does
    not hold the list: past the time limit the gateway goes on, with its own limits."""
    import lambdatui.aws.first_pages as first_pages

    monkeypatch.setattr(first_pages, "LINE_TIMEOUT", 1.0)
    with delayed_proxy(account.endpoint_url, 5.0) as (url, _seen):
        first = spawn(_target(url, account.region))
        assert first is not None
        assert await _read(first) == []
    assert first.failed and "nothing said" in first.reason
    assert first.process.poll() is not None  # stopped, not left behind


def test_the_childs_loader_lists_no_service_folders(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The child's botocore loader finds Lambda's model without listing every service's
    folder (~900 directory reads, ~20 ms before its request), and keeps ``AWS_DATA_PATH``
    first on its search path as botocore's own loader does."""
    import os

    import botocore.session

    from lambdatui.aws.first_pages import lambda_loader

    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path))
    session = botocore.session.Session()
    loader = lambda_loader(session)
    assert loader.search_paths[0] == str(tmp_path)
    session.register_component("data_loader", loader)
    listed: list[str] = []
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: listed.append(str(path)) or listdir(path))
    client = session.create_client(
        "lambda", region_name="eu-west-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    assert client.meta.service_model.service_name == "lambda"
    # Lambda's own folders only (for its API versions), not the folders that hold them all
    assert listed and all(os.path.basename(path) == "lambda" for path in listed)
