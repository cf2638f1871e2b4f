"""Reading Lambda log lines: the formats the Lambda runtimes and platform write."""

from __future__ import annotations

import json

from lambdatui.aws.log_lines import parse, request_id_of
from lambdatui.aws.log_records import Deduper, LogLine, LogScope, short_stream

RID = "8f5f3c1e-0a4b-4e4e-9a55-0c4a0b0e6d11"


def test_text_start_end_and_report_with_cold_start() -> None:
    start = parse(f"START RequestId: {RID} Version: $LATEST")
    assert (start.kind, start.request_id, start.version) == ("start", RID, "$LATEST")
    assert parse(f"END RequestId: {RID}").kind == "end"
    report = parse(
        f"REPORT RequestId: {RID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\t"
        "Memory Size: 128 MB\tMax Memory Used: 41 MB\tInit Duration: 150.50 ms"
    )
    assert report.kind == "report" and report.request_id == RID
    assert report.report is not None and report.report.cold_start
    assert report.display() == (
        "12.34 ms (billed 13 ms) · memory 41/128 MB · cold start, init 150.50 ms"
    )
    warm = parse(
        f"REPORT RequestId: {RID}\tDuration: 2.00 ms\tBilled Duration: 2 ms\t"
        "Memory Size: 128 MB\tMax Memory Used: 41 MB\tStatus: timeout"
    )
    assert warm.report is not None and not warm.report.cold_start
    assert warm.level == "ERROR" and warm.display().endswith("· timeout")


def test_python_node_and_timeout_lines_carry_level_and_request_id() -> None:
    python = parse(f"[WARNING]\t2026-01-02T03:04:05.678Z\t{RID}\tdisk almost full")
    assert (python.level, python.request_id, python.message) == ("WARN", RID, "disk almost full")
    node = parse(f"2026-01-02T03:04:05.678Z\t{RID}\tERROR\tboom")
    assert (node.level, node.message) == ("ERROR", "boom")
    timeout = parse(f"2026-01-02T03:04:05.678Z {RID} Task timed out after 2.00 seconds")
    assert timeout.level == "ERROR" and timeout.request_id == RID
    crash = parse("[ERROR] KeyError: 'id'\nTraceback (most recent call last):")
    assert crash.level == "ERROR"
    assert parse("DEBUG: cache miss").level == "DEBUG"
    plain = parse("just text")
    assert (plain.kind, plain.level, plain.display()) == ("plain", "", "just text")


def test_lambda_json_format_and_application_json_lines() -> None:
    app = parse(
        json.dumps(
            {
                "timestamp": "2026-01-02T03:04:05Z",
                "level": "ERROR",
                "message": "payment failed",
                "logger": "root",
                "requestId": RID,
                "orderId": 42,
            }
        )
    )
    assert (app.kind, app.level, app.request_id) == ("app", "ERROR", RID)
    assert app.display() == "payment failed logger=root orderId=42"
    report = parse(
        json.dumps(
            {
                "time": "2026-01-02T03:04:05Z",
                "type": "platform.report",
                "record": {
                    "requestId": RID,
                    "metrics": {
                        "durationMs": 5.5,
                        "billedDurationMs": 6,
                        "memorySizeMB": 256,
                        "maxMemoryUsedMB": 70,
                        "initDurationMs": 99.0,
                    },
                    "status": "success",
                },
            }
        )
    )
    assert report.kind == "report" and report.report is not None
    assert report.report.cold_start and report.report.memory_size_mb == 256
    start = parse(json.dumps({"type": "platform.start", "record": {"requestId": RID}}))
    assert start.kind == "start" and start.request_id == RID
    structured = parse('{"severity": "warning", "msg": "slow", "ms": 900}')
    assert (structured.level, structured.display()) == ("WARN", "slow ms=900")
    assert parse('{"not": "a log"}').kind == "plain"
    assert parse("{broken json").kind == "plain"
    assert request_id_of(f"something about {RID} here") == RID


def test_stream_short_ids_and_scope_ownership() -> None:
    assert short_stream("2026/01/02/[3]0123456789abcdef") == "3/012345"
    assert short_stream("2026/01/02/orders[$LATEST]abcdef99") == "$LATEST/abcdef"
    shared = LogScope(function="orders", group="/acme", shared=True)
    assert shared.owns("2026/01/02/orders[1]abc")
    assert not shared.owns("2026/01/02/orders-v2[1]abc")
    assert not shared.owns("2026/01/02/[1]abc")
    alias = LogScope(function="shop", group="/aws/lambda/shop", versions=("2", "3"))
    assert alias.owns("2026/01/02/[3]abc") and not alias.owns("2026/01/02/[1]abc")
    assert len(alias.prefixes()) == 4


def test_deduper_matches_live_lines_against_polled_ones_and_keeps_true_doubles() -> None:
    dedupe = Deduper(capacity=10)
    polled = LogLine(1, "s", "same", event_id="1")
    assert dedupe.is_new(polled)
    assert not dedupe.is_new(polled)  # the same event in an overlapping window
    assert not dedupe.is_new(LogLine(1, "s", "same"))  # the same line through Live Tail
    assert dedupe.is_new(LogLine(1, "s", "same", event_id="2"))  # a real second line
    live = LogLine(5, "s", "x")
    assert dedupe.is_new(live) and dedupe.is_new(live)  # two identical live lines: both shown
    assert not dedupe.is_new(LogLine(5, "s", "x", event_id="9"))
    assert not dedupe.is_new(LogLine(5, "s", "x", event_id="10"))
    for n in range(20):
        dedupe.is_new(LogLine(100 + n, "s", str(n), event_id=f"e{n}"))
    assert dedupe.is_new(polled)  # forgotten: memory stays bounded
