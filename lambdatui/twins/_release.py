"""What ``lambdatui publish`` and ``lambdatui alias`` share: the question, the journal line, and
how an alias is printed."""

from __future__ import annotations

import argparse
import sys

from ._common import confirmed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..aws.gateway import Gateway
    from ..aws.qualifier_records import AliasRecord
    from ..aws.target import Target


async def ask(
    args: argparse.Namespace, target: Target, gateway: Gateway, function: str, command: str
) -> bool:
    verb = "Publish" if command == "publish" else "Apply"
    return await confirmed(
        args,
        target,
        gateway,
        function,
        command=command,
        verb=verb,
        action=verb.lower(),
        refused=f"not {'published' if command == 'publish' else 'changed'}",
        aborted=f"aborted, nothing {'published' if command == 'publish' else 'changed'}",
    )


def journal(
    command: str,
    target: Target,
    function: str,
    action: str,
    qualifier: str,
    before: AliasRecord | None = None,
    after: AliasRecord | None = None,
) -> None:
    """Journal the release; a failure is said on stderr (the change itself is made)."""
    from ..store.release_journal import record_release

    try:
        record_release(target, function, action, qualifier, before, after)
    except OSError as exc:
        print(f"lambdatui: {command}: done, but not journaled: {exc}", file=sys.stderr)


def routing_text(alias: AliasRecord | None) -> str:
    """'1 90% / 2 10%' (or '(none)'), as the alias routes."""
    if alias is None:
        return "(none)"
    return alias.routing_label


def print_alias(alias: AliasRecord) -> None:
    from ..sanitize import one_line

    print(one_line(f"alias        {alias.name}"))
    print(one_line(f"version      {alias.function_version}"))
    weights = ", ".join(f"{v}={w:g}" for v, w in alias.additional_weights) or "-"
    print(one_line(f"routing      {alias.routing_label}  (additional: {weights})"))
    print(one_line(f"description  {alias.description or '-'}"))
    print(one_line(f"revision     {alias.revision_id or '-'}"))
