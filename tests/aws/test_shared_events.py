"""Shareable test events through the gateway, in the console's format, on the local account."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from lambdatui.aws import errors
from lambdatui.aws.gateway import Gateway
from lambdatui.aws.schemas_gateway import MAX_VERSIONS, REGISTRY, SharedEvent
from lambdatui.aws.target import resolve_target
from lambdatui.demo.schemas import STATE


def gateway(account: Any, **kw: Any) -> Gateway:
    return Gateway(resolve_target(endpoint_url=account.endpoint_url, region="us-east-1", **kw))


def schemas_client(account: Any) -> Any:
    return boto3.client("schemas", endpoint_url=account.endpoint_url, region_name=account.region)


def console_document(events: dict[str, Any]) -> str:
    """A schema as the Lambda console writes it: a discovered OpenAPI 3 schema + examples."""
    return json.dumps(
        {
            "openapi": "3.0.0",
            "info": {"version": "1.0.0", "title": "Event"},
            "paths": {},
            "components": {
                "schemas": {
                    "Event": {
                        "type": "object",
                        "required": ["key1"],
                        "properties": {"key1": {"type": "string"}},
                    }
                },
                "examples": {name: {"value": value} for name, value in events.items()},
            },
        }
    )


async def test_no_registry_means_no_shared_events(account: Any):
    async with gateway(account) as gw:
        assert await gw.list_shared_events("orders-api") == []
    schemas_client(account).create_registry(RegistryName=REGISTRY)
    async with gateway(account) as gw:
        assert await gw.list_shared_events("orders-api") == []


async def test_events_saved_in_the_console_show_up_here(account: Any):
    client = schemas_client(account)
    client.create_registry(RegistryName=REGISTRY)
    client.create_schema(
        RegistryName=REGISTRY,
        SchemaName="_orders-api-schema",
        Type="OpenApi3",
        Content=console_document({"smoke": {"key1": "value1"}, "Big-Order_2": {"n": [1, 2]}}),
    )
    async with gateway(account) as gw:
        events = await gw.list_shared_events("orders-api")
        assert await gw.list_shared_events("other-fn") == []
    assert events == [
        SharedEvent("orders-api", "Big-Order_2", '{\n  "n": [\n    1,\n    2\n  ]\n}'),
        SharedEvent("orders-api", "smoke", '{\n  "key1": "value1"\n}'),
    ]


async def test_events_saved_here_are_readable_the_console_s_way(account: Any):
    async with gateway(account) as gw:
        await gw.put_shared_event("orders-api", "first", '{"orderId": 1}')
        await gw.put_shared_event("orders-api", "second", '[{"a": true}]')
    client = schemas_client(account)
    assert client.describe_registry(RegistryName=REGISTRY)["RegistryName"] == REGISTRY
    schema = client.describe_schema(RegistryName=REGISTRY, SchemaName="_orders-api-schema")
    assert schema["Type"] == "OpenApi3"
    document = json.loads(schema["Content"])
    assert document["openapi"].startswith("3.")
    assert document["components"]["examples"] == {
        "first": {"value": {"orderId": 1}},
        "second": {"value": [{"a": True}]},
    }
    assert document["components"]["schemas"]["Event"]["properties"] == {
        "orderId": {"type": "integer"}
    }


async def test_replace_delete_and_the_last_delete_removes_the_schema(account: Any):
    async with gateway(account) as gw:
        await gw.put_shared_event("fn", "a", '{"v": 1}')
        await gw.put_shared_event("fn", "b", '{"v": 2}')
        await gw.put_shared_event("fn", "a", '{"v": 3}')
        assert [(e.name, json.loads(e.payload)) for e in await gw.list_shared_events("fn")] == [
            ("a", {"v": 3}),
            ("b", {"v": 2}),
        ]
        await gw.delete_shared_event("fn", "a")
        assert [e.name for e in await gw.list_shared_events("fn")] == ["b"]
        with pytest.raises(errors.NotFound, match="no shareable event named 'a'"):
            await gw.delete_shared_event("fn", "a")
        await gw.delete_shared_event("fn", "b")
        assert await gw.list_shared_events("fn") == []
        with pytest.raises(errors.NotFound):
            await gw.delete_shared_event("fn", "b")
    client = schemas_client(account)
    assert client.list_schemas(RegistryName=REGISTRY)["Schemas"] == []


async def test_old_schema_versions_are_pruned(account: Any):
    async with gateway(account) as gw:
        for index in range(MAX_VERSIONS + 4):
            await gw.put_shared_event("fn", f"e{index}", str(index))
        assert len(await gw.list_shared_events("fn")) == MAX_VERSIONS + 4
    versions = schemas_client(account).list_schema_versions(
        RegistryName=REGISTRY, SchemaName="_fn-schema"
    )["SchemaVersions"]
    assert len(versions) == MAX_VERSIONS
    assert versions[-1]["SchemaVersion"] == str(MAX_VERSIONS + 4)


async def test_missing_permission_names_the_action(account: Any):
    STATE.deny("DescribeSchema")
    async with gateway(account) as gw:
        with pytest.raises(errors.AccessDenied) as denied:
            await gw.list_shared_events("fn")
    assert denied.value.action == "schemas:DescribeSchema"
    assert "schemas:DescribeSchema" in str(denied.value)


async def test_pruning_without_permission_still_saves(account: Any):
    STATE.deny("ListSchemaVersions")
    async with gateway(account) as gw:
        await gw.put_shared_event("fn", "a", "{}")
        await gw.put_shared_event("fn", "b", "{}")
        assert [e.name for e in await gw.list_shared_events("fn")] == ["a", "b"]


async def test_read_only_refuses_every_change_but_lists(account: Any):
    async with gateway(account) as gw:
        await gw.put_shared_event("fn", "a", "{}")
    async with gateway(account, read_only=True) as gw:
        assert [e.name for e in await gw.list_shared_events("fn")] == ["a"]
        with pytest.raises(errors.ReadOnlyRefused, match="UpdateSchema"):
            await gw.put_shared_event("fn", "b", "{}")
        with pytest.raises(errors.ReadOnlyRefused, match="DeleteSchema"):
            await gw.delete_shared_event("fn", "a")
        with pytest.raises(errors.ReadOnlyRefused, match="CreateSchema"):
            await gw.put_shared_event("new-fn", "b", "{}")
    account.reset()
    async with gateway(account, read_only=True) as gw:
        with pytest.raises(errors.ReadOnlyRefused, match="CreateRegistry"):
            await gw.put_shared_event("fn", "a", "{}")


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("has space", "{}", "cannot be a shareable event name"),
        ("x" * 26, "{}", "at most 25"),
        ("ok", "{not json", "must be JSON"),
        ("big", json.dumps("x" * 100_001), "at most 100,000"),
    ],
)
async def test_invalid_events_are_refused_before_anything_is_sent(
    account: Any, name: str, payload: str, message: str
):
    async with gateway(account) as gw:
        with pytest.raises(errors.ValidationFailed, match=message):
            await gw.put_shared_event("fn", name, payload)
        assert await gw.list_shared_events("fn") == []


async def test_schemas_without_examples_show_no_events(account: Any):
    client = schemas_client(account)
    client.create_registry(RegistryName=REGISTRY)
    client.create_schema(
        RegistryName=REGISTRY,
        SchemaName="_fn-schema",
        Type="JSONSchemaDraft4",
        Content='{"type": "object"}',
    )
    async with gateway(account) as gw:
        assert await gw.list_shared_events("fn") == []  # no examples: nothing to show
    client.update_schema(
        RegistryName=REGISTRY,
        SchemaName="_fn-schema",
        Type="OpenApi3",
        Content=json.dumps({"openapi": "3.0.0", "components": {"examples": {"x": {"v": 1}}}}),
    )
    async with gateway(account) as gw:
        assert await gw.list_shared_events("fn") == []  # an example without "value" is skipped
