"""What the app remembers between runs that is not configuration: the theme picked in the
app, the recent targets (profile + region) and whether the function list shows its metrics
columns, in ``state.json`` next to the config file.

Kept apart from ``config.toml`` so the app never rewrites a file the user edits by hand.
A damaged state file is ignored (and replaced on the next change): nothing in it is precious.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from . import atomic, paths

FILE_NAME = "state.json"
#: How many recent targets are kept.
RECENT_LIMIT = 10


class RecentTarget(NamedTuple):
    """A profile and region looked at lately. (A NamedTuple, as other small values read at
    start-up: defined in ~0.1 ms, where a frozen dataclass takes ~0.6.)"""

    profile: str | None
    region: str


@dataclass(frozen=True)
class State:
    #: The theme picked in the app, and the config file's theme when it was picked: a later
    #: edit of the config file's theme wins over the remembered pick.
    theme: str | None = None
    theme_config: str | None = None
    recent: tuple[RecentTarget, ...] = field(default_factory=tuple)
    #: The function list's metrics columns (INVOC, ERR, the last hour's sparkline) are on.
    metrics_column: bool = False

    def theme_for(self, configured: str) -> str:
        """The theme to start with, given the config file's ``configured`` theme."""
        if self.theme and self.theme_config == configured:
            return self.theme
        return configured

    def with_recent(self, target: RecentTarget) -> State:
        """``target`` first, then the others (no duplicates, at most ``RECENT_LIMIT``)."""
        others = [t for t in self.recent if t != target]
        return replace(self, recent=(target, *others)[:RECENT_LIMIT])


def state_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load(path: Path | None = None) -> State:
    path = path or state_path()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        recent = tuple(
            RecentTarget(profile=item.get("profile") or None, region=str(item["region"]))
            for item in data.get("recent", ())
            if isinstance(item, dict) and item.get("region")
        )
        theme = data.get("theme")
        theme_config = data.get("theme_config")
        return State(
            theme=theme if isinstance(theme, str) else None,
            theme_config=theme_config if isinstance(theme_config, str) else None,
            recent=recent[:RECENT_LIMIT],
            metrics_column=data.get("metrics_column") is True,
        )
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return State()


def save(state: State, path: Path | None = None) -> None:
    atomic.write_json(
        path or state_path(),
        {
            "theme": state.theme,
            "theme_config": state.theme_config,
            "recent": [{"profile": t.profile, "region": t.region} for t in state.recent],
            "metrics_column": state.metrics_column,
        },
    )
