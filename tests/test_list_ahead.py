"""The start-up child started from the raw command line, before the app has parsed it."""

from __future__ import annotations

import pytest

from lambdatui.aws.first_pages import FirstPages
from lambdatui.aws.records import FunctionSummary
from lambdatui.aws.target import resolve_target
from lambdatui.demo.seed import seed_functions
from lambdatui.list_ahead import start_early
from lambdatui.store import cache

pytestmark = pytest.mark.slow  # each test starts a Python process that imports botocore


async def _read(first: FirstPages) -> list[list[FunctionSummary]]:
    return [page async for page in first.pages()]


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--demo"], ["--debug"], ["logs", "fn"], ["--region", "eu-west-1", "invoke"]],
)
def test_no_child_for_help_the_demo_debug_or_a_command(argv: list[str]) -> None:
    assert start_early(argv) is None


async def test_the_child_resolves_the_command_line_as_the_app_and_lists(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 60, region=account.region, prefix="early")
    argv = ["--endpoint-url", account.endpoint_url, "--region", account.region]
    first = start_early(argv)
    assert first is not None
    first.expected_key = resolve_target(
        endpoint_url=account.endpoint_url, region=account.region
    ).cache_key
    pages = await _read(first)
    assert [len(p) for p in pages] == [50, 10]
    assert not first.failed


async def test_a_child_that_resolved_another_target_is_not_believed(account) -> None:  # type: ignore[no-untyped-def]
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="other")
    first = start_early(["--endpoint-url", account.endpoint_url, "--region", account.region])
    assert first is not None
    first.expected_key = "default-eu-west-1-000000000000"  # what the app resolved instead
    assert await _read(first) == []
    assert first.failed and "another target" in first.reason


def test_no_child_when_a_list_is_cached(account) -> None:  # type: ignore[no-untyped-def]
    """Any cached list (the app paints its target's): the app starts a child itself, later,
    for a target it finds uncached."""
    cache.save_functions("another-target", [])
    assert start_early(["--endpoint-url", account.endpoint_url, "--region", account.region]) is None
