"""The list cache's file: a head line (the first screen) and the rows, by position under the
record's field names."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

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


def _lines(key: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in cache.cache_file(key).read_text().splitlines()]


def _write(key: str, lines: list[dict[str, Any]]) -> None:
    cache.cache_file(key).write_text("\n".join(json.dumps(line) for line in lines))


def test_the_head_is_read_without_the_rest_and_the_rest_after() -> None:
    """A warm start reads the first screen's rows; the rest are read when asked for."""
    functions = [_function(f"f{i}") for i in range(5)]
    cache.save_functions("k", functions, "123456789012", head=functions[:2], widths={"name": 2})
    head = cache.load_head("k")
    assert head is not None
    assert head.functions == functions[:2] and head.partial
    assert head.total == 5 and head.widths == {"name": 2}
    assert head.account == "123456789012"
    assert head.whole() == functions
    whole = cache.load_functions("k")
    assert whole is not None and whole.functions == functions and not whole.partial


def test_without_a_head_the_whole_list_is_the_head() -> None:
    functions = [_function("one"), _function("two")]
    cache.save_functions("k", functions)
    head = cache.load_head("k")
    assert head is not None
    assert head.functions == functions and not head.partial and head.widths == {}
    assert _lines("k")[1] == {}  # the rows are not written twice


def test_unreadable_rows_after_a_good_head_are_none_not_an_error() -> None:
    functions = [_function("one"), _function("two")]
    cache.save_functions("k", functions, head=functions[:1], widths={})
    path = cache.cache_file("k")
    path.write_bytes(path.read_bytes()[:-20])  # cut short
    head = cache.load_head("k")
    assert head is not None and head.functions == functions[:1]
    assert head.whole() is None
    assert cache.load_functions("k") is None


def test_a_file_from_another_record_shape_is_a_miss() -> None:
    """A release that adds a field to the record cannot read rows written before it."""
    cache.save_functions("k", [_function("one")])
    first, rest = _lines("k")
    first["columns"] = first["columns"][:-1]
    first["rows"] = [row[:-1] for row in first["rows"]]
    _write("k", [first, rest])
    assert cache.load_head("k") is None
    assert cache.load_functions("k") is None


@pytest.mark.parametrize(
    "content",
    [
        {"version": 1, "functions": [{"name": "x"}]},
        {"version": 2, "columns": [], "rows": []},  # the rows alone, without a head
    ],
)
def test_an_earlier_format_is_a_miss(content: dict[str, Any]) -> None:
    path = cache.cache_file("k")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))
    assert cache.load_head("k") is None


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
    first, rest = _lines("k")
    first["rows"][1] = first["rows"][1][:-1]
    _write("k", [first, rest])
    assert cache.load_functions("k") is None
