"""VirtualTable: what the user sees while sorting, filtering, streaming and moving the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message

import lambdatui.ui
from lambdatui.ui.widgets.virtual_table import Column, VirtualTable


@dataclass(frozen=True)
class Fn:
    name: str
    runtime: str = "python3.12"
    memory: int = 128
    state: str = "Active"


COLUMNS: list[Column[Fn]] = [
    Column("name", "Name", lambda fn: fn.name),
    Column("runtime", "Runtime", lambda fn: fn.runtime, width=12),
    Column(
        "memory",
        "Memory",
        lambda fn: f"{fn.memory} MB",
        width=9,
        align="right",
        sort_key=lambda fn: fn.memory,
    ),
    Column(
        "state",
        "State",
        lambda fn: fn.state,
        width=8,
        style=lambda fn: "virtual-table--warning" if fn.state != "Active" else "",
    ),
]


STYLESHEET = str(Path(lambdatui.ui.__file__).parent / "app.tcss")


class TableApp(App[None]):
    """A screen holding one table; `s` cycles the sort as it does in lambdatui."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "cycle_sort", "Sort", id="test.sort")]
    CSS_PATH = STYLESHEET  # the table's styles live in the app's one stylesheet

    def __init__(self, rows: list[Fn] | None = None, empty_text: str = "No rows") -> None:
        super().__init__()
        self.rows = rows or []
        self.empty_text = empty_text
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        table: VirtualTable[Fn] = VirtualTable(
            COLUMNS, row_key=lambda fn: fn.name, empty_text=self.empty_text
        )
        table.set_rows(self.rows)
        yield table

    @property
    def table(self) -> VirtualTable[Fn]:
        return self.query_one(VirtualTable)

    def action_cycle_sort(self) -> None:
        self.table.cycle_sort()

    def on_virtual_table_highlighted(self, message: VirtualTable.Highlighted) -> None:
        self.messages.append(message)

    def on_virtual_table_selected(self, message: VirtualTable.Selected) -> None:
        self.messages.append(message)

    def on_virtual_table_sort_changed(self, message: VirtualTable.SortChanged) -> None:
        self.messages.append(message)

    def of_type(self, kind: type[Message]) -> list[Any]:
        return [message for message in self.messages if isinstance(message, kind)]


def many(count: int) -> list[Fn]:
    return [Fn(f"fn-{i:04d}", memory=128 * (1 + i % 8)) for i in range(count)]


def screen_lines(table: VirtualTable[Any]) -> list[str]:
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def painted_lines(table: VirtualTable[Any]) -> list[str]:
    """The lines as Textual last painted them (its line cache), not freshly rendered."""
    width, height = table.scrollable_content_region.size
    return [strip.text for strip in table.render_lines(Region(0, 0, width, height))]


def names_on_screen(table: VirtualTable[Fn]) -> list[str]:
    return [line[2:].split()[0] for line in screen_lines(table)[1:] if line.strip()]


def cursor_line(table: VirtualTable[Any]) -> str:
    [line] = [line for line in screen_lines(table) if line.startswith(">")]
    return line


SAMPLE = [
    Fn("orders-api", "nodejs20.x", 512),
    Fn("billing-worker", "python3.12", 1024, "Pending"),
    Fn("auth", "java21", 256),
    Fn("Zeta-report", "python3.11", 128),
]


async def test_rows_appear_under_a_fixed_header_sorted_by_name() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.table
        lines = screen_lines(table)
        assert lines[0].split() == ["Name", "▲", "Runtime", "Memory", "State"]
        assert names_on_screen(table) == ["auth", "billing-worker", "orders-api", "Zeta-report"]
        assert lines[1].startswith("> auth")  # the cursor, visible without colour
        assert "1024 MB" in lines[2]
        assert lines[2].index("1024 MB") + len("1024 MB") == lines[0].index("Memory") + 6
        assert table.total_count == table.visible_count == 4
        assert table.cursor_row == Fn("auth", "java21", 256)
        assert app.of_type(VirtualTable.Highlighted)[-1].row.name == "auth"


