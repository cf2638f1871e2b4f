"""hello-world: the smallest useful function; echoes who it is."""

from typing import Any


def handler(event: dict[str, Any], context: Any) -> Any:
    name = event.get("name", "world")
    print(f"Hello, {name}!")
    return {
        "message": f"Hello, {name}!",
        "function": context.function_name,
        "version": context.function_version,
        "memory_mb": context.memory_limit_in_mb,
        "request_id": context.aws_request_id,
    }
