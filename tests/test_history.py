"""The invocation history on disk: newest first, bounded, private, re-openable."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lambdatui.store.history import LIMIT, PAYLOAD_LIMIT, HistoryEntry, InvocationHistory

T0 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _entry(n: int, function: str = "orders-api", **kw: object) -> HistoryEntry:
    values: dict[str, object] = {
        "when": T0 + timedelta(seconds=n),
        "function": function,
        "qualifier": "live",
        "invocation_type": "RequestResponse",
        "status": "200",
        "duration_ms": 12.5,
        "request_id": f"req-{n}",
        "event_name": "smoke",
        "payload": f'{{"n": {n}}}',
    }
    values.update(kw)
    return HistoryEntry(**values)  # type: ignore[arg-type]


def test_recorded_entries_come_back_newest_first_after_reopening(tmp_path: Path) -> None:
    history = InvocationHistory(tmp_path, scope="123456789012/us-east-1")
    history.record(_entry(1))
    history.record(_entry(2, status="Unhandled", duration_ms=None))
    again = InvocationHistory(tmp_path, scope="123456789012/us-east-1")
    assert again.list("orders-api") == [
        _entry(2, status="Unhandled", duration_ms=None),
        _entry(1),
    ]
    assert again.last("orders-api") == _entry(2, status="Unhandled", duration_ms=None)
    assert again.list("other") == [] and again.last("other") is None
    assert InvocationHistory(tmp_path, scope="elsewhere").list("orders-api") == []


def test_bounded_per_function(tmp_path: Path) -> None:
    history = InvocationHistory(tmp_path)
    for n in range(LIMIT + 7):
        history.record(_entry(n))
    history.record(_entry(0, function="other"))
    entries = history.list("orders-api")
    assert len(entries) == LIMIT
    assert entries[0].request_id == f"req-{LIMIT + 6}" and entries[-1].request_id == "req-7"
    assert len(history.list("other")) == 1


def test_files_are_private(tmp_path: Path) -> None:
    history = InvocationHistory(tmp_path / "h")
    history.record(_entry(1))
    path = history.path("orders-api")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["orders-api.json"]  # no temp file left


def test_large_payload_is_not_kept(tmp_path: Path) -> None:
    history = InvocationHistory(tmp_path)
    history.record(_entry(1, payload='"' + "x" * PAYLOAD_LIMIT + '"'))
    (entry,) = history.list("orders-api")
    assert entry.payload is None and entry.event_name == "smoke"


def test_a_corrupt_file_reads_empty_and_is_replaced(tmp_path: Path) -> None:
    history = InvocationHistory(tmp_path)
    history.path("orders-api").parent.mkdir(parents=True)
    history.path("orders-api").write_text("{not json")
    assert history.list("orders-api") == []
    history.record(_entry(3))
    assert [e.request_id for e in history.list("orders-api")] == ["req-3"]


def test_default_root_is_the_data_dir(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LAMBDATUI_HOME", str(tmp_path))
    history = InvocationHistory()
    history.record(_entry(1))
    assert (
        history.path("orders-api") == tmp_path / "data" / "history" / "default" / "orders-api.json"
    )
