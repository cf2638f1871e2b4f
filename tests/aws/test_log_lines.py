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
    dedupe = Deduper()
    polled = LogLine(1, "s", "same", event_id="1", ingestion_time=2)
    assert dedupe.fresh([polled]) == [polled]
    assert dedupe.fresh([polled]) == []  # the same event in an overlapping window
    assert dedupe.fresh([LogLine(1, "s", "same", ingestion_time=2)]) == []  # through Live Tail
    second = LogLine(1, "s", "same", event_id="2", ingestion_time=2)
    assert dedupe.fresh([second, polled]) == [second]  # a real second line, in any order
    live = LogLine(5, "s", "x", ingestion_time=6)
    assert dedupe.fresh([live, live]) == [live, live]  # two identical lines in one update
    assert dedupe.fresh([live, live]) == []  # the update replayed
    assert dedupe.fresh([live]) == []
    # ... and the same two read back by FilterLogEvents (a backfill): nothing new
    backfill = [LogLine(5, "s", "x", event_id=n, ingestion_time=6) for n in ("9", "10")]
    assert dedupe.fresh(backfill) == []
    assert dedupe.fresh(backfill) == []


def test_deduper_forgets_after_the_window_and_what_it_forgot_counts_as_seen() -> None:
    dedupe = Deduper(window_ms=1_000, horizon=100)
    assert dedupe.fresh([LogLine(99, "s", "before the start", ingestion_time=99)]) == []
    old = LogLine(100, "s", "old", ingestion_time=100)
    assert dedupe.fresh([old]) == [old]
    for n in range(50):
        at = 200 + n * 100
        dedupe.fresh([LogLine(at, "s", f"line {n}", event_id=str(n), ingestion_time=at)])
    assert len(dedupe) <= 30  # the last second's events only (an id and a key each)
    assert dedupe.fresh([old]) == []  # a replay of a forgotten event is still not shown
    late = LogLine(100, "s", "logged long ago, ingested now", ingestion_time=5_200)
    assert dedupe.fresh([late]) == [late]  # arrival, not the timestamp, decides
    capped = Deduper(capacity=10)
    lines = [LogLine(n, "s", str(n), ingestion_time=n) for n in range(1, 40)]
    assert capped.fresh(lines) == lines
    assert len(capped) <= 10 and capped.fresh(lines) == []


def test_records_are_read_tolerantly_and_an_unreadable_one_says_so() -> None:
    moto = LogLine.from_api(
        {
            "logStreamName": "2026/12/07/[$LATEST]abc",
            "timestamp": 1796610392174.9539,
            "message": "error running docker\n",
            "ingestionTime": 1796610392175,
            "eventId": 0,
        }
    )
    assert (moto.timestamp, moto.ingestion_time, moto.event_id) == (
        1796610392174,
        1796610392175,
        "0",
    )
    assert moto.message == "error running docker"
    as_text = LogLine.from_api({"timestamp": "1796610392174.9539", "message": "m"})
    assert (
        as_text.timestamp == 1796610392174 and as_text.stream == "" and as_text.ingestion_time == 0
    )
    missing = LogLine.from_api({"ingestionTime": 7, "message": None})
    assert missing.timestamp == 7 and missing.message.startswith(
        "(unreadable log record: timestamp"
    )
    assert LogLine.from_api({"timestamp": 1, "message": {"a": 1}}).message == '{"a": 1}'
    bogus = LogLine.from_api({"timestamp": "yesterday", "message": "hello", "logStreamName": "s"})
    assert bogus.message == "(unreadable log record: timestamp yesterday) hello"
    assert LogLine.from_api({"timestamp": float("nan"), "message": "x"}).message.startswith("(unr")
    assert LogLine.from_api(["not", "a", "record"]).message == (
        '(unreadable log record: ["not", "a", "record"])'
    )


def test_a_scope_owns_its_own_log_group_by_name_or_arn() -> None:
    arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f"
    scope = LogScope(function="f", group="/aws/lambda/f", group_arn=arn)
    assert scope.owns_group("") and scope.owns_group(arn) and scope.owns_group(arn + ":*")
    assert scope.owns_group("/aws/lambda/f")
    assert not scope.owns_group("arn:aws:logs:us-east-1:123456789012:log-group:/shared/app-logs")
    assert not scope.owns_group("/aws/lambda/f2")
    assert not scope.owns_group("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f")
    by_name = LogScope(function="f", group="/aws/lambda/f", group_arn="/aws/lambda/f")
    assert by_name.owns_group(arn) and not by_name.owns_group(arn + "2")
