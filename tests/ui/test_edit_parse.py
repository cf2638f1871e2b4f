"""The edit form's text read into settings, without Pilot: every rule the form applies as it is
typed (ranges by kind of function, whole numbers, the environment, reserved and provisioned
concurrency, alias routing, scaling), checked on ``parse`` directly."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.aws.settings import Context, Settings
from lambdatui.ui.edit import hints
from lambdatui.ui.edit.parse import applies, parse, shown, start_values, typed_changes

BEFORE = Settings(
    memory_mb=512,
    timeout_s=3,
    storage_mb=512,
    environment=(("STAGE", "test"), ("TOKEN", "s3cret")),
)
LATEST = Context(function="shop", unreserved=1000)
MANAGED = Context(function="fleet", managed_instances=True, unreserved=1000)
ALIAS = Context(function="shop", qualifier="live", is_alias=True, unreserved=1000)
VERSION = Context(function="shop", qualifier="2", unreserved=1000)
SCALED = Context(function="fleet", qualifier="1", managed_instances=True, scaling_version="1")


def form(before: Settings = BEFORE, **typed: str) -> dict[str, str]:
    """The form as filled from ``before``, with ``typed`` fields changed."""
    return {**shown(before), **typed}


def read(
    context: Context = LATEST,
    before: Settings = BEFORE,
    env: tuple[tuple[str, str], ...] | None = None,
    **typed: str,
) -> Any:
    return parse(form(before, **typed), before.environment if env is None else env, before, context)


def problem(field: str, **kwargs: Any) -> str:
    parsed = read(**kwargs)
    assert parsed.settings is None, parsed
    return str(parsed.problems[field])


def test_the_form_as_filled_reads_back_as_the_settings_it_was_filled_with() -> None:
    for context in (LATEST, ALIAS, VERSION, SCALED):
        before = BEFORE.with_changes(
            reserved=10,
            provisioned=2 if context.published else None,
            scaling_min=3 if context.scaling_version else None,
            scaling_max=12 if context.scaling_version else None,
        )
        parsed = read(context, before)
        assert parsed.settings == before and parsed.problems == {}


@pytest.mark.parametrize(
    ("context", "field", "value", "message"),
    [
        (LATEST, "memory_mb", "127", "Memory must be 128–10240 MB (got 127)."),
        (LATEST, "memory_mb", "10241", "Memory must be 128–10240 MB (got 10241)."),
        (
            MANAGED,
            "memory_mb",
            "32769",
            "Memory must be 128–32768 MB on Lambda Managed Instances (got 32769).",
        ),
        (LATEST, "timeout_s", "0", "Timeout must be 1–900 seconds (got 0)."),
        (LATEST, "timeout_s", "901", "Timeout must be 1–900 seconds (got 901)."),
        (
            MANAGED,
            "timeout_s",
            "5401",
            "Timeout must be 1–5400 seconds on Lambda Managed Instances (got 5401).",
        ),
        (LATEST, "storage_mb", "511", "Ephemeral storage must be 512–10240 MB (got 511)."),
        (LATEST, "storage_mb", "20480", "Ephemeral storage must be 512–10240 MB (got 20480)."),
        (LATEST, "memory_mb", "lots", "A whole number, please (got lots)."),
        (LATEST, "memory_mb", "", "A whole number, please (got nothing)."),
        (LATEST, "timeout_s", "1.5", "A whole number, please (got 1.5)."),
        (LATEST, "reserved", "-1", "Reserved concurrency must be 0 or more (got -1)."),
    ],
)
def test_a_bad_value_is_a_problem_of_its_field(
    context: Context, field: str, value: str, message: str
) -> None:
    parsed = read(context, **{field: value})
    assert parsed.settings is None
    assert parsed.problems == {field: message}


def test_boundaries_are_accepted_and_managed_instances_allow_more() -> None:
    top = read(memory_mb="10240", timeout_s="900", storage_mb="10240").settings
    assert (top.memory_mb, top.timeout_s, top.storage_mb) == (10240, 900, 10240)
    low = read(memory_mb="128", timeout_s="1", storage_mb="512").settings
    assert (low.memory_mb, low.timeout_s, low.storage_mb) == (128, 1, 512)
    managed = read(MANAGED, memory_mb="32768", timeout_s="5400", storage_mb="32768").settings
    assert (managed.memory_mb, managed.timeout_s, managed.storage_mb) == (32768, 5400, 32768)


def test_spaces_around_a_number_are_ignored() -> None:
    assert read(memory_mb=" 1024 ").settings.memory_mb == 1024


def test_every_unreadable_field_is_reported_at_once() -> None:
    parsed = read(memory_mb="x", timeout_s="y", reserved="z")
    assert set(parsed.problems) == {"memory_mb", "timeout_s", "reserved"}


def test_reserved_empty_is_none_zero_throttles_and_the_floor_is_the_account_s() -> None:
    assert read(reserved="").settings.reserved is None
    assert read(reserved="0").settings.reserved == 0
    assert read(reserved="900").settings.reserved == 900
    assert problem("reserved", reserved="901") == (
        "At most 900: the account must keep 100 unreserved executions (1000 unreserved now)."
    )
    # its own reservation comes back to the pool first
    assert read(before=BEFORE.with_changes(reserved=50), reserved="950").settings.reserved == 950
    # unknown account limits: the floor is left to the service
    unknown = Context(function="shop", limits_missing="AccessDenied")
    assert read(unknown, reserved="100000").settings.reserved == 100000


def test_provisioned_only_on_a_version_or_alias_at_least_1_and_within_reserved() -> None:
    assert read(LATEST, provisioned="5").settings.provisioned is None  # not on $LATEST's form
    assert not applies("provisioned", LATEST) and applies("provisioned", VERSION)
    assert read(VERSION, provisioned="2").settings.provisioned == 2
    assert read(VERSION, before=BEFORE.with_changes(provisioned=2), provisioned="").settings == (
        BEFORE
    )
    assert problem("provisioned", context=VERSION, provisioned="0") == (
        "Provisioned concurrency must be 1 or more (got 0); leave it empty for none."
    )
    assert problem("provisioned", context=VERSION, reserved="5", provisioned="6") == (
        "At most the function's reserved concurrency (5)."
    )


def test_environment_rows_names_removal_and_duplicates() -> None:
    rows = (("STAGE", "prod"), ("", "dropped"), (" NEW_ONE ", "n3w"))
    assert read(env=rows).settings.environment == (("STAGE", "prod"), ("NEW_ONE", "n3w"))
    assert read(env=()).settings.environment == ()
    assert problem("environment", env=(("A1", "x"), ("A1", "y"))) == "A1 is defined twice."
    assert "'1X' is not a valid variable name" in problem("environment", env=(("1X", "x"),))
    assert "'X' is not a valid variable name" in problem("environment", env=(("X", "x"),))
    assert problem("environment", env=(("AWS_REGION", "x"),)) == (
        "AWS_REGION is reserved by Lambda and cannot be set."
    )


def test_environment_over_4_kb_is_refused_as_lambda_measures_it() -> None:
    # {"BIG":"…"} is 10 bytes around the value: 4086 bytes of value make exactly 4096
    assert read(env=(("BIG", "x" * 4086),)).settings is not None
    message = problem("environment", env=(("BIG", "x" * 4087),))
    assert message == "Environment variables take 4097 bytes; Lambda allows 4096 (4 KB)."
    assert read(env=(("BIG", "é" * 2043),)).settings is not None  # 2 bytes each in UTF-8
    assert read(env=(("BIG", "é" * 2044),)).settings is None


def test_alias_routing_is_not_the_edit_forms_but_the_alias_forms() -> None:
    """One way to change an alias's version and routing: the alias form (ui/release)."""
    before = BEFORE.with_changes(alias_version="1", alias_weights=(("2", 0.1),))
    typed = {"alias_version": "3", "alias_extra": "1", "alias_weight": "lots"}
    assert read(ALIAS, before, **typed).settings == before
    assert read(VERSION, alias_extra="2", alias_weight="x").settings == BEFORE


