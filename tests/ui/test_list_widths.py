"""The function list fits its columns to what is loaded: NAME and RUNTIME as wide as their
widest cell (NAME at most 40), DESCRIPTION the rest; again when the terminal is resized."""

from __future__ import annotations

from typing import Any

import pytest

from lambdatui.cells import fit
from lambdatui.demo.seed import seed_functions
from lambdatui.ui.screens.functions import NAME_WIDTH
from tests.ui.helpers import make_app, press_id, screen_text, settle

SIZES = [(80, 24), (100, 30), (120, 40), (200, 50)]


@pytest.fixture
def demo_account(shared_demo):  # type: ignore[no-untyped-def]
    return shared_demo


def _header(app: Any) -> str:
    return next(line for line in screen_text(app).splitlines() if "NAME" in line)


def _column(header: str, label: str, following: str) -> int:
    """Cells between the start of `label` and that of the next column's label."""
    return header.index(following) - header.index(label) - 1


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_columns_fit_what_is_loaded_and_the_description_gets_the_rest(
    demo_account, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        functions = app.screen.table.visible_rows()
        longest = max(functions, key=lambda f: len(f.name))
        assert len(longest.name) <= NAME_WIDTH
        header = _header(app)
        assert _column(header, "NAME", "RUNTIME") == len(longest.name)
        # MEM is right-aligned in 5 cells
        assert _column(header, "RUNTIME", "MEM") - 2 == len("provided.al2023")
        app.screen.table.move_cursor_to_key(longest.name)
        await pilot.pause()
        text = screen_text(app)
        assert longest.name in text  # whole, no "…"
        assert "provided.al2023 " in text
        width = app.screen.table.scrollable_content_region.width
        if size[0] == 80:  # too narrow for a description worth reading: hidden
            assert header.split()[-1] == "ARCH"
            return
        description = width - header.index("DESCRIPTION")
        assert description >= {100: 20, 120: 40, 200: 120}[size[0]]
        shown = [f.description for f in functions if f.description]
        if size[0] == 200:
            missing = [d for d in shown[:10] if d[: description - 1] not in text]
            assert not missing, (description, missing, text)


@pytest.mark.slow
async def test_resizing_the_terminal_refits_the_columns(demo_account) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_account.endpoint_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = _header(app)
        assert "DESCRIPTION" not in header
        name = _column(header, "NAME", "RUNTIME")
        table = app.screen.table
        first = table.cursor_row
        for width, height in [(200, 50), (100, 30), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            header = _header(app)
            assert _column(header, "NAME", "RUNTIME") == name  # the names still fit
            start = header.index("DESCRIPTION")
            room = table.scrollable_content_region.width - start  # to the edge of the table
            line = next(line for line in screen_text(app).splitlines() if first.name in line)
            assert line[start : start + room] == fit(first.description, room)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "DESCRIPTION" not in _header(app)


@pytest.mark.slow
async def test_a_name_longer_than_the_cap_is_cut_and_filtering_moves_no_column(account) -> None:  # type: ignore[no-untyped-def]
    long_prefix = "a-very-long-function-name-for-the-nightly-batch"
    seed_functions(account.endpoint_url, 2, region=account.region, prefix=long_prefix)
    seed_functions(account.endpoint_url, 3, region=account.region, prefix="fn")
    app = make_app(account.endpoint_url)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        header = _header(app)
        assert _column(header, "NAME", "RUNTIME") == NAME_WIDTH
        text = screen_text(app)
        assert f"{long_prefix}-00000"[: NAME_WIDTH - 1] + "…" in text
        assert f"{long_prefix}-00000" not in text
        await press_id(pilot, "functions.filter")
        await pilot.press(*"fn-0000")  # only short names left: the columns stay put
        await settle(pilot)
        assert app.screen.table.visible_count == 3
        assert _header(app) == header
