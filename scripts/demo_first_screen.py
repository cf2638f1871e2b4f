"""Record the demo's function list, as its seeded account lists it, for ``--demo`` to paint
before that account is up (``lambdatui/demo/first_screen.py``).

./run python scripts/demo_first_screen.py          # rewrite lambdatui/demo/first_screen.json
./run python scripts/demo_first_screen.py --check  # exit 1 if it is out of date

Run it after changing the demo's functions (catalog.py, history.py's ages, the seeding); the
test ``tests/demo/test_first_screen.py`` fails until then.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import boto3

from lambdatui.aws.records import FunctionSummary, parse_time
from lambdatui.demo.launch import isolate_environment
from lambdatui.demo.seed import seed_demo
from lambdatui.demo.server import start_local_account

OUT = Path(__file__).resolve().parent.parent / "lambdatui" / "demo" / "first_screen.json"
#: Any moment will do: the rows keep each function's age, not its date.
SEEDED_AT = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
#: Not recorded: RevisionId is new on every seeding; LastModified is kept as an age.
SKIPPED = ("revision_id", "last_modified")


def record() -> str:
    isolate_environment(Path(tempfile.mkdtemp(prefix="lambdatui-first-screen-")))
    account = start_local_account()
    try:
        account.knobs.provisioning_seconds = 0
        seed_demo(account.endpoint_url, account.region, now=SEEDED_AT)
        lam = boto3.client(
            "lambda",
            endpoint_url=account.endpoint_url,
            region_name=account.region,
            aws_access_key_id="demo",
            aws_secret_access_key="demo",
        )
        items = [
            item
            for page in lam.get_paginator("list_functions").paginate()
            for item in page["Functions"]
        ]
    finally:
        account.stop()
    columns = [f.name for f in fields(FunctionSummary) if f.name not in SKIPPED]
    rows = []
    for function in sorted((FunctionSummary.from_api(i) for i in items), key=lambda f: f.name):
        age = SEEDED_AT - parse_time(function.last_modified)
        values = [getattr(function, name) for name in columns]
        values[columns.index("arn")] = function.arn.replace(account.region, "{region}", 1)
        rows.append((round(age.total_seconds()), *values))
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    head = json.dumps(["age_seconds", *columns])
    return f'{{"columns": {head},\n"rows": [\n{lines}\n]}}\n'


def main() -> int:
    text = record()
    if "--check" in sys.argv[1:]:
        if OUT.read_text() != text:
            print(f"{OUT} is out of date: run scripts/demo_first_screen.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