async def test_s_cycles_the_sort_and_reverse_sort_flips_the_order() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        await pilot.press("s")
        assert table.sort_column == "runtime"
        assert [fn.runtime for fn in table.visible_rows()] == [
            "java21",
            "nodejs20.x",
            "python3.11",
            "python3.12",
        ]
        await pilot.press("s")
        assert table.sort_column == "memory"  # numeric sort key, not "1024" < "128"
        assert [fn.memory for fn in table.visible_rows()] == [128, 256, 512, 1024]
        table.sort_by("memory", reverse=True)
        await pilot.pause()
        assert [fn.memory for fn in table.visible_rows()] == [1024, 512, 256, 128]
        assert "Memory ▼" in screen_lines(table)[0]
        await pilot.press("s", "s")
        assert (table.sort_column, table.sort_reverse) == ("name", False)
        changes = [(m.column, m.reverse) for m in app.of_type(VirtualTable.SortChanged)]
        assert changes == [
            ("runtime", False),
            ("memory", False),
            ("memory", True),
            ("state", False),
            ("name", False),
        ]


async def test_sort_keeps_the_cursor_on_its_row() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        assert table.move_cursor_to_key("orders-api")
        table.sort_by("memory", reverse=True)
        await pilot.pause()
        assert table.cursor_row is not None and table.cursor_row.name == "orders-api"
        assert cursor_line(table).startswith("> orders-api")
        assert table.cursor_index == 1


