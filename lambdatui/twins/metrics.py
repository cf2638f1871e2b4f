"""``lambdatui metrics FUNCTION[:QUALIFIER]``: a function's CloudWatch metrics, as datapoints.

The monitoring pane's data: ``AWS/Lambda`` metrics of the function as a whole (no qualifier or
``$LATEST``) or of one version or alias (``Resource`` = ``name:qualifier``), over ``--since``
(1h, 3h, 12h, 1d, 3d, 1w; default 1h) at the period the pane would use for it, in one
GetMetricData request. Per metric and statistic it prints the datapoints CloudWatch returned
(UTC time, value), oldest first; a period without data prints nothing (it is not a zero).
``--json``: one object per datapoint and line, ``{"metric", "stat", "timestamp", "value"}``.

Exit 0; an unknown function or a bad argument: one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_OK
from ._common import fail, run_with_gateway
from .logs import split_function

#: typing's own constant without importing typing: ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from ..aws.gateway import Gateway
    from ..aws.metrics import Series
    from ..aws.target import Target

HELP = "print a function's CloudWatch metrics (Invocations, Errors, Duration …) as datapoints"
#: Points per series: the period follows the range as in the pane at its usual width.
POINTS = 120
_RANGES = ("1h", "3h", "12h", "1d", "3d", "1w")
_STATS = ("Sum", "Average", "Minimum", "Maximum", "SampleCount")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "function", metavar="FUNCTION[:QUALIFIER]", help="name or ARN[:version|alias]"
    )
    parser.add_argument(
        "--since", default="1h", help=f"how far back: {', '.join(_RANGES)} (default: 1h)"
    )
    parser.add_argument(
        "--metric",
        action="append",
        default=[],
        metavar="NAME",
        help="a metric (repeatable; default: Invocations, Errors, Throttles, Duration, "
        "ConcurrentExecutions)",
    )
    parser.add_argument(
        "--stat",
        action="append",
        default=[],
        metavar="STAT",
        help="Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p99 "
        "(repeatable; default: each metric's own)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per datapoint")


def _known_metrics() -> dict[str, tuple[str, ...]]:
    """Every metric the pane knows, with its default statistics."""
    from ..aws import metrics

    known = dict(metrics.CORE)
    for specs in metrics.FEATURES.values():
        known.update(dict(specs))
    return known


def _problem(args: argparse.Namespace) -> str:
    from ..aws.metrics import is_percentile

    if args.since not in _RANGES:
        return f"--since must be one of {', '.join(_RANGES)}, not {args.since!r}"
    known = _known_metrics()
    for name in args.metric:
        if name not in known:
            return f"unknown metric {name!r}: one of {', '.join(sorted(known))}"
    for stat in args.stat:
        if stat not in _STATS and not is_percentile(stat):
            return f"unknown statistic {stat!r}: {', '.join(_STATS)} or a percentile (p99)"
    return ""


def _json(record: object) -> str:
    import json  # here: the module loads for ``--help`` too

    return json.dumps(record, ensure_ascii=True)


def _stamp(moment: datetime) -> str:
    from datetime import UTC

    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _print(series: list[Series], as_json: bool) -> None:
    from ..sanitize import clean

    out = sys.stdout
    for i, one in enumerate(series):
        if as_json:
            for moment, value in one.points():
                record: dict[str, str | float] = {
                    "metric": one.metric,
                    "stat": one.stat,
                    "timestamp": _stamp(moment),
                    "value": value,
                }
                out.write(_json(record) + "\n")
            continue
        if i:
            out.write("\n")
        note = f"  ({clean(one.missing)})" if one.missing else ""
        out.write(f"{one.metric} ({one.stat}){note}\n")
        points = one.points()
        for moment, value in points:
            out.write(f"  {_stamp(moment)}  {value:g}\n")
        if not points and not one.missing:
            out.write("  no datapoints\n")
    out.flush()


def run(args: argparse.Namespace, target: Target) -> int:
    problem = _problem(args)
    if problem:
        return fail(problem)
    name, qualifier = split_function(args.function)
    known = _known_metrics()
    wanted = args.metric or [m for m, _ in _core()]

    async def work(gateway: Gateway) -> int:
        from ..aws import metrics

        await gateway.get_function_detail(name, qualifier)  # NotFound: one line, exit 2
        from datetime import UTC, datetime

        win = metrics.window(args.since, datetime.now(UTC), POINTS)
        dims = metrics.dimensions(name, qualifier)
        queries = [
            metrics.MetricQuery(f"q{i}_{j}", metric, stat, dims, win.period)
            for i, metric in enumerate(wanted)
            for j, stat in enumerate(args.stat or known[metric])
        ]
        series, notes = await gateway.series_for(queries, win)
        for note in notes:
            print(f"lambdatui: {' '.join(note.split())}", file=sys.stderr)
        _print(list(series), args.json)
        return EXIT_OK

    try:
        return run_with_gateway(target, work)
    except BrokenPipeError:  # `| head`: the reader has all it wanted
        return EXIT_OK if sys.stdout.closed else EXIT_ERROR


def _core() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from ..aws.metrics import CORE

    return CORE
