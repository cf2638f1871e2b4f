"""CloudWatch's GetMetricData, answered the way AWS documents it, from moto's metric store.

moto 5.2.5 keeps what PutMetricData sends (and what ``metric_sink`` writes for Lambda) but
answers GetMetricData differently from CloudWatch where the app depends on it:

* extended statistics (``p50``, ``p99.9``) fail with an HTTP 500 page; here they are computed
  from the raw values (and from the value distribution ``metric_sink`` keeps per datum);
* buckets start at the request's StartTime as sent; CloudWatch rounds a StartTime of the last
  15 days down to the whole minute, so buckets fall on whole minutes;
* a query without dimensions matches every metric of that name; in CloudWatch a metric *is*
  its namespace, name and exact set of dimensions, and a query names one metric;
* a query with dimensions ignores the namespace;
* no MaxDatapoints or NextToken: CloudWatch returns at most 100,800 datapoints a call and the
  rest on the following pages, the results cut off marked ``PartialData``;
* no validation of the query ids, periods or statistics, which CloudWatch refuses with 400s.

Only the JSON protocol (botocore 1.43 speaks awsJson 1.0 with query compatibility to
CloudWatch) is answered here; query-protocol and CBOR requests go to moto unchanged, as do
metric math expressions.
"""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .wire import Reply, WSGIApp, account_for, credential_scope, read_body, send

TARGET = "GraniteServiceVersion20100801.GetMetricData"
#: CloudWatch's limits: queries per request, datapoints per reply page.
MAX_QUERIES = 500
MAX_DATAPOINTS = 100_800
_ID = re.compile(r"^[a-z][a-zA-Z0-9_]{0,254}$")
_PERCENTILE = re.compile(r"^p(\d{1,2}(?:\.\d{1,10})?|100)$")
_STATS = {"Sum", "Average", "Minimum", "Maximum", "SampleCount"}
_HIGH_RESOLUTION = {1, 5, 10, 20, 30}


@dataclass
class MetricsKnobs:
    """How the local account's CloudWatch behaves, for tests: operations refused as if an IAM
    policy denied them, and datapoints per reply page (CloudWatch's 100,800)."""

    denied: set[str] = field(default_factory=set)
    max_datapoints: int = MAX_DATAPOINTS
    requests: int = 0

    def restore_defaults(self) -> None:
        self.denied = set()
        self.max_datapoints = MAX_DATAPOINTS
        self.requests = 0


