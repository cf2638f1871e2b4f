"""The configuration view against the SDK's own Lambda model: every field GetFunction can
return (as botocore parses it) is shown by a section or listed under "Other fields"."""

from __future__ import annotations

from typing import Any

import botocore.session

from lambdatui.aws.function_detail import FunctionDetail
from lambdatui.ui.render import config as rc


def _model() -> Any:
    return botocore.session.get_session().get_service_model("lambda")


def _example(shape: Any) -> Any:
    """A value of ``shape``: enough to be present and non-empty."""
    kind = shape.type_name
    if kind == "structure":
        return {name: _example(member) for name, member in shape.members.items()}
    if kind == "list":
        return [_example(shape.member)]
    if kind == "map":
        return {"k": _example(shape.value)}
    if kind in ("integer", "long"):
        return 1
    if kind in ("double", "float"):
        return 1.5
    if kind == "boolean":
        return True
    return (shape.enum or ["x"])[0]


def test_the_sections_name_only_fields_the_model_knows() -> None:
    """A misspelt name here would hide a field from "Other fields" without showing it."""
    model = _model()
    members = set(model.shape_for("FunctionConfiguration").members)
    reply = set(model.operation_model("GetFunction").output_shape.members)
    assert members >= rc.SHOWN_CONFIGURATION, rc.SHOWN_CONFIGURATION - members
    assert rc.SHOWN_REPLY - {"ResponseMetadata"} <= reply


def test_every_field_of_get_function_is_shown_somewhere() -> None:
    model = _model()
    output = model.operation_model("GetFunction").output_shape
    document = {name: _example(member) for name, member in output.members.items()}
    detail = FunctionDetail.from_api(document)
    listed = {f.label for f in rc.other_section(detail)}
    config = model.shape_for("FunctionConfiguration").members
    for name in config:
        assert name in rc.SHOWN_CONFIGURATION or name in listed, name
    for name in output.members:
        assert name in rc.SHOWN_REPLY or name in listed, name
    # and the sections render such a document without failing
    sections = rc.detail_sections(detail)
    assert sections[0][0].label == "GENERAL"
