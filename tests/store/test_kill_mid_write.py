"""Nothing lost: a writer using the app's real store functions (the function-list cache, a
saved event, the invocation history, the journal, the state, a shift plan) is killed with
SIGKILL at random moments, again and again; after each kill every file is whole (the old or
the new content, never torn) and every journal line written before the kill is readable."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lambdatui.store import journal

WRITER = r"""
import sys
from datetime import UTC, datetime
from lambdatui.aws.records import FunctionSummary
from lambdatui.aws.target import resolve_target
from lambdatui.store import cache, journal, shifts, state
from lambdatui.store.events import EventLibrary
from lambdatui.store.history import HistoryEntry, InvocationHistory

target = resolve_target(region="us-east-1")
events, history = EventLibrary(), InvocationHistory()
n = int(sys.argv[1])
print("ready", flush=True)
while True:
    n += 1
    rows = [FunctionSummary.from_api({"FunctionName": f"fn{n}-{i}", "Runtime": "python3.12"})
            for i in range(1500)]
    cache.save_functions("k", rows, account=str(n))
    events.save_payload("shop", "big", '{"n": %d, "pad": "%s"}' % (n, "x" * 200_000))
    history.record(HistoryEntry(datetime.now(UTC), "shop", "$LATEST", "RequestResponse",
                                "200", 1.0, f"req-{n}"))
    journal.record_action(target, "shop", None, "Test", str(n))
    state.save(state.State(theme=f"theme-{n}"))
    shifts.save({"function": "shop", "alias": "live", "region": "us-east-1", "n": n,
                 "pad": "y" * 100_000})
"""


def _check(home: Path, env: dict[str, str]) -> tuple[int, list[str]]:
    """Read every file back in a fresh process (the next start of the app); the journal's
    subjects, and the problems found."""
    script = r"""
import json
from lambdatui.aws.target import resolve_target
from lambdatui.store import cache, journal, shifts, state
from lambdatui.store.events import EventLibrary
from lambdatui.store.history import InvocationHistory
problems = []
listed = cache.load_functions("k")
if cache.cache_file("k").exists() and (listed is None or len(listed.functions) != 1500):
    problems.append("cache")
saved, broken = EventLibrary().list_group("shop")
if broken or (saved and json.loads(saved[0].payload)["n"] < 0):
    problems.append("event")
if InvocationHistory().path("shop").exists() and not InvocationHistory().list("shop"):
    problems.append("history")
if state.state_path().exists():
    json.loads(state.state_path().read_text())
for path in shifts.shifts_dir().glob("*.json") if shifts.shifts_dir().exists() else ():
    json.loads(path.read_text())
text = journal.journal_path().read_text() if journal.journal_path().exists() else ""
lines = text.splitlines()
subjects = [json.loads(line)["subject"] for line in lines]
print(json.dumps({"problems": problems, "subjects": subjects}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode:
        return 0, [f"reading back failed: {out.stderr.strip().splitlines()[-1:]}"]
    found = json.loads(out.stdout)
    subjects = [int(s) for s in found["subjects"]]
    problems = list(found["problems"])
    if subjects != list(range(1, len(subjects) + 1)):
        problems.append(f"journal lines lost or repeated: {subjects[-5:]}")
    return len(subjects), problems


@pytest.mark.slow
def test_every_file_survives_sigkill_mid_write(isolated_env: Path) -> None:
    env = dict(os.environ)
    rng = random.Random(21)
    journaled = 0
    started = time.monotonic()
    kills = 0
    while time.monotonic() - started < 12 and kills < 25:
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(journaled)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.01, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        kills += 1
        journaled, problems = _check(isolated_env, env)
        assert problems == [], f"after kill {kills}"
    assert kills >= 5 and journaled >= kills  # it wrote, and was killed mid-way, many times


def test_a_torn_last_journal_line_does_not_swallow_the_next_entry(tmp_path: Path) -> None:
    """A line cut by a crash (power loss: SIGKILL cannot cut one write) is skipped, and the
    next entry starts on a line of its own, readable."""
    from lambdatui.aws.target import resolve_target

    path = tmp_path / "journal.jsonl"
    target = resolve_target(region="us-east-1")
    journal.record_action(target, "shop", None, "Test", "1", path)
    with path.open("a") as handle:
        handle.write('{"time": "2026-01-01", "act')
    journal.record_action(target, "shop", None, "Test", "2", path)
    assert [a["subject"] for a in journal.actions(path)] == ["1", "2"]


def test_a_killed_writers_temporary_file_is_swept_by_the_next_write(tmp_path: Path) -> None:
    from lambdatui.store import atomic

    path = tmp_path / "state.json"
    stale = tmp_path / ".state.json.abc123.tmp"
    fresh = tmp_path / ".state.json.def456.tmp"  # another writer's, at work right now
    other = tmp_path / ".other.json.abc123.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("{half")
    old = time.time() - atomic.STALE_TMP_S - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic.write_json(path, {"a": 1})
    assert not stale.exists() and fresh.exists() and other.exists()
    assert json.loads(path.read_text()) == {"a": 1}