def test_scaling_min_and_max_of_a_managed_instances_version() -> None:
    before = BEFORE.with_changes(scaling_min=3, scaling_max=12)
    after = read(SCALED, before, scaling_min="13", scaling_max="40").settings
    assert (after.scaling_min, after.scaling_max) == (13, 40)
    assert problem("scaling_min", context=SCALED, before=before, scaling_min="13") == (
        "Min (13) must not be above max (12)."
    )
    assert problem("scaling_max", context=SCALED, before=before, scaling_max="15001") == (
        "Max execution environments must be 0–15000 (got 15001)."
    )
    assert problem("scaling_max", context=SCALED, before=before, scaling_max="") == (
        "Max execution environments cannot be emptied: Lambda has no call that removes a "
        "scaling config."
    )
    unset = read(SCALED, BEFORE, scaling_min="", scaling_max="5").settings
    assert (unset.scaling_min, unset.scaling_max) == (None, 5)
    # no published Managed Instances version: the fields are not on the form and not read
    assert not applies("scaling_min", MANAGED)
    assert read(MANAGED, before, scaling_min="99", scaling_max="1").settings == before


def test_typed_changes_name_the_fields_that_differ_from_the_form_as_filled() -> None:
    assert typed_changes(form(), BEFORE.environment, BEFORE, LATEST) == []
    changed = typed_changes(form(memory_mb="1024"), (("STAGE", "test"),), BEFORE, LATEST)
    assert changed == ["Memory (MB)", "Environment"]
    # a field the form does not show never counts
    assert typed_changes(form(provisioned="3"), BEFORE.environment, BEFORE, LATEST) == []
    assert typed_changes(form(provisioned="3"), BEFORE.environment, BEFORE, VERSION) == [
        "Provisioned"
    ]


