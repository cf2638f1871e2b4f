"""Where a warm start's time goes, to its first frame: imports, and a profile of the rest.

    .venv/bin/python bench/profile_startup.py [ROUNDS]

Runs ``lambdatui`` in a private tmux terminal (120x40) on a cache of 2,000 functions, for a
target whose endpoint answers nothing (the first frame comes before any reply), and stops it
once the frame with its first row is handed to the terminal (Textual's writer thread). Prints:

* the CPU time of the process to that frame (median of ROUNDS), and the same for the
  baseline Textual app painting one line (``startup_paint.py``);
* ``python -X importtime`` (the least of 3 runs for each module): the self time of the
  imports the baseline does not make, summed by package;
* a cProfile of the start-up to the first frame, by cumulative time, and its top functions by
  their own time.

CPU time, unlike the time to the row on screen, barely moves when other processes share the
machine: it says what the start-up costs, not how long it waited for a core.
"""

from __future__ import annotations

import ast
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from common import Terminal, isolate  # noqa: E402

PYTHON = sys.executable
COUNT = 2000
ENDPOINT = "http://127.0.0.1:9"  # the discard port: nothing answers, nothing is needed

#: Runs in the terminal first (argv: out, mode): when the row is first handed to the terminal,
#: the CPU and wall time so far go to ``out`` (and the profile to ``out.prof``), and it stops.
_PRELUDE = """
import os, sys, time
out, mode = sys.argv[1], sys.argv[2]
if mode == "profile":
    import cProfile
    profile = cProfile.Profile()
    profile.enable()
from textual.drivers import _writer_thread
def write(self, text):
    if "bench-00000" in text:
        cpu, wall = time.process_time(), time.time() - int(os.environ["T0"]) / 1e9
        if mode == "profile":
            profile.disable()
            profile.dump_stats(out + ".prof")
        with open(out, "w") as f:
            f.write(repr((cpu, wall)))
        os._exit(0)
_writer_thread.WriterThread.write = write
"""

#: The app on the cached list.
_RUN = (
    _PRELUDE
    + """
sys.argv = ["lambdatui", "--endpoint-url", %(endpoint)r, "--region", "us-east-1"]
from lambdatui.cli import main
main()
"""
)

#: The baseline (as startup_paint.py).
_PAINT = (
    _PRELUDE
    + """
from textual.app import App, ComposeResult
from textual.widgets import Static
class Paint(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bench-00000")
Paint().run()
"""
)


def seed_cache() -> None:
    from datetime import UTC, datetime

    from lambdatui.aws.records import FunctionSummary
    from lambdatui.aws.target import resolve_target
    from lambdatui.store.cache import save_functions
    from lambdatui.ui.screens.functions import cache_head

    target = resolve_target(
        profile=None, region="us-east-1", endpoint_url=ENDPOINT, read_only=False
    )
    functions = [
        FunctionSummary(
            name=f"bench-{i:05d}",
            arn=f"arn:aws:lambda:us-east-1:123456789012:function:bench-{i:05d}",
            runtime="python3.12",
            package_type="Zip",
            memory_mb=128,
            timeout_s=3,
            last_modified="2025-01-01T00:00:00.000+0000",
            state="Active",
            architectures=("x86_64",),
            description=f"bench function {i}",
            handler="app.handler",
            code_size=1024,
            code_sha256="x" * 44,
            revision_id="r",
            log_group=f"/aws/lambda/bench-{i:05d}",
        )
        for i in range(COUNT)
    ]
    # with its head, as the app saves it (ui.screens.functions.save_cache)
    head, widths = cache_head(functions, lambda: datetime.now(UTC))
    save_functions(target.cache_key, functions, account="123456789012", head=head, widths=widths)


