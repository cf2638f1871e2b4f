"""`CodeViewer`: a file (or a diff) shown a block of lines at a time, highlighted, numbered.

Modelled on the log view: a `ScrollView` that draws only the rows on screen. Lines come from
a ``fetch(start, count)`` function (``Package.lines`` for a file in a package), called in a
thread worker one ``BLOCK`` at a time as the user scrolls to it, so a large file is never
read whole and the event loop never waits for the zip; at most ``KEEP`` blocks are held. Each
block is highlighted on its own (a construct spanning two blocks starts afresh at the
second). Until the last block is read the viewer shows one row more than it has, which asks
for the next block when it comes on screen.

``/`` looks for text from the line after the last match (wrapping once), reading blocks in a
thread; ``n`` goes on to the next. Escape posts ``Leave``: the pane or screen around it moves
the focus back to its list.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...sanitize import one_line
from ..bindings import CODE_VIEWER_BINDINGS
from .highlight import highlight, safe_lines

#: Lines read and highlighted at a time.
BLOCK = 500
#: Blocks kept in memory (those farthest from the view go first).
KEEP = 16

Fetch = Callable[[int, int], list[str]]


class CodeViewer(ScrollView, can_focus=True, inherit_bindings=False):
    """See the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = CODE_VIEWER_BINDINGS
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "code-viewer--gutter",
        "code-viewer--match",
        "code-viewer--message",
    }

    class Leave(Message):
        """Escape: back to the list the file was opened from."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch: Fetch | None = None
        self._lexer: Any | None = None
        self._blocks: dict[int, list[Text]] = {}
        self._loading: set[int] = set()
        self._total: int | None = None
        self._widest = 0
        self._generation = 0
        self.title = ""
        #: What the viewer says instead of lines ("" when it shows lines).
        self.message = ""
        self.needle = ""
        self.match_line: int | None = None

    # -- what to show ----------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        """Words instead of lines (already safe, one row each): a binary file's size and
        type, a layer's details, a failure, a hint."""
        self._reset()
        self.message = message
        self._resize()

    def show_lines(self, title: str, fetch: Fetch, lexer: Any | None) -> None:
        """Lines from ``fetch`` (called in a thread), highlighted with ``lexer``."""
        self._reset()
        self.title, self._fetch, self._lexer = title, fetch, lexer
        self._resize()
        self._request(0)

    def _reset(self) -> None:
        self._generation += 1
        self._fetch, self._lexer = None, None
        self._blocks, self._loading = {}, set()
        self._total, self._widest = None, 0
        self.message, self.match_line, self.title = "", None, ""
        self.scroll_to(0, 0, animate=False, immediate=True)

    @property
    def loaded(self) -> bool:
        """Whether the first block is read (or there is nothing to read)."""
        return self._fetch is None or 0 in self._blocks

    @property
    def line_count(self) -> int:
        """Lines known so far (all of them once the last block is read)."""
        if self._total is not None:
            return self._total
        return (max(self._blocks) + 1) * BLOCK + 1 if self._blocks else 0

    def line(self, index: int) -> Text | None:
        """Line ``index`` as drawn (highlighted) when its block is held; None otherwise."""
        block = self._blocks.get(index // BLOCK)
        if block is None or index % BLOCK >= len(block):
            return None
        return block[index % BLOCK]

    # -- loading ---------------------------------------------------------------------------

    def _request(self, block: int) -> None:
        if self._fetch is None or block in self._blocks or block in self._loading:
            return
        if self._total is not None and block * BLOCK >= max(self._total, 1):
            return
        self._loading.add(block)
        work = partial(self._read_block, self._fetch, self._lexer, block, self._generation)
        self.run_worker(work, thread=True, group="code-block", exit_on_error=False)

    def _read_block(self, fetch: Fetch, lexer: Any | None, block: int, generation: int) -> None:
        try:
            lines = safe_lines(fetch(block * BLOCK, BLOCK))
            texts = highlight(lines, lexer)
        except Exception as exc:  # said in the viewer, never a traceback
            self.app.call_from_thread(self._failed, generation, exc)
            return
        self.app.call_from_thread(self._arrived, generation, block, texts)

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            what = getattr(exc, "message", None) or str(exc)
            self.show_message(one_line(f"Could not read this file: {what}"))

    def _arrived(self, generation: int, block: int, texts: list[Text]) -> None:
        if generation != self._generation:
            return  # another file meanwhile
        self._loading.discard(block)
        self._blocks[block] = texts
        self._widest = max([self._widest, *(t.cell_len for t in texts)])
        if len(texts) < BLOCK:
            self._total = block * BLOCK + len(texts)
        self._forget_far(block)
        self._resize()
        self.refresh()

    def _forget_far(self, near: int) -> None:
        while len(self._blocks) > KEEP:
            far = max(self._blocks, key=lambda b: abs(b - near))
            del self._blocks[far]

    def _gutter_width(self) -> int:
        return len(str(max(self.line_count, 1))) + 3  # "123 │ "

    def _resize(self) -> None:
        rows = len(self.message.splitlines()) if self.message else self.line_count
        self.virtual_size = Size(self._gutter_width() + self._widest, rows)
        self.refresh()

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width or self.size.width)
        index = self.scroll_offset.y + y
        base = self.rich_style
        if self.message:
            lines = self.message.splitlines()
            if index >= len(lines):
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("code-viewer--message")
            line = lines[index][:width]
            return Strip([Segment(line, style)]).extend_cell_length(width, base)
        if index >= self.line_count:
            return Strip.blank(width, base)
        block = self._blocks.get(index // BLOCK)
        if block is None:
            self._request(index // BLOCK)
            return Strip.blank(width, base)
        if index % BLOCK >= len(block):
            return Strip.blank(width, base)
        gutter_width = self._gutter_width()
        gutter_style = base + self.get_component_rich_style("code-viewer--gutter")
        gutter = Strip([Segment(f"{index + 1:>{gutter_width - 3}} │ ", gutter_style)])
        text = block[index % BLOCK]
        if index == self.match_line:
            text = text.copy()
            text.stylize(self.get_component_rich_style("code-viewer--match"))
        segments = list(text.render(self.app.console))
        code = Strip(segments).apply_style(base).simplify()
        x = self.scroll_offset.x
        code = code.crop(x, x + max(0, width - gutter_width))
        return Strip.join([gutter, code]).extend_cell_length(width, base)

    # -- keys ------------------------------------------------------------------------------

    def action_line_up(self) -> None:
        self.scroll_up(animate=False)

    def action_line_down(self) -> None:
        self.scroll_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

    def action_left(self) -> None:
        self.scroll_left(animate=False)

    def action_right(self) -> None:
        self.scroll_right(animate=False)

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_find(self) -> None:
        if self._fetch is None:
            self.notify("Open a text file first", markup=False)
            return
        from ..dialogs.prompt import PromptScreen

        def chosen(text: str | None) -> None:
            if text:
                self.needle = text
                self.match_line = None
                self._find(-1)

        self.app.push_screen(
            PromptScreen("Find in this file", value=self.needle, placeholder="text"), chosen
        )

    def action_find_next(self) -> None:
        if not self.needle:
            self.action_find()
            return
        start = self.match_line if self.match_line is not None else self.scroll_offset.y - 1
        self._find(start)

    def _find(self, after: int) -> None:
        fetch = self._fetch
        if fetch is None:
            return
        work = partial(self._search, fetch, self.needle, after, self._generation)
        self.run_worker(work, thread=True, group="code-find", exclusive=True, exit_on_error=False)

    def _search(self, fetch: Fetch, query: str, after: int, generation: int) -> None:
        """The first line after ``after`` holding ``query`` (case-insensitive unless it has
        capitals), wrapping to the top once."""
        exact = query != query.lower()

        def holds(line: str) -> bool:
            return query in (line if exact else line.lower())

        found: int | None = None
        start = max(0, after + 1)
        block_start = start
        while found is None:
            lines = fetch(block_start, BLOCK)
            for offset, line in enumerate(lines):
                if holds(line):
                    found = block_start + offset
                    break
            if len(lines) < BLOCK:
                break
            block_start += BLOCK
        if found is None and start:
            lines_seen = 0
            while found is None and lines_seen < start:
                lines = fetch(lines_seen, BLOCK)
                for offset, line in enumerate(lines[: start - lines_seen]):
                    if holds(line):
                        found = lines_seen + offset
                        break
                if len(lines) < BLOCK:
                    break
                lines_seen += BLOCK
        self.app.call_from_thread(self._found, generation, query, found)

    def _found(self, generation: int, query: str, line: int | None) -> None:
        if generation != self._generation:
            return
        if line is None:
            self.notify(f"Not found: {one_line(query, 60)}", markup=False)
            return
        self.match_line = line
        self._request(line // BLOCK)
        top = max(0, line - max(1, self.scrollable_content_region.height // 3))
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()