class ApiRefusal(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def reply(self) -> Reply:
        """An error as CloudWatch's JSON protocol sends it, with its query-protocol code."""
        body = {"__type": f"com.amazonaws.cloudwatch#{self.code}", "message": self.message}
        headers = [
            ("Content-Type", "application/x-amz-json-1.0"),
            ("x-amzn-query-error", f"{self.code};Sender"),
        ]
        return Reply(self.status, headers, json.dumps(body).encode())


class MetricsMiddleware:
    """Answers CloudWatch's GetMetricData (JSON protocol); everything else goes to ``app``."""

    def __init__(self, app: WSGIApp, knobs: MetricsKnobs | None = None) -> None:
        self.app = app
        self.knobs = knobs or MetricsKnobs()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        scope = credential_scope(environ)
        target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
        if scope is None or scope[2] != "monitoring" or target != TARGET:
            return self.app(environ, start_response)
        access_key, region, _service = scope
        body = read_body(environ)
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            return self.app(environ, start_response)  # not JSON (CBOR): moto's, as it is
        if not isinstance(params, dict) or any(
            "Expression" in q for q in params.get("MetricDataQueries") or () if isinstance(q, dict)
        ):
            return self.app(environ, start_response)
        account = account_for(environ, access_key)
        self.knobs.requests += 1
        try:
            if "GetMetricData" in self.knobs.denied:
                raise ApiRefusal(
                    400,
                    "AccessDenied",
                    f"User: arn:aws:iam::{account}:user/demo is not authorized to perform: "
                    "cloudwatch:GetMetricData because no identity-based policy allows the "
                    "cloudwatch:GetMetricData action",
                )
            data = get_metric_data(
                stored_metrics(account, region), params, self.knobs.max_datapoints
            )
        except ApiRefusal as refusal:
            return send(refusal.reply(), start_response)
        reply = Reply(
            200, [("Content-Type", "application/x-amz-json-1.0")], json.dumps(data).encode()
        )
        return send(reply, start_response)


def stored_metrics(account: str, region: str) -> list[Any]:
    """Every datum moto's CloudWatch keeps for the account and region."""
    from moto.cloudwatch.models import cloudwatch_backends

    return list(cloudwatch_backends[account][region].get_all_metrics())


# -- The computation ------------------------------------------------------------------------


def _utc(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(UTC)


@dataclass(frozen=True)
class _Query:
    id: str
    label: str
    key: tuple[str, str, frozenset[tuple[str, str]]]
    period: int
    stat: str
    unit: str | None
    return_data: bool


def _parse_query(raw: Any, index: int) -> _Query:
    where = f"MetricDataQueries.member.{index}"
    if not isinstance(raw, dict) or "MetricStat" not in raw:
        raise ApiRefusal(
            400, "InvalidParameterValue", f"The parameter {where}.MetricStat is required."
        )
    query_id = str(raw.get("Id") or "")
    if not _ID.match(query_id):
        raise ApiRefusal(
            400,
            "ValidationError",
            f"The value {query_id} for parameter {where}.Id is not valid: it must start with a "
            "lowercase letter and hold only letters, numbers and underscores.",
        )
    stat_block = raw["MetricStat"]
    metric = stat_block.get("Metric") or {}
    period = int(stat_block.get("Period") or 0)
    if period <= 0 or (period % 60 and period not in _HIGH_RESOLUTION):
        raise ApiRefusal(
            400,
            "InvalidParameterValue",
            f"The parameter {where}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple "
            "of 60.",
        )
    stat = str(stat_block.get("Stat") or "")
    if stat not in _STATS and not _PERCENTILE.match(stat):
        raise ApiRefusal(
            400, "InvalidParameterValue", f"The parameter {where}.MetricStat.Stat is not valid."
        )
    dims = frozenset(
        (str(d.get("Name")), str(d.get("Value"))) for d in metric.get("Dimensions") or ()
    )
    name = str(metric.get("MetricName") or "")
    return _Query(
        id=query_id,
        label=str(raw.get("Label") or f"{name} {stat}"),
        key=(str(metric.get("Namespace") or ""), name, dims),
        period=period,
        stat=stat,
        unit=stat_block.get("Unit"),
        return_data=bool(raw.get("ReturnData", True)),
    )


def _samples(datum: Any) -> list[tuple[float, float]]:
    """(value, weight) pairs a datum stands for, for percentiles: a raw value, a distribution
    (``metric_sink``'s), or a statistic set CloudWatch can read percentiles from (all one
    value); a statistic set of different values has none."""
    distribution = getattr(datum, "distribution", None)
    if distribution:
        return list(distribution)
    if hasattr(datum, "value"):
        return [(float(datum.value), 1.0)]
    if float(datum.min) == float(datum.max) and float(datum.sample_count) > 0:
        return [(float(datum.min), float(datum.sample_count))]
    return []


def _percentile(samples: list[tuple[float, float]], p: float) -> float | None:
    if not samples:
        return None
    ordered = sorted(samples)
    total = sum(w for _, w in ordered)
    wanted = p / 100.0 * total
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= wanted - 1e-9:
            return value
    return ordered[-1][0]


def statistic(stat: str, data: Sequence[Any]) -> float | None:
    """``stat`` of the datums of one bucket (raw values and statistic sets together)."""
    count = total = 0.0
    low, high = float("inf"), float("-inf")
    for datum in data:
        if hasattr(datum, "value"):
            value = float(datum.value)
            count, total = count + 1, total + value
            low, high = min(low, value), max(high, value)
        else:
            count, total = count + float(datum.sample_count), total + float(datum.sum)
            low, high = min(low, float(datum.min)), max(high, float(datum.max))
    if count <= 0:
        return None
    if stat == "Sum":
        return total
    if stat == "SampleCount":
        return count
    if stat == "Average":
        return total / count
    if stat == "Minimum":
        return low
    if stat == "Maximum":
        return high
    return _percentile([s for d in data for s in _samples(d)], float(stat[1:]))


def _start_of(params: dict[str, Any]) -> tuple[datetime, datetime]:
    try:
        start, end = _utc(params["StartTime"]), _utc(params["EndTime"])
    except (KeyError, ValueError, TypeError) as exc:
        raise ApiRefusal(
            400, "ValidationError", "StartTime and EndTime are required timestamps."
        ) from exc
    if start >= end:
        raise ApiRefusal(
            400,
            "ValidationError",
            "The parameter StartTime must be less than the parameter EndTime.",
        )
    return start.replace(second=0, microsecond=0), end  # rounded down to the whole minute


def get_metric_data(
    stored: Iterable[Any], params: dict[str, Any], max_datapoints: int = MAX_DATAPOINTS
) -> dict[str, Any]:
    """GetMetricData's reply (JSON protocol) over the datums ``stored``."""
    raw = params.get("MetricDataQueries") or []
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_QUERIES:
        raise ApiRefusal(
            400,
            "InvalidParameterValue",
            f"The collection MetricDataQueries must contain between 1 and {MAX_QUERIES} items.",
        )
    queries = [_parse_query(q, i + 1) for i, q in enumerate(raw)]
    if len({q.id for q in queries}) != len(queries):
        raise ApiRefusal(400, "ValidationError", "The values for parameter Id must be unique.")
    start, end = _start_of(params)
    wanted = {q.key for q in queries}
    names = {key[:2] for key in wanted}
    found: dict[tuple[str, str, frozenset[tuple[str, str]]], list[tuple[datetime, Any]]]
    found = defaultdict(list)
    for datum in stored:
        if (datum.namespace, datum.name) not in names:
            continue
        when = _utc(datum.timestamp)
        if not start <= when < end:
            continue
        key = (datum.namespace, datum.name, frozenset((d.name, d.value) for d in datum.dimensions))
        if key in wanted:
            found[key].append((when, datum))
    descending = (params.get("ScanBy") or "TimestampDescending") == "TimestampDescending"
    results = [
        _result(q, found.get(q.key, []), start, end, descending) for q in queries if q.return_data
    ]
    return _page(
        results,
        params.get("NextToken"),
        int(params.get("MaxDatapoints") or max_datapoints),
        max_datapoints,
    )


def _result(
    query: _Query,
    data: list[tuple[datetime, Any]],
    start: datetime,
    end: datetime,
    descending: bool,
) -> dict[str, Any]:
    buckets: dict[int, list[Any]] = defaultdict(list)
    for when, datum in data:
        if query.unit and datum.unit != query.unit:
            continue
        buckets[int((when - start).total_seconds()) // query.period].append(datum)
    points: list[tuple[float, float]] = []
    for index in sorted(buckets, reverse=descending):
        value = statistic(query.stat, buckets[index])
        if value is not None:  # no data, no datapoint: CloudWatch leaves the timestamp out
            stamp = start + timedelta(seconds=index * query.period)
            if stamp < end:
                points.append((stamp.timestamp(), value))
    return {
        "Id": query.id,
        "Label": query.label,
        "Timestamps": [t for t, _ in points],
        "Values": [v for _, v in points],
        "StatusCode": "Complete",
    }


def _page(results: list[dict[str, Any]], token: Any, limit: int, ceiling: int) -> dict[str, Any]:
    """The page of datapoints after ``token``: at most ``limit`` (and CloudWatch's ceiling)."""
    skip = 0
    if token:
        try:
            skip = int(json.loads(base64.b64decode(str(token)))["skip"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ApiRefusal(400, "InvalidNextToken", "The NextToken is not valid.") from exc
    room = max(1, min(limit, ceiling))
    out, seen, more = [], 0, False
    for result in results:
        stamps, values = result["Timestamps"], result["Values"]
        first = min(len(stamps), max(0, skip - seen))
        seen += len(stamps)
        take = min(len(stamps) - first, room)
        room -= take
        cut = first + take < len(stamps)
        more = more or cut
        out.append(
            {
                **result,
                "Timestamps": stamps[first : first + take],
                "Values": values[first : first + take],
                "StatusCode": "PartialData" if cut else "Complete",
            }
        )
    reply: dict[str, Any] = {"MetricDataResults": out, "Messages": []}
    if more:
        done = skip + sum(len(r["Timestamps"]) for r in out)
        reply["NextToken"] = base64.b64encode(json.dumps({"skip": done}).encode()).decode()
    return reply
