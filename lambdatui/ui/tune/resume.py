"""A tuning run whose process died left the function changed (its memory, temporary aliases
and versions): at start-up a notification says so for the current target, and the palette's
"Finish tuning clean-up" puts it back (``tune.runner.clean_up``)."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ...aws.errors import GatewayError
from ...sanitize import one_line

if TYPE_CHECKING:
    from ...store import tune_plans
    from ..app import LambdaTUI

# The palette provider is part of the app class, so this module loads at start-up: the plans
# (hashlib) and the runner load when a plan is looked for or finished, not before.

TITLE = "Finish tuning clean-up"


def _place(app: LambdaTUI) -> tune_plans.Place:
    target = app.target
    return (target.profile, target.region, target.custom_endpoint)


async def _unfinished(app: LambdaTUI) -> list[dict[str, Any]]:
    from ...store import tune_plans

    return await asyncio.to_thread(tune_plans.unfinished, _place(app))


async def offer(app: LambdaTUI) -> None:
    """At start-up: say which runs on this target were left unfinished, and how to finish."""
    for plan in await _unfinished(app):
        app.notify(
            one_line(
                f"A memory-tuning run of {plan['function']} did not finish: its memory "
                f"({plan['original_memory']} MB) and temporary aliases and versions may be "
                f"left changed. Palette (ctrl+p): {TITLE}."
            ),
            severity="warning",
            timeout=30,
            markup=False,
        )


async def finish(app: LambdaTUI, plan: dict[str, Any]) -> None:
    """Put the function back as the dead run found it, and say how that went."""
    from ...tune.runner import CleanUpIncomplete, clean_up

    name = one_line(str(plan["function"]))
    try:
        await clean_up(app.gateway, plan)
    except (CleanUpIncomplete, GatewayError) as exc:
        app.notify(f"{name}: clean-up incomplete: {exc}", severity="error", markup=False)
        return
    app.notify(
        f"{name}: MemorySize back to {plan['original_memory']} MB; temporary aliases and "
        "versions deleted",
        markup=False,
    )


class TuneCleanUpCommands(Provider):
    """'Finish tuning clean-up: FUNCTION' for each unfinished run on the current target."""

    @property
    def _app(self) -> LambdaTUI:
        return cast("LambdaTUI", self.app)

    async def _hits(self) -> list[tuple[str, Any]]:
        app = self._app
        found = []
        for plan in await _unfinished(app):
            title = one_line(f"{TITLE}: {plan['function']}")
            found.append((title, partial(self._finish, plan)))
        return found

    def _finish(self, plan: dict[str, Any]) -> None:
        app = self._app
        app.run_worker(finish(app, plan), group="tune-clean", exit_on_error=False)

    async def discover(self) -> Hits:
        for title, action in await self._hits():
            yield DiscoveryHit(title, action, help="restore memory, delete temporary versions")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in await self._hits():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action)