async def test_filter_narrows_and_restores_keeping_the_cursor() -> None:
    rows = many(1000)
    app = TableApp(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        assert table.move_cursor_to_key("fn-0042")
        table.set_filter(lambda fn: "4" in fn.name)
        await pilot.pause()
        assert table.visible_count == sum("4" in fn.name for fn in rows)
        assert all("4" in name for name in names_on_screen(table))
        assert cursor_line(table).startswith("> fn-0042")
        table.set_filter(lambda fn: fn.name.endswith("99"))
        await pilot.pause()
        # The cursor's row is hidden: the cursor goes to the nearest row that is shown.
        assert table.visible_count == 10
        assert table.cursor_row is not None and table.cursor_row.name == "fn-0099"
        table.set_filter(None)
        await pilot.pause()
        assert table.visible_count == table.total_count == 1000
        assert table.cursor_row is not None and table.cursor_row.name == "fn-0099"
        assert cursor_line(table).startswith("> fn-0099")


async def test_typing_more_of_a_filter_only_tests_the_rows_still_shown() -> None:
    app = TableApp(many(1000))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        asked: list[str] = []

        def contains(text: str) -> Any:
            def predicate(fn: Fn) -> bool:
                asked.append(fn.name)
                return text in fn.name

            return predicate

        table.set_filter(contains("5"), narrows=True)  # nothing to narrow from yet
        assert len(asked) == 1000
        shown = table.visible_count
        asked.clear()
        table.set_filter(contains("55"), narrows=True)
        assert len(asked) == shown < 1000
        assert [fn.name for fn in table.visible_rows()][:3] == ["fn-0055", "fn-0155", "fn-0255"]
        table.sort_by("memory", reverse=True)  # re-sorting a filtered list asks no one
        asked.clear()
        table.sort_by("name")
        assert asked == []
        assert table.visible_count == 19
        await pilot.pause()
        assert all("55" in name for name in names_on_screen(table))


async def test_what_is_painted_follows_every_keystroke() -> None:
    # Filters that leave the rows on screen unchanged skip the repaint: check that the
    # screen never goes stale across filters, cursor moves and scrolling.
    app = TableApp(many(300))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        steps: list[Any] = [
            lambda: table.set_filter(lambda fn: True),
            lambda: table.action_cursor_down(),
            lambda: table.set_filter(lambda fn: fn.name != "fn-0200"),
            lambda: table.action_cursor_up(),
            lambda: table.set_filter(None),
            lambda: table.set_filter(lambda fn: fn.name != "fn-0001"),
            lambda: table.action_page_down(),
            lambda: table.set_filter(lambda fn: fn.name.endswith("5")),
            lambda: table.set_filter(lambda fn: fn.name.endswith("5"), narrows=True),
            lambda: table.scroll_to(y=3, animate=False),
            lambda: table.set_filter(lambda fn: fn.name.endswith("5")),
            lambda: table.set_filter(None),
            lambda: table.action_last(),
            lambda: table.set_filter(lambda fn: "zzz" in fn.name),
            lambda: table.set_filter(None),
        ]
        for step in steps:
            step()
            await pilot.pause()
            assert painted_lines(table) == screen_lines(table)
            top = table.scroll_offset.y
            cursor_shown = top <= table.cursor_index < top + 23 and table.visible_count > 0
            markers = [line for line in painted_lines(table) if line.startswith(">")]
            assert len(markers) == int(cursor_shown)


async def test_text_filter_matches_each_rows_search_text() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        table.set_text_filter(lambda text: "python3" in text)  # default: cells, lower-cased
        await pilot.pause()
        assert names_on_screen(table) == ["billing-worker", "Zeta-report"]
        table.set_text_filter(lambda text: "zeta" in text, narrows=True)
        assert [fn.name for fn in table.visible_rows()] == ["Zeta-report"]
        table.add_rows([Fn("zeta-2", "python3.13"), Fn("other", "python3.13")])
        assert [fn.name for fn in table.visible_rows()] == ["zeta-2", "Zeta-report"]
        table.set_filter(lambda fn: fn.memory > 300)  # a predicate replaces the text filter
        assert [fn.name for fn in table.visible_rows()] == ["billing-worker", "orders-api"]
        table.set_text_filter(None)
        assert table.visible_count == table.total_count == 6


async def test_search_text_can_be_chosen_by_the_app() -> None:
    class ByRuntime(TableApp):
        def compose(self) -> ComposeResult:
            table: VirtualTable[Fn] = VirtualTable(
                COLUMNS, row_key=lambda fn: fn.name, search_text=lambda fn: fn.runtime
            )
            table.set_rows(SAMPLE)
            yield table

    app = ByRuntime()
    async with app.run_test(size=(80, 24)):
        app.table.set_text_filter(lambda text: text.startswith("java"))
        assert [fn.name for fn in app.table.visible_rows()] == ["auth"]


async def test_streamed_pages_keep_sort_filter_and_cursor() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        table.sort_by("name", reverse=True)
        table.set_filter(lambda fn: not fn.name.endswith("7"))
        table.add_rows([Fn(f"fn-{i:04d}") for i in range(0, 3000, 2)])
        assert table.move_cursor_to_key("fn-1500")
        table.add_rows([Fn(f"fn-{i:04d}") for i in range(1, 3000, 50)])  # small page: bisect
        table.add_rows([Fn(f"fn-{i:04d}") for i in range(3, 3000, 4)])  # big page: merge
        await pilot.pause()
        expected = sorted(
            {f"fn-{i:04d}" for i in [*range(0, 3000, 2), *range(1, 3000, 50), *range(3, 3000, 4)]}
        )
        assert table.total_count == len(expected)
        shown = [name for name in reversed(expected) if not name.endswith("7")]
        assert [fn.name for fn in table.visible_rows()] == shown
        assert table.cursor_row is not None and table.cursor_row.name == "fn-1500"
        assert cursor_line(table).startswith("> fn-1500")


async def test_a_streamed_row_with_a_known_key_replaces_the_old_one() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        table.sort_by("memory")
        table.add_rows([Fn("auth", "java21", 2048, "Failed")])
        await pilot.pause()
        assert table.total_count == 4
        assert [fn.name for fn in table.visible_rows()][-1] == "auth"
        assert cursor_line(table).split()[1:] == ["auth", "java21", "2048", "MB", "Failed"]


async def test_keys_move_the_cursor_and_the_view_follows() -> None:
    app = TableApp(many(1000))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        await pilot.press("j", "down", "down")
        assert table.cursor_index == 3
        await pilot.press("k")
        assert table.cursor_index == 2
        await pilot.press("pagedown")
        assert table.cursor_index == 2 + 23  # 24 lines less the header
        assert cursor_line(table).startswith("> fn-0025")
        await pilot.press("end")
        assert table.cursor_index == 999
        assert screen_lines(table)[-1].startswith("> fn-0999")
        await pilot.press("pageup")
        assert table.cursor_index == 999 - 23
        assert cursor_line(table).startswith("> fn-0976")
        await pilot.press("home")
        assert table.cursor_index == 0
        assert screen_lines(table)[1].startswith("> fn-0000")
        assert screen_lines(table)[0].startswith("  Name")  # the header never scrolls away
        await pilot.press("up")
        assert table.cursor_index == 0


async def test_cursor_in_the_middle_of_a_long_list_is_on_screen() -> None:
    app = TableApp(many(1000))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        assert table.move_cursor_to_key("fn-0500")
        await pilot.pause()
        assert table.cursor_index == 500
        assert cursor_line(table).startswith("> fn-0500")
        assert screen_lines(table)[0].startswith("  Name")
        assert not table.move_cursor_to_key("no-such-function")
        highlighted = app.of_type(VirtualTable.Highlighted)
        assert highlighted[-1].row.name == "fn-0500"


async def test_highlighted_messages_coalesce_while_the_user_holds_down() -> None:
    app = TableApp(many(100))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        await pilot.pause()
        app.messages.clear()
        for _ in range(30):
            table.action_cursor_down()
        await pilot.pause()
        highlighted = app.of_type(VirtualTable.Highlighted)
        assert 1 <= len(highlighted) < 30
        assert highlighted[-1].row.name == "fn-0030"


async def test_enter_posts_selected_with_the_highlighted_row() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        [selected] = app.of_type(VirtualTable.Selected)
        assert selected.row.name == "billing-worker"
        assert selected.table is app.table


async def test_clicking_a_header_label_sorts_and_clicking_again_reverses() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        x = screen_lines(table)[0].index("Memory")
        await pilot.click(VirtualTable, offset=(x, 0))
        assert (table.sort_column, table.sort_reverse) == ("memory", False)
        assert [fn.memory for fn in table.visible_rows()] == [128, 256, 512, 1024]
        await pilot.click(VirtualTable, offset=(x, 0))
        assert (table.sort_column, table.sort_reverse) == ("memory", True)
        assert "Memory ▼" in screen_lines(table)[0]
        assert [fn.memory for fn in table.visible_rows()] == [1024, 512, 256, 128]


async def test_clicking_a_row_moves_the_cursor_and_double_click_opens_it() -> None:
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        await pilot.click(VirtualTable, offset=(10, 3))
        assert table.cursor_row is not None and table.cursor_row.name == "orders-api"
        assert not app.of_type(VirtualTable.Selected)
        await pilot.click(VirtualTable, offset=(10, 2), times=2)
        [selected] = app.of_type(VirtualTable.Selected)
        assert selected.row.name == "billing-worker"
        await pilot.click(VirtualTable, offset=(10, 20))  # below the last row: nothing
        assert table.cursor_row is not None and table.cursor_row.name == "billing-worker"


async def test_markup_and_escape_sequences_in_cells_are_shown_literally() -> None:
    hostile = [
        Fn("[bold red]pwned[/]", "\x1b]52;c;cm0gLXJmIH4K\x07python3.12"),
        Fn("evil\x1b[2J\x1b[Hname\r\nnext", "[@click=app.quit]x[/]"),
    ]
    app = TableApp(hostile)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app.table)
        assert "[bold red]pwned[/]" in lines[1]
        assert "python3.12" in lines[1]
        assert "evilname next" in lines[2]
        assert "[@click=app…" in lines[2]  # cut to the 12-cell column, not a link
        for line in lines:
            assert "\x1b" not in line and "\r" not in line and "\n" not in line
        assert all(
            not segment.style or not segment.style.meta
            for y in range(3)
            for segment in app.table.render_line(y)
        )


