"""GetAccountSettings answers with the Region's default quotas and the account's real usage."""

from __future__ import annotations

from typing import Any


def test_an_empty_account_has_the_default_limits_and_no_usage(lam: Any) -> None:
    settings = lam.get_account_settings()
    assert settings["AccountLimit"] == {
        "TotalCodeSize": 80530636800,
        "CodeSizeUnzipped": 262144000,
        "CodeSizeZipped": 52428800,
        "ConcurrentExecutions": 1000,
        "UnreservedConcurrentExecutions": 1000,
    }
    assert settings["AccountUsage"] == {"TotalCodeSize": 0, "FunctionCount": 0}


def test_reserved_concurrency_comes_out_of_the_unreserved_pool(
    lam: Any, make_function: Any
) -> None:
    make_function("a")
    make_function("b")
    make_function("c")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=50)
    lam.put_function_concurrency(FunctionName="b", ReservedConcurrentExecutions=7)

    limit = lam.get_account_settings()["AccountLimit"]
    assert limit["UnreservedConcurrentExecutions"] == 1000 - 57
    assert limit["ConcurrentExecutions"] == 1000

    lam.delete_function_concurrency(FunctionName="a")
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 993


def test_usage_counts_functions_and_every_stored_package(lam: Any, make_function: Any) -> None:
    first = make_function("first")
    second = make_function("second", files={"app.py": "def handler(e, c):\n    return 2\n"})
    published = lam.publish_version(FunctionName="first")

    usage = lam.get_account_settings()["AccountUsage"]
    assert usage["FunctionCount"] == 2  # versions are not functions
    # A published version keeps its own copy of the package, so it counts again.
    assert usage["TotalCodeSize"] == first["CodeSize"] + second["CodeSize"] + published["CodeSize"]


def test_layer_archives_count_towards_code_storage(lam: Any) -> None:
    from .conftest import zip_of

    layer = lam.publish_layer_version(
        LayerName="deps", Content={"ZipFile": zip_of({"python/dep.py": "X = 1\n"})}
    )
    usage = lam.get_account_settings()["AccountUsage"]
    assert usage == {"TotalCodeSize": layer["Content"]["CodeSize"], "FunctionCount": 0}
