"""The base of the app's screens: worker failures become a notification, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.geometry import Size
from textual.screen import Screen

from ..context import OnLambdaTUI
from ..workers import ReportsWorkerFailures

ResultType = TypeVar("ResultType")

#: Every screen is laid out for at least this many columns and rows (``too_small.py`` covers
#: the app below it).
MIN_SIZE = Size(80, 24)


def too_small(size: Size) -> bool:
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


class AppScreen(OnLambdaTUI, ReportsWorkerFailures, Screen[ResultType]):
    """A screen whose workers (exit_on_error=False) report failures through the app."""

    def on_screen_resume(self) -> None:
        """Shown again: ages that moved on meanwhile are drawn (see `LambdaTUI.refresh_ages`)."""
        from ..widgets.virtual_table import VirtualTable

        for table in self.query(VirtualTable):
            table.redraw_forgotten()

    def show_target(self) -> None:
        """The app's target changed in place (read-only turned on or off): a screen that
        shows it (its header) redraws that."""


if TYPE_CHECKING:
    #: The base of a screen's mixin (``invoke/sending.py``, ``history.py``,
    #: ``saved_events.py``): to the type checker the screen it is mixed into, so its
    #: ``self.app``, ``notify`` and ``query_one`` are typed; at run time a plain object.
    ScreenMixin = AppScreen[None]
else:
    ScreenMixin = object


def after_typing(screen: Screen[Any], callback: Callable[[], object]) -> None:
    """Run ``callback`` once the focused field has taken the keys already sent to it.

    A priority binding (ctrl+s in the edit form, enter on a confirmation) is handled as its
    key arrives, ahead of the keys typed just before it that still wait in the field's queue:
    read at once, the field would be a few characters behind what was typed.
    """
    (screen.focused or screen).call_later(callback)


def paint_now(screen: Screen[Any]) -> None:
    """Draw what changed on ``screen`` now, not at Textual's next frame tick.

    Textual paints at most 60 times a second, on a fixed grid of ticks: a change waits up to
    16.7 ms (8 on average) for the next one, with nothing else to do. This calls that tick's
    own handler, private, as Textual's own Pilot does to draw at once; gone in some later
    Textual, the tick paints as before. For what the user waits on: a key's effect
    (``KeyOrder``), the list's first rows."""
    paint = getattr(screen, "_on_timer_update", None)
    if paint is not None and screen.is_current:
        paint()