async def test_long_cells_are_truncated_with_an_ellipsis() -> None:
    app = TableApp([Fn("a" * 200, "provided.al2023.custom")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = screen_lines(app.table)[1]
        assert len(line) == app.table.scrollable_content_region.width
        assert "a…" in line
        assert "provided.al…" in line


async def test_empty_text_when_there_are_no_rows_or_no_matches() -> None:
    app = TableApp(empty_text="No functions in eu-west-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.table
        assert table.cursor_row is None
        assert any(line.strip() == "No functions in eu-west-1" for line in screen_lines(table))
        table.set_rows(SAMPLE)
        table.empty_text = "No match"
        table.set_filter(lambda fn: "zzz" in fn.name)
        await pilot.pause()
        lines = screen_lines(table)
        assert lines[0].split()[0] == "Name"
        assert [line.strip() for line in lines if line.strip()][1:] == ["No match"]
        await pilot.press("down", "enter")
        assert not app.of_type(VirtualTable.Selected)
        assert app.of_type(VirtualTable.Highlighted)[-1].row is None


async def test_set_rows_keeps_the_cursor_on_the_same_key() -> None:
    app = TableApp(many(50))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.table
        table.move_cursor_to_key("fn-0030")
        table.set_rows([Fn(f"fn-{i:04d}", runtime="nodejs22.x") for i in range(10, 60)])
        await pilot.pause()
        assert table.cursor_row == Fn("fn-0030", runtime="nodejs22.x")
        assert "nodejs22.x" in cursor_line(table)
        table.set_rows([Fn("fn-0001"), Fn("fn-0002")])  # the cursor's row is gone
        await pilot.pause()
        assert table.cursor_row == Fn("fn-0002")


async def test_every_binding_has_an_id_and_a_description() -> None:
    for binding in VirtualTable.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.id and binding.id.startswith("table.")
        assert binding.description
        assert not binding.show


async def test_cursor_is_visible_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TableApp(SAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        cursor = app.table.render_line(1)
        assert cursor.text.startswith("> auth")
        assert all(segment.style is not None and segment.style.reverse for segment in cursor)
        other = app.table.render_line(2)
        assert not any(segment.style and segment.style.reverse for segment in other)


FITTED: list[Column[Fn]] = [
    Column("name", "Name", lambda fn: fn.name, fit=16, min_width=8),
    Column("runtime", "Runtime", lambda fn: fn.runtime, width=10),
    Column("state", "State", lambda fn: fn.state, min_width=4, hide_below=6),
]


class FittedApp(TableApp):
    def compose(self) -> ComposeResult:
        table: VirtualTable[Fn] = VirtualTable(FITTED, row_key=lambda fn: fn.name)
        table.set_rows(self.rows)
        yield table


async def test_a_fitted_column_follows_the_rows_loaded_up_to_its_cap() -> None:
    app = FittedApp([Fn(f"fn-{i:02d}") for i in range(30)])
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        table = app.table
        # "Name ▲" needs 6 cells, every name 5: the label with its arrow sets the width
        assert painted_lines(table)[0].index("Runtime") == 2 + 6 + 1
        table.add_rows([Fn("zz-billing-api")])  # off screen, at the end: still widens it
        await pilot.pause()
        assert painted_lines(table)[0].index("Runtime") == 2 + 14 + 1
        table.set_filter(lambda fn: fn.name == "fn-01")  # what is filtered out still counts
        await pilot.pause()
        assert painted_lines(table)[0].index("Runtime") == 2 + 14 + 1
        table.set_filter(None)
        table.add_rows([Fn("zz-the-reporting-worker")])  # past the cap of 16: cut
        table.move_cursor_to_key("zz-the-reporting-worker")
        await pilot.pause()
        assert cursor_line(table).startswith("> zz-the-reportin… python3.12 Active")
        await pilot.resize_terminal(30, 10)  # short: State hides, then Name gives way
        await pilot.pause()
        assert painted_lines(table)[0].split() == ["Name", "▲", "Runtime"]
        assert cursor_line(table).startswith("> zz-the-report… python3.12")  # 15, not 16
