"""Two guards of a release that moto lacks: PublishVersion's CodeSha256 and the refusal to
delete a version an alias references.

* PublishVersion with ``CodeSha256``: "Only publish a version if the hash value matches the
  value that's specified" (API reference). AWS answers a mismatch with 400
  InvalidParameterValueException, "CodeSHA256 (sent) is different from current CodeSHA256 in
  $LATEST (current). Please try again with the CodeSHA256 in $LATEST." and publishes nothing;
  moto ignores the field and publishes whatever $LATEST holds.
* DeleteFunction with a version ``Qualifier``: "You can't delete a version that an alias
  references" (API reference; a ResourceConflictException). moto deletes it and leaves the alias
  pointing at nothing. A version that is only an alias's weighted second version is referenced
  too.
"""

from __future__ import annotations

from typing import Any

from .wire import Reply, error_reply


def code_sha_mismatch(latest: Any, body: dict[str, Any]) -> Reply | None:
    """The refusal of a PublishVersion whose CodeSha256 is not $LATEST's, or None."""
    expected = body.get("CodeSha256")
    current = str(getattr(latest, "code_sha_256", "") or "")
    if expected is None or expected == current:
        return None
    return error_reply(
        400,
        "InvalidParameterValueException",
        f"CodeSHA256 ({expected}) is different from current CodeSHA256 in $LATEST "
        f"({current}). Please try again with the CodeSHA256 in $LATEST.",
    )


def referencing_aliases(backend: Any, function: str, version: str) -> list[str]:
    """The aliases of ``function`` that route to ``version`` (as their version or their
    weighted second one), by name."""
    try:
        aliases = list(backend.list_aliases(function))
    except Exception:  # moto raises its own REST errors for unknown functions
        return []
    names = []
    for alias in aliases:
        routing = getattr(alias, "routing_config", None) or {}
        weights = routing.get("AdditionalVersionWeights") or {} if isinstance(routing, dict) else {}
        if str(alias.function_version) == version or version in {str(v) for v in weights}:
            names.append(str(alias.name))
    return sorted(names)


def version_in_use(backend: Any, function: str, version: str) -> Reply | None:
    """The refusal of deleting ``version`` while an alias references it, or None."""
    names = referencing_aliases(backend, function, version)
    if not names:
        return None
    return error_reply(
        409,
        "ResourceConflictException",
        f"Unable to delete version {version} of {function}: it is referenced by "
        f"alias{'es' if len(names) > 1 else ''} {', '.join(names)}.",
    )
