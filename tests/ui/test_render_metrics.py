"""The monitoring pane's pure renderer (ui/render/metrics.py): charts, gaps, numbers, ticks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lambdatui.aws.config import AsyncInvokeConfig, Concurrency, EventSourceMapping
from lambdatui.aws.metrics import PaneMetrics, Series, dimensions, window
from lambdatui.ui.render import metrics as rm

NOW = datetime(2026, 3, 2, 18, 1, tzinfo=UTC)
WIN = window("1h", NOW, 70)  # 60 one-minute points


def _series(
    metric: str, stat: str, values: dict[int, float], executed: str = "", qualifier: str = ""
) -> Series:
    grid = WIN.timestamps()
    dims = dimensions("f", qualifier or None, executed)
    return Series(metric, stat, dims, grid, tuple(values.get(i) for i in range(len(grid))))


def _pane(*series: Series, qualifier: str | None = None) -> PaneMetrics:
    return PaneMetrics("f", qualifier, WIN, series)


def test_a_gap_splits_a_line_and_is_never_a_zero() -> None:
    line = rm.Line("all", "•", _series("Invocations", "Sum", {0: 1, 1: 2, 5: 3, 59: 0}))
    runs = rm.segments(line, WIN)
    assert [ys for _, ys in runs] == [[1, 2], [3], [0]]
    assert runs[1][0] == [300.0]  # seconds from the window's start
    assert rm.stats(line) == rm.Stats(latest=0, low=0, high=3, total=6)


def test_no_datapoint_says_no_data_and_a_missing_series_says_why() -> None:
    empty = _series("Errors", "Sum", {})
    missing = Series("Duration", "p99", (), WIN.timestamps(), (None,) * WIN.points, missing="x")
    chart = rm.Chart("c", "C", rm.COUNT, (rm.Line("e", "•", empty), rm.Line("p", "x", missing)))
    rows = rm.stats_rows(chart)
    assert rows[0].split() == ["latest", "min", "max", "sum"]
    assert rows[1].split()[-2:] == ["no", "data"] and rows[2].endswith("not available")


def test_sums_only_where_a_sum_means_something() -> None:
    duration = _series("Duration", "Average", {0: 100.0, 1: 2500.0})
    chart = rm.Chart("d", "Duration", rm.MS, (rm.Line("avg", "•", duration),), additive=False)
    assert rm.stats_rows(chart)[1].split() == ["•", "avg", "2.5", "s", "100", "ms", "2.5", "s", "–"]


def test_values_read_as_people_write_them() -> None:
    assert rm.value_text(1234, rm.COUNT) == "1,234"
    assert rm.value_text(1234, rm.COUNT, short=True) == "1.2k"
    assert rm.value_text(12.5, rm.COUNT) == "12.5"
    assert rm.value_text(310.4, rm.MS) == "310 ms"
    assert rm.value_text(4200, rm.MS) == "4.2 s"
    assert rm.value_text(90_000, rm.MS) == "1.5 min"
    assert rm.value_text(26.04, rm.PERCENT) == "26.0%"
    assert rm.value_text(None, rm.COUNT) == "–"


def test_the_charts_follow_what_was_asked() -> None:
    core = [
        _series("Invocations", "Sum", {0: 10}),
        _series("Errors", "Sum", {0: 5}),
        _series("Throttles", "Sum", {}),
        *(_series("Duration", s, {0: 1}) for s in ("Average", "p50", "p90", "p99")),
        _series("ConcurrentExecutions", "Maximum", {0: 1}),
    ]
    keys = [c.key for c in rm.charts(_pane(*core))]
    assert keys == ["invocations", "errors", "error-rate", "duration", "throttles", "concurrency"]
    rate = next(c for c in rm.charts(_pane(*core)) if c.key == "error-rate")
    assert rate.lines[0].series.values[0] == 50.0
    duration = next(c for c in rm.charts(_pane(*core)) if c.key == "duration")
    assert [line.marker for line in duration.lines] == ["•", "x", "+", "o"]  # shapes differ
    used = _series("ProvisionedConcurrencyUtilization", "Maximum", {0: 0.25})
    extra = rm.charts(_pane(*core, used))[-1]
    assert extra.key == "pc-use" and extra.lines[0].values()[0] == 25.0  # a ratio, as %


def test_an_alias_draws_each_executed_version() -> None:
    alias = [
        _series("Invocations", "Sum", {0: 10}, qualifier="live"),
        _series("Invocations", "Sum", {0: 9}, executed="3", qualifier="live"),
        _series("Invocations", "Sum", {0: 1}, executed="4", qualifier="live"),
    ]
    calls = rm.charts(_pane(*alias, qualifier="live"), ["3", "4"])[0]
    assert [(x.label, x.marker) for x in calls.lines] == [("all", "•"), ("v3", "x"), ("v4", "+")]


def test_the_worst_bucket_is_the_earliest_of_the_most_errors() -> None:
    errors = _series("Errors", "Sum", {3: 4, 7: 9, 9: 9, 12: 1})
    assert rm.worst_bucket(errors) == WIN.start + timedelta(minutes=7)
    assert rm.worst_bucket(_series("Errors", "Sum", {2: 0})) is None


def test_axes_have_a_few_round_ticks() -> None:
    ticks = rm.time_ticks(window("1w", NOW, 70))
    assert 3 <= len(ticks) <= 5 and all(len(label) == 6 for _, label in ticks)  # 'Mon 02'
    hour = rm.time_ticks(WIN)
    assert 2 <= len(hour) <= 5 and all(
        label.endswith(("00", "15", "30", "45")) for _, label in hour
    )
    top, labels = rm.value_ticks(42, rm.COUNT)
    assert top == 50 and [label for _, label in labels] == ["0", "25", "50"]
    assert rm.value_ticks(None, rm.MS)[0] == 1.0  # nothing to draw: still an axis


def _mapping(kind_arn: str, on_failure: str = "") -> EventSourceMapping:
    from lambdatui.aws.config import EventSourceMapping as ESM

    return ESM.from_api(
        {
            "UUID": "u",
            "EventSourceArn": kind_arn,
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
            "State": "Enabled",
            "DestinationConfig": {"OnFailure": {"Destination": on_failure}} if on_failure else {},
        }
    )


def test_optional_metrics_apply_from_the_configuration() -> None:
    assert rm.metric_features(None) == ()
    stream = _mapping("arn:aws:kinesis:us-east-1:123456789012:stream/clicks")
    queue = _mapping("arn:aws:sqs:us-east-1:123456789012:jobs", on_failure="arn:aws:sqs:x:1:dlq")
    assert rm.metric_features(None, mappings=[stream]) == ("stream",)
    assert rm.metric_features(None, mappings=[queue]) == ("destinations",)
    invoke_config = AsyncInvokeConfig("arn", None, 1, 60, "", "arn:aws:sqs:x:1:failed", None)
    assert rm.metric_features(None, async_config=invoke_config) == ("async", "destinations")
    assert rm.metric_features("live", concurrency=Concurrency(None)) == ()


def test_provisioned_concurrency_and_async_callers_bring_their_metrics() -> None:
    from lambdatui.aws.config import PolicyStatement, ProvisionedConcurrency

    arn = "arn:aws:lambda:us-east-1:123456789012:function:f:live"
    pc = ProvisionedConcurrency.from_api({"FunctionArn": arn, "Status": "READY"})
    assert rm.metric_features("live", concurrency=Concurrency(None, (pc,))) == ("provisioned",)
    s3 = PolicyStatement.from_api(
        {"Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}}
    )
    api = PolicyStatement.from_api(
        {"Sid": "api", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}}
    )
    assert rm.metric_features(None, policy=[s3]) == ("async",)
    assert rm.metric_features(None, policy=[api]) == ()  # API Gateway waits for the answer
