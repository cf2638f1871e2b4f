"""User stories of the monitoring pane (`m` in a function's view), on the seeded demo account.

The demo's week of metrics has an incident 130 minutes before the seeding: payment-webhook's
errors spike to about 60 % for 25 minutes. What the pane shows is checked against what
CloudWatch itself holds, read with boto3's own GetMetricData (not the app's gateway).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from lambdatui.demo import metric_history
from lambdatui.ui.screens.function import FunctionScreen
from lambdatui.ui.screens.logs import LogsScreen
from lambdatui.ui.widgets.monitor import AXIS_COLUMNS, MonitorPane
from tests.demo_time import SEEDED_AT, a_minute_after_seeding
from tests.ui.helpers import make_app, notifications, press_id, screen_text, settle, wait_until
from tests.wire import delayed_proxy

SPIKE = "payment-webhook"


@pytest.fixture
def demo(shared_demo: Any) -> Any:
    """The seeded demo, shared by this module's tests: they only read it."""
    return shared_demo


def _app(endpoint: str) -> Any:
    return make_app(endpoint, demo=True, use_cache=False, clock=a_minute_after_seeding)


async def _open_monitor(pilot: Any, name: str) -> MonitorPane:
    """From the list: the function's view, then `m`; the pane once it has drawn."""
    await settle(pilot)
    pilot.app.screen.table.move_cursor_to_key(name)
    await press_id(pilot, "functions.open")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FunctionScreen)
    await press_id(pilot, "function.tab-monitoring")
    await settle(pilot)
    pane = pilot.app.screen.query_one(MonitorPane)
    assert pane.has_focus and pane.showing
    return pane


def _cloudwatch_sums(
    endpoint: str, metric: str, start: datetime, end: datetime, period: int
) -> dict[datetime, float]:
    """What CloudWatch holds: ``metric``'s Sum for payment-webhook per period (boto3)."""
    client = boto3.client("cloudwatch", endpoint_url=endpoint, region_name="us-east-1")
    reply = client.get_metric_data(
        MetricDataQueries=[
            {
                "Id": "m",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/Lambda",
                        "MetricName": metric,
                        "Dimensions": [{"Name": "FunctionName", "Value": SPIKE}],
                    },
                    "Period": period,
                    "Stat": "Sum",
                },
            }
        ],
        StartTime=start,
        EndTime=end,
    )
    result = reply["MetricDataResults"][0]
    return {
        t.astimezone(UTC): v for t, v in zip(result["Timestamps"], result["Values"], strict=True)
    }


@pytest.mark.slow
async def test_m_shows_the_error_spike_in_numbers_and_graphs(demo: Any) -> None:
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, SPIKE)
        assert pane.requests == 1  # the key and the tab's activation: one request between them
        win = pane.metrics.window
        assert win.period == 300  # 3h (the default) in 5-minute points
        assert win.points <= pane.size.width - AXIS_COLUMNS  # no more points than columns
        errors = _cloudwatch_sums(demo.endpoint_url, "Errors", win.start, win.end, win.period)
        calls = _cloudwatch_sums(demo.endpoint_url, "Invocations", win.start, win.end, 300)
        spike_at = SEEDED_AT - timedelta(minutes=metric_history.SPIKE_START)
        worst = max(errors, key=lambda t: errors[t])
        assert spike_at <= worst < spike_at + timedelta(minutes=metric_history.SPIKE_MINUTES)
        rate = max(100 * errors[t] / calls[t] for t in errors)
        assert rate >= 50  # the incident, not the usual 1 %

        text = screen_text(app)
        assert "Range 1h [3h] 12h 1d 3d 1w" in text
        total = sum(errors.values())
        assert f"Errors {total:,.0f} = " in text and f"(peak {rate:.1f}%)" in text
        assert f"Invocations {sum(calls.values()):,.0f}" in text

        pane.scroll_to_widget(pane.query_one("#chart-errors"), animate=False, top=True)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        stats = next(line for line in lines if line.startswith("• errors"))
        latest = errors[max(errors)]
        assert stats.split()[2:] == [
            f"{latest:,.0f}",
            f"{min(errors.values()):,.0f}",
            f"{errors[worst]:,.0f}",
            f"{total:,.0f}",
        ]
        assert any("16:00" in line and "17:00" in line for line in lines)  # the time axis


@pytest.mark.slow
async def test_range_keys_go_to_a_week_with_as_many_points_as_columns(demo: Any) -> None:
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, SPIKE)
        before = demo.metrics_knobs.requests
        for expected in ("12h", "1d", "3d", "1w"):
            await press_id(pilot, "monitor.wider")
            await settle(pilot)
            assert pane.range == expected and f"[{expected}]" in screen_text(app)
        assert demo.metrics_knobs.requests - before == 4  # one GetMetricData per refresh
        win = pane.metrics.window
        assert (win.end - win.start) >= timedelta(days=7) and win.period == 3 * 3600
        assert win.points <= pane.size.width - AXIS_COLUMNS
        assert "3-hour points" in screen_text(app)
        week = pane.metrics.get("Invocations", "Sum")
        assert week is not None and len(week.points()) > 40  # the whole seeded week
        await press_id(pilot, "monitor.wider")  # the longest already: stays
        await settle(pilot)
        assert pane.range == "1w" and demo.metrics_knobs.requests - before == 4
        await press_id(pilot, "monitor.narrower")
        await settle(pilot)
        assert pane.range == "3d" and "[3d]" in screen_text(app)
        asked = demo.metrics_knobs.requests
        await press_id(pilot, "function.refresh")  # r: the view's calls, and the metrics
        await settle(pilot)
        assert demo.metrics_knobs.requests == asked + 1


