"""What the invoke screen shows of a result, as text: the summary (status, version, REPORT
figures with a memory bar and cost), the Logs tab, a failure, the response pretty-printed.
Everything from the function or AWS is cleaned of control characters before it is shown."""

from __future__ import annotations

import json

from rich.text import Text

from ...aws.durable_gateway import execution_name
from ...aws.errors import GatewayError
from ...aws.invoke_gateway import InvokeResult, LogLine
from ...aws.report import Report, format_cost
from ...sanitize import clean, one_line
from ...sizes import format_size as size_label
from .editor import json_highlights, pretty_json
from .response import Prepared

#: Lines of the full logs shown (the newest are kept).
FULL_LOG_LINES = 2000
BAR_WIDTH = 16


def memory_bar(used: int, size: int, width: int = BAR_WIDTH) -> str:
    filled = min(width, round(width * used / size)) if size else 0
    return "█" * filled + "░" * (width - filled)


def pretty_payload(payload: bytes) -> tuple[str, bool]:
    """(text to show, is JSON). JSON is pretty-printed; anything else shown as it is. Either
    way control characters cannot reach the terminal."""
    text = payload.decode("utf-8", "replace")
    try:
        value = json.loads(text) if text.strip() else None
    except (ValueError, RecursionError):
        return clean(text), False
    if value is None and not text.strip():
        return "", False
    return clean(pretty_json(value)), True


def render_response(payload: bytes) -> Prepared:
    """Pretty lines and their colours: run in a thread, it takes a while for 1 MB."""
    text, is_json = pretty_payload(payload)
    if not is_json:
        return Prepared(text, wrap=True)
    return Prepared(text, json_highlights(text, byte_offsets=False))


def report_text(report: Report | None, architecture: str) -> Text:
    text = Text()
    if report is None:
        return text
    text.append("Duration ", style="dim")
    text.append(f"{report.duration_ms:.2f} ms")
    text.append(" · Billed ", style="dim")
    text.append(f"{report.billed_ms} ms")
    if report.init_ms is not None:
        text.append(" · Init ", style="dim")
        text.append(f"{report.init_ms:.2f} ms ")
        text.append("(cold start)", style="bold yellow")
    text.append("\nMemory ", style="dim")
    text.append(f"{report.max_memory_mb}/{report.memory_mb} MB ")
    text.append(memory_bar(report.max_memory_mb, report.memory_mb), style="cyan")
    text.append(f" {report.memory_ratio:.0%}")
    text.append(" · Cost ", style="dim")
    text.append(f"{format_cost(report.cost(architecture))} ({architecture})")
    return text


def is_report(message: str) -> bool:
    return message.startswith("REPORT ") or '"platform.report"' in message


def failure_text(exc: GatewayError) -> Text:
    """A call that failed: its title, message and the next step."""
    text = Text()
    text.append(f"✗ {exc.title}: ", style="bold red")
    text.append(clean(exc.message))
    if exc.hint:
        text.append(f"\n{clean(exc.hint)}", style="dim")
    return text


def summary_text(result: InvokeResult, architecture: str) -> Text:
    """Status, version, round trip and size; the REPORT figures under them."""
    text = Text()
    if result.invocation_type == "Event":
        text.append(f"{result.status_code} accepted", style="bold green")
        durable_text(text, result)
        text.append(f" · runs asynchronously · request id {result.request_id}")
        return text
    if result.invocation_type == "DryRun":
        text.append(f"{result.status_code} DryRun", style="bold green")
        text.append(" · permitted; nothing ran")
        return text
    error = result.error
    if error is not None:
        text.append(f"✗ {error.kind} error", style="bold red")
        if error.headline:
            text.append(" " + one_line(error.headline, 56))
    else:
        text.append(f"✓ {result.status_code}", style="bold green")
    durable_text(text, result)
    if result.executed_version:
        text.append(f" · version {one_line(result.executed_version)}")
    text.append(f" · {result.elapsed_ms:.0f} ms round trip", style="dim")
    text.append(f" · {size_label(len(result.payload))}", style="dim")
    report = result.report
    if report is not None:
        text.append("\n")
        text.append_text(report_text(report, architecture))
    return text


def durable_text(text: Text, result: InvokeResult) -> None:
    """The durable execution the invocation started, first (the summary's lines are then cut,
    not wrapped: #invoke-summary.-durable)."""
    if not result.durable_execution_arn:
        return
    text.append(" · execution ")
    text.append(one_line(execution_name(result.durable_execution_arn), 40), style="bold")
    text.append(" (x on the result)", style="dim")


def logs_text(result: InvokeResult | None, full_logs: list[LogLine] | None) -> Text:
    """The Logs tab: the error's stack, the log tail and, when the tail is cut, the whole
    request's lines (None: still being fetched)."""
    text = Text()
    if result is None:
        return text
    error = result.error
    if error is not None and error.stack:
        text.append(error.kind, style="bold")
        if error.error_type:
            text.append(f": {clean(error.error_type)}", style="bold")
        if error.message:
            text.append(f": {clean(error.message)}")
        text.append("\n")
        for frame in error.stack:
            text.append(clean(frame.rstrip("\n")) + "\n")
        text.append("\n")
    if result.log_tail:
        text.append("Log tail (the last 4 KB)\n", style="bold")
        text.append(clean(result.log_tail))
    elif result.invocation_type == "RequestResponse":
        text.append("No log tail came back.\n", style="dim")
    else:
        text.append(f"{result.invocation_type}: no log tail.\n", style="dim")
    if result.tail_cut:
        text.append("\nThe tail is cut. ", style="bold")
        if full_logs is None:
            text.append("Fetching this request's full logs…\n", style="italic")
        elif not full_logs:
            text.append("Its full logs are not in CloudWatch Logs yet.\n", style="dim")
        else:
            shown = full_logs[-FULL_LOG_LINES:]
            skipped = len(full_logs) - len(shown)
            text.append(f"All {len(full_logs)} lines of the request:\n", style="bold")
            if skipped:
                text.append(f"… {skipped} earlier lines not shown\n", style="dim")
            for line in shown:
                text.append(clean(line.message.rstrip("\n")) + "\n")
    return text
