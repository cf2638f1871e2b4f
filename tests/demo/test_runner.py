"""The handler runner: real code, Lambda's log lines in the function's log group, warm and cold
execution environments, isolation between functions, timeouts and background (Event) runs."""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from typing import Any

import pytest

from lambdatui.demo.seed import seed_demo

from .conftest import log_messages, wait_for

STREAM = re.compile(r"^\d{4}/\d{2}/\d{2}/\[(\$LATEST|\d+)\][0-9a-f]{32}$")
REPORT = re.compile(
    r"^REPORT RequestId: (?P<id>[0-9a-f-]{36})\tDuration: \d+\.\d{2} ms\t"
    r"Billed Duration: \d+ ms\tMemory Size: (?P<memory>\d+) MB\tMax Memory Used: \d+ MB"
    r"(?P<init>\tInit Duration: \d+\.\d{2} ms)?(?P<status>\tStatus: \w+)?$"
)
COUNTER = """
import logging
logger = logging.getLogger("counter")
logger.setLevel(logging.INFO)
calls = 0

def handler(event, context):
    global calls
    calls += 1
    logger.info("call %d", calls)
    return calls
"""


def invoke(lam: Any, name: str, event: Any = None, **params: Any) -> tuple[str, Any, dict]:
    reply = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}), **params)
    return reply["ResponseMetadata"]["RequestId"], json.loads(reply["Payload"].read()), reply


@pytest.mark.slow
def test_a_seeded_invocation_writes_lambda_lines_to_its_log_group(
    account: Any, lam: Any, logs: Any
) -> None:
    seed_demo(account.endpoint_url)
    batch = {"Records": [{"messageId": "m-1", "body": json.dumps({"id": "o-1", "total": "5"})}]}
    request_id, result, _ = invoke(lam, "order-processor", batch)
    assert result == {"batchItemFailures": []}

    # order-processor logs to a custom group (LoggingConfig.LogGroup).
    group = "/acme/orders/processor"
    events = logs.filter_log_events(logGroupName=group, filterPattern=f'"{request_id}"')["events"]
    stream = events[0]["logStreamName"]
    # A custom group's streams carry the function's name (Lambda's documented format).
    assert STREAM.match(stream.replace("/order-processor[", "/["))
    assert "/order-processor[$LATEST]" in stream
    every = [e["message"] for e in logs.get_log_events(logGroupName=group, logStreamName=stream)[
        "events"]]  # fmt: skip
    mine = every[every.index(f"START RequestId: {request_id} Version: $LATEST") :]
    assert mine[1] == mine[1].split("\t")[0] + "\t" + mine[1].split("\t", 1)[1]
    level, stamp, logged_id, text = mine[1].split("\t")
    assert (level, logged_id, text) == ("[INFO]", request_id, "received a batch of 1 message(s)")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", stamp)
    assert "batch done: 1 processed, 0 failed" in mine  # print() is a plain line
    end = mine.index(f"END RequestId: {request_id}")
    report = REPORT.match(mine[end + 1])
    assert report and report["id"] == request_id and report["memory"] == "1024"


def test_cold_start_then_warm_instance_reuses_its_stream(
    lam: Any, logs: Any, make_function: Any
) -> None:
    make_function("counter", files={"app.py": COUNTER})
    first_id, first, _ = invoke(lam, "counter")
    second_id, second, _ = invoke(lam, "counter")
    assert (first, second) == (1, 2)  # module state survives in the warm instance

    messages = log_messages(logs, "/aws/lambda/counter")
    reports = [REPORT.match(m) for m in messages if m.startswith("REPORT")]
    assert [(r["id"], bool(r["init"])) for r in reports if r] == [
        (first_id, True),
        (second_id, False),
    ]
    assert messages[0].startswith("INIT_START Runtime Version: python:3.12")
    streams = logs.describe_log_streams(logGroupName="/aws/lambda/counter")["logStreams"]
    assert len(streams) == 1

    lam.update_function_configuration(FunctionName="counter", Description="new revision")
    _, third, _ = invoke(lam, "counter")
    assert third == 1  # a configuration change means a new execution environment
    assert len(logs.describe_log_streams(logGroupName="/aws/lambda/counter")["logStreams"]) == 2


