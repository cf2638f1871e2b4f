"""Every key of the app is declared in the one binding table (lambdatui/ui/bindings/).

A screen or widget that made its own ``Binding`` would be missing from ``?``, README's key
table and the config file's ``[keys]``; these tests find every such class, as the app has it.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
from collections import Counter

import pytest
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

import lambdatui.ui
from lambdatui.ui import bindings


def ui_classes() -> list[type[DOMNode]]:
    """Every screen, widget and app class defined under lambdatui.ui (all modules imported)."""
    for info in pkgutil.walk_packages(lambdatui.ui.__path__, "lambdatui.ui."):
        importlib.import_module(info.name)
    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("lambdatui.") and sub not in found:
                found.append(sub)
    return found


def own_bindings(cls: type[DOMNode]) -> list[object]:
    """The bindings a class declares itself (not those it inherits, Textual's included)."""
    return list(cls.__dict__.get("BINDINGS", []))


def test_the_scan_finds_the_app_screens_and_widgets() -> None:
    names = {cls.__name__ for cls in ui_classes() if own_bindings(cls)}
    assert {"LambdaTUI", "FunctionListScreen", "VirtualTable", "LogView", "FilterInput"} <= names
    assert "EventLibraryScreen" in names
    assert any(issubclass(cls, App) for cls in ui_classes())


def test_every_binding_of_every_class_is_in_the_table() -> None:
    registered = {id(binding) for binding in bindings.ALL}
    strays = [
        f"{cls.__module__}.{cls.__qualname__}: {binding!r}"
        for cls in ui_classes()
        for binding in own_bindings(cls)
        if not isinstance(binding, Binding) or id(binding) not in registered
    ]
    assert not strays, "declare these with bindings.key(...):\n" + "\n".join(strays)


def test_binding_ids_are_unique_and_each_has_a_section_and_a_description() -> None:
    ids = [binding.id for binding in bindings.every_binding()]
    assert all(ids)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert len(ids) == len(bindings.ALL) == len(bindings.SECTIONS)
    for binding in bindings.ALL:
        assert binding.description
        assert bindings.SECTIONS[binding.id or ""] in bindings.SECTION_ORDER


def test_a_binding_made_outside_the_table_is_found() -> None:
    """The check above can fail: a widget with a key of its own is reported."""
    from textual.widget import Widget

    class Stray(Widget):
        BINDINGS = [Binding("z", "nothing", "Nothing", id="stray.z")]  # noqa: RUF012

    Stray.__module__ = "lambdatui.ui.widgets.stray"
    try:
        registered = {id(binding) for binding in bindings.ALL}
        strays = [cls for cls in ui_classes() for b in own_bindings(cls) if id(b) not in registered]
        assert strays == [Stray]
    finally:
        del Stray
        gc.collect()  # out of Widget.__subclasses__() again


def test_an_id_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        bindings.key("z", "nothing", "Nothing", id="app.quit", section=bindings.GLOBAL)
    assert bindings.SECTIONS["app.quit"] == bindings.GLOBAL
