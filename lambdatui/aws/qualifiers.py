"""What a qualifier names: the function itself, a published version, or an alias.

Lambda has four kinds (the API model's ``NumericLatestPublishedOrAliasQualifier``):

* ``$LATEST`` (or none): the unqualified function, its unpublished configuration;
* ``$LATEST.PUBLISHED``: the function's latest published version (Lambda Managed Instances
  publish to it, ``PublishTo=LATEST_PUBLISHED``): neither a version number nor an alias;
* a version number (``7``): a published version;
* anything else: an alias (its name can never be all digits nor start with ``$``).

Every "alias or version?" decision goes through here.
"""

from __future__ import annotations

from typing import Literal

LATEST = "$LATEST"
LATEST_PUBLISHED = "$LATEST.PUBLISHED"

Kind = Literal["latest", "latest-published", "version", "alias"]


def kind(qualifier: str | None) -> Kind:
    if not qualifier or qualifier == LATEST:
        return "latest"
    if qualifier == LATEST_PUBLISHED:
        return "latest-published"
    if qualifier.isdigit():
        return "version"
    return "alias"


def version_order(version: str) -> tuple[int, int]:
    """Sort key of a version: $LATEST, then $LATEST.PUBLISHED, then the numbers in order."""
    if version.isdigit():
        return (2, int(version))
    return (0, 0) if kind(version) == "latest" else (1, 0)


def api_qualifier(qualifier: str | None) -> str | None:
    """None for the unqualified function ($LATEST included), else the qualifier itself."""
    return None if kind(qualifier) == "latest" else qualifier


def is_alias(qualifier: str | None) -> bool:
    return kind(qualifier) == "alias"


def is_published(qualifier: str | None) -> bool:
    """A published version: a number or $LATEST.PUBLISHED (not an alias, not $LATEST)."""
    return kind(qualifier) in ("version", "latest-published")


def takes_provisioned(qualifier: str | None) -> bool:
    """Provisioned concurrency goes on a version number or an alias: not on $LATEST, and not
    on $LATEST.PUBLISHED (the API's Qualifier pattern has no '.')."""
    return kind(qualifier) in ("version", "alias")


def can_have_url(qualifier: str | None) -> bool:
    """A function URL belongs to the unqualified function or an alias, never to a version."""
    return kind(qualifier) in ("latest", "alias")
