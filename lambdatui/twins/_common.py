"""What every twin shares: run a coroutine against a gateway, one-line errors, exit 2."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR

#: typing's own constant without importing typing (~5 ms): ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from typing import Any

    from ..aws.gateway import Gateway
    from ..aws.target import Target


def add_target_flags(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """The flags that pick the account; on a subcommand they don't reset what came before it."""
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument(
        "--profile", metavar="NAME", help="AWS profile (default: AWS_PROFILE)", **default
    )
    parser.add_argument(
        "--region",
        metavar="NAME",
        help="AWS region (default: AWS_REGION, AWS_DEFAULT_REGION)",
        **default,
    )
    parser.add_argument(
        "--endpoint-url",
        metavar="URL",
        help="send every AWS call to URL (LocalStack, moto); default: AWS_ENDPOINT_URL*",
        **default,
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="refuse every call that changes the account",
        **default,
    )


def fail(message: str) -> int:
    """Print ``lambdatui: message`` as one line on stderr and return the error status."""
    print(f"lambdatui: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_ERROR


def run_with_gateway(target: Target, work: Callable[[Gateway], Awaitable[int]]) -> int:
    """Run ``work(gateway)`` to completion; a ``GatewayError`` becomes one line and exit 2."""
    import asyncio  # here, not at the top: asyncio costs a twin ~30 ms to import

    from ..aws.errors import GatewayError
    from ..aws.gateway import Gateway

    async def main() -> int:
        async with Gateway(target) as gateway:
            return await work(gateway)

    try:
        return asyncio.run(main())
    except GatewayError as exc:
        return fail(str(exc))  # the message and its hint (what to do about it)
    except KeyboardInterrupt:
        return 130
