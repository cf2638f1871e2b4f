"""ListFunctions, ListVersionsByFunction and ListAliases page as Lambda does: at most 50 items
and an opaque NextMarker that Marker continues from, in a stable order."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from lambdatui.demo.seed import seed_functions


def names(functions: list[dict[str, Any]]) -> list[str]:
    return [f["FunctionName"] for f in functions]


def test_list_functions_defaults_to_pages_of_50_with_a_next_marker(account: Any, lam: Any) -> None:
    seed_functions(account.endpoint_url, 120)

    first = lam.list_functions()
    assert len(first["Functions"]) == 50
    assert first["NextMarker"]
    second = lam.list_functions(Marker=first["NextMarker"])
    third = lam.list_functions(Marker=second["NextMarker"])
    assert len(second["Functions"]) == 50
    assert len(third["Functions"]) == 20
    assert "NextMarker" not in third

    listed = names(first["Functions"] + second["Functions"] + third["Functions"])
    assert listed == [f"fn-{i:05d}" for i in range(120)]


def test_max_items_is_honoured_and_capped_at_50(account: Any, lam: Any) -> None:
    seed_functions(account.endpoint_url, 80)

    assert len(lam.list_functions(MaxItems=7)["Functions"]) == 7
    assert len(lam.list_functions(MaxItems=1000)["Functions"]) == 50


def test_boto3_paginator_sees_several_pages_of_everything(account: Any, lam: Any) -> None:
    seed_functions(account.endpoint_url, 230)

    pages = list(lam.get_paginator("list_functions").paginate())
    assert [len(p["Functions"]) for p in pages] == [50, 50, 50, 50, 30]
    listed = [name for p in pages for name in names(p["Functions"])]
    assert len(listed) == len(set(listed)) == 230

    small = list(lam.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 20}))
    assert len(small) == 12


def test_the_marker_is_opaque_and_stable_while_functions_change(account: Any, lam: Any) -> None:
    seed_functions(account.endpoint_url, 60)
    first = lam.list_functions(MaxItems=10)
    marker = first["NextMarker"]
    assert "fn-" not in marker  # not a readable name or an index

    lam.delete_function(FunctionName="fn-00003")  # already handed out
    rest = lam.list_functions(Marker=marker, MaxItems=10)
    assert names(rest["Functions"])[0] == "fn-00010"


def test_a_bad_marker_is_refused(account: Any, lam: Any) -> None:
    with pytest.raises(ClientError) as caught:
        lam.list_functions(Marker="not-a-marker")
    assert caught.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_function_version_all_lists_every_version_in_pages(
    account: Any, lam: Any, make_function: Any
) -> None:
    make_function("versioned")
    for index in range(3):
        lam.update_function_configuration(FunctionName="versioned", Description=f"v{index}")
        lam.publish_version(FunctionName="versioned")
    seed_functions(account.endpoint_url, 55)

    pages = list(lam.get_paginator("list_functions").paginate(FunctionVersion="ALL"))
    items = [f for p in pages for f in p["Functions"]]
    assert len(pages) == 2
    ours = [(f["FunctionName"], f["Version"]) for f in items if f["FunctionName"] == "versioned"]
    assert ours == [
        ("versioned", "$LATEST"),
        ("versioned", "1"),
        ("versioned", "2"),
        ("versioned", "3"),
    ]


@pytest.mark.slow
def test_list_versions_by_function_pages_at_50(lam: Any, make_function: Any) -> None:
    make_function("busy")
    for index in range(60):
        lam.update_function_configuration(FunctionName="busy", Description=f"release {index}")
        lam.publish_version(FunctionName="busy")

    first = lam.list_versions_by_function(FunctionName="busy")
    assert len(first["Versions"]) == 50
    assert first["NextMarker"]
    pages = list(lam.get_paginator("list_versions_by_function").paginate(FunctionName="busy"))
    versions = [v["Version"] for p in pages for v in p["Versions"]]
    assert len(pages) == 2
    assert versions == ["$LATEST"] + [str(n) for n in range(1, 61)]
    assert len(lam.list_versions_by_function(FunctionName="busy", MaxItems=5)["Versions"]) == 5


def test_list_aliases_pages_at_50_in_name_order(lam: Any, make_function: Any) -> None:
    make_function("aliased")
    lam.publish_version(FunctionName="aliased")
    for index in reversed(range(55)):
        lam.create_alias(FunctionName="aliased", Name=f"alias-{index:02d}", FunctionVersion="1")

    first = lam.list_aliases(FunctionName="aliased")
    assert len(first["Aliases"]) == 50
    pages = list(lam.get_paginator("list_aliases").paginate(FunctionName="aliased"))
    listed = [a["Name"] for p in pages for a in p["Aliases"]]
    assert len(pages) == 2
    assert listed == [f"alias-{i:02d}" for i in range(55)]


def test_list_aliases_filters_by_function_version(lam: Any, make_function: Any) -> None:
    make_function("two-versions")
    lam.publish_version(FunctionName="two-versions")
    lam.update_function_configuration(FunctionName="two-versions", Description="second")
    lam.publish_version(FunctionName="two-versions")
    lam.create_alias(FunctionName="two-versions", Name="old", FunctionVersion="1")
    lam.create_alias(FunctionName="two-versions", Name="new", FunctionVersion="2")

    aliases = lam.list_aliases(FunctionName="two-versions", FunctionVersion="2")["Aliases"]
    assert [a["Name"] for a in aliases] == ["new"]


def test_listing_versions_or_aliases_of_an_unknown_function_is_not_found(lam: Any) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.list_versions_by_function(FunctionName="ghost")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.list_aliases(FunctionName="ghost")
