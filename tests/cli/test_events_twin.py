"""`lambdatui events list|show|save|delete` as whole processes: output, files, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest

from lambdatui.store.events import SHARED, EventLibrary, SavedEvent


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lt-home"


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LAMBDATUI_HOME": str(home), "AWS_REGION": "us-east-1"}
    return subprocess.run(
        [sys.executable, "-m", "lambdatui", "events", *args],
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin,
        env=env,
    )


def library(home: Path) -> EventLibrary:
    return EventLibrary(home / "data" / "events")


def test_save_list_show_delete(home: Path, tmp_path: Path):
    saved = run(home, "save", "orders-api", "smoke", "--payload", '{"a": 1}', "--description", "d")
    assert (saved.returncode, saved.stdout) == (0, "")
    assert "saved smoke in" in saved.stderr
    source = tmp_path / "big.json"
    source.write_text('{"items": [1, 2]}')
    assert run(home, "save", "orders-api:live", "big", "--file", str(source)).returncode == 0
    assert (
        run(home, "save", "any", "everyone", "--shared", "--file", "-", stdin="[]").returncode == 0
    )

    listed = run(home, "list", "orders-api")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["NAME", "SCOPE", "LAST", "USED", "DESCRIPTION"]
    assert [line.split()[:2] for line in lines[1:]] == [
        ["big", "function"],
        ["smoke", "function"],
        ["everyone", "shared"],
    ]
    assert lines[2].split()[-1] == "d"
    assert run(home, "list", "other-fn").stdout.splitlines()[1].split()[:2] == [
        "everyone",
        "shared",
    ]

    shown = run(home, "show", "orders-api", "big")
    assert (shown.returncode, json.loads(shown.stdout)) == (0, {"items": [1, 2]})
    assert json.loads(run(home, "show", "orders-api", "everyone").stdout) == []

    assert run(home, "delete", "orders-api", "smoke").returncode == 0
    assert [e.name for e in library(home).list_group("orders-api")[0]] == ["big"]
    missing = run(home, "show", "orders-api", "smoke")
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert missing.stderr.strip().splitlines() == [
        "lambdatui: No saved event named 'smoke' in the shared events."
    ]


def test_list_pads_by_terminal_cells_so_wide_names_keep_the_columns(home: Path):
    from rich.cells import cell_len

    for name in ("ünï 漢字 😀", "plain"):
        assert run(home, "save", "fn", name, "--payload", "{}").returncode == 0
    lines = run(home, "list", "fn").stdout.splitlines()
    # SCOPE starts in the same terminal column on every line
    columns = {
        cell_len(line[: line.index(scope)])
        for line, scope in zip(lines, ("SCOPE", "function", "function"), strict=True)
    }
    assert len(columns) == 1, lines


def test_saving_again_replaces_and_keeps_the_description(home: Path):
    run(home, "save", "fn", "e", "--payload", "1", "--description", "keep me")
    again = run(home, "save", "fn", "e", "--payload", "2")
    assert again.returncode == 0 and "replaced e" in again.stderr
    event = library(home).load("fn", "e")
    assert (event.payload, event.description) == ("2", "keep me")


def test_invalid_json_is_a_usage_error_with_line_and_column(home: Path):
    bad = run(home, "save", "fn", "e", "--payload", '{\n "a": }')
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "lambdatui: --payload is not valid JSON: Expecting value at line 2, column 7"
    )
    unreadable = run(home, "save", "fn", "e", "--file", str(home / "nope.json"))
    assert unreadable.returncode == 2 and "cannot read" in unreadable.stderr
    usage = run(home, "save", "fn", "e")  # neither --payload nor --file
    assert usage.returncode == 2
    assert library(home).list("fn") == ([], [])


def test_a_corrupt_file_is_reported_and_not_overwritten(home: Path):
    folder = home / "data" / "events" / "fn"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{oops")
    listed = run(home, "list", "fn")
    assert listed.returncode == 0
    assert "skipped" in listed.stderr and "broken.json" in listed.stderr
    refused = run(home, "save", "fn", "broken", "--payload", "{}")
    assert refused.returncode == 1
    assert "kept as it is" in refused.stderr
    assert (folder / "broken.json").read_text() == "{oops"


def test_untrusted_names_are_printed_without_escape_sequences(home: Path):
    library(home).save(SavedEvent("evil\x1b]52;c;aGk=\x07name", "{}", SHARED, "\x1b[2Jdesc"))
    listed = run(home, "list", "fn")
    assert "\x1b" not in listed.stdout
    assert "evilname" in listed.stdout.replace(" ", "")


def schemas(account: Any) -> Any:
    return boto3.client("schemas", endpoint_url=account.endpoint_url, region_name=account.region)


def test_remote_events_round_trip_through_the_account(home: Path, account: Any):
    url = ["--endpoint-url", account.endpoint_url]
    empty = run(home, "list", "orders-api", "--remote", *url)
    assert (empty.returncode, empty.stdout) == (0, "")
    saved = run(home, "save", "orders-api", "smoke", "--remote", "--payload", '{"a": 1}', *url)
    assert saved.returncode == 0, saved.stderr
    content = schemas(account).describe_schema(
        RegistryName="lambda-testevent-schemas", SchemaName="_orders-api-schema"
    )["Content"]
    assert json.loads(content)["components"]["examples"] == {"smoke": {"value": {"a": 1}}}
    listed = run(home, "list", "orders-api", "--remote", *url)
    assert listed.stdout.splitlines()[1].split() == ["smoke", "shareable"]
    shown = run(home, "show", "orders-api", "smoke", "--remote", *url)
    assert json.loads(shown.stdout) == {"a": 1}
    assert run(home, "show", "orders-api", "nope", "--remote", *url).returncode == 1
    read_only = run(home, "delete", "orders-api", "smoke", "--remote", "--read-only", *url)
    assert read_only.returncode == 1 and "read-only" in read_only.stderr
    assert run(home, "delete", "orders-api", "smoke", "--remote", *url).returncode == 0
    assert run(home, "list", "orders-api", "--remote", *url).stdout == ""
    bad_name = run(home, "save", "orders-api", "has space", "--remote", "--payload", "{}", *url)
    assert bad_name.returncode == 2 and "shareable event name" in bad_name.stderr
    assert library(home).list("orders-api") == ([], [])  # nothing was saved locally


def test_remote_without_an_endpoint_is_one_line_exit_2(home: Path):
    result = run(home, "list", "fn", "--remote", "--endpoint-url", "http://127.0.0.1:9")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_remote_on_an_endpoint_without_the_registry_is_one_line_asked_once(home: Path):
    from tests.wire import HtmlPage, delayed_proxy

    page = HtmlPage(500, "Internal Server Error")
    with delayed_proxy("http://127.0.0.1:9", refuse=lambda *_: page) as (url, seen):
        result = run(home, "list", "fn", "--remote", "--endpoint-url", url)
    assert result.returncode == 2
    assert result.stderr == (
        "lambdatui: shareable events not available: HTTP 500 from the endpoint: "
        "Internal Server Error (schemas:DescribeSchema)\n"
    )
    assert result.stdout == ""
    assert seen == ["GET /v1/registries/name/lambda-testevent-schemas/schemas/name/_fn-schema"]


def test_save_from_a_template(home: Path):
    saved = run(home, "save", "fn", "upload", "--template", "s3-put")
    assert saved.returncode == 0, saved.stderr
    payload = json.loads(run(home, "show", "fn", "upload").stdout)
    assert payload["Records"][0]["eventName"] == "ObjectCreated:Put"
    unknown = run(home, "save", "fn", "x", "--template", "nope")
    assert unknown.returncode == 2
    assert "no template 'nope'; the templates are: apigateway-rest," in unknown.stderr


def test_local_events_need_no_region_but_remote_ones_say_so(home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("AWS_REGION", "AWS_DEFAULT_REGION")}
    env["LAMBDATUI_HOME"] = str(home)

    def bare(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lambdatui", "events", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    assert bare("save", "fn", "e1", "--payload", "{}").returncode == 0
    listed = bare("list", "fn")
    assert listed.returncode == 0 and "e1" in listed.stdout
    remote = bare("list", "fn", "--remote")
    assert remote.returncode == 2
    assert remote.stderr.strip() == (
        "lambdatui: no AWS region for --remote: pass --region or set AWS_REGION"
    )


def test_nan_and_infinity_are_refused_with_the_position(home: Path):
    done = run(home, "save", "fn", "e", "--payload", '{"a": 1,\n "b": Infinity}')
    assert done.returncode == 2 and done.stdout == ""
    assert "--payload is not valid JSON: Infinity is not JSON at line 2, column 7" in done.stderr
    assert library(home).list_group("fn") == ([], [])


def test_saved_as_given_and_shown_as_given(home: Path, tmp_path: Path):
    source = tmp_path / "compact.json"
    source.write_text('{"a":[1,2],"b":{"c":null}}\n')
    assert run(home, "save", "fn", "e", "--file", str(source)).returncode == 0
    assert library(home).load("fn", "e").payload == '{"a":[1,2],"b":{"c":null}}\n'
    assert run(home, "show", "fn", "e").stdout == '{"a":[1,2],"b":{"c":null}}\n'
