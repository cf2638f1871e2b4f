"""TableModel: sorting, streaming, filtering and the cursor, without Textual."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from lambdatui.ui.widgets.table_lines import cell_width
from lambdatui.ui.widgets.table_model import Column, TableModel


@dataclass(frozen=True)
class Fn:
    name: str
    runtime: str = "python3.12"
    memory: int | None = 128


COLUMNS: list[Column[Fn]] = [
    Column("name", "Name", lambda fn: fn.name),
    Column("runtime", "Runtime", lambda fn: fn.runtime, width=12),
    Column("memory", "Memory", lambda fn: f"{fn.memory} MB", sort_key=lambda fn: fn.memory),
]

SAMPLE = [
    Fn("orders-api", "nodejs20.x", 512),
    Fn("billing-worker", "python3.12", 1024),
    Fn("auth", "java21", 256),
    Fn("Zeta-report", "python3.11", None),
]


def model(rows: list[Fn] | None = None, **options: Any) -> TableModel[Fn]:
    table: TableModel[Fn] = TableModel(COLUMNS, row_key=lambda fn: fn.name, **options)
    table.set_rows(rows if rows is not None else SAMPLE)
    return table


def names(table: TableModel[Fn]) -> list[str]:
    return [fn.name for fn in table.visible_rows()]


def put_cursor_on(table: TableModel[Fn], key: str) -> None:
    index = table.index_of(key)
    assert index is not None
    table.move_cursor(index)
    table.update_cursor_key()


@pytest.mark.slow  # a subprocess
def test_imports_no_textual() -> None:
    code = (
        "import sys, lambdatui.ui.widgets.table_model;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_needs_known_columns() -> None:
    with pytest.raises(ValueError):
        TableModel([], row_key=lambda fn: fn)
    with pytest.raises(ValueError):
        model(sort_column="nope")
    with pytest.raises(ValueError):
        model().sort_by("nope")


def test_sorts_by_the_first_column_case_insensitively() -> None:
    table = model()
    assert table.sort_column == "name" and not table.sort_reverse
    assert names(table) == ["auth", "billing-worker", "orders-api", "Zeta-report"]
    assert (table.visible_count, table.total_count) == (4, 4)


def test_sort_key_orders_numbers_and_puts_none_last_either_way() -> None:
    table = model()
    assert table.sort_by("memory")
    assert [fn.memory for fn in table.visible_rows()] == [256, 512, 1024, None]
    assert table.sort_by("memory", reverse=True)
    # Reversing flips the display order, so None comes first.
    assert [fn.memory for fn in table.visible_rows()] == [None, 1024, 512, 256]


def test_reverse_maps_display_indexes_onto_the_same_rows() -> None:
    table = model(sort_reverse=True)
    assert names(table) == ["Zeta-report", "orders-api", "billing-worker", "auth"]
    assert table.entry_at(0).key == "Zeta-report"
    assert table.entry_at(3).key == "auth"
    assert table.index_of("auth") == 3
    assert not table.sort_by("name", reverse=True)  # already so: nothing to do
    assert table.sort_by("name")
    assert table.index_of("auth") == 0


def test_cycle_sort_visits_every_column_ascending_and_wraps() -> None:
    table = model()
    table.sort_by("name", reverse=True)
    seen = []
    for _ in range(len(COLUMNS)):
        assert table.cycle_sort()
        seen.append((table.sort_column, table.sort_reverse))
    assert seen == [("runtime", False), ("memory", False), ("name", False)]
    assert names(table) == ["auth", "billing-worker", "orders-api", "Zeta-report"]


def test_sorting_keeps_the_filter_without_asking_it_again() -> None:
    calls = []

    def big(fn: Fn) -> bool:
        calls.append(fn.name)
        return (fn.memory or 0) >= 512

    table = model()
    table.set_filter(big)
    calls.clear()
    table.sort_by("memory", reverse=True)
    assert names(table) == ["billing-worker", "orders-api"]
    assert calls == []


@pytest.mark.parametrize("reverse", [False, True])
def test_streamed_pages_stay_sorted_and_filtered(reverse: bool) -> None:
    table = model([], sort_reverse=reverse)
    table.set_filter(lambda fn: not fn.name.endswith("7"))
    keys = [f"fn-{i:04d}" for i in range(2000)]
    random.Random(3).shuffle(keys)
    # Small pages go in by bisect, big ones (over 64 rows) by a merge: mix both.
    for start, size in [(0, 10), (10, 500), (510, 1), (511, 64), (575, 65), (640, 1360)]:
        table.add_rows([Fn(key) for key in keys[start : start + size]])
    table.add_rows([])
    expected = sorted(key for key in keys if not key.endswith("7"))
    assert names(table) == (expected[::-1] if reverse else expected)
    assert table.total_count == 2000
    table.set_filter(None)
    assert names(table) == sorted(keys, reverse=reverse)


def test_a_streamed_row_with_a_known_key_replaces_the_old_one() -> None:
    table = model()
    table.sort_by("memory")
    table.set_filter(lambda fn: fn.runtime != "go")
    table.add_rows([Fn("auth", "java21", 2048), Fn("orders-api", "go", 1)])
    assert table.total_count == 4
    assert names(table) == ["billing-worker", "auth", "Zeta-report"]
    assert table.visible_rows()[1].memory == 2048


def test_filter_then_narrows_tests_only_the_rows_shown() -> None:
    table = model()
    asked: list[str] = []

    def containing(text: str) -> Callable[[Fn], bool]:
        def predicate(fn: Fn) -> bool:
            asked.append(fn.name)
            return text in fn.name.lower()

        return predicate

    table.set_filter(containing("r"))
    assert names(table) == ["billing-worker", "orders-api", "Zeta-report"]
    assert len(asked) == 4
    asked.clear()
    table.set_filter(containing("re"), narrows=True)
    assert names(table) == ["Zeta-report"]
    assert sorted(asked) == ["Zeta-report", "billing-worker", "orders-api"]  # not "auth"
    asked.clear()
    table.set_filter(None)
    assert names(table) == ["auth", "billing-worker", "orders-api", "Zeta-report"]
    table.set_filter(containing("a"), narrows=True)
    assert len(asked) == 4  # no filter before: narrowing has nothing to narrow


def test_text_filter_matches_search_text_computed_once_per_row() -> None:
    table = model()
    table.set_text_filter(lambda text: "python3" in text)  # default: cells, lower-cased
    assert names(table) == ["billing-worker", "Zeta-report"]
    table.set_text_filter(lambda text: "zeta" in text, narrows=True)
    assert names(table) == ["Zeta-report"]
    table.add_rows([Fn("zeta-2", "python3.13"), Fn("other", "python3.13")])
    assert names(table) == ["zeta-2", "Zeta-report"]
    table.set_filter(lambda fn: (fn.memory or 0) > 300)  # a predicate replaces it
    assert names(table) == ["billing-worker", "orders-api"]
    table.set_text_filter(None)
    assert table.visible_count == table.total_count == 6


def test_search_text_can_be_chosen_and_is_kept() -> None:
    computed: list[str] = []

    def runtime(fn: Fn) -> str:
        computed.append(fn.name)
        return fn.runtime

    table = model(search_text=runtime)
    table.set_text_filter(lambda text: text.startswith("java"))
    assert names(table) == ["auth"]
    table.set_text_filter(lambda text: text.startswith("python"))
    assert names(table) == ["billing-worker", "Zeta-report"]
    assert sorted(computed) == sorted(fn.name for fn in SAMPLE)  # once each
    table.add_rows([Fn("new", "java17")])
    table.set_text_filter(lambda text: text.startswith("java"))
    assert names(table) == ["auth", "new"]
    assert computed[-1] == "new" and len(computed) == 5
    table.set_rows([*SAMPLE, *table.visible_rows()])  # the same objects keep their text
    table.set_text_filter(lambda text: text.startswith("python"))
    assert len(computed) == 5


def test_cursor_moves_clamped_and_reports_a_new_row() -> None:
    table = model()
    assert table.update_cursor_key()  # from no row to the first
    assert table.cursor_row == SAMPLE[2]
    assert not table.move_cursor(-5)  # already at the top
    assert table.move_cursor(99)
    assert table.cursor == 3 and table.cursor_row is not None
    assert table.cursor_row.name == "Zeta-report"
    assert table.update_cursor_key() and not table.update_cursor_key()
    assert table.index_of("no-such-row") is None


def test_cursor_stays_on_its_key_after_set_rows() -> None:
    table = model()
    put_cursor_on(table, "billing-worker")
    # New objects, more rows, another order: the cursor follows its row.
    table.set_rows([Fn("aaa"), Fn("ab"), *(Fn(fn.name, fn.runtime, fn.memory) for fn in SAMPLE)])
    assert table.cursor == 3 and table.cursor_row is not None
    assert table.cursor_row.name == "billing-worker"
    table.sort_by("name", reverse=True)
    assert table.cursor == 2 and table.cursor_row.name == "billing-worker"
    # The row gone: the cursor keeps its index.
    table.set_rows([fn for fn in SAMPLE if fn.name != "billing-worker"])
    assert table.cursor == 2
    table.set_rows([])
    assert table.cursor == 0 and table.cursor_row is None and table.visible_rows() == []
    assert not table.move_cursor(1)


def test_cursor_goes_to_the_next_row_when_the_filter_hides_its_own() -> None:
    table = model()
    put_cursor_on(table, "billing-worker")
    table.set_filter(lambda fn: fn.name != "billing-worker")
    assert table.cursor_row is not None and table.cursor_row.name == "orders-api"
    assert table.index_of("billing-worker") is None  # hidden
    table.set_filter(None)  # the cursor key was not updated: back on its own row
    assert table.cursor_row.name == "billing-worker"


def test_fitted_columns_track_their_widest_cell_as_rows_come_in_not_as_they_are_filtered() -> None:
    columns: list[Column[Fn]] = [
        Column("name", "Name", lambda fn: fn.name, fit=30),
        Column("runtime", "Runtime", lambda fn: fn.runtime, fit=20),
        Column("memory", "Memory", lambda fn: f"{fn.memory} MB"),
    ]
    table: TableModel[Fn] = TableModel(columns, row_key=lambda fn: fn.name, measure=cell_width)
    assert table.content_widths == (0, 0, 0)
    table.set_rows(SAMPLE)
    assert table.content_widths == (len("billing-worker"), len("python3.12"), 0)
    # `measure` (here the widget's) is asked only for text that is not plain ASCII
    table.add_rows([Fn("漢字-billing-worker-x\x1b[31m", "provided.al2023")])  # 2 cells a glyph
    assert table.content_widths == (len("xxxx-billing-worker-x"), len("provided.al2023"), 0)
    table.set_text_filter(lambda text: text.startswith("auth"))
    assert names(table) == ["auth"]
    assert table.content_widths == (len("xxxx-billing-worker-x"), len("provided.al2023"), 0)
    table.set_rows(SAMPLE[2:])  # a new listing is measured afresh
    assert table.content_widths == (len("Zeta-report"), len("python3.11"), 0)


def test_a_fitted_column_has_no_fixed_width() -> None:
    with pytest.raises(ValueError, match="fitted"):
        TableModel([Column("name", "Name", lambda fn: fn.name, width=10, fit=20)], row_key=str)


def test_set_columns_keeps_rows_filter_and_cursor_and_a_sort_whose_column_stays() -> None:
    table = model()
    table.set_filter(lambda fn: fn.name != "auth")
    put_cursor_on(table, "orders-api")
    table.sort_by("memory", reverse=True)
    extra = Column("size", "Size", lambda fn: str(len(fn.name)), sort_key=lambda fn: len(fn.name))
    table.set_columns([*COLUMNS, extra])
    assert [c.key for c in table.columns] == ["name", "runtime", "memory", "size"]
    assert (table.sort_column, table.sort_reverse) == ("memory", True)
    assert table.cursor_row is not None and table.cursor_row.name == "orders-api"
    assert table.visible_count == 3
    table.sort_by("size")
    table.set_columns(COLUMNS)  # its column is gone: the first column's sort
    assert (table.sort_column, table.sort_reverse) == ("name", False)
    assert [fn.name for fn in table.visible_rows()] == [
        "billing-worker",
        "orders-api",
        "Zeta-report",
    ]


def test_rows_changed_moves_rows_whose_sort_value_changed() -> None:
    load = {"auth": 5, "orders-api": 1}
    columns = [
        *COLUMNS,
        Column(
            "load",
            "Load",
            lambda fn: str(load.get(fn.name, "")),
            sort_key=lambda fn: load.get(fn.name, -1),
        ),
    ]
    table: TableModel[Fn] = TableModel(columns, row_key=lambda fn: fn.name, sort_column="load")
    table.set_rows(SAMPLE)
    put_cursor_on(table, "auth")
    table.sort_by("load", reverse=True)
    assert [fn.name for fn in table.visible_rows()][:2] == ["auth", "orders-api"]
    for entry in table.entries():
        entry.cells = ("drawn",)
    load["billing-worker"] = 9
    changed = table.rows_changed(["billing-worker", "nobody"])
    assert [entry.key for entry in changed] == ["billing-worker"]
    assert changed[0].cells is None  # drawn again
    assert [fn.name for fn in table.visible_rows()][:3] == ["billing-worker", "auth", "orders-api"]
    assert table.cursor_row is not None and table.cursor_row.name == "auth"  # kept on its row


def test_cycle_sort_passes_an_unsortable_column_by() -> None:
    columns = [COLUMNS[0], Column("spark", "Spark", lambda fn: "▁", sortable=False), COLUMNS[2]]
    table: TableModel[Fn] = TableModel(columns, row_key=lambda fn: fn.name)
    assert table.next_sort_column() == "memory"


def test_text_filters_agree_with_a_plain_pass_through_streams_sorts_and_narrowing() -> None:
    """The search texts kept beside the sorted and visible lists (in their order) never go
    out of step with the rows: after pages, a replaced row, a new sort and narrowing, every
    text filter shows exactly the rows a plain pass over all of them would."""
    from lambdatui.filtering import parse_filter

    rng = random.Random(5)
    words = ["alpha", "beta", "gamma", "delta", "api", "worker"]
    table = model([])
    rows: dict[str, Fn] = {}
    typed = ""
    for step in range(300):
        action = rng.random()
        if action < 0.3:
            page = [
                Fn(f"{rng.choice(words)}-{rng.randrange(60)}", rng.choice(words), rng.randrange(9))
                for _ in range(rng.randrange(1, 80))
            ]
            table.add_rows(page)
            rows.update({fn.name: fn for fn in page})
        elif action < 0.4:
            table.cycle_sort()
        else:
            # mostly one more character (narrows), sometimes another expression
            if typed and rng.random() < 0.7 and len(typed) < 6:
                new = typed + rng.choice("aeiplrt-")
            else:
                new = rng.choice(["a", "!a", "re:^b", "api", "", "!w", "et"])
            narrows = bool(typed) and new.startswith(typed) and not new.startswith(("!", "re:"))
            table.set_text_filter(parse_filter(new).match, narrows=narrows)
            typed = new
        match = parse_filter(typed).match
        expected = sorted(
            name
            for name, fn in rows.items()
            if match is None or match(" ".join([fn.name, fn.runtime, f"{fn.memory} MB"]).lower())
        )
        assert sorted(names(table)) == expected, (step, typed)


def test_widths_without_a_fitted_column_change_nothing() -> None:
    """`set_rows` with widths that lack a fitted column raises before it replaces the rows:
    the caller (`VirtualTable.show_preview`) then shows the whole list as it is."""
    model = TableModel(
        [Column("name", "NAME", lambda r: r, fit=10), Column("other", "OTHER", lambda r: r)],
        row_key=lambda r: r,
    )
    model.set_rows(["a", "bb"])
    with pytest.raises(KeyError):
        model.set_rows(["ccc"], widths={"other": 3})
    assert model.visible_rows() == ["a", "bb"] and model.content_widths == (2, 0)
    assert model.total_count == 2 and model.index_of("ccc") is None
