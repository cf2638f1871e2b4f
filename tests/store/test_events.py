"""The saved-event library on disk: format, privacy, atomicity, corrupt files, odd names."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lambdatui.store import atomic
from lambdatui.store.events import (
    MAX_PAYLOAD_BYTES,
    SHAREABLE,
    SHARED,
    TEMPLATE,
    EventLibrary,
    EventStoreError,
    SavedEvent,
    file_stem,
)

T0 = datetime(2026, 11, 24, 6, 0, 0, tzinfo=UTC)


@pytest.fixture
def lib(tmp_path: Path) -> EventLibrary:
    return EventLibrary(tmp_path / "events")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_root_is_under_lambdatui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path / "home"))
    library = EventLibrary()
    path = library.save(SavedEvent("smoke", '{"a": 1}', "orders-api"))
    assert path == tmp_path / "home" / "data" / "events" / "orders-api" / "smoke.json"
    assert library.load("orders-api", "smoke").payload == '{"a": 1}'


def test_saved_file_is_readable_json_in_a_stable_order(lib: EventLibrary):
    event = SavedEvent(
        "smoke test", '{\n  "z": 1,\n  "a": [\n    1,\n    2\n  ]\n}', "orders-api", "tiny", T0
    )
    path = lib.save(event)
    assert path.name == "smoke test.json"
    assert path.read_text() == (
        "{\n"
        '  "format": "lambdatui-event/1",\n'
        '  "name": "smoke test",\n'
        '  "description": "tiny",\n'
        '  "last_used": "2026-11-24T06:00:00Z",\n'
        '  "payload": {\n'
        '    "z": 1,\n'
        '    "a": [\n'
        "      1,\n"
        "      2\n"
        "    ]\n"
        "  }\n"
        "}\n"
    )
    loaded = lib.load("orders-api", "smoke test")
    assert loaded == SavedEvent(
        "smoke test", '{\n  "z": 1,\n  "a": [\n    1,\n    2\n  ]\n}', "orders-api", "tiny", T0
    )
    assert json.loads(loaded.payload) == {"z": 1, "a": [1, 2]}


@pytest.mark.parametrize(
    "payload",
    [
        '{"z":1,"a":[1,2]}',  # compact: re-indented it grew, past the 6 MB limit for a big one
        '{"a": 1}\n',
        '{\n    "four": "spaces"\n}',
        "  [1, 2]  ",
    ],
)
def test_a_payload_is_kept_byte_for_byte(lib: EventLibrary, payload: str):
    path = lib.save(SavedEvent("exact", payload, "f"))
    assert lib.load("f", "exact").payload == payload
    assert json.loads(path.read_text())["payload_text"] == payload


def test_importing_nan_or_infinity_is_refused_with_the_position(lib: EventLibrary, tmp_path):
    source = tmp_path / "nan.json"
    source.write_text('{\n  "a": [1, NaN]\n}')
    with pytest.raises(EventStoreError, match="NaN is not JSON at line 2, column 12"):
        lib.import_file(source, group="f")
    assert lib.list_group("f") == ([], [])


def test_files_are_private(lib: EventLibrary):
    old = os.umask(0o022)
    try:
        path = lib.save(SavedEvent("e", "{}", "orders-api"))
        shared = lib.save(SavedEvent("s", "{}", SHARED))
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(shared) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(shared.parent) == 0o700
    assert mode(lib.root) == 0o700


@pytest.mark.parametrize(
    "payload",
    [
        "not json at all",
        '{"a": 1, "a": 2}',  # duplicate keys: a JSON value would drop one
        '{"a": NaN}',  # Python parses it, JSON does not
        "1e999",  # parses as inf
        "",
    ],
)
def test_payloads_json_cannot_hold_exactly_are_kept_verbatim(lib: EventLibrary, payload: str):
    path = lib.save(SavedEvent("raw", payload, "f"))
    doc = json.loads(path.read_text())
    assert "payload" not in doc
    assert doc["payload_text"] == payload
    assert lib.load("f", "raw").payload == payload


def test_json_strings_and_scalars_round_trip(lib: EventLibrary):
    for index, payload in enumerate(['"hello"', "42", "null", "[]", '{"ü": "✓"}']):
        lib.save(SavedEvent(f"e{index}", payload, "f"))
        assert lib.load("f", f"e{index}").payload == payload
    assert '"ü\\": \\"✓' in lib.path_for("f", "e4").read_text(encoding="utf-8")  # UTF-8, kept


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/passwd",
        "..",
        ".",
        ".hidden",
        "a/b\\c",
        "100%",
        "tab\there\nnewline\x1b[31m",
        "zürich ✓ 日本",
        "con",
        "trailing. ",
        "x" * 256,
        "~tilde",
    ],
)
def test_any_name_gets_a_safe_file_in_its_folder(lib: EventLibrary, name: str):
    path = lib.save(SavedEvent(name, "{}", "orders-api"))
    assert path.parent == lib.root / "orders-api"
    assert not path.name.startswith(".")
    assert len(path.name.encode()) < 200
    assert path.stem.split(".")[0].upper() != "CON"
    assert [e.name for e in lib.list_group("orders-api")[0]] == [name]
    assert lib.load("orders-api", name).name == name
    lib.delete("orders-api", name)
    assert list(path.parent.iterdir()) == []


def test_long_names_that_share_a_prefix_get_different_files():
    assert file_stem("x" * 300 + "a") != file_stem("x" * 300 + "b")
    assert file_stem("a/b") != file_stem("a%2Fb")


def test_group_names_are_escaped_and_shared_cannot_collide(lib: EventLibrary):
    evil = lib.save(SavedEvent("e", "{}", "../outside"))
    assert evil.parent.parent == lib.root
    lib.save(SavedEvent("e", "{}", "_shared"))
    lib.save(SavedEvent("s", "{}", SHARED))
    assert {e.name for e in lib.list("_shared")[0]} == {"e", "s"}
    assert sorted(lib.groups()) == ["../outside", "_shared"]


def test_list_gives_own_events_then_shared_each_by_last_use_then_name(lib: EventLibrary):
    lib.save(SavedEvent("b", "{}", "orders-api"))
    lib.save(SavedEvent("a", "{}", "orders-api"))
    lib.save(SavedEvent("old", "{}", "orders-api", last_used=T0))
    lib.save(SavedEvent("new", "{}", "orders-api", last_used=T0 + timedelta(hours=1)))
    lib.save(SavedEvent("s-old", "{}", SHARED, last_used=T0 - timedelta(days=1)))
    lib.save(SavedEvent("s-new", "{}", SHARED, last_used=T0 + timedelta(days=1)))
    lib.save(SavedEvent("other", "{}", "other-fn"))
    events, corrupt = lib.list("orders-api")
    assert [(e.name, e.group) for e in events] == [
        ("new", "orders-api"),
        ("old", "orders-api"),
        ("a", "orders-api"),
        ("b", "orders-api"),
        ("s-new", SHARED),
        ("s-old", SHARED),
    ]
    assert corrupt == []
    assert lib.list("nothing-here") == (
        [e for e in events if e.group == SHARED],
        [],
    )


def test_corrupt_files_are_reported_by_name_skipped_and_kept(lib: EventLibrary):
    lib.save(SavedEvent("good", "{}", "fn"))
    folder = lib.root / "fn"
    broken = folder / "broken.json"
    broken.write_text('{"name": "broken", "payload": {')
    not_object = folder / "list.json"
    not_object.write_text("[1, 2]")
    bad_time = folder / "time.json"
    bad_time.write_text('{"name": "time", "payload": {}, "last_used": "yesterday"}')
    future = folder / "future.json"
    future.write_text('{"format": "lambdatui-event/9", "name": "future", "payload": {}}')
    binary = folder / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    (folder / ".good.json.abc.tmp").write_text("half a file")  # an interrupted write
    (folder / "notes.txt").write_text("not an event")
    events, corrupt = lib.list("fn")
    assert [e.name for e in events] == ["good"]
    reasons = {c.path.name: c.reason for c in corrupt}
    assert set(reasons) == {"broken.json", "list.json", "time.json", "future.json", "bin.json"}
    assert "line 1, column 32" in reasons["broken.json"]
    assert "not a JSON object" in reasons["list.json"]
    assert "yesterday" in reasons["time.json"]
    assert "lambdatui-event/9" in reasons["future.json"]
    assert "UTF-8" in reasons["bin.json"]
    assert broken.read_text() == '{"name": "broken", "payload": {'  # untouched


def test_saving_over_a_corrupt_file_is_refused(lib: EventLibrary):
    folder = lib.root / "fn"
    folder.mkdir(parents=True)
    broken = folder / "broken.json"
    broken.write_text("{oops")
    with pytest.raises(EventStoreError, match=r"broken\.json is not valid JSON.*kept"):
        lib.save(SavedEvent("broken", "{}", "fn"), replace=True)
    assert broken.read_text() == "{oops"
    with pytest.raises(EventStoreError, match="No saved event named 'broken'"):
        lib.delete("fn", "broken")
    assert broken.exists()


def test_a_file_holding_another_event_is_not_overwritten(lib: EventLibrary):
    folder = lib.root / "fn"
    folder.mkdir(parents=True)
    # as on a case-insensitive disk where "Foo" and "foo" share a file
    (folder / "foo.json").write_text('{"name": "Foo", "payload": {"keep": true}}')
    with pytest.raises(EventStoreError, match=r"'Foo' already uses the file foo\.json"):
        lib.save(SavedEvent("foo", "{}", "fn"))
    assert json.loads(lib.load("fn", "Foo").payload) == {"keep": True}


def test_hand_written_files_are_found_by_the_name_inside(lib: EventLibrary):
    folder = lib.root / "fn"
    folder.mkdir(parents=True)
    (folder / "whatever.json").write_text('{"name": "Nice Name", "payload": [1]}')
    (folder / "no-name.json").write_text('{"payload": "x"}')
    (folder / "dup.json").write_text('{"name": "Nice Name", "payload": [2]}')
    events, corrupt = lib.list("fn")
    assert sorted(e.name for e in events) == ["Nice Name", "no-name"]
    assert [c.path.name for c in corrupt] == ["whatever.json"]  # second file of that name
    assert "same name as dup.json" in corrupt[0].reason
    assert json.loads(lib.load("fn", "no-name").payload) == "x"
    with pytest.raises(EventStoreError, match="already exists"):
        lib.save(SavedEvent("no-name", "{}", "fn"), replace=False)


def test_save_without_replace_refuses_an_existing_name(lib: EventLibrary):
    lib.save(SavedEvent("e", '{"v": 1}', "fn"))
    with pytest.raises(EventStoreError, match="'e' already exists in the events of fn"):
        lib.save(SavedEvent("e", '{"v": 2}', "fn"), replace=False)
    lib.save(SavedEvent("e", '{"v": 3}', "fn"))
    assert json.loads(lib.load("fn", "e").payload) == {"v": 3}


def test_empty_or_whitespace_names_are_refused(lib: EventLibrary):
    for name in ("", "   "):
        with pytest.raises(EventStoreError, match="needs a name"):
            lib.save(SavedEvent(name, "{}", "fn"))
    with pytest.raises(EventStoreError, match="at most"):
        lib.save(SavedEvent("x" * 257, "{}", "fn"))


def test_an_interrupted_write_keeps_the_previous_file(
    lib: EventLibrary, monkeypatch: pytest.MonkeyPatch
):
    path = lib.save(SavedEvent("e", '{"v": 1}', "fn"))
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(EventStoreError, match="No space left on device"):
        lib.save(SavedEvent("e", '{"v": 2}', "fn"))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["e.json"]  # no temp file left


def test_rename_moves_the_event_and_keeps_its_fields(lib: EventLibrary):
    lib.save(SavedEvent("old", '{"v": 1}', "fn", "desc", T0))
    lib.save(SavedEvent("taken", "{}", "fn"))
    lib.rename("fn", "old", "new/name")
    assert not (lib.root / "fn" / "old.json").exists()
    moved = lib.load("fn", "new/name")
    assert (moved.description, moved.last_used, json.loads(moved.payload)) == ("desc", T0, {"v": 1})
    with pytest.raises(EventStoreError, match="'taken' already exists"):
        lib.rename("fn", "new/name", "taken")
    with pytest.raises(EventStoreError, match="No saved event named 'ghost'"):
        lib.rename("fn", "ghost", "x")
    lib.rename("fn", "taken", "taken")  # no-op
    assert sorted(e.name for e in lib.list_group("fn")[0]) == ["new/name", "taken"]


def test_rename_refuses_to_overwrite_a_corrupt_file(lib: EventLibrary):
    lib.save(SavedEvent("a", "{}", "fn"))
    (lib.root / "fn" / "b.json").write_text("{")
    with pytest.raises(EventStoreError, match="kept as it is"):
        lib.rename("fn", "a", "b")
    assert (lib.root / "fn" / "b.json").read_text() == "{"
    assert lib.load("fn", "a").name == "a"


def test_delete_and_touch(lib: EventLibrary):
    lib.save(SavedEvent("a", "{}", "fn", last_used=T0))
    lib.save(SavedEvent("b", '{"keep": 1}', "fn", "d"))
    lib.touch("fn", "b", T0 + timedelta(minutes=5))
    events, _ = lib.list("fn")
    assert [e.name for e in events] == ["b", "a"]
    assert events[0].last_used == T0 + timedelta(minutes=5)
    assert (events[0].description, json.loads(events[0].payload)) == ("d", {"keep": 1})
    lib.delete("fn", "a")
    assert [e.name for e in lib.list("fn")[0]] == ["b"]
    with pytest.raises(EventStoreError, match="No saved event named 'a'"):
        lib.delete("fn", "a")


def test_naive_times_are_taken_as_utc(lib: EventLibrary):
    lib.save(SavedEvent("e", "{}", "fn", last_used=datetime(2026, 1, 2, 3, 4, 5)))
    assert lib.load("fn", "e").last_used == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_import_a_payload_file(lib: EventLibrary, tmp_path: Path):
    source = tmp_path / "order.json"
    source.write_text('\ufeff{"orderId": 7}\n', encoding="utf-8")
    event = lib.import_file(source, group="fn")
    assert (event.name, json.loads(event.payload)) == ("order", {"orderId": 7})
    assert lib.load("fn", "order").payload == '{"orderId": 7}'  # as in the file, BOM aside
    renamed = lib.import_file(source, group=SHARED, name="shared order")
    assert renamed.group == SHARED
    with pytest.raises(EventStoreError, match="'order' already exists"):
        lib.import_file(source, group="fn")


def test_import_refuses_invalid_json_with_line_and_column(lib: EventLibrary, tmp_path: Path):
    source = tmp_path / "bad.json"
    source.write_text('{\n  "a": 1\n  "b": 2\n}')
    expected = r"bad\.json is not valid JSON: Expecting .* at line 3, column 3"
    with pytest.raises(EventStoreError, match=expected):
        lib.import_file(source, group="fn")
    with pytest.raises(EventStoreError, match=r"Cannot read .*missing\.json: No such file"):
        lib.import_file(tmp_path / "missing.json", group="fn")
    with pytest.raises(EventStoreError, match="is a folder"):
        lib.import_file(tmp_path, group="fn")
    assert lib.list("fn") == ([], [])


def test_import_refuses_a_payload_lambda_would_refuse(lib: EventLibrary, tmp_path: Path):
    source = tmp_path / "huge.json"
    source.write_text('"' + "x" * MAX_PAYLOAD_BYTES + '"')
    with pytest.raises(EventStoreError, match="at most 6,291,456 bytes"):
        lib.import_file(source, group="fn")


def test_export_then_import_a_library_file(lib: EventLibrary, tmp_path: Path):
    lib.save(SavedEvent("e", '{"v": [1]}', "fn", "described"))
    out = lib.export_file("fn", "e", tmp_path / "out.json")
    assert json.loads(out.read_text()) == {"v": [1]}
    with pytest.raises(EventStoreError, match="already exists"):
        lib.export_file("fn", "e", out)
    into = lib.export_file("fn", "e", tmp_path)
    assert into == tmp_path / "e.json"
    with pytest.raises(EventStoreError, match="does not exist"):
        lib.export_file("fn", "e", tmp_path / "nope" / "x.json")
    # A library file copied from a colleague imports with its name and description.
    copied = lib.import_file(lib.path_for("fn", "e"), group="other")
    assert (copied.name, copied.description, json.loads(copied.payload)) == (
        "e",
        "described",
        {"v": [1]},
    )


def test_events_from_outside_the_library_are_not_saved_or_touched(lib: EventLibrary):
    for group in (SHAREABLE, TEMPLATE):
        event = SavedEvent("sqs", "{}", group)
        assert not event.in_library
        lib.touch(group, "sqs", T0)  # nothing to record
        with pytest.raises(EventStoreError, match="saved for a function or in the shared group"):
            lib.save(event)
    assert SavedEvent("e", "{}", SHARED).in_library
    assert not lib.root.exists()
    with pytest.raises(EventStoreError, match="No saved event"):
        lib.touch("fn", "missing", T0)


def test_save_payload_keeps_the_description_and_last_use(lib: EventLibrary):
    lib.save(SavedEvent("e", '{"v": 1}', "fn", "described", T0))
    lib.save_payload("fn", "e", '{"v": 2}')
    event = lib.load("fn", "e")
    assert (json.loads(event.payload), event.description, event.last_used) == (
        {"v": 2},
        "described",
        T0,
    )
    lib.save_payload(SHARED, "new", "[]")
    assert lib.load(SHARED, "new") == SavedEvent("new", "[]", SHARED)
    (lib.root / "fn" / "bad.json").write_text("{")
    with pytest.raises(EventStoreError, match="kept as it is"):
        lib.save_payload("fn", "bad", "{}")
