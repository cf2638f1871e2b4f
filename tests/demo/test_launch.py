"""`--demo`'s account in a process of its own (launch.Demo.spawn, demo/serve.py)."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest

from lambdatui.demo.launch import Demo, _free_port

pytestmark = pytest.mark.slow  # a Python process that imports moto and seeds 44 functions


def _function_names(demo: Demo) -> list[str]:
    lam = boto3.client("lambda", endpoint_url=demo.endpoint_url, region_name=demo.region)
    return [
        f["FunctionName"]
        for page in lam.get_paginator("list_functions").paginate()
        for f in page["Functions"]
    ]


def test_the_account_process_serves_the_functions_then_stops_with_the_app(tmp_path: Path) -> None:
    demo = Demo(home=tmp_path / "demo", port=_free_port())
    demo.home.mkdir()
    demo.spawn()
    demo.start(finish_in_background=True)  # back once the functions exist
    try:
        assert len(_function_names(demo)) == 44
        process = demo._process
        assert process is not None and process.poll() is None
    finally:
        demo.stop()
    assert process.poll() is not None  # stopped when its stdin closed
    assert not demo.home.exists()


def test_an_account_that_cannot_start_says_why(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        demo = Demo(home=tmp_path / "demo", port=taken.getsockname()[1])
        demo.home.mkdir()
        demo.spawn()
        with pytest.raises(RuntimeError, match="in use"):
            demo.start()
        demo.stop()