def test_a_revert_starts_from_the_values_before_the_change_where_they_apply() -> None:
    current = BEFORE.with_changes(memory_mb=2048, provisioned=4, scaling_min=3, scaling_max=12)
    preset = BEFORE.with_changes(memory_mb=512, provisioned=2)
    on_latest = start_values(current, preset, None)
    assert on_latest.memory_mb == 512 and on_latest.provisioned == 4  # $LATEST: no provisioned
    assert (on_latest.scaling_min, on_latest.scaling_max) == (3, 12)  # not in the preset: kept
    assert start_values(current, preset, "2").provisioned == 2
    assert start_values(current, None, "2") is current


def test_hints_follow_what_is_typed() -> None:
    assert hints.memory_hint(LATEST, BEFORE, "1769") == (
        "128–10240 · 1.00 vCPU, $0.0000288/s (×3.46)"
    )
    assert hints.memory_hint(LATEST, BEFORE, "99999") == "128–10240"
    assert hints.memory_hint(MANAGED, BEFORE) == "128–32768"
    assert hints.reserved_hint(LATEST, BEFORE, "0") == "⚠ 0 THROTTLES it: every invocation refused"
    assert hints.reserved_hint(LATEST, BEFORE) == "0–900, empty: none · 0 throttles"
    assert hints.reserved_hint(SCALED, BEFORE).endswith("floor not checked")
    assert hints.environment_title({}, revealed=False) == "Environment: none · ^n add"
    title = hints.environment_title({"A1": "b"}, revealed=False)
    assert title == "Environment (10 of 4096 bytes) · ^n add · clear a name to remove · ^r reveal"
    assert "provisioned concurrency to live (its version and routing: e in the Aliases tab)" in (
        hints.scope(ALIAS)
    )
    assert "the unreserved floor (100) is not checked here" in hints.scope(SCALED)