def test_functions_are_isolated_from_each_other_and_from_sys_modules(
    lam: Any, make_function: Any
) -> None:
    for name, value in (("left", "L"), ("right", "R")):
        make_function(
            name,
            files={
                "app.py": "import helper\nfrom pkg import util\n\ndef handler(e, c):\n"
                "    return helper.VALUE + util.VALUE\n",
                "helper.py": f"VALUE = '{value}'\n",
                "pkg/__init__.py": "",
                "pkg/util.py": f"VALUE = '{value.lower()}'\n",
            },
        )
    assert invoke(lam, "left")[1] == "Ll"
    assert invoke(lam, "right")[1] == "Rr"
    assert invoke(lam, "left")[1] == "Ll"
    assert not {"app", "helper", "pkg", "pkg.util"} & set(sys.modules)


def test_the_function_sees_its_own_environment(lam: Any, make_function: Any) -> None:
    source = (
        "import os\n\ndef handler(e, c):\n"
        "    return [os.environ.get('GREETING'), os.getenv('AWS_LAMBDA_FUNCTION_NAME'),\n"
        "            os.environ['AWS_REGION'], os.environ.get('HOME')]\n"
    )
    make_function("env", files={"app.py": source}, Environment={"Variables": {"GREETING": "hi"}})
    assert invoke(lam, "env")[1] == ["hi", "env", "us-east-1", None]
    import os

    assert "GREETING" not in os.environ


def test_handler_logging_stays_out_of_the_host_loggers(
    lam: Any, logs: Any, make_function: Any, caplog: Any
) -> None:
    source = (
        "import logging\nlogging.getLogger().setLevel(logging.DEBUG)\n"
        "logging.basicConfig(level=logging.ERROR)\n\ndef handler(e, c):\n"
        "    logging.getLogger('deep.child').debug('debug from handler')\n"
        "    logging.warning('warning from handler')\n"
    )
    make_function("loud", files={"app.py": source})
    root_level = logging.getLogger().level
    with caplog.at_level(logging.DEBUG):
        invoke(lam, "loud")
    assert "from handler" not in caplog.text
    assert logging.getLogger().level == root_level
    messages = log_messages(logs, "/aws/lambda/loud")
    assert any(m.startswith("[DEBUG]\t") and m.endswith("\tdebug from handler") for m in messages)
    assert any(m.startswith("[WARNING]\t") for m in messages)


def test_json_log_format_writes_json_records_at_the_configured_level(
    lam: Any, logs: Any, make_function: Any
) -> None:
    source = (
        "import logging\nlog = logging.getLogger('app')\n\ndef handler(e, c):\n"
        "    log.debug('hidden')\n    log.info('shown %s', 1)\n    print('plain')\n"
    )
    make_function("structured", files={"app.py": source}, LoggingConfig={"LogFormat": "JSON"})
    request_id, _, _ = invoke(lam, "structured")

    messages = log_messages(logs, "/aws/lambda/structured")
    records = [json.loads(m) for m in messages if m.startswith("{")]
    types = [r.get("type") for r in records if "type" in r]
    assert types == ["platform.initStart", "platform.start", "platform.report"]
    [app] = [r for r in records if "level" in r]
    assert app["level"] == "INFO"
    assert app["message"] == "shown 1"
    assert app["logger"] == "app"
    assert app["requestId"] == request_id
    assert "plain" in messages
    assert not any("hidden" in m for m in messages)
    report = records[-1]["record"]
    assert report["requestId"] == request_id
    assert report["status"] == "success"
    assert {"durationMs", "billedDurationMs", "memorySizeMB", "maxMemoryUsedMB"} <= set(
        report["metrics"]
    )


