"""LoggingConfig is kept from CreateFunction/UpdateFunctionConfiguration and returned."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError


def test_default_is_text_to_the_function_log_group(lam: Any, make_function: Any) -> None:
    created = make_function("plain")
    expected = {"LogFormat": "Text", "LogGroup": "/aws/lambda/plain"}
    assert created["LoggingConfig"] == expected
    assert lam.get_function_configuration(FunctionName="plain")["LoggingConfig"] == expected
    assert lam.get_function(FunctionName="plain")["Configuration"]["LoggingConfig"] == expected
    assert lam.list_functions()["Functions"][0]["LoggingConfig"] == expected


def test_json_format_carries_log_levels_defaulting_to_info(lam: Any, make_function: Any) -> None:
    created = make_function("structured", LoggingConfig={"LogFormat": "JSON"})
    assert created["LoggingConfig"] == {
        "LogFormat": "JSON",
        "ApplicationLogLevel": "INFO",
        "SystemLogLevel": "INFO",
        "LogGroup": "/aws/lambda/structured",
    }


def test_custom_group_and_levels_are_kept(lam: Any, make_function: Any) -> None:
    config = {
        "LogFormat": "JSON",
        "ApplicationLogLevel": "DEBUG",
        "SystemLogLevel": "WARN",
        "LogGroup": "/acme/custom",
    }
    make_function("custom", LoggingConfig=config)
    assert lam.get_function_configuration(FunctionName="custom")["LoggingConfig"] == config


def test_update_changes_only_what_it_names(lam: Any, make_function: Any) -> None:
    make_function("evolving", LoggingConfig={"LogGroup": "/acme/evolving"})

    to_json = lam.update_function_configuration(
        FunctionName="evolving", LoggingConfig={"LogFormat": "JSON", "ApplicationLogLevel": "WARN"}
    )
    assert to_json["LoggingConfig"] == {
        "LogFormat": "JSON",
        "ApplicationLogLevel": "WARN",
        "SystemLogLevel": "INFO",
        "LogGroup": "/acme/evolving",
    }
    back = lam.update_function_configuration(
        FunctionName="evolving", LoggingConfig={"LogFormat": "Text"}
    )
    assert back["LoggingConfig"] == {"LogFormat": "Text", "LogGroup": "/acme/evolving"}

    lam.update_function_configuration(FunctionName="evolving", Description="no logging change")
    config = lam.get_function_configuration(FunctionName="evolving")["LoggingConfig"]
    assert config == {"LogFormat": "Text", "LogGroup": "/acme/evolving"}


def test_a_published_version_keeps_the_config_it_was_published_with(
    lam: Any, make_function: Any
) -> None:
    make_function("frozen", LoggingConfig={"LogGroup": "/acme/v1"})
    lam.publish_version(FunctionName="frozen")
    lam.update_function_configuration(FunctionName="frozen", LoggingConfig={"LogGroup": "/acme/v2"})

    v1 = lam.get_function_configuration(FunctionName="frozen", Qualifier="1")
    assert v1["LoggingConfig"]["LogGroup"] == "/acme/v1"
    latest = lam.get_function_configuration(FunctionName="frozen")
    assert latest["LoggingConfig"]["LogGroup"] == "/acme/v2"


def test_an_invalid_log_format_is_refused_and_nothing_is_created(
    lam: Any, make_function: Any
) -> None:
    with pytest.raises(ClientError) as caught:
        make_function("bad", LoggingConfig={"LogFormat": "XML"})
    assert caught.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert lam.list_functions()["Functions"] == []
