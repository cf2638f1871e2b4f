"""Keys are handled one at a time, in the order they were typed.

Textual hands a key that no priority binding takes to the focused widget's queue and goes on
with the next key at once. A key the widget does not use itself (``tab``, ``backspace`` in an
Input, ``enter`` on a list) then bubbles up through each parent's queue to the app, and only
there is its binding run, against whatever is focused by then. Keys typed in one burst
overtake it: ``2``, ``5``, ``6``, ``tab``, ``9`` gives ``2569`` in the first field, as the ``9``
reaches that field before the ``tab`` has moved the focus; a key typed right after ``enter``
on a list lands on the list rather than on the screen it opens.

``KeyOrder`` holds the next key (or paste) until the one before it is done: handled by the
widget, or bubbled to the app and its binding run. It follows the key up the same queues it
bubbles through, with a callback posted behind it in each (a queue is first in, first out), so
nothing is polled. A character typed into a text field needs no wait (the field takes it
and keeps the focus), so typing costs what it did; other keys cost a few callbacks each. A
priority binding still acts as its key arrives, only no longer ahead of the keys typed before
it.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump
from textual.widgets import Input

from .screens.base import paint_now

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

#: Keys go on regardless if the one in flight has not come back after this long (seconds):
#: a queue closed under it (its widget removed) must not stop the keyboard.
STUCK_AFTER = 1.0

Dispatch = Callable[[events.Event], Awaitable[None]]


class KeyOrder:
    """The keys waiting for the one being handled. ``dispatch`` handles one the usual way
    (priority bindings, else forwarded to the focused widget)."""

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self.app = app
        self.dispatch = dispatch
        self.held: deque[events.Event] = deque()
        self.in_flight: events.Event | None = None
        self.since = 0.0
        self._watchdog: Timer | None = None

    @staticmethod
    def ordered(event: events.Event) -> bool:
        """Keys and pastes typed at the terminal (not yet handed to a widget)."""
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    async def arrived(self, event: events.Event) -> None:
        """A key from the terminal: handle it now, or after the keys before it."""
        if self.in_flight is not None or self.held:
            self.held.append(event)
            if self._watchdog is None:
                self._watchdog = self.app.set_timer(STUCK_AFTER, self._unstick)
            return
        await self._handle(event)

    def _typed_into_text(self, event: events.Event) -> bool:
        """A character (or paste) for a text field, which takes it without moving the focus:
        the next key can follow it into the same queue at once. Typing in bursts then costs
        nothing more than before."""
        if isinstance(event, events.Key) and not event.is_printable:
            return False
        focused = self.app.focused
        if isinstance(focused, Input):
            return True
        # TextArea is not imported on the start-up path (it pulls in tree-sitter's support,
        # ~9 ms): until a screen imported it, nothing focused can be one
        text_area = sys.modules.get("textual.widgets._text_area")
        return text_area is not None and (
            isinstance(focused, text_area.TextArea) and not focused.read_only
        )

    async def _handle(self, event: events.Event) -> None:
        await self.dispatch(event)
        if event.is_forwarded and self._typed_into_text(event):
            return
        self.in_flight, self.since = event, time.monotonic()
        if not event.is_forwarded:  # a priority binding took it (or nothing could)
            self._settled(event)
            return
        target = self.app.focused or self.app.screen
        if not target.call_later(self._hop, target, event):
            self._settled(event)

    def _hop(self, node: MessagePump, event: events.Event) -> None:
        """``node`` has handled ``event``: follow it to the parent it bubbled to, if any."""
        if event is not self.in_flight:
            return
        parent = node._parent
        if (
            parent is not None
            and parent is not self.app
            and not event._stop_propagation
            and parent.call_later(self._hop, parent, event)
        ):
            return
        # Done, or on its way to the app: the app's queue has it ahead of this callback.
        if not self.app.call_later(self._settled, event):
            self.in_flight = None

    def _settled(self, event: events.Event) -> None:
        """The key is handled; what its action left on the app's queue (``Widget.focus``
        moves the focus from there) goes before the next key."""
        if not self.app.call_later(self._done, event):
            self.in_flight = None

    async def _done(self, event: events.Event) -> None:
        if event is not self.in_flight:
            return
        self.in_flight = None
        while self.held and self.in_flight is None:
            await self._handle(self.held.popleft())
        if not self.held:
            if self._watchdog is not None:
                self._watchdog.stop()
                self._watchdog = None
            if self.in_flight is None:  # the last key of a burst is done: show what it did
                self._paint_soon()

    def _paint_soon(self) -> None:
        """Draw what the key changed once the focused widget has told the screen (its Update
        message, sent when it next goes idle; ``call_next`` runs after that), not at the
        screen's next frame tick, up to 16.7 ms later. What else the key changed is drawn
        then, or at that tick, as before."""
        screen = self.app.screen
        (self.app.focused or screen).call_next(screen.call_later, paint_now, screen)

    async def _unstick(self) -> None:
        self._watchdog = None
        event = self.in_flight
        if event is not None and time.monotonic() - self.since >= STUCK_AFTER:
            await self._done(event)
        elif self.held:
            self._watchdog = self.app.set_timer(STUCK_AFTER, self._unstick)
