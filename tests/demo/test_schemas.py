"""EventBridge Schemas in the local account behave as the Schemas API reference documents."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from lambdatui.demo.schemas import STATE
from tests.demo.conftest import client

REGISTRY = "lambda-testevent-schemas"
DOC = json.dumps({"openapi": "3.0.0", "info": {"title": "E", "version": "1"}, "paths": {}})


@pytest.fixture
def schemas(account: Any) -> Any:
    return client(account, "schemas")


def code(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = error.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_registry_lifecycle(schemas: Any, account: Any):
    with pytest.raises(ClientError) as missing:
        schemas.describe_registry(RegistryName=REGISTRY)
    assert code(missing) == ("NotFoundException", 404)
    created = schemas.create_registry(RegistryName=REGISTRY)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    arn = f"arn:aws:schemas:{account.region}:{account.account_id}:registry/{REGISTRY}"
    assert created["RegistryArn"] == arn
    assert schemas.describe_registry(RegistryName=REGISTRY)["RegistryName"] == REGISTRY
    with pytest.raises(ClientError) as again:
        schemas.create_registry(RegistryName=REGISTRY)
    assert code(again) == ("ConflictException", 409)
    schemas.delete_registry(RegistryName=REGISTRY)
    with pytest.raises(ClientError):
        schemas.describe_registry(RegistryName=REGISTRY)


def test_schema_versions(schemas: Any, account: Any):
    with pytest.raises(ClientError) as no_registry:
        schemas.describe_schema(RegistryName=REGISTRY, SchemaName="_f-schema")
    assert code(no_registry) == ("NotFoundException", 404)
    schemas.create_registry(RegistryName=REGISTRY)
    with pytest.raises(ClientError) as no_schema:
        schemas.describe_schema(RegistryName=REGISTRY, SchemaName="_f-schema")
    assert code(no_schema) == ("NotFoundException", 404)

    created = schemas.create_schema(
        RegistryName=REGISTRY, SchemaName="_f-schema", Type="OpenApi3", Content=DOC
    )
    assert (created["SchemaVersion"], created["Type"]) == ("1", "OpenApi3")
    assert created["SchemaArn"] == (
        f"arn:aws:schemas:{account.region}:{account.account_id}:schema/{REGISTRY}/_f-schema"
    )
    with pytest.raises(ClientError) as twice:
        schemas.create_schema(
            RegistryName=REGISTRY, SchemaName="_f-schema", Type="OpenApi3", Content=DOC
        )
    assert code(twice) == ("ConflictException", 409)

    doc2 = DOC.replace('"E"', '"E2"')
    updated = schemas.update_schema(
        RegistryName=REGISTRY, SchemaName="_f-schema", Type="OpenApi3", Content=doc2
    )
    assert updated["SchemaVersion"] == "2"
    latest = schemas.describe_schema(RegistryName=REGISTRY, SchemaName="_f-schema")
    assert (latest["SchemaVersion"], latest["Content"]) == ("2", doc2)
    first = schemas.describe_schema(
        RegistryName=REGISTRY, SchemaName="_f-schema", SchemaVersion="1"
    )
    assert first["Content"] == DOC
    assert hasattr(latest["LastModified"], "year")  # an ISO 8601 timestamp botocore parsed
    versions = schemas.list_schema_versions(RegistryName=REGISTRY, SchemaName="_f-schema")
    assert [v["SchemaVersion"] for v in versions["SchemaVersions"]] == ["1", "2"]
    schemas.delete_schema_version(RegistryName=REGISTRY, SchemaName="_f-schema", SchemaVersion="1")
    with pytest.raises(ClientError) as gone:
        schemas.describe_schema(RegistryName=REGISTRY, SchemaName="_f-schema", SchemaVersion="1")
    assert code(gone) == ("NotFoundException", 404)
    listed = schemas.list_schemas(RegistryName=REGISTRY)["Schemas"]
    assert [(s["SchemaName"], s["VersionCount"]) for s in listed] == [("_f-schema", 1)]

    schemas.delete_schema(RegistryName=REGISTRY, SchemaName="_f-schema")
    with pytest.raises(ClientError) as deleted:
        schemas.describe_schema(RegistryName=REGISTRY, SchemaName="_f-schema")
    assert code(deleted) == ("NotFoundException", 404)
    with pytest.raises(ClientError) as update_missing:
        schemas.update_schema(RegistryName=REGISTRY, SchemaName="_f-schema", Content=DOC)
    assert code(update_missing) == ("NotFoundException", 404)


@pytest.mark.parametrize(
    ("content", "schema_type", "message"),
    [
        ("not json", "OpenApi3", "not valid JSON"),
        ('{"type": "object"}', "OpenApi3", "openapi"),
        ("[1]", "JSONSchemaDraft4", "JSON object"),
        ("{" + '"a": 1,' * 20_000 + '"openapi": "3.0.0"}', "OpenApi3", "maximum is 100000"),
    ],
)
def test_content_is_validated(schemas: Any, content: str, schema_type: str, message: str):
    schemas.create_registry(RegistryName=REGISTRY)
    with pytest.raises(ClientError) as bad:
        schemas.create_schema(
            RegistryName=REGISTRY, SchemaName="_f-schema", Type=schema_type, Content=content
        )
    assert code(bad) == ("BadRequestException", 400)
    assert message in bad.value.response["Error"]["Message"]


def test_a_denied_operation_answers_forbidden(schemas: Any):
    STATE.deny("DescribeSchema")
    with pytest.raises(ClientError) as denied:
        schemas.describe_schema(RegistryName=REGISTRY, SchemaName="_f-schema")
    assert code(denied) == ("ForbiddenException", 403)
    assert "schemas:DescribeSchema" in denied.value.response["Error"]["Message"]


def test_reset_empties_the_registries_and_other_services_still_reach_moto(
    schemas: Any, account: Any
):
    schemas.create_registry(RegistryName=REGISTRY)
    account.reset()
    with pytest.raises(ClientError):
        schemas.describe_registry(RegistryName=REGISTRY)
    assert client(account, "lambda").list_functions()["Functions"] == []
