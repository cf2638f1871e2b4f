"""Where invocation logs go: moto's in-process CloudWatch Logs backend.

Lambda creates the function's log group and stream on first use; so does this sink. moto's log
streams are not thread-safe, so every write goes through one lock.
"""

from __future__ import annotations

import threading


class MotoLogSink:
    """Writes an invocation's lines to a log group and stream of moto's logs backend."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def write(
        self, account_id: str, region: str, group: str, stream: str, lines: list[tuple[int, str]]
    ) -> None:
        if not lines:
            return
        from moto.logs.models import logs_backends

        backend = logs_backends[account_id][region]
        events = [{"timestamp": ts, "message": message} for ts, message in lines]
        with self._lock:
            backend.ensure_log_group(group)
            backend.ensure_log_stream(group, stream)
            backend.put_log_events(group, stream, events)
