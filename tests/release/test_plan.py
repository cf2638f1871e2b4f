"""Shift plans as typed: the named ones, explicit steps, durations, rates, and one-line errors."""

from __future__ import annotations

import pytest

from lambdatui.release.plan import (
    PlanError,
    Step,
    format_duration,
    parse_duration,
    parse_plan,
    parse_rate,
    parse_steps,
    plan_from_json,
    plan_to_json,
)


def test_all_is_one_step_to_100_percent() -> None:
    assert parse_plan("all").steps == (Step(1.0),)


def test_a_canary_holds_its_share_then_goes_to_100() -> None:
    plan = parse_plan("canary10-5m")
    assert plan.steps == (Step(0.1, 300), Step(1.0))
    assert plan.describe() == "10% for 5m, 100%"


def test_linear_adds_its_share_every_period_until_100() -> None:
    steps = parse_plan("linear10-1m").steps
    assert [s.weight for s in steps] == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert all(s.hold_s == 60 for s in steps[:-1]) and steps[-1].hold_s == 0
    assert [s.weight for s in parse_plan("linear30-10s").steps] == [0.3, 0.6, 0.9, 1.0]


def test_explicit_steps_take_seconds_minutes_and_hours() -> None:
    plan = parse_steps("10:30s,50:2m,90:1h,100")
    assert plan.steps == (Step(0.1, 30), Step(0.5, 120), Step(0.9, 3600), Step(1.0))
    assert plan_from_json(plan_to_json(plan)) == plan


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("10:30s,50:2m", "the last step is 100, with no hold"),
        ("10:30s,100:1m", "the last step is 100, with no hold"),
        ("50:30s,10:1m,100", "each step sends more traffic than the last"),
        ("10,100", "give how long to hold it, as 10:30s"),
        ("10:30,100", "'30' is not a duration: a number and s, m or h"),
        ("0:30s,100", "0% is not between 0% and 100%"),
        ("ten:30s,100", "'ten' is not a percentage"),
        ("10:30s,,100", "steps are P:D separated by commas"),
        ("100:1m,100", "only the last step is 100"),
    ],
)
def test_bad_steps_say_what_is_wrong_in_one_line(text: str, said: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_steps(text)
    assert said in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("sometimes", "unknown plan 'sometimes': all, canaryP-D"),
        ("canary100-5m", "the canary step must be under 100%"),
        ("linear10-5", "'5' is not a duration"),
        ("canary10-0s", "a step is held for more than no time"),
    ],
)
def test_bad_plans_say_what_is_wrong(text: str, said: str) -> None:
    with pytest.raises(PlanError, match=said.replace("(", r"\(")):
        parse_plan(text)


def test_durations_and_rates() -> None:
    assert parse_duration("1.5m") == 90 and format_duration(90) == "1m30s"
    assert format_duration(3600) == "1h" and format_duration(0) == "0s"
    assert parse_rate("1%") == 0.01 and parse_rate("0.5") == 0.005
    with pytest.raises(PlanError, match="between 0% and 100%"):
        parse_rate("150%")
    with pytest.raises(PlanError, match="not an error rate"):
        parse_rate("lots")
