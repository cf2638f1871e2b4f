"""RevisionId: on every function configuration and alias, new on every update, and a stale one
sent with an update is refused with 412 PreconditionFailedException."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

STALE_MESSAGE = (
    "The Revision Id provided does not match the latest Revision Id. "
    "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
)


def assert_precondition_failed(caught: pytest.ExceptionInfo[ClientError]) -> None:
    error = caught.value.response["Error"]
    assert error["Code"] == "PreconditionFailedException"
    assert error["Message"] == STALE_MESSAGE
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412


def test_every_reply_with_a_configuration_carries_the_same_revision_id(
    lam: Any, make_function: Any
) -> None:
    created = make_function("rev")
    revision = created["RevisionId"]
    assert revision

    assert lam.get_function(FunctionName="rev")["Configuration"]["RevisionId"] == revision
    assert lam.get_function_configuration(FunctionName="rev")["RevisionId"] == revision
    [listed] = lam.list_functions()["Functions"]
    assert listed["RevisionId"] == revision
    [latest] = lam.list_versions_by_function(FunctionName="rev")["Versions"]
    assert latest["RevisionId"] == revision


def test_each_update_gives_a_new_revision_id(lam: Any, make_function: Any) -> None:
    first = make_function("rev")["RevisionId"]

    second = lam.update_function_configuration(FunctionName="rev", MemorySize=256)["RevisionId"]
    code = lam.update_function_code(FunctionName="rev", ZipFile=_other_code())["RevisionId"]

    assert len({first, second, code}) == 3
    assert lam.get_function_configuration(FunctionName="rev")["RevisionId"] == code


def test_each_update_dates_the_function_anew(lam: Any, make_function: Any, account: Any) -> None:
    """LastModified is the time of the last update of code or configuration, in Lambda's
    format (moto keeps the creation's)."""
    make_function("rev")
    later = datetime.now(UTC) + timedelta(hours=2)
    account.knobs.clock = lambda: later
    stamp = later.strftime("%Y-%m-%dT%H:%M:%S.") + f"{later.microsecond // 1000:03d}+0000"

    reply = lam.update_function_configuration(FunctionName="rev", MemorySize=256)
    assert reply["LastModified"] == stamp
    assert lam.get_function_configuration(FunctionName="rev")["LastModified"] == stamp
    [listed] = lam.list_functions()["Functions"]
    assert listed["LastModified"] == stamp

    code_time = later + timedelta(minutes=5)
    account.knobs.clock = lambda: code_time
    lam.update_function_code(FunctionName="rev", ZipFile=_other_code())
    code_stamp = lam.get_function(FunctionName="rev")["Configuration"]["LastModified"]
    assert code_stamp.startswith(code_time.strftime("%Y-%m-%dT%H:%M:%S."))


def test_a_published_version_has_its_own_revision_id(lam: Any, make_function: Any) -> None:
    latest = make_function("rev")["RevisionId"]
    published = lam.publish_version(FunctionName="rev")
    assert published["Version"] == "1"
    assert published["RevisionId"] not in ("", latest)
    again = lam.get_function_configuration(FunctionName="rev", Qualifier="1")
    assert again["RevisionId"] == published["RevisionId"]
    assert lam.get_function_configuration(FunctionName="rev")["RevisionId"] == latest


def test_updates_with_the_current_revision_id_succeed(lam: Any, make_function: Any) -> None:
    revision = make_function("rev")["RevisionId"]
    updated = lam.update_function_configuration(
        FunctionName="rev", Description="checked", RevisionId=revision
    )
    updated = lam.update_function_code(
        FunctionName="rev", ZipFile=_other_code(), RevisionId=updated["RevisionId"]
    )
    published = lam.publish_version(FunctionName="rev", RevisionId=updated["RevisionId"])
    assert published["Version"] == "1"


def test_a_stale_revision_id_is_refused_by_every_function_update(
    lam: Any, make_function: Any
) -> None:
    stale = make_function("rev")["RevisionId"]
    lam.update_function_configuration(FunctionName="rev", Description="someone else")

    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(FunctionName="rev", MemorySize=512, RevisionId=stale)
    assert_precondition_failed(caught)
    with pytest.raises(ClientError) as caught:
        lam.update_function_code(FunctionName="rev", ZipFile=_other_code(), RevisionId=stale)
    assert_precondition_failed(caught)
    with pytest.raises(ClientError) as caught:
        lam.publish_version(FunctionName="rev", RevisionId=stale)
    assert_precondition_failed(caught)

    config = lam.get_function_configuration(FunctionName="rev")
    assert config["MemorySize"] == 128  # nothing was applied
    assert lam.list_versions_by_function(FunctionName="rev")["Versions"][-1]["Version"] == "$LATEST"


def test_alias_revision_id_changes_on_update_and_guards_it(lam: Any, make_function: Any) -> None:
    make_function("rev")
    lam.publish_version(FunctionName="rev")
    lam.update_function_configuration(FunctionName="rev", Description="two")
    lam.publish_version(FunctionName="rev")
    created = lam.create_alias(FunctionName="rev", Name="live", FunctionVersion="1")
    assert created["RevisionId"]
    assert lam.get_alias(FunctionName="rev", Name="live")["RevisionId"] == created["RevisionId"]

    updated = lam.update_alias(
        FunctionName="rev", Name="live", FunctionVersion="2", RevisionId=created["RevisionId"]
    )
    assert updated["RevisionId"] != created["RevisionId"]
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert lam.get_alias(FunctionName="rev", Name="live")["RevisionId"] == updated["RevisionId"]
    [listed] = lam.list_aliases(FunctionName="rev")["Aliases"]
    assert listed["RevisionId"] == updated["RevisionId"]

    with pytest.raises(ClientError) as caught:
        lam.update_alias(
            FunctionName="rev", Name="live", FunctionVersion="1", RevisionId=created["RevisionId"]
        )
    assert_precondition_failed(caught)
    assert lam.get_alias(FunctionName="rev", Name="live")["FunctionVersion"] == "2"


def _other_code() -> bytes:
    from .conftest import zip_of

    return zip_of({"app.py": "def handler(event, context):\n    return 'changed'\n"})
