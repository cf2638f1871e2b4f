"""The edit form's checks: every boundary, the floor, the ranges by kind of function."""

from __future__ import annotations

import pytest

from lambdatui.aws import settings as s
from lambdatui.aws.settings import Context, Settings


@pytest.mark.parametrize(
    ("memory", "ok"), [(127, False), (128, True), (1769, True), (10240, True), (10241, False)]
)
def test_memory_bounds(memory: int, ok: bool) -> None:
    assert (s.check_memory(memory) is None) is ok


def test_managed_instances_allow_up_to_32768() -> None:
    assert s.check_memory(32768, managed_instances=True) is None
    assert s.check_memory(32769, managed_instances=True) is not None
    assert s.check_memory(20000) == "Memory must be 128–10240 MB (got 20000)."
    assert s.memory_range(True) == (128, 32768)


@pytest.mark.parametrize(("timeout", "ok"), [(0, False), (1, True), (900, True), (901, False)])
def test_timeout_bounds(timeout: int, ok: bool) -> None:
    assert (s.check_timeout(timeout) is None) is ok


@pytest.mark.parametrize(
    ("storage", "ok"), [(511, False), (512, True), (10240, True), (10241, False)]
)
def test_storage_bounds(storage: int, ok: bool) -> None:
    assert (s.check_storage(storage) is None) is ok


def test_environment_size_is_counted_as_lambda_counts_it() -> None:
    # {"KK":"…"}: 9 bytes around the value, as the service's "String measured" shows.
    assert s.environment_size({"KK": "x" * 4087}) == 4096
    assert s.check_environment({"KK": "x" * 4087}) is None
    assert s.check_environment({"KK": "x" * 4088}) == (
        "Environment variables take 4097 bytes; Lambda allows 4096 (4 KB)."
    )
    assert s.environment_size({"KK": "é"}) == 11  # bytes (é is two), not characters


def test_environment_keys() -> None:
    assert s.check_env_key("DB_HOST") is None
    assert "not a valid variable name" in (s.check_env_key("1X") or "")
    assert "reserved by Lambda" in (s.check_env_key("AWS_REGION") or "")


def test_reserved_floor_counts_the_function_s_own_reservation_back() -> None:
    # 1000 in the account, 150 unreserved now, this function holds 50 of the rest.
    assert s.max_reserved(150, 50) == 100
    assert s.check_reserved(100, 150, 50) is None
    assert "At most 100" in (s.check_reserved(101, 150, 50) or "")
    assert s.check_reserved(0, 150, None) is None  # 0 throttles; allowed
    assert s.check_reserved(-1, None, None) is not None


def test_provisioned_needs_a_published_qualifier() -> None:
    latest = Context(function="f")
    assert "never $LATEST" in (s.check_provisioned(2, latest, None) or "")
    version = Context(function="f", qualifier="3")
    assert s.check_provisioned(2, version, None) is None
    assert "reserved concurrency (1)" in (s.check_provisioned(2, version, 1) or "")


@pytest.mark.parametrize(
    ("weight", "ok"), [(-0.01, False), (0.0, True), (1.0, True), (1.01, False)]
)
def test_weights(weight: float, ok: bool) -> None:
    assert (s.check_weight(weight) is None) is ok


def test_check_collects_every_problem_by_field() -> None:
    before = Settings(512, 3, 512)
    after = Settings(10241, 0, 511, (("AWS_REGION", "x"),), reserved=2000)
    problems = s.check(before, after, Context(function="f", unreserved=1000))
    assert set(problems) == {"memory_mb", "timeout_s", "storage_mb", "environment", "reserved"}


def test_production_pattern() -> None:
    assert s.is_production(("acme-PROD-admin", None))
    assert s.is_production((None, "production"))
    assert not s.is_production(("staging", "123456789012"))
    assert s.is_production(("live",), pattern=r"^live$")


def test_every_kind_of_qualifier() -> None:
    from lambdatui.aws import qualifiers as q

    assert [q.kind(x) for x in (None, "", "$LATEST", "$LATEST.PUBLISHED", "7", "live")] == [
        "latest",
        "latest",
        "latest",
        "latest-published",
        "version",
        "alias",
    ]
    assert not q.is_alias("$LATEST.PUBLISHED") and q.is_published("$LATEST.PUBLISHED")
    assert not q.takes_provisioned("$LATEST.PUBLISHED")  # the API's pattern has no "."
    assert not q.can_have_url("$LATEST.PUBLISHED") and q.can_have_url("live")
    assert sorted(["3", "$LATEST.PUBLISHED", "10", "$LATEST"], key=q.version_order) == [
        "$LATEST",
        "$LATEST.PUBLISHED",
        "3",
        "10",
    ]


def test_latest_published_takes_no_provisioned_concurrency() -> None:
    context = Context(function="fleet", qualifier="$LATEST.PUBLISHED")
    assert not context.published
    assert "$LATEST.PUBLISHED" in (s.check_provisioned(2, context, None) or "")


def test_managed_instances_allow_longer_timeouts_and_more_storage() -> None:
    assert s.timeout_range() == (1, 900) and s.timeout_range(True) == (1, 5400)
    assert s.storage_range() == (512, 10240) and s.storage_range(True) == (512, 32768)
    assert s.check_timeout(5400, managed_instances=True) is None
    assert s.check_timeout(5401, managed_instances=True) is not None
    assert s.check_timeout(901) == "Timeout must be 1–900 seconds (got 901)."
    assert s.check_storage(32768, managed_instances=True) is None
    assert s.check_storage(10241) == "Ephemeral storage must be 512–10240 MB (got 10241)."
    managed = Context(function="fleet", managed_instances=True)
    ordinary = Context(function="shop")
    before = Settings(memory_mb=2048, timeout_s=60, storage_mb=512)
    after = before.with_changes(timeout_s=3600, storage_mb=20480, memory_mb=16384)
    assert s.check(before, after, managed) == {}
    assert set(s.check(before, after, ordinary)) == {"memory_mb", "timeout_s", "storage_mb"}
    # before any call, only what no function allows is refused
    assert s.check_alone(timeout_s=3600, storage_mb=20480) == []
    assert s.check_alone(storage_mb=32769) == [
        "Ephemeral storage must be 512–10240 MB (got 32769)."
    ]


def test_the_limits_are_the_lambda_model_s() -> None:
    """The model's shapes hold the Managed Instances maxima; its documentation, the others."""
    import botocore.session

    model = botocore.session.get_session().get_service_model("lambda")
    assert model.shape_for("MemorySize").metadata["max"] == s.MEMORY_MAX_MANAGED
    assert model.shape_for("MemorySize").metadata["min"] == s.MEMORY_MIN
    assert model.shape_for("EphemeralStorageSize").metadata["max"] == s.STORAGE_MAX_MANAGED
    assert model.shape_for("EphemeralStorageSize").metadata["min"] == s.STORAGE_MIN
    assert model.shape_for("Timeout").metadata["max"] == s.TIMEOUT_MAX_MANAGED
    update = model.operation_model("UpdateFunctionConfiguration").input_shape.members
    assert "between 512 and 10,240 MB" in update["EphemeralStorage"].documentation
    timeout_doc = update["Timeout"].documentation
    assert "maximum allowed value is 900 seconds" in timeout_doc
    assert "Lambda Managed Instances" in timeout_doc and "5,400 seconds" in timeout_doc