def test_an_exception_is_logged_as_the_runtime_does(
    lam: Any, logs: Any, make_function: Any
) -> None:
    source = "def handler(e, c):\n    raise KeyError('order_id')\n"
    make_function("failing", files={"app.py": source})
    request_id, error, reply = invoke(lam, "failing")
    assert reply["FunctionError"] == "Unhandled"
    assert error["errorType"] == "KeyError"

    messages = log_messages(logs, "/aws/lambda/failing")
    [logged] = [m for m in messages if m.startswith("[ERROR]")]
    assert logged.startswith("[ERROR] KeyError: 'order_id'\nTraceback (most recent call last):\n")
    assert 'File "/var/task/app.py", line 2, in handler' in logged
    assert f"END RequestId: {request_id}" in messages


@pytest.mark.slow
def test_running_past_the_timeout_is_reported_without_waiting(
    lam: Any, logs: Any, make_function: Any
) -> None:
    source = (
        "import time\n\ndef handler(e, c):\n    time.sleep(e['sleep'])\n"
        "    print('woke up', c.aws_request_id)\n    return 'done'\n"
    )
    make_function("sleepy", files={"app.py": source}, Timeout=1)

    began = time.monotonic()
    request_id, error, reply = invoke(lam, "sleepy", {"sleep": 2.5})
    assert time.monotonic() - began < 2.2
    assert reply["StatusCode"] == 200
    assert reply["FunctionError"] == "Unhandled"
    assert error["errorType"] == "Sandbox.Timedout"
    assert "Task timed out after 1.00 seconds" in error["errorMessage"]

    wait_for(lambda: not any(t.name == "lambdatui-invoke-sleepy" for t in threading.enumerate()))
    messages = log_messages(logs, "/aws/lambda/sleepy")
    assert any(m.endswith(f"{request_id} Task timed out after 1.00 seconds") for m in messages)
    [report] = [REPORT.match(m) for m in messages if m.startswith("REPORT")]
    assert report and report["status"] == "\tStatus: timeout"
    assert not any("woke up" in m for m in messages)  # the overrun's output is dropped

    next_id, result, _ = invoke(lam, "sleepy", {"sleep": 0})
    assert result == "done"
    again = log_messages(logs, "/aws/lambda/sleepy", next_id)
    assert any(m.startswith("REPORT") and "Init Duration" in m for m in again)  # a new instance


def test_event_invocations_run_in_the_background(lam: Any, logs: Any, make_function: Any) -> None:
    source = "import time\n\ndef handler(e, c):\n    time.sleep(0.5)\n    print('async', e)\n"
    make_function("background", files={"app.py": source})

    began = time.monotonic()
    reply = lam.invoke(FunctionName="background", InvocationType="Event", Payload=b'{"n": 7}')
    assert time.monotonic() - began < 0.4
    assert reply["StatusCode"] == 202
    request_id = reply["ResponseMetadata"]["RequestId"]

    messages = wait_for(
        lambda: [
            m
            for m in log_messages(logs, "/aws/lambda/background", request_id)
            if m.startswith("REPORT")
        ]
    )
    assert messages
    assert "async {'n': 7}" in log_messages(logs, "/aws/lambda/background")


@pytest.mark.slow
def test_other_runtimes_still_write_start_end_report(account: Any, lam: Any, logs: Any) -> None:
    seed_demo(account.endpoint_url)
    request_id, result, _ = invoke(lam, "billing-batch", {"month": "2024-05"})
    assert result == {"month": "2024-05"}
    messages = log_messages(logs, "/aws/lambda/billing-batch", request_id)
    assert messages[0] == f"START RequestId: {request_id} Version: $LATEST"
    assert messages[1] == f"END RequestId: {request_id}"
    report = REPORT.match(messages[2])
    assert report and report["memory"] == "3008"
