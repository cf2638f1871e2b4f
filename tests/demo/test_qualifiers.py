"""Reading a function through a version or an alias: configuration, event source mappings,
concurrency, code signing and tags, as Lambda answers them."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import client


def test_an_alias_reads_as_its_versions_config_under_the_aliases_arn(
    lam: Any, released: str
) -> None:
    arn = lam.get_function(FunctionName=released)["Configuration"]["FunctionArn"]
    version = lam.get_function_configuration(FunctionName=released, Qualifier="1")
    live = lam.get_function_configuration(FunctionName=released, Qualifier="live")

    assert live["FunctionArn"] == f"{arn}:live"
    assert live["Version"] == "1"
    assert live["Description"] == version["Description"] == ""
    assert live["RevisionId"] == version["RevisionId"]
    assert version["FunctionArn"] == f"{arn}:1"
    assert lam.get_function_configuration(FunctionName=f"{released}:live")["FunctionArn"] == (
        f"{arn}:live"
    )
    assert lam.get_function(FunctionName=released, Qualifier="live")["Configuration"][
        "FunctionArn"
    ] == (f"{arn}:live")
    latest = lam.get_function_configuration(FunctionName=released)
    assert latest["FunctionArn"] == arn and latest["Description"] == "second release"


@pytest.fixture
def queues(account: Any) -> list[str]:
    sqs = client(account, "sqs")
    arns = []
    for name in ("to-live", "to-latest"):
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        arns.append(attrs["Attributes"]["QueueArn"])
    return arns


def test_event_source_mappings_keep_and_filter_by_the_qualified_arn(
    lam: Any, released: str, queues: list[str]
) -> None:
    arn = lam.get_function(FunctionName=released)["Configuration"]["FunctionArn"]
    to_live = lam.create_event_source_mapping(
        EventSourceArn=queues[0], FunctionName=f"{released}:live"
    )
    assert to_live["FunctionArn"] == f"{arn}:live"  # not the version it points at
    lam.create_event_source_mapping(EventSourceArn=queues[1], FunctionName=released)

    def listed(**params: Any) -> list[str]:
        mappings = lam.list_event_source_mappings(**params)["EventSourceMappings"]
        return [m["EventSourceArn"].rsplit(":", 1)[-1] for m in mappings]

    assert listed(FunctionName=f"{released}:live") == ["to-live"]
    assert listed(FunctionName=f"{arn}:live") == ["to-live"]
    assert listed(FunctionName=released) == ["to-latest"]
    assert listed(FunctionName=arn) == ["to-latest"]
    assert listed(FunctionName=f"123456789012:function:{released}") == ["to-latest"]
    assert sorted(listed()) == ["to-latest", "to-live"]
    assert listed(EventSourceArn=queues[0]) == ["to-live"]
    assert listed(FunctionName="nope") == []
    got = lam.get_event_source_mapping(UUID=to_live["UUID"])
    assert got["FunctionArn"] == f"{arn}:live"


def test_event_source_mappings_page(lam: Any, released: str, queues: list[str]) -> None:
    lam.create_event_source_mapping(EventSourceArn=queues[0], FunctionName=released)
    lam.create_event_source_mapping(EventSourceArn=queues[1], FunctionName=released)
    first = lam.list_event_source_mappings(MaxItems=1)
    assert len(first["EventSourceMappings"]) == 1
    rest = lam.list_event_source_mappings(Marker=first["NextMarker"])
    assert len(rest["EventSourceMappings"]) == 1 and "NextMarker" not in rest


def test_reserved_concurrency_is_the_functions(lam: Any, released: str) -> None:
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=released)
    lam.put_function_concurrency(FunctionName=released, ReservedConcurrentExecutions=3)
    assert lam.get_function_concurrency(FunctionName=released)["ReservedConcurrentExecutions"] == 3


def test_no_code_signing_config_is_an_empty_arn(lam: Any, released: str) -> None:
    reply = lam.get_function_code_signing_config(FunctionName=released)
    assert reply["CodeSigningConfigArn"] == ""
    assert reply["FunctionName"] == released


def test_tags_belong_to_the_function(lam: Any, make_function: Any) -> None:
    arn = make_function("tagged", Tags={"team": "checkout"})["FunctionArn"]
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "checkout"}
    lam.tag_resource(Resource=arn, Tags={"env": "prod"})
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "checkout", "env": "prod"}
