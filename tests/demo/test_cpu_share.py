"""The runner's durations follow memory as Lambda's CPU allocation does (``demo/cpu.py``): CPU
share proportional to memory, one full vCPU at 1,769 MB and nothing more for a single thread;
waits unscaled. REPORT lines bill whole milliseconds, rounded up, and carry Init Duration on a
cold start only; a new memory size or a new version starts a new execution environment."""

from __future__ import annotations

import base64
import json
import math
import statistics
from collections.abc import Callable
from typing import Any

import pytest

from lambdatui.aws.report import Report, find_report
from lambdatui.demo.cpu import cpu_slowdown, modelled_ms
from lambdatui.demo.logformat import ReportMetrics

# Burns a given CPU time on its own thread, whatever the host's speed: the CPU part is exact.
BUSY = """
import time

def handler(event, context):
    start = time.thread_time()
    while time.thread_time() - start < event["cpu_ms"] / 1000:
        pass
    return "done"
"""
SLEEPY = """
import time

def handler(event, context):
    time.sleep(event["sleep_ms"] / 1000)
    return "done"
"""


def report_of(lam: Any, name: str, event: Any, **params: Any) -> Report:
    reply = lam.invoke(FunctionName=name, Payload=json.dumps(event), LogType="Tail", **params)
    report = find_report(base64.b64decode(reply["LogResult"]).decode())
    assert report is not None
    return report


def median_duration(lam: Any, name: str, memory: int, event: Any, runs: int = 3) -> float:
    lam.update_function_configuration(FunctionName=name, MemorySize=memory)
    report_of(lam, name, event)  # the cold start, left out
    return statistics.median(report_of(lam, name, event).duration_ms for _ in range(runs))


def test_the_model_scales_cpu_time_by_the_share_and_leaves_waits_alone() -> None:
    assert cpu_slowdown(1769) == 1.0
    assert cpu_slowdown(3008) == 1.0  # a single thread cannot use a second vCPU
    assert cpu_slowdown(128) == pytest.approx(13.8203125)
    # 10 ms of computing and 5 ms of waiting at 128 MB: 138.2 + 5.
    assert modelled_ms(15.0, 10.0, 128) == pytest.approx(143.203125)
    assert modelled_ms(15.0, 10.0, 1769) == pytest.approx(15.0)
    assert modelled_ms(100.0, 0.0, 128) == pytest.approx(100.0)
    # Time the busy host kept a ready thread off its CPU is no wait of the handler's.
    assert modelled_ms(60.0, 15.0, 1769, queued_ms=45.0) == pytest.approx(15.0)
    assert modelled_ms(60.0, 15.0, 128, queued_ms=45.0) == pytest.approx(15 * 1769 / 128)


@pytest.mark.slow
def test_a_cpu_bound_handler_is_1769_over_128_times_slower_at_128_mb_and_no_faster_above(
    lam: Any, make_function: Callable[..., dict[str, Any]]
) -> None:
    make_function("busy", {"app.py": BUSY}, Timeout=10)
    event = {"cpu_ms": 15}
    at_128 = median_duration(lam, "busy", 128, event)
    at_1769 = median_duration(lam, "busy", 1769, event)
    at_3008 = median_duration(lam, "busy", 3008, event)
    assert at_128 / at_1769 == pytest.approx(1769 / 128, rel=0.2)
    assert 0.8 < at_3008 / at_1769 < 1.5  # no shorter: proportional CPU would give 0.59
    assert at_128 > 15 * 1769 / 128 * 0.9  # and the reported time is the modelled one


@pytest.mark.slow
def test_an_io_bound_handler_shows_no_knee(
    lam: Any, make_function: Callable[..., dict[str, Any]]
) -> None:
    make_function("sleepy", {"app.py": SLEEPY}, Timeout=10)
    event = {"sleep_ms": 60}
    at_128 = median_duration(lam, "sleepy", 128, event)
    at_1769 = median_duration(lam, "sleepy", 1769, event)
    assert at_128 == pytest.approx(at_1769, rel=0.25)
    assert at_128 < 60 * 2


@pytest.mark.slow
def test_the_modelled_duration_counts_against_the_timeout(
    lam: Any, make_function: Callable[..., dict[str, Any]]
) -> None:
    """80 ms of computing fits 1 s at 1,769 MB but takes 1.1 s at 128 MB: a timeout."""
    make_function("tight", {"app.py": BUSY}, Timeout=1, MemorySize=1769)
    assert report_of(lam, "tight", {"cpu_ms": 80}).status == ""
    lam.update_function_configuration(FunctionName="tight", MemorySize=128)
    reply = lam.invoke(FunctionName="tight", Payload=json.dumps({"cpu_ms": 80}))
    assert reply["FunctionError"] == "Unhandled"
    assert "Task timed out after 1.00 seconds" in reply["Payload"].read().decode()


def test_billed_duration_is_whole_milliseconds_rounded_up() -> None:
    assert ReportMetrics(12.01, 128, 40, None).billed_ms == 13
    assert ReportMetrics(12.0, 128, 40, None).billed_ms == 12
    assert ReportMetrics(0.2, 128, 40, None).billed_ms == 1


def test_billed_duration_on_the_report_line_is_the_rounded_up_duration(
    lam: Any, make_function: Callable[..., dict[str, Any]]
) -> None:
    make_function("sleepy", {"app.py": SLEEPY}, MemorySize=1769)
    report = report_of(lam, "sleepy", {"sleep_ms": 3})
    shown = report.duration_ms  # to 2 decimals: the true value is within 0.005 of it
    assert math.ceil(shown - 0.005) <= report.billed_ms <= math.ceil(shown + 0.005)


def test_init_duration_only_on_a_cold_start_and_a_new_memory_or_version_is_cold(
    lam: Any, make_function: Callable[..., dict[str, Any]]
) -> None:
    make_function("sleepy", {"app.py": SLEEPY}, MemorySize=256)
    event = {"sleep_ms": 1}
    assert report_of(lam, "sleepy", event).init_ms is not None
    assert report_of(lam, "sleepy", event).init_ms is None
    lam.update_function_configuration(FunctionName="sleepy", MemorySize=512)
    first = report_of(lam, "sleepy", event)
    assert (first.memory_mb, first.init_ms is not None) == (512, True)
    assert report_of(lam, "sleepy", event).init_ms is None
    version = lam.publish_version(FunctionName="sleepy")["Version"]
    lam.create_alias(FunctionName="sleepy", Name="tune", FunctionVersion=version)
    assert report_of(lam, "sleepy", event, Qualifier="tune").init_ms is not None
    assert report_of(lam, "sleepy", event, Qualifier="tune").init_ms is None
