"""The last look before a release change: what it is, current → new, confirmed like an edit
(a production banner and the function's name to type there; a read-only warning)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...aws import settings as rules
from ..bindings import RELEASE_CONFIRM_BINDINGS
from ..dialogs.facts import FactsConfirmScreen
from ..edit.confirm import production_names, production_pattern

if TYPE_CHECKING:
    from ...aws.records import FunctionSummary
    from ..app import LambdaTUI


class ConfirmReleaseScreen(FactsConfirmScreen):
    """``rows`` (label, value) describe the change; enter applies, escape goes back."""

    BINDINGS = RELEASE_CONFIRM_BINDINGS
    KEYS = (("release.apply", "apply"), ("release.back", "back"))


def confirm_screen(
    app: LambdaTUI, function: FunctionSummary, title: str, rows: list[tuple[str, str]]
) -> ConfirmReleaseScreen:
    """The confirmation for a change to ``function``, production and read-only as the app is."""
    production = rules.is_production(production_names(app, function.arn), production_pattern(app))
    return ConfirmReleaseScreen(
        function.name, title, rows, production=production, read_only=app.target.read_only
    )
