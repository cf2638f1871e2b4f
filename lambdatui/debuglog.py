"""``--debug``: every log record (botocore's wire-level ones included) to a private file.

botocore's debug output carries secrets: request signatures, session tokens, access key ids,
and function configurations with their environment variable values. Each record is redacted
before it is written; the file is created 0600; nothing goes to the terminal (it would
scribble over the UI).
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from pathlib import Path

from .store import atomic, paths

REDACTED = "[REDACTED]"

_HEADER_SECRETS = re.compile(
    r"(?i)((?:x-amz-security-token|aws_secret_access_key|aws_session_token|secretaccesskey|"
    r"sessiontoken|secret_access_key|session_token|password|x-amz-log-result)"
    r"['\"]?\s*[:=]\s*b?['\"]?)([^'\",\s}]+)"
)
_SIGNATURE = re.compile(r"(Signature=)[0-9a-fA-F]+")
_CREDENTIAL = re.compile(r"(Credential=)[^/,\s]+")
_ACCESS_KEY_ID = re.compile(r"\b(?:AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\b")
_VARIABLES = re.compile(r"""(['"]Variables['"]\s*:\s*\{)([^{}]*)(\})""")
_VALUE = re.compile(r"""(['"][^'"]*['"]\s*:\s*)(['"])(?:\\.|(?!\2).)*\2""")


def redact(text: str) -> str:
    """``text`` with credentials, signatures and environment variable values replaced."""
    text = _VARIABLES.sub(
        lambda m: m.group(1) + _VALUE.sub(rf"\1\2{REDACTED}\2", m.group(2)) + m.group(3), text
    )
    text = _SIGNATURE.sub(rf"\1{REDACTED}", text)
    text = _CREDENTIAL.sub(rf"\1{REDACTED}", text)
    text = _ACCESS_KEY_ID.sub(REDACTED, text)
    return _HEADER_SECRETS.sub(rf"\1{REDACTED}", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def start_debug_log(path: Path | None = None) -> Path:
    """Send every logger's records, redacted, to ``path`` (default: a new file in the log
    dir) and return the path."""
    if path is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = paths.log_dir() / f"debug-{stamp}-{os.getpid()}.log"
    atomic.ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, atomic.FILE_MODE)
    os.fchmod(fd, atomic.FILE_MODE)
    handler = logging.StreamHandler(os.fdopen(fd, "a", encoding="utf-8"))
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s")
    )
    root = logging.getLogger()
    for existing in list(root.handlers):  # never the terminal: it would draw over the UI
        if isinstance(existing, logging.StreamHandler) and not isinstance(
            existing, logging.FileHandler
        ):
            root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    return path


def write_crash_report(error: BaseException, path: Path | None = None) -> Path:
    """A bug's traceback, redacted and without local variables (Textual's own report shows
    them, and they can hold credentials or environment values), to a new private file."""
    import platform
    import traceback

    from . import __version__

    if path is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = paths.log_dir() / f"crash-{stamp}-{os.getpid()}.txt"
    atomic.ensure_private_dir(path.parent)
    lines = [
        f"lambdatui {__version__}, Python {platform.python_version()}, {platform.platform()}",
        "",
        *traceback.format_exception(error),
    ]
    atomic.write_text(path, redact("\n".join(line.rstrip("\n") for line in lines)) + "\n")
    return path
