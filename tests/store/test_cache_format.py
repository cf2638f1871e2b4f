"""The list cache's file: rows by position under the record's field names."""

from __future__ import annotations

import dataclasses
import json

import pytest

from lambdatui.aws.records import FunctionSummary
from lambdatui.store import cache


def _function(name: str) -> FunctionSummary:
    return FunctionSummary(
        name=name,
        arn=f"arn:aws:lambda:us-east-1:123456789012:function:{name}",
        runtime="python3.13",
        package_type="Zip",
        memory_mb=256,
        timeout_s=9,
        last_modified="2026-12-01T10:00:00.000+0000",
        state="Active",
        architectures=("arm64",),
        description="a [b]ráw[/b] \x1b[31m description",
        handler="app.handler",
        code_size=1234,
        code_sha256="abc=",
        version="$LATEST",
        revision_id="r-1",
        log_group="/aws/lambda/x",
    )


def test_a_list_comes_back_field_for_field() -> None:
    functions = [_function("one"), _function("two")]
    cache.save_functions("k", functions, account="123456789012")
    loaded = cache.load_functions("k")
    assert loaded is not None
    assert loaded.functions == functions
    assert loaded.account == "123456789012"


def test_a_file_from_another_record_shape_is_a_miss() -> None:
    """A release that adds a field to the record cannot read rows written before it."""
    cache.save_functions("k", [_function("one")])
    path = cache.cache_file("k")
    data = json.loads(path.read_text())
    data["columns"] = data["columns"][:-1]
    data["rows"] = [row[:-1] for row in data["rows"]]
    path.write_text(json.dumps(data))
    assert cache.load_functions("k") is None


def test_the_first_format_is_a_miss() -> None:
    path = cache.cache_file("k")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "functions": [{"name": "x"}]}))
    assert cache.load_functions("k") is None


def test_cached_records_are_the_records_the_constructor_makes() -> None:
    """Records read back are built through their slots, not ``__init__``: they compare,
    hash, print and refuse changes exactly as constructed ones do."""
    made = _function("one")
    cache.save_functions("k", [made])
    loaded = cache.load_functions("k")
    assert loaded is not None
    (record,) = loaded.functions
    assert type(record) is FunctionSummary
    assert record == made and hash(record) == hash(made) and repr(record) == repr(made)
    assert record.architectures == ("arm64",)  # a tuple again, not JSON's list
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "two"  # type: ignore[misc]


def test_a_row_of_another_length_is_a_miss() -> None:
    """A hand-edited or truncated row is a miss, not a record with a field unset."""
    cache.save_functions("k", [_function("one"), _function("two")])
    path = cache.cache_file("k")
    data = json.loads(path.read_text())
    data["rows"][1] = data["rows"][1][:-1]
    path.write_text(json.dumps(data))
    assert cache.load_functions("k") is None