def run(
    terminal: Terminal, code: str, *flags: str, mode: str = "time"
) -> tuple[tuple[float, float], Path]:
    """CPU and wall seconds of ``code`` to its first frame, run in the terminal (the wall
    time from the shell's launch of it); and its output path."""
    out = Path(tempfile.mkdtemp(prefix="lambdatui-profile-")) / "out"
    script = out.with_name("run.py")
    script.write_text(code)
    err = out.with_name("stderr")
    command = f"T0=$(date +%s%N) {PYTHON} {' '.join(flags)} {script} {out} {mode} 2>{err}"
    for _ in range(5):  # a server still going away can refuse the new session
        terminal.start(command)
        time.sleep(0.5)
        if err.exists():
            break
    deadline = time.monotonic() + 30
    while not out.exists() or not out.read_text():
        if time.monotonic() > deadline:
            raise SystemExit(f"no first frame in 30 s; stderr: {err.read_text()[-2000:]}")
        time.sleep(0.01)
    time.sleep(0.05)
    terminal.tmux("kill-server")
    cpu, wall = ast.literal_eval(out.read_text())
    return (float(cpu), float(wall)), out


def imported(runs: list[Path]) -> dict[str, int]:
    """Each module ``-X importtime`` reported, with its self time in microseconds: the least
    of the runs (a module's import is the same work each time; more is another process's)."""
    modules: dict[str, int] = {}
    for stderr in runs:
        for line in stderr.read_text().splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _, name = line.removeprefix("import time:").split("|")
            module = name.strip()
            modules[module] = min(int(self_us), modules.get(module, 1 << 60))
    return modules


def importtime(runs: list[Path], baseline: list[Path]) -> None:
    """Self time of the imports the baseline does not make, by top-level package (and
    lambdatui's by subpackage)."""
    base = imported(baseline)
    totals: dict[str, int] = defaultdict(int)
    ours: dict[str, int] = defaultdict(int)
    extra: dict[str, int] = {}
    for module, self_us in imported(runs).items():
        if module in base:
            continue
        extra[module] = self_us
        totals[module.split(".")[0]] += self_us
        if module.startswith("lambdatui"):
            ours[".".join(module.split(".")[:3])] += self_us
    print(
        f"imports, self time summed: baseline {sum(base.values()) / 1000:.1f} ms; "
        f"the app's beyond it {sum(totals.values()) / 1000:.1f} ms in {len(extra)} modules:"
    )
    for name, us in sorted(totals.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {name:40} {us / 1000:6.1f} ms")
    print("  of lambdatui:")
    for name, us in sorted(ours.items(), key=lambda kv: -kv[1])[:12]:
        print(f"    {name:38} {us / 1000:6.1f} ms")
    print("  the largest modules beyond the baseline:")
    for name, us in sorted(extra.items(), key=lambda kv: -kv[1])[:25]:
        print(f"    {name:50} {us / 1000:6.1f} ms")


def profile(path: Path) -> None:
    import io
    import pstats

    for order, count in (("cumulative", 45), ("tottime", 25)):
        text = io.StringIO()
        stats = pstats.Stats(str(path), stream=text)
        stats.strip_dirs().sort_stats(order).print_stats(count)
        print(f"profile to the first frame, by {order}:")
        print("\n".join(text.getvalue().splitlines()[4:]))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    isolate()
    os.environ.pop("AWS_ENDPOINT_URL", None)
    seed_cache()
    code = _RUN % {"endpoint": ENDPOINT}
    terminal = Terminal("profile")
    app, paint = [], []
    for _ in range(rounds):
        paint.append(run(terminal, _PAINT)[0])
        app.append(run(terminal, code)[0])
    figures = {}
    for what, index in (("cpu", 0), ("wall", 1)):
        app_ms = statistics.median(x[index] for x in app) * 1000
        paint_ms = statistics.median(x[index] for x in paint) * 1000
        figures[f"app_{what}_ms"], figures[f"paint_{what}_ms"] = round(app_ms), round(paint_ms)
        figures[f"{what}_ratio"] = round(app_ms / paint_ms, 2)
    print(f"to the first frame, medians of {rounds}:", json.dumps(figures))
    base = [run(terminal, _PAINT, "-X", "importtime")[1].with_name("stderr") for _ in range(3)]
    runs = [run(terminal, code, "-X", "importtime")[1].with_name("stderr") for _ in range(3)]
    importtime(runs, base)
    _, out = run(terminal, code, mode="profile")
    profile(Path(f"{out}.prof"))


if __name__ == "__main__":
    main()
