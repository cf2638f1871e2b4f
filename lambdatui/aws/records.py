"""The project's own typed records: what the gateway returns and the UI displays.

Frozen dataclasses with ``__slots__`` (10,000 functions must fit well under 200 MB), built from
API replies by ``from_api``; the list cache (``store/cache.py``) keeps functions as rows of their
fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


def parse_time(value: Any) -> datetime | None:
    """Lambda's LastModified ('2024-05-01T12:00:00.000+0000') or a datetime → aware datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    text = str(value)
    # fromisoformat (3.11: '+0000', 'Z', any fraction) and not strptime: strptime imports
    # _strptime, calendar and locale (~20 ms) the first time, on the way to the first paint
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    """One function as ListFunctions describes it: the row of the function list."""

    name: str
    arn: str
    runtime: str  # "" for container images
    package_type: str  # "Zip" | "Image"
    memory_mb: int
    timeout_s: int
    last_modified: str  # as the API sends it; parse with parse_time when needed
    state: str  # "" when the API omits it (Active is the usual)
    architectures: tuple[str, ...]
    description: str
    handler: str = ""
    code_size: int = 0
    code_sha256: str = ""
    version: str = "$LATEST"
    revision_id: str = ""
    log_group: str = ""

    @property
    def runtime_label(self) -> str:
        if self.package_type == "Image":
            return "image"
        return self.runtime or "-"

    @property
    def architecture(self) -> str:
        return ",".join(self.architectures) or "x86_64"

    @classmethod
    def from_api(cls, item: dict[str, Any]) -> FunctionSummary:
        logging = item.get("LoggingConfig") or {}
        return cls(
            name=item.get("FunctionName", ""),
            arn=item.get("FunctionArn", ""),
            runtime=item.get("Runtime", "") or "",
            package_type=item.get("PackageType", "Zip") or "Zip",
            memory_mb=int(item.get("MemorySize", 128) or 0),
            timeout_s=int(item.get("Timeout", 3) or 0),
            last_modified=str(item.get("LastModified", "") or ""),
            state=item.get("State", "") or "",
            architectures=tuple(item.get("Architectures") or ("x86_64",)),
            description=item.get("Description", "") or "",
            handler=item.get("Handler", "") or "",
            code_size=int(item.get("CodeSize", 0) or 0),
            code_sha256=item.get("CodeSha256", "") or "",
            version=item.get("Version", "$LATEST") or "$LATEST",
            revision_id=item.get("RevisionId", "") or "",
            log_group=logging.get("LogGroup", "") or "",
        )
