"""``lambdatui set``: change a function's settings from the command line, as the edit form does.

    lambdatui set FUNCTION[:QUALIFIER] [--memory MB] [--timeout S] [--storage MB]
                  [--reserved N|none] [--provisioned N|none]
                  [--env KEY=VALUE …] [--unset-env KEY …]
                  [--min-environments N] [--max-environments N] [--yes]

Reads the current settings, checks the new ones (the same checks as the form), prints the diff
(environment values masked), then asks on a terminal, or applies at once with ``--yes``; without
``--yes`` and without a terminal on stdin it refuses. The change goes out with the RevisionId it
was read with, is followed until Lambda reports it applied, and is journaled like the form's.
The execution environments of a Lambda Managed Instances function belong to a published
version: name it (``FN:1``) or an alias of it.

Exit status: 0 applied (or nothing to change), 1 refused or aborted (no confirmation,
read-only, changed by someone else meanwhile), 2 a usage or AWS error.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_FAILED, EXIT_OK
from ._common import confirmed, fail, run_with_gateway

#: typing's own constant without importing typing (~5 ms): ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..aws.gateway import Gateway
    from ..aws.settings import Context, Settings
    from ..aws.target import Target

HELP = "change memory, timeout, storage, environment, concurrency or scaling of a function"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", metavar="FUNCTION[:QUALIFIER]")
    parser.add_argument("--memory", type=int, metavar="MB", help="memory size (128-10240)")
    parser.add_argument("--timeout", type=int, metavar="S", help="timeout in seconds (1-900)")
    parser.add_argument(
        "--storage", type=int, metavar="MB", help="ephemeral storage /tmp (512-10240)"
    )
    parser.add_argument(
        "--reserved",
        metavar="N|none",
        help="reserved concurrency; 0 throttles the function, none removes the reservation",
    )
    parser.add_argument(
        "--provisioned",
        metavar="N|none",
        help="provisioned concurrency of the version or alias (FUNCTION:QUALIFIER)",
    )
    parser.add_argument(
        "--env",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="set environment variables (others are kept)",
    )
    parser.add_argument(
        "--unset-env",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY",
        help="remove environment variables",
    )
    parser.add_argument(
        "--min-environments",
        type=int,
        metavar="N",
        help="Managed Instances: minimum execution environments of the version (0-15000)",
    )
    parser.add_argument(
        "--max-environments",
        type=int,
        metavar="N",
        help="Managed Instances: maximum execution environments of the version (0-15000)",
    )
    parser.add_argument("--yes", action="store_true", help="apply without asking")


class _Usage(Exception):
    pass


def _count(text: str | None, flag: str) -> int | str | None:
    """'none' → None (remove); a number → int; absent → '' (leave as is)."""
    if text is None:
        return ""
    if text.strip().lower() == "none":
        return None
    try:
        return int(text)
    except ValueError:
        raise _Usage(f"{flag} takes a whole number or 'none' (got {text!r})") from None


def wanted(args: argparse.Namespace, current: Settings) -> Settings:
    """``current`` with the flags applied."""
    changes: dict[str, Any] = {}
    if args.memory is not None:
        changes["memory_mb"] = args.memory
    if args.timeout is not None:
        changes["timeout_s"] = args.timeout
    if args.storage is not None:
        changes["storage_mb"] = args.storage
    reserved = _count(args.reserved, "--reserved")
    if reserved != "":
        changes["reserved"] = reserved
    provisioned = _count(args.provisioned, "--provisioned")
    if provisioned != "":
        changes["provisioned"] = provisioned
    if args.min_environments is not None:
        changes["scaling_min"] = args.min_environments
    if args.max_environments is not None:
        changes["scaling_max"] = args.max_environments
    if args.env or args.unset_env:
        variables = dict(current.environment)
        for item in args.env:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise _Usage(f"--env takes KEY=VALUE (got {item!r})")
            variables[key] = value
        for key in args.unset_env:
            if key not in variables:
                raise _Usage(f"--unset-env {key}: the function has no such variable")
            del variables[key]
        changes["environment"] = tuple(variables.items())
    return current.with_changes(**changes)


def _checked_alone(args: argparse.Namespace) -> list[str]:
    """Usage and range problems found from the flags alone, before any call."""
    from ..aws import settings as rules

    reserved = _count(args.reserved, "--reserved")
    provisioned = _count(args.provisioned, "--provisioned")
    keys = []
    for item in args.env:
        key, sep, _ = item.partition("=")
        if not sep or not key:
            raise _Usage(f"--env takes KEY=VALUE (got {item!r})")
        keys.append(key)
    return rules.check_alone(
        memory_mb=args.memory,
        timeout_s=args.timeout,
        storage_mb=args.storage,
        reserved=reserved if isinstance(reserved, int) else None,
        provisioned=provisioned if isinstance(provisioned, int) else None,
        env_keys=tuple(keys),
        scaling_min=args.min_environments,
        scaling_max=args.max_environments,
    )


def run(args: argparse.Namespace, target: Target) -> int:
    name, _, qualifier = str(args.function).partition(":")
    if not name:
        return fail("set: name a function")
    try:
        problems = _checked_alone(args)
    except _Usage as exc:
        return fail(f"set: {exc}")
    if problems:
        for problem in problems:
            print(f"lambdatui: set: {problem}", file=sys.stderr)
        return EXIT_ERROR

    async def work(gateway: Gateway) -> int:
        from ..aws import settings as rules
        from ..aws.errors import ChangedMeanwhile, GatewayError, ReadOnlyRefused
        from ..aws.settings_diff import diff

        before, context = await gateway.read_settings(name, qualifier or None)
        try:
            after = wanted(args, before)
        except _Usage as exc:
            return fail(f"set: {exc}")
        problems = rules.check(before, after, context)
        if problems:
            for problem in problems.values():
                print(f"lambdatui: set: {problem}", file=sys.stderr)
            return EXIT_ERROR
        changes = diff(before, after, context)
        if not changes:
            print(f"{context.label}: nothing to change")
            return EXIT_OK
        _print_diff(context, changes)
        floor = rules.unchecked_floor(context)
        if floor and after.reserved is not None and after.reserved != before.reserved:
            print(f"lambdatui: set: note: {floor}", file=sys.stderr)
        go_on = await confirmed(
            args,
            target,
            gateway,
            context.function,
            command="set",
            verb="Apply",
            action="apply",
            refused="not applied",
            aborted="aborted, nothing changed",
        )
        if not go_on:
            return EXIT_FAILED
        try:
            read_back = await gateway.apply_settings(
                before, after, context, lambda line: print(f"  {line}", file=sys.stderr)
            )
        except (ReadOnlyRefused, ChangedMeanwhile) as exc:
            print(f"lambdatui: set: not applied: {' '.join(str(exc).split())}", file=sys.stderr)
            return EXIT_FAILED
        except GatewayError:
            # A later step failed: journal what the earlier ones applied, then report it.
            current, _ = await gateway.read_settings(name, qualifier or None)
            if current != before:
                _journal(target, context, before, current)
                done = "; ".join(f"{c.label} {c.after}" for c in diff(before, current, context))
                print(f"lambdatui: set: partly applied (journaled): {done}", file=sys.stderr)
            raise
        _journal(target, context, before, read_back)
        print(f"{context.label}: applied")
        return EXIT_OK

    return run_with_gateway(target, work)


def _print_diff(context: Context, changes: list[Any]) -> None:
    from ..cells import cell_len, pad
    from ..sanitize import clean

    print(clean(f"{context.label}:"))
    width = max(cell_len(c.label) for c in changes)
    indent = " " * width
    for change in changes:
        print(clean(f"  {pad(change.label, width)}  {change.before} → {change.after}"))
        if change.note:
            print(clean(f"  {indent}  {change.note}"))
        if change.warning:
            print(clean(f"  {indent}  ⚠ {change.warning}"))


def _journal(target: Target, context: Context, before: Settings, after: Settings) -> None:
    from ..store import journal

    try:
        journal.record(target, context.function, context.qualifier, before, after)
    except OSError as exc:
        print(f"lambdatui: set: applied, but not journaled: {exc}", file=sys.stderr)
