"""Shared bench helpers: an isolated environment and a seeded local account."""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path


def isolate() -> Path:
    """Fake credentials and private dirs, so a bench never touches the user's AWS setup."""
    home = Path(tempfile.mkdtemp(prefix="lambdatui-bench-"))
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_CONFIG_FILE=str(home / "aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        LAMBDATUI_HOME=str(home / "lambdatui"),
    )
    return home


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    median = statistics.median(values) * 1000
    return f"median {median:.1f} ms (min {ordered[0] * 1000:.1f}, p90 {p90 * 1000:.1f})"
