"""The tuning form's reading (each field's refusal names it) and the export's rules (a new
file only, by its ending), without a screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lambdatui.ui.tune.form import read_form
from lambdatui.ui.tune.run_screen import export_problem, write_new

GOOD = {
    "sizes": "512, 128",
    "runs": "3",
    "payload": '{"pages": 6}',
    "mode": "parallel",
    "strategy": "balanced",
    "weight": "0.25",
}


def test_a_good_form_is_a_request() -> None:
    request = read_form("shop", GOOD).request
    assert request is not None
    assert (request.sizes, request.runs, request.parallel) == ((128, 512), 3, True)
    assert (request.strategy, request.weight) == ("balanced", 0.25)
    assert json.loads(request.payload) == {"pages": 6}


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("sizes", "64", "64 MB is out of range"),
        ("runs", "0", "from 1 to 1000"),
        ("payload", "{nope", "Not JSON"),
        ("mode", "fast", "serial or parallel"),
        ("strategy", "cheap", "cost, speed or balanced"),
        ("weight", "2", "from 0"),
    ],
)
def test_each_bad_field_is_named_with_why(field: str, value: str, said: str) -> None:
    checked = read_form("shop", {**GOOD, field: value})
    assert checked.request is None and checked.field == field and said in checked.problem


def test_export_goes_to_a_new_json_or_csv_file_only(tmp_path: Path) -> None:
    taken = tmp_path / "taken.json"
    taken.write_text("mine")
    assert export_problem(str(taken)) == "That file exists; give a new name."
    assert export_problem(str(tmp_path / "out.txt")) == "End the name with .json or .csv."
    assert export_problem(str(tmp_path / "out.csv")) == ""
    with pytest.raises(FileExistsError):
        write_new(taken, "theirs")
    assert taken.read_text() == "mine"
    write_new(tmp_path / "out.csv", "memory\n128\n")
    assert (tmp_path / "out.csv").read_text() == "memory\n128\n"
