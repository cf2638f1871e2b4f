"""What Lambda takes as a payload: JSON, strictly, within the invocation type's size limit.

Python's ``json`` reads ``NaN``, ``Infinity`` and ``-Infinity``; Lambda refuses them as
invalid request content, so they are refused here like any other syntax error, with where
they are. Every place that checks a payload (the editor, saving an event, the twins) asks
``json_error``, so they all agree.
"""

from __future__ import annotations

import json
import re

#: Payload limits (bytes): synchronous request 6 MB, asynchronous (Event) request 1 MB.
SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024
ASYNC_PAYLOAD_LIMIT = 1024 * 1024

#: A JSON string (skipped) or a constant Python accepts and JSON does not.
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


class _Constant(ValueError):
    pass


def _refuse(name: str) -> None:
    raise _Constant(name)


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return f"line {line}, column {column}"


def decode_error(exc: json.JSONDecodeError) -> str:
    """ "Expecting ',' delimiter at line 3, column 5" for a JSON syntax error. The position
    ends the message: some of Python's ("Unterminated string starting at") expect it there."""
    message = exc.msg.removesuffix(" at")
    return f"{message} at line {exc.lineno}, column {exc.colno}"


def json_error(text: str) -> str:
    """'' when ``text`` is JSON Lambda takes, else 'Expecting value at line 3, column 7'."""
    try:
        json.loads(text, parse_constant=_refuse)
    except json.JSONDecodeError as exc:
        return decode_error(exc)
    except _Constant as exc:
        name = str(exc)
        found = next((m for m in _CONSTANT.finditer(text) if m.group(1)), None)
        return (
            f"{name} is not JSON at {_where(text, found.start(1))}"
            if found
            else (f"{name} is not JSON")
        )
    except RecursionError:
        return "nested too deeply"
    return ""


def payload_limit(invocation_type: str) -> int:
    return ASYNC_PAYLOAD_LIMIT if invocation_type == "Event" else SYNC_PAYLOAD_LIMIT


def _mb(count: int) -> str:
    return f"{count // (1024 * 1024)} MB"


def fit_warning(size: int) -> str:
    """'' when a payload of ``size`` bytes fits every invocation type, else which it does not."""
    if size > SYNC_PAYLOAD_LIMIT:
        return (
            f"{size:,} bytes: too large to invoke with (Lambda takes at most "
            f"{_mb(SYNC_PAYLOAD_LIMIT)} synchronous, {_mb(ASYNC_PAYLOAD_LIMIT)} asynchronous)"
        )
    if size > ASYNC_PAYLOAD_LIMIT:
        return (
            f"{size:,} bytes: fits a synchronous invocation ({_mb(SYNC_PAYLOAD_LIMIT)}), not an "
            f"asynchronous (Event) one ({_mb(ASYNC_PAYLOAD_LIMIT)})"
        )
    return ""