@pytest.mark.slow
async def test_w_opens_the_logs_at_the_worst_minute_of_the_highest_error_peak(
    demo: Any,
) -> None:
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, SPIKE)
        await press_id(pilot, "monitor.wider")  # 12h
        await settle(pilot)
        win = pane.metrics.window
        assert win.period == 900  # so the pane has to look inside its 15-minute bucket
        buckets = _cloudwatch_sums(demo.endpoint_url, "Errors", win.start, win.end, 900)
        peak = min(t for t, v in buckets.items() if v == max(buckets.values()))
        inside = _cloudwatch_sums(
            demo.endpoint_url, "Errors", peak, peak + timedelta(minutes=15), 60
        )
        minute = min(t for t, v in inside.items() if v == max(inside.values()))
        assert minute != peak  # the seeded spike's worst minute is not its bucket's first
        spike_at = SEEDED_AT - timedelta(minutes=metric_history.SPIKE_START)
        assert spike_at <= minute < spike_at + timedelta(minutes=metric_history.SPIKE_MINUTES)
        await press_id(pilot, "monitor.worst-minute")
        await wait_until(pilot, lambda: isinstance(app.screen, LogsScreen))
        logs = app.screen
        assert isinstance(logs, LogsScreen)
        assert logs.function == SPIKE
        assert logs.since_ms == int(minute.timestamp() * 1000)
        local = minute.astimezone()
        await wait_until(pilot, lambda: f"since {local:%Y-%m-%d %H:%M}" in screen_text(app))
        await press_id(pilot, "logs.back")
        await wait_until(pilot, lambda: isinstance(app.screen, FunctionScreen))
        assert pane.refreshing  # shown again


@pytest.mark.slow
async def test_an_alias_shows_what_each_executed_version_ran(demo: Any) -> None:
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.table.move_cursor_to_key("orders-api")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FunctionScreen)
        await press_id(pilot, "function.tab-aliases")
        await settle(pilot)
        screen.query_one("#aliases-table").move_cursor_to_key("live")
        await press_id(pilot, "function.qualifier")
        await press_id(pilot, "function.tab-monitoring")
        await settle(pilot)
        pane = screen.query_one(MonitorPane)
        assert pane.qualifier == "live" and pane.versions == ("3", "4")
        text = screen_text(app)
        rows = {
            line.split(":")[0].strip(): line
            for line in text.splitlines()
            if " v3:" in line or " v4:" in line
        }
        v3 = float(rows["v3"].split(":")[1].split()[0].replace(",", ""))
        v4 = float(rows["v4"].split(":")[1].split()[0].replace(",", ""))
        assert v3 > 5 * v4 > 0  # 90 % / 10 %
        assert "x v3" in text and "+ v4" in text  # their lines in the Invocations graph


@pytest.mark.slow
async def test_a_denied_getmetricdata_is_said_in_the_pane(demo: Any) -> None:
    def deny(method: str, path: str) -> bool:
        return path.split()[-1] == "GetMetricData"  # 'POST / GetMetricData' (X-Amz-Target)

    with delayed_proxy(demo.endpoint_url, deny=deny) as (url, seen):
        app = _app(url)
        async with app.run_test(size=(80, 24)) as pilot:
            pane = await _open_monitor(pilot, SPIKE)
            assert "POST / GetMetricData" in seen
            assert "Metrics not permitted: cloudwatch:GetMetricData" in screen_text(app)
            assert pane.metrics is None and not pane.query(".metric-chart")
            await press_id(pilot, "function.tab-configuration")
            await settle(pilot)
            assert "python3" in screen_text(app)  # the rest of the view works on
            assert app.is_running


@pytest.mark.slow
async def test_the_pane_refreshes_only_while_it_is_shown(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MonitorPane, "REFRESH_SECONDS", 0.2)
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, SPIKE)
        start = demo.metrics_knobs.requests
        await wait_until(pilot, lambda: demo.metrics_knobs.requests >= start + 2)
        assert pane.refreshing

        await press_id(pilot, "function.tab-configuration")  # another tab
        await settle(pilot)
        assert not pane.refreshing
        hidden = demo.metrics_knobs.requests
        await pilot.pause(0.8)
        assert demo.metrics_knobs.requests == hidden

        await press_id(pilot, "function.tab-monitoring")
        await wait_until(pilot, lambda: demo.metrics_knobs.requests > hidden)
        assert pane.refreshing

        await press_id(pilot, "function.logs")  # another screen on top
        await wait_until(pilot, lambda: isinstance(app.screen, LogsScreen))
        assert not pane.refreshing
        covered = demo.metrics_knobs.requests
        await pilot.pause(0.8)
        assert demo.metrics_knobs.requests == covered
        await press_id(pilot, "logs.back")
        await wait_until(pilot, lambda: pane.refreshing)


