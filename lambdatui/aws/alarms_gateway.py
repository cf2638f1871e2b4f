"""CloudWatch alarms, mixed into ``Gateway``: the state of one named alarm (DescribeAlarms).

A traffic shift may be guarded by an alarm the user already has (on latency, on a queue's
depth, on anything): the shift rolls back when it is in ``ALARM``. Metric and composite
alarms are both looked up; an alarm that does not exist is ``NotFound`` naming it.
"""

from __future__ import annotations

from . import errors
from .clients import ClientSource


class AlarmCalls(ClientSource):
    """The alarm calls of ``Gateway`` (see the module docstring)."""

    async def alarm_state(self, name: str) -> str:
        """``OK``, ``ALARM`` or ``INSUFFICIENT_DATA``: the state of alarm ``name`` now."""
        cloudwatch = await self.client("cloudwatch")
        async with self._translating("cloudwatch", "DescribeAlarms"):
            reply = await cloudwatch.describe_alarms(
                AlarmNames=[name], AlarmTypes=["MetricAlarm", "CompositeAlarm"]
            )
        for alarm in [*(reply.get("MetricAlarms") or ()), *(reply.get("CompositeAlarms") or ())]:
            if alarm.get("AlarmName") == name:
                return str(alarm.get("StateValue") or "INSUFFICIENT_DATA")
        raise errors.NotFound(
            f"No CloudWatch alarm is named {name!r} in this account and region.",
            hint="Check the name (cloudwatch:DescribeAlarms lists them).",
            operation="DescribeAlarms",
        )
