"""`--demo` paints its list before its account is up: the recording it paints is what the
seeded account lists (first_screen.py, first_screen.json)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from lambdatui.aws.records import FunctionSummary
from lambdatui.demo import first_screen
from lambdatui.demo.launch import Demo
from lambdatui.store.cache import load_functions
from tests.demo_time import SEEDED_AT

from .conftest import client


def _listed(account: Any) -> list[FunctionSummary]:
    lam = client(account, "lambda")
    items = [
        f for page in lam.get_paginator("list_functions").paginate() for f in page["Functions"]
    ]
    return sorted((FunctionSummary.from_api(item) for item in items), key=lambda f: f.name)


def test_the_recording_is_what_the_seeded_account_lists(shared_demo: Any) -> None:
    """Every field of every function, its LastModified too (the account dates them back from
    the seeding's moment, the recording from the moment given); the RevisionId is the one
    thing a new seeding changes. When this fails: ./run python scripts/demo_first_screen.py"""
    served = _listed(shared_demo)
    recorded = first_screen.functions(shared_demo.region, SEEDED_AT)
    assert len(recorded) == len(served) == 44
    assert [replace(f, revision_id="") for f in served] == recorded


def test_the_demo_caches_it_for_its_first_paint(tmp_path: Path) -> None:
    demo = Demo(home=tmp_path, port=1)
    demo.cache_first_screen("demo-target")
    cached = load_functions("demo-target")
    assert cached is not None and cached.account == "123456789012"
    assert [f.name for f in cached.functions] == sorted(f.name for f in cached.functions)
    assert {f.name for f in cached.functions} >= {"payment-webhook", "orders-api"}
    assert all(f.arn.startswith(f"arn:aws:lambda:{demo.region}:") for f in cached.functions)