@pytest.mark.slow
async def test_plain_moto_loses_only_the_percentiles_and_says_so(plain_moto: Any) -> None:
    from tests.plain_moto import seed_like_a_real_account

    seed_like_a_real_account(plain_moto, names=("orders",))
    now = datetime.now(UTC)
    plain_moto.client("cloudwatch").put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[
            {
                "MetricName": name,
                "Dimensions": [{"Name": "FunctionName", "Value": "orders"}],
                "Timestamp": now - timedelta(minutes=10),
                "Values": values,
            }
            for name, values in (("Invocations", [1.0, 1.0, 1.0]), ("Duration", [20.0, 40.0]))
        ],
    )
    app = make_app(plain_moto.endpoint_url, clock=lambda: datetime.now(UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, "orders")
        assert pane.metrics is not None
        text = screen_text(app)
        assert "note: this endpoint could not compute percentiles" in text
        assert "Invocations 3" in text
        pane.scroll_to_widget(pane.query_one("#chart-duration"), animate=False, top=True)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any(line.startswith("x p50") and "not available" in line for line in lines)
        assert any(line.startswith("• avg") and "30 ms" in line for line in lines)
        assert app.is_running


@pytest.mark.slow
async def test_a_function_without_data_shows_gaps_and_w_says_there_were_no_errors(
    demo: Any,
) -> None:
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, "hello-world")  # never invoked in the seeded week
        calls = pane.metrics.get("Invocations", "Sum")
        assert calls is not None and set(calls.values) == {None}  # gaps, not zeros
        text = screen_text(app)
        assert "Invocations – · Errors – · Throttles –" in text
        assert "no datapoints in this range" in text
        await press_id(pilot, "monitor.worst-minute")
        await pilot.pause()
        assert any("No errors in the last 3h" in n for n in notifications(app))
        assert isinstance(app.screen, FunctionScreen)


@pytest.mark.slow
async def test_the_next_function_opened_never_shows_the_last_ones_graphs(demo: Any) -> None:
    """The function view is reused for the next function: its pane starts empty, and `m`
    draws that function's own metrics."""
    app = _app(demo.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_monitor(pilot, SPIKE)
        assert pane.query(".metric-chart")
        await press_id(pilot, "function.back")
        await settle(pilot)
        app.screen.table.move_cursor_to_key("hello-world")
        await press_id(pilot, "functions.open")
        await settle(pilot)
        again = app.screen.query_one(MonitorPane)
        assert again is pane and pane.metrics is None and not pane.query(".metric-chart")
        assert "Invocations" not in screen_text(app)
        await press_id(pilot, "function.tab-monitoring")
        await settle(pilot)
        assert pane.metrics is not None and pane.metrics.function == "hello-world"
        assert "Invocations – · Errors –" in screen_text(app)


@pytest.mark.slow
async def test_the_graphs_on_screen_are_drawn_as_the_data_arrives_not_in_the_frame(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back on the tab with its data stale: the charts that were on screen have their graphs
    drawn when the reply arrives, at the width they are shown at; the frame draws none."""
    from lambdatui.ui.widgets.metric_chart import STATS_COLUMNS, WIDE, MetricChart

    app = _app(demo.endpoint_url)
    async with app.run_test(size=(120, 50)) as pilot:
        pane = await _open_monitor(pilot, SPIKE)
        await press_id(pilot, "function.tab-configuration")
        await settle(pilot)
        on_screen = dict(pane._on_screen)
        assert "invocations" in on_screen and "concurrency" not in on_screen  # below the fold

        built: list[tuple[str, int, bool]] = []
        build, prepare = MetricChart._build, MetricChart.prepare
        ahead = [False]

        def counted_build(self: MetricChart, width: int) -> Any:
            built.append((self.chart.key, width, ahead[0]))
            return build(self, width)

        def counted_prepare(self: MetricChart, width: int) -> None:
            ahead[0] = True
            try:
                prepare(self, width)
            finally:
                ahead[0] = False

        monkeypatch.setattr(MetricChart, "_build", counted_build)
        monkeypatch.setattr(MetricChart, "prepare", counted_prepare)
        pane._fetched = None  # stale: showing the tab asks again
        await press_id(pilot, "function.tab-monitoring")
        await wait_until(pilot, lambda: pane.requests == 2)
        await settle(pilot)
        plotted = {c.chart.key for c in pane.query(MetricChart) if c.has_data}
        assert {key for key, _, was_ahead in built if was_ahead} == set(on_screen) & plotted
        assert [b for b in built if not b[2]] == []  # the frame drew no graph
        shown = {c.chart.key: c.size.width for c in pane.query(MetricChart)}
        assert {k: w for k, w in shown.items() if k in on_screen} == on_screen  # widths too
        graph = [
            w - STATS_COLUMNS if w >= WIDE else w for k, w in on_screen.items() if k in plotted
        ]
        assert sorted(width for _, width, _ in built) == sorted(graph)
