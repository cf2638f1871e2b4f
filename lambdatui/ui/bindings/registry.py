"""The registry of the binding table: ``key`` declares a binding with its id and help section.

Every binding of the app, screens' and widgets' alike, is made here, so the footer, the ``?``
screen, the palette's hints, README's key table and the ``[keys]`` remapping of the config file
all read the same ids (tests/ui/test_binding_table.py checks that no class declares a key
elsewhere). The bindings themselves are in this package's feature modules.
"""

from __future__ import annotations

from textual.binding import Binding

GLOBAL = "Global"
FUNCTIONS = "Function list"
FUNCTION = "Function"
RELEASES = "Releases"
MONITORING = "Monitoring"
CODE = "Code"
INVOKE = "Invoke"
EDIT = "Edit settings"
LOGS = "Logs"
DURABLE = "Durable executions"
CAPACITY = "Capacity providers"
FLEET = "Fleet"
EVENTS = "Saved events"
TUNE = "Memory tuning"
NAVIGATION = "Navigation"

#: The help sections in the order the ``?`` screen and README list them.
SECTION_ORDER = (
    GLOBAL,
    FUNCTIONS,
    FUNCTION,
    RELEASES,
    MONITORING,
    CODE,
    INVOKE,
    EDIT,
    TUNE,
    LOGS,
    DURABLE,
    CAPACITY,
    FLEET,
    EVENTS,
    NAVIGATION,
)

#: binding id → help section
SECTIONS: dict[str, str] = {}
#: Every binding made with ``key``, in the order they are defined.
ALL: list[Binding] = []
#: binding id → binding
BY_ID: dict[str, Binding] = {}


def key(
    keys: str,
    action: str,
    description: str,
    *,
    id: str,
    section: str,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
    tooltip: str = "",
) -> Binding:
    """A binding of the table: ``id`` is what the config file's ``[keys]`` remaps, ``section``
    where ``?`` and README list it, ``tooltip`` what ``?`` says it does (the description,
    the footer's short label, by default)."""
    if id in SECTIONS:
        raise ValueError(f"binding id {id!r} is declared twice")
    if section not in SECTION_ORDER:
        raise ValueError(f"binding {id!r}: {section!r} is not a help section")
    SECTIONS[id] = section
    binding = Binding(
        keys,
        action,
        description,
        show=show,
        key_display=key_display,
        priority=priority,
        tooltip=tooltip or description,
        id=id,
    )
    ALL.append(binding)
    BY_ID[id] = binding
    return binding


def every_binding() -> list[Binding]:
    """Every binding of the app, section by section (in each, in the order defined)."""
    order = {section: i for i, section in enumerate(SECTION_ORDER)}
    return sorted(ALL, key=lambda binding: order[SECTIONS[binding.id or ""]])
