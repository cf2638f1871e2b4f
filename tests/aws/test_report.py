"""REPORT lines (Text and JSON log formats) and the cost of one invocation."""

from __future__ import annotations

from decimal import Decimal

from lambdatui.aws.report import (
    PRICE_PER_GB_SECOND,
    PRICE_PER_REQUEST,
    PRICES_TAKEN,
    find_report,
    format_cost,
    invocation_cost,
    parse_report_line,
)

COLD = (
    "REPORT RequestId: 3b5a4650-42e6-4f0e-8342-ead869fcc226\tDuration: 12.34 ms\t"
    "Billed Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 81 MB\t"
    "Init Duration: 150.27 ms\t"
)
WARM = (
    "REPORT RequestId: 911c8c8b-d8ea-4ad5-94d5-d1d2edbe914d\tDuration: 1.05 ms\t"
    "Billed Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB"
)
TIMEOUT = (
    "REPORT RequestId: r-3\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\t"
    "Memory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout"
)
JSON_COLD = (
    '{"time":"2024-05-01T12:00:00.000Z","type":"platform.report","record":{"requestId":"j-1",'
    '"metrics":{"durationMs":5.5,"billedDurationMs":6,"memorySizeMB":1024,'
    '"maxMemoryUsedMB":70,"initDurationMs":210.4},"status":"success"}}'
)
JSON_WARM_ERROR = (
    '{"time":"2024-05-01T12:00:00.000Z","type":"platform.report","record":{"requestId":"j-2",'
    '"metrics":{"durationMs":2.0,"billedDurationMs":2,"memorySizeMB":128,'
    '"maxMemoryUsedMB":41},"status":"error","errorType":"Runtime.ExitError"}}'
)


def test_text_report_with_init_duration_is_a_cold_start() -> None:
    report = parse_report_line(COLD)
    assert report is not None
    assert report.request_id == "3b5a4650-42e6-4f0e-8342-ead869fcc226"
    assert (report.duration_ms, report.billed_ms, report.memory_mb, report.max_memory_mb) == (
        12.34,
        13,
        512,
        81,
    )
    assert report.init_ms == 150.27 and report.cold_start
    assert abs(report.memory_ratio - 81 / 512) < 1e-9


def test_text_report_without_init_duration_is_warm() -> None:
    report = parse_report_line(WARM)
    assert report is not None and report.init_ms is None and not report.cold_start
    assert (report.billed_ms, report.memory_mb) == (2, 128)


def test_status_and_error_type() -> None:
    report = parse_report_line(TIMEOUT)
    assert report is not None and report.status == "timeout"


def test_json_platform_report() -> None:
    cold = parse_report_line(JSON_COLD)
    assert cold is not None and cold.request_id == "j-1" and cold.init_ms == 210.4
    assert (cold.billed_ms, cold.memory_mb, cold.max_memory_mb) == (6, 1024, 70)
    warm = parse_report_line(JSON_WARM_ERROR)
    assert warm is not None and not warm.cold_start
    assert (warm.status, warm.error_type) == ("error", "Runtime.ExitError")


def test_other_lines_are_not_reports() -> None:
    for line in (
        "START RequestId: x Version: 1",
        "",
        "REPORT nonsense",
        '{"type":"platform.start"}',
    ):
        assert parse_report_line(line) is None


def test_find_report_picks_the_requests_own() -> None:
    log = f"START RequestId: a\nhello\n{COLD}\nSTART RequestId: b\n{WARM}\n"
    assert find_report(log).request_id.startswith("911c")  # type: ignore[union-attr]
    assert find_report(log, "3b5a4650-42e6-4f0e-8342-ead869fcc226").init_ms == 150.27  # type: ignore[union-attr]
    assert find_report(log, "zzz") is None
    assert find_report("") is None


def test_cost_is_gb_seconds_times_price_plus_request() -> None:
    # 512 MB for 13 ms on x86_64: 0.5 GB × 0.013 s × 0.0000166667 + 0.0000002
    expected = Decimal("0.5") * Decimal("0.013") * Decimal("0.0000166667") + Decimal("0.0000002")
    assert invocation_cost(512, 13, "x86_64") == expected
    assert invocation_cost(512, 13, "arm64") < expected
    report = parse_report_line(COLD)
    assert report is not None and report.cost("x86_64") == expected
    assert format_cost(expected) == "$0.0000003083"
    # a 1 GB, 1 s invocation costs exactly one GB-second plus one request
    assert invocation_cost(1024, 1000, "arm64") == PRICE_PER_GB_SECOND["arm64"] + PRICE_PER_REQUEST
    assert PRICES_TAKEN
