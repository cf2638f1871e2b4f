"""Moving in lists and logs: the keys of the table and log-view widgets, on every screen.

They are not in the footer (``show=False``); ``?`` lists them under Navigation, and the
config file's ``[keys]`` remaps them like any other.
"""

from __future__ import annotations

from textual.binding import BindingType

from .registry import NAVIGATION, key

#: `VirtualTable` (every list of the app). Its own: the scroll container's left/right would be
#: offered in help while doing nothing, as the columns always fit the width.
TABLE_BINDINGS: list[BindingType] = [
    key("up,k", "cursor_up", "Previous row", id="table.cursor-up", section=NAVIGATION, show=False),
    key(
        "down,j", "cursor_down", "Next row", id="table.cursor-down", section=NAVIGATION, show=False
    ),
    key("pageup", "page_up", "Page up", id="table.page-up", section=NAVIGATION, show=False),
    key("pagedown", "page_down", "Page down", id="table.page-down", section=NAVIGATION, show=False),
    key("home", "first", "First row", id="table.first", section=NAVIGATION, show=False),
    key("end", "last", "Last row", id="table.last", section=NAVIGATION, show=False),
    key("enter", "select", "Open row", id="table.select", section=NAVIGATION, show=False),
]

#: `LogView` (the live log lines). `end` is the screen's: follow.
LOG_VIEW_BINDINGS: list[BindingType] = [
    key("up,k", "line_up", "Up", id="log-view.up", section=NAVIGATION, show=False),
    key("down,j", "line_down", "Down", id="log-view.down", section=NAVIGATION, show=False),
    key("pageup", "page_up", "Page up", id="log-view.page-up", section=NAVIGATION, show=False),
    key(
        "pagedown",
        "page_down",
        "Page down",
        id="log-view.page-down",
        section=NAVIGATION,
        show=False,
    ),
    key("home", "top", "Top", id="log-view.top", section=NAVIGATION, show=False),
]
