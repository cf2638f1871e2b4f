"""The `/` filter box: substring, `re:` regex, `!` invert; says when a regex is invalid."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Static

from ...filtering import Filter, FilterError, parse_filter
from ..bindings import FILTER_BINDINGS


class FilterInput(Input):
    """The box itself. Its keys are priority bindings and move focus at once, so that keys
    typed right after them (`/name` then `enter enter`) reach the list, not the box."""

    BINDINGS = FILTER_BINDINGS

    #: Input sets its virtual size to the text's width at every keystroke, and Widget's
    #: reactive then lays out the whole screen (at 10,000 rows, about half of a keystroke's
    #: cost). The box's own size is fixed (#filter-input in app.tcss); it scrolls its text
    #: by this size without a layout.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def action_clear(self) -> None:
        self.value = ""
        self._leave()

    def action_done(self) -> None:
        self._leave()

    def _leave(self) -> None:
        bar = self.parent
        if isinstance(bar, FilterBar) and bar.return_to:
            self.screen.set_focus(self.screen.query_one(f"#{bar.return_to}"))
        self.post_message(FilterBar.Done(self))


class FilterBar(Horizontal):
    """A one-line filter box; posts ``Changed`` with a valid Filter on every keystroke."""

    class Changed(Message):
        def __init__(self, bar: FilterBar, filter: Filter) -> None:
            super().__init__()
            self.bar = bar
            self.filter = filter

    class Done(Message):
        """The user left the box (enter, escape or down)."""

        def __init__(self, source: Input) -> None:
            super().__init__()
            self.source = source

    def __init__(self, *, return_to: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        #: id of the widget that gets the focus back when the user leaves the box.
        self.return_to = return_to
        self._problem = ""

    def compose(self) -> ComposeResult:
        yield Static("/", id="filter-prompt")
        yield FilterInput(
            placeholder="filter: text, re:regex, !invert", id="filter-input", select_on_focus=False
        )
        yield Static("", id="filter-error", markup=False)

    @property
    def input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self) -> None:
        """`/`: show the box and focus it now, not on the next turn of the message loop, so
        the keys typed right after `/` land in it; inside it `/` (a priority key) is typed."""
        if self.screen.focused is self.input:
            self.input.insert_text_at_cursor("/")
            return
        self.display = True
        self.screen.set_focus(self.input)

    def close(self) -> None:
        """Empty the box (the rows it hid come back: a ``Changed`` follows) and hide it."""
        if self.input.value:
            self.input.value = ""
        self.display = False

    @on(Done)
    def _done(self) -> None:
        """Left empty, the box hides (the message goes on to the screen)."""
        if not self.value:
            self.display = False

    @on(Input.Changed, "#filter-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            parsed = parse_filter(event.value)
        except FilterError as exc:
            self._say(str(exc) + " (showing last good filter)")
            self.add_class("-invalid")
            return
        self._say("")
        self.remove_class("-invalid")
        self.post_message(self.Changed(self, parsed))

    def _say(self, problem: str) -> None:
        """The line under the box: updated (a layout of the whole screen, as its height may
        change) only when what it says changes, not at every keystroke."""
        if problem != self._problem:
            self._problem = problem
            self.query_one("#filter-error", Static).update(problem)
