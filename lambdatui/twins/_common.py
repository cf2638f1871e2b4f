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


async def confirmed(
    args: argparse.Namespace,
    target: Target,
    gateway: Gateway,
    function: str,
    *,
    command: str,
    verb: str,
    action: str,
    refused: str,
    aborted: str,
) -> bool:
    """Whether to go on with a change to ``function``: yes with --yes (said when the profile
    or account is production); else asked on the terminal, "``verb``? [y/N]", or the function's
    name typed on production; no, said on stderr, without a terminal or without a yes.
    ``command`` names the twin in what is said, ``action`` what --yes does, ``refused`` and
    ``aborted`` what is said when it does not go on."""
    import asyncio  # not at import time: every command's start-up would pay for it

    from ..aws import settings as rules
    from ..aws.errors import GatewayError
    from ..sanitize import one_line

    config = getattr(args, "config", None)
    pattern = config.production_pattern if config else rules.DEFAULT_PRODUCTION_PATTERN
    try:
        account: str | None = (await gateway.identity()).account
    except GatewayError:
        account = None
    production = rules.is_production((target.profile, account), pattern)
    if args.yes:
        if production:
            print(
                f"⚠ PRODUCTION profile/account: {verb.lower()}ing because of --yes", file=sys.stderr
            )
        return True
    if not sys.stdin.isatty():
        print(
            f"lambdatui: {command}: {refused}: stdin is not a terminal to confirm on "
            f"(pass --yes to {action} without asking)",
            file=sys.stderr,
        )
        return False
    if production:
        print("⚠ PRODUCTION profile/account", file=sys.stderr)
        answer = await asyncio.to_thread(_ask, f"Type {one_line(function)} to {verb.lower()}: ")
        yes = answer == function
    else:
        answer = await asyncio.to_thread(_ask, f"{verb}? [y/N] ")
        yes = answer.lower() in ("y", "yes")
    if not yes:
        print(f"lambdatui: {command}: {aborted}", file=sys.stderr)
    return yes


def _ask(prompt: str) -> str:
    print(prompt, end="", flush=True, file=sys.stderr)
    try:
        return sys.stdin.readline().strip()
    except (EOFError, KeyboardInterrupt):
        return ""
