"""A function's CloudWatch metrics (GetMetricData), mixed into ``Gateway``.

``pane_metrics`` sends every query of the monitoring pane in one GetMetricData request (and
follows NextToken, which CloudWatch sends only past 100,800 datapoints); ``function_activity``
asks Invocations and Errors of many functions for the list, at most ``MAX_QUERIES`` queries a
request. Failures are the project's ``GatewayError`` naming ``cloudwatch:GetMetricData``.

An endpoint that cannot compute percentiles (plain moto answers ``p99`` with an HTTP 500 page;
another may refuse the statistic) does not cost the pane its other metrics: the request is
sent again without the percentile queries, whose series come back empty with ``missing`` set,
and ``PaneMetrics.notes`` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import errors
from .clients import ClientSource
from .metrics import (
    MAX_QUERIES,
    FunctionActivity,
    MetricQuery,
    PaneMetrics,
    ResultPages,
    Series,
    Window,
    activity_queries,
    batches,
    is_percentile,
    missing_series,
    pane_queries,
    series_by_id,
)

if TYPE_CHECKING:
    from types_aiobotocore_cloudwatch.type_defs import GetMetricDataInputTypeDef

#: Why percentile series are empty, shown by the pane.
NO_PERCENTILES = "this endpoint could not compute percentiles (p50, p90, p99)"


class MetricsCalls(ClientSource):
    """The metrics calls of ``Gateway`` (see the module docstring)."""

    async def metric_data(self, queries: Sequence[MetricQuery], win: Window) -> ResultPages:
        """One GetMetricData request for ``queries`` (at most ``MAX_QUERIES``) over ``win``,
        every NextToken page of it gathered."""
        if not 0 < len(queries) <= MAX_QUERIES:
            raise ValueError(f"GetMetricData takes 1 to {MAX_QUERIES} queries")
        cloudwatch = await self.client("cloudwatch")
        request: dict[str, Any] = {
            "MetricDataQueries": [q.to_api() for q in queries],
            "StartTime": win.start,
            "EndTime": win.end,
            "ScanBy": "TimestampAscending",
        }
        pages = ResultPages()
        async with self._translating("cloudwatch", "GetMetricData"):
            while True:
                params: GetMetricDataInputTypeDef = request  # type: ignore[assignment]
                reply = await cloudwatch.get_metric_data(**params)
                pages.add(reply)
                token = reply.get("NextToken")
                if not token:
                    return pages
                request["NextToken"] = token

    async def pane_metrics(
        self,
        function: str,
        qualifier: str | None,
        win: Window,
        features: Iterable[str] = (),
        executed_versions: Sequence[str] = (),
    ) -> PaneMetrics:
        """The monitoring pane's metrics for ``function`` (``qualifier``: None or $LATEST for
        the whole function, else a version or alias) over ``win``: one request. ``features``
        and ``executed_versions`` as in ``metrics.pane_queries``."""
        queries = pane_queries(function, qualifier, win, features, executed_versions)
        series, notes = await self.series_for(queries, win)
        return PaneMetrics(function, qualifier, win, series, notes)

    async def series_for(
        self, queries: Sequence[MetricQuery], win: Window
    ) -> tuple[tuple[Series, ...], tuple[str, ...]]:
        """A series per query (one request, at most ``MAX_QUERIES``) and what to tell the
        user: the percentiles an endpoint could not compute, CloudWatch's own messages."""
        notes: tuple[str, ...] = ()
        try:
            pages = await self.metric_data(queries, win)
        except errors.GatewayError as exc:
            asked = [q for q in queries if not is_percentile(q.stat)]
            if len(asked) == len(queries) or not _could_be_the_percentiles(exc):
                raise
            pages = await self.metric_data(asked, win)  # a failure now is the real one
            notes = (NO_PERCENTILES,)
        found = series_by_id(queries, pages, win)
        series = [
            missing_series(q, win, NO_PERCENTILES)
            if notes and is_percentile(q.stat)
            else found[q.id]
            for q in queries
        ]
        return tuple(series), notes + tuple(m for m in pages.messages if m)

    async def function_activity(
        self, functions: Sequence[str], win: Window
    ) -> dict[str, FunctionActivity]:
        """Invocations and Errors (Sum) per bucket of ``win`` for each of ``functions``, in
        as few requests as GetMetricData allows (``MAX_QUERIES`` queries each)."""
        queries = activity_queries(functions, win)
        result: dict[str, FunctionActivity] = {}
        for chunk in batches(queries):
            pages = await self.metric_data(chunk, win)
            answered = series_by_id(chunk, pages, win)
            for query in chunk:
                if query.id.startswith("i"):
                    n = int(query.id[1:])
                    result[functions[n]] = FunctionActivity(
                        functions[n], answered[query.id], answered[f"e{n}"]
                    )
        return result


def _could_be_the_percentiles(exc: errors.GatewayError) -> bool:
    """A failure that asking without percentiles may avoid: the endpoint's own error page
    (a 500), a statistic refused as invalid, or an error the endpoint did not name."""
    if isinstance(exc, errors.EndpointPage):
        return not exc.transient
    return isinstance(exc, errors.ValidationFailed | errors.UnexpectedError | errors.ServiceError)
