"""ListFunctions' replies are read as plain JSON (``gateway._list_functions_as_json``): the
records are the ones botocore's parser would have given, field for field."""

from __future__ import annotations

import asyncio
from typing import Any

import boto3

from lambdatui.aws.gateway import Gateway
from lambdatui.aws.records import FunctionSummary
from lambdatui.aws.target import resolve_target
from lambdatui.demo.seed import seed_demo, seed_functions


def test_the_json_read_gives_what_botocores_parser_gives(account: Any, monkeypatch: Any) -> None:
    from lambdatui.aws import gateway as gateway_module

    taken: list[int] = []
    read_as_json = gateway_module._list_functions_as_json

    def spy(**kwargs: Any) -> None:
        read_as_json(**kwargs)
        taken.append(len(kwargs["customized_response_dict"].get("Functions", ())))

    monkeypatch.setattr(gateway_module, "_list_functions_as_json", spy)
    seed_demo(account.endpoint_url, account.region)  # every kind: zip, image, layers, VPC, …
    seed_functions(account.endpoint_url, 20, account.region)  # and more than one page
    lam = boto3.client("lambda", endpoint_url=account.endpoint_url, region_name=account.region)
    parsed = [
        FunctionSummary.from_api(item)
        for page in lam.get_paginator("list_functions").paginate()
        for item in page["Functions"]
    ]
    target = resolve_target(endpoint_url=account.endpoint_url, region=account.region)

    async def listed() -> list[FunctionSummary]:
        async with Gateway(target) as gateway:
            return await gateway.list_functions()

    read = asyncio.run(listed())
    assert len(read) == len(parsed) > 50  # more than one page
    assert sorted(read, key=lambda f: f.name) == sorted(parsed, key=lambda f: f.name)
    assert sum(taken) == len(read) and len(taken) > 1  # every page went the JSON way
