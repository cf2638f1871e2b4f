"""The metrics records and query building: pure, no endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lambdatui.aws import metrics
from lambdatui.aws.metrics import ResultPages, Window

NOW = datetime(2026, 12, 6, 10, 7, 31, tzinfo=UTC)


@pytest.mark.parametrize("range_", list(metrics.RANGES))
@pytest.mark.parametrize("columns", [20, 60, 120, 300])
def test_every_range_fits_its_columns_on_whole_clock_buckets(range_: str, columns: int) -> None:
    win = metrics.window(range_, NOW, columns)
    assert win.period >= 60 and win.period % 60 == 0
    assert win.points <= columns
    assert win.start.timestamp() % win.period == 0 and win.end.timestamp() % win.period == 0
    assert win.start <= NOW - timedelta(seconds=metrics.RANGES[range_]) + timedelta(
        seconds=win.period
    )
    assert win.start < NOW < win.end  # the bucket now falls in is the last one


def test_the_period_is_the_shortest_that_fits() -> None:
    assert metrics.window("1h", NOW, 120).period == 60
    assert metrics.window("1h", NOW, 59).period == 120
    assert metrics.window("1w", NOW, 120).period == 7200
    assert metrics.window("1w", NOW, 200).period == 3600


def test_an_hour_at_a_minute_ends_with_the_current_minute() -> None:
    win = metrics.window("1h", NOW, 100)
    assert win.end == datetime(2026, 12, 6, 10, 8, tzinfo=UTC)
    assert win.start == datetime(2026, 12, 6, 9, 8, tzinfo=UTC)
    assert len(win.timestamps()) == 60 and win.timestamps()[-1] == datetime(
        2026, 12, 6, 10, 7, tzinfo=UTC
    )


def test_an_unknown_range_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown range"):
        metrics.window("2h", NOW, 100)


def test_dimensions_follow_what_lambda_publishes() -> None:
    assert metrics.dimensions("orders") == (("FunctionName", "orders"),)
    assert metrics.dimensions("orders", "$LATEST") == (("FunctionName", "orders"),)
    assert metrics.dimensions("orders", "live") == (
        ("FunctionName", "orders"),
        ("Resource", "orders:live"),
    )
    assert dict(metrics.dimensions("orders", "live", "4"))["ExecutedVersion"] == "4"


def test_the_pane_asks_the_core_metrics_and_only_the_features_given() -> None:
    win = metrics.window("3h", NOW, 120)
    core = metrics.pane_queries("orders", "3", win)
    asked = {(q.metric, q.stat) for q in core}
    assert ("Duration", "p99") in asked and ("ConcurrentExecutions", "Maximum") in asked
    assert not any(q.metric == "IteratorAge" for q in core)
    assert all(q.dimensions == (("FunctionName", "orders"), ("Resource", "orders:3")) for q in core)
    more = metrics.pane_queries("orders", None, win, features={"stream", "async"})
    names = {q.metric for q in more}
    assert {"IteratorAge", "AsyncEventAge", "AsyncEventsDropped"} <= names
    assert "DeadLetterErrors" not in names
    assert len({q.id for q in more}) == len(more)
    assert all(q.period == win.period for q in more)
    with pytest.raises(ValueError, match="unknown metric features"):
        metrics.pane_queries("orders", None, win, features={"nope"})


def test_an_alias_also_asks_what_each_version_it_ran_did() -> None:
    win = metrics.window("1h", NOW, 120)
    queries = metrics.pane_queries("orders", "live", win, executed_versions=["3", "4"])
    by_version = [q for q in queries if dict(q.dimensions).get("ExecutedVersion")]
    assert {dict(q.dimensions)["ExecutedVersion"] for q in by_version} == {"3", "4"}
    # a version runs itself: nothing per executed version
    assert not any(
        dict(q.dimensions).get("ExecutedVersion")
        for q in metrics.pane_queries("orders", "3", win, executed_versions=["3"])
    )


def test_a_query_goes_out_as_getmetricdata_takes_it() -> None:
    query = metrics.MetricQuery("q0_0", "Errors", "Sum", metrics.dimensions("f", "live"), 300)
    assert query.to_api() == {
        "Id": "q0_0",
        "Label": "Errors Sum",
        "ReturnData": True,
        "MetricStat": {
            "Metric": {
                "Namespace": "AWS/Lambda",
                "MetricName": "Errors",
                "Dimensions": [
                    {"Name": "FunctionName", "Value": "f"},
                    {"Name": "Resource", "Value": "f:live"},
                ],
            },
            "Period": 300,
            "Stat": "Sum",
        },
    }


def test_the_list_batch_fits_500_queries_a_request_without_splitting_a_function() -> None:
    win = metrics.window("1h", NOW, 12)
    names = [f"fn-{i}" for i in range(601)]
    queries = metrics.activity_queries(names, win)
    assert len(queries) == 1202
    chunks = metrics.batches(queries)
    assert [len(c) for c in chunks] == [500, 500, 202]
    for chunk in chunks:
        assert chunk[0].id.startswith("i") and chunk[-1].id.startswith("e")
    assert [q for chunk in chunks for q in chunk] == list(queries)
    assert [len(c) for c in metrics.batches(queries[:10], 5)] == [4, 4, 2]


def _win() -> Window:
    start = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    return Window(start, start + timedelta(minutes=5), 60)


def test_missing_timestamps_are_gaps_never_zeros() -> None:
    win = _win()
    query = metrics.MetricQuery("a", "Invocations", "Sum", metrics.dimensions("f"), 60)
    pages = ResultPages()
    stamps = win.timestamps()
    # CloudWatch's default order: newest first; the first page, then the rest (NextToken)
    pages.add({"MetricDataResults": [{"Id": "a", "Timestamps": [stamps[3]], "Values": [0.0]}]})
    pages.add(
        {
            "MetricDataResults": [
                {"Id": "a", "Timestamps": [stamps[1], stamps[0]], "Values": [2.0, 5.0]}
            ]
        }
    )
    (series,) = metrics.series_from_results([query], pages, win)
    assert series.values == (5.0, 2.0, None, 0.0, None)
    assert series.total() == 7.0
    assert series.points() == [(stamps[0], 5.0), (stamps[1], 2.0), (stamps[3], 0.0)]


def test_epoch_and_naive_timestamps_land_on_the_grid() -> None:
    win = _win()
    query = metrics.MetricQuery("a", "Errors", "Sum", metrics.dimensions("f"), 60)
    pages = ResultPages()
    first = win.timestamps()[0]
    pages.add(
        {
            "MetricDataResults": [
                {
                    "Id": "a",
                    "Timestamps": [
                        first.timestamp(),
                        first.replace(tzinfo=None) + timedelta(minutes=1),
                    ],
                    "Values": [1, 2],
                    "StatusCode": "PartialData",
                }
            ]
        }
    )
    (series,) = metrics.series_from_results([query], pages, win)
    assert series.values[:2] == (1.0, 2.0)
    assert series.status == "PartialData"


def test_the_error_rate_is_a_gap_where_nothing_ran() -> None:
    win = _win()
    grid = win.timestamps()
    dims = metrics.dimensions("f")
    calls = metrics.Series("Invocations", "Sum", dims, grid, (10.0, None, 4.0, 0.0, 2.0))
    failed = metrics.Series("Errors", "Sum", dims, grid, (1.0, None, None, None, 2.0))
    assert metrics.error_rate(calls, failed).values == (10.0, None, 0.0, None, 100.0)
    pane = metrics.PaneMetrics("f", None, win, (calls, failed))
    rate = pane.error_rate()
    assert rate is not None and rate.values[0] == 10.0
    assert pane.get("Duration", "p99") is None
