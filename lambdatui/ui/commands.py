"""Command palette (ctrl+p): go to any loaded function by name, and the list's actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..sanitize import one_line
from .bindings import key_hint

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..aws.records import FunctionSummary
    from .app import LambdaTUI
    from .screens.functions import FunctionListScreen

#: Fuzzy matching is per keystroke: cap the candidates shown.
MAX_HITS = 200
#: (title, action on the current screen): offered where that screen has the action, with the
#: key the screen binds to it.
_SELECTED_ACTIONS = (
    ("Invoke the function", "invoke"),
    ("Logs of the function", "logs"),
    ("Edit the function's settings", "edit"),
    ("Revert the function's last change", "revert"),
    ("Durable executions of the function", "executions"),
    ("Tune the function's memory", "tune"),
)
#: (title, action of the function list, its binding id): offered wherever the list is open.
_LIST_ACTIONS = (
    ("Filter functions", "focus_filter", "functions.filter"),
    ("Refresh function list", "refresh", "functions.refresh"),
    ("Sort by next column", "cycle_sort", "functions.sort"),
    ("Metrics columns on/off (invocations, errors)", "toggle_metrics", "functions.metrics"),
    ("Capacity providers", "capacity_providers", "functions.capacity"),
    ("Fleet: all regions and profiles", "fleet", "functions.fleet"),
)


def _key_for(screen: Any, action: str) -> str:
    """The key ``screen``'s own bindings give ``action`` (as the user's keys map it), or ""."""
    for binding in getattr(screen, "BINDINGS", ()):
        if isinstance(binding, Binding) and binding.action == action and binding.id:
            return key_hint(screen, binding.id)
    return ""


class FunctionCommands(Provider):
    """'open <function>' for every function in the list, fuzzy-matched."""

    def _list_screen(self) -> FunctionListScreen | None:
        from .screens.functions import FunctionListScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, FunctionListScreen):
                return screen
        return None

    def _functions(self) -> list[FunctionSummary]:
        screen = self._list_screen()
        return list(screen.table.visible_rows()) if screen is not None else []

    def _open(self, function: FunctionSummary) -> None:
        screen = self._list_screen()
        if screen is not None:
            screen.open_function(function)

    def _actions(self) -> list[tuple[str, Any, str]]:
        """The actions of the screen the palette was opened on (and the list's)."""
        actions: list[tuple[str, Any, str]] = []
        screen = self.screen
        for title, name in _SELECTED_ACTIONS:
            method = getattr(screen, f"action_{name}", None)
            if method is not None:
                actions.append((title, method, _key_for(screen, name)))
        listing = self._list_screen()
        if listing is not None:
            for title, name, binding_id in _LIST_ACTIONS:
                method = getattr(listing, f"action_{name}")
                actions.append((title, method, f"{key_hint(listing, binding_id)} in the list"))
        return actions

    async def discover(self) -> Hits:
        for title, action, key in self._actions():
            yield DiscoveryHit(title, action, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, key in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=key)
        hits = 0
        for function in self._functions():
            name = one_line(function.name)
            score = matcher.match(f"open {name}")
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(f"open {name}"),
                    partial(self._open, function),
                    help=one_line(f"{function.runtime_label} · {function.description}", 60),
                )
                hits += 1
                if hits >= MAX_HITS:
                    return


class TargetCommands(Provider):
    """'switch profile …' / 'switch region …', and 'profile <name>' for every profile."""

    @property
    def _app(self) -> LambdaTUI:
        """The app, typed: this provider is one of LambdaTUI's COMMANDS (a provider's own
        ``app`` is Textual's plain App, typed App[object], which LambdaTUI, an App[int], is not)."""
        return cast("LambdaTUI", self.app)

    async def startup(self) -> None:
        import asyncio

        from ..aws.profiles import list_profiles

        try:
            self._profiles = await asyncio.to_thread(list_profiles)
        except Exception:  # an unreadable AWS config: the picker will say more
            self._profiles = []

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self._app
        read_only = (
            "Read-only: allow changes again" if app.target.read_only else "Read-only: turn on"
        )
        return [
            ("Switch profile…", app.action_switch_profile, "P"),
            ("Switch region…", app.action_switch_region, "R"),
            (read_only, app.action_toggle_read_only, "this session"),
        ]

    async def discover(self) -> Hits:
        for title, action, key in self._actions():
            yield DiscoveryHit(title, action, help=key)

    async def search(self, query: str) -> Hits:
        from .screens.target_picker import Choice

        matcher = self.matcher(query)
        for title, action, key in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=key)
        for profile in getattr(self, "_profiles", []):
            title = f"profile {one_line(profile.name)}"
            score = matcher.match(title)
            if score > 0:
                name = None if profile.name == "default" else profile.name
                choice = Choice(name, None, switch_profile=True)
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._app._picked, choice),
                    help=one_line(f"switch to it ({profile.kind})"),
                )
