"""The demo's function list before its account is up: what ``--demo`` paints first.

The demo's account (moto, its server and the seeding) takes over a second to answer its first
ListFunctions, in a process of its own. A real account's list is painted from the cache while
it is asked again; the demo has no cache (it starts in a fresh private folder each time), so
``--demo`` writes this recording of the seeded account's list there instead: the UI paints it
the way it paints any cached list ("cached, refreshing…") and the account's own answer
replaces it when it comes.

``first_screen.json`` holds every field of each function as the seeded account lists it,
except the RevisionId (new at every seeding) and LastModified, kept as an age (the seeding
dates the functions back from its own moment). ``scripts/demo_first_screen.py`` records it;
``tests/demo/test_first_screen.py`` checks it against a freshly seeded account.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from ..aws.records import FunctionSummary
from .history import lambda_timestamp

RECORDING = Path(__file__).with_name("first_screen.json")


def functions(region: str, now: datetime) -> list[FunctionSummary]:
    """The seeded account's functions in ``region``, dated as a seeding at ``now`` dates them."""
    data = json.loads(RECORDING.read_bytes())
    columns: list[str] = data["columns"]
    listed = []
    for row in data["rows"]:
        fields = dict(zip(columns, row, strict=True))
        age = timedelta(seconds=fields.pop("age_seconds"))
        fields["arn"] = fields["arn"].replace("{region}", region)
        fields["architectures"] = tuple(fields["architectures"])
        listed.append(FunctionSummary(**fields, last_modified=lambda_timestamp(now - age)))
    return listed
