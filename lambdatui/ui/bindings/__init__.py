"""The binding table: every key the app offers, with an id users can remap and a help section.

Screens and widgets take their ``BINDINGS`` from here; the footer, the ``?`` screen, palette
and dialog hints, README's key table (``scripts/keys_table.py``) and the config file's
``[keys]`` all read these, so they cannot drift apart. ``registry`` has ``key`` (which declares
one) and the sections; one module per feature holds its keys, and importing this package
imports them all, so ``every_binding()`` is complete without importing any screen.
"""

from __future__ import annotations

# isort: off
# In this order: it is the order of the keys within a section in README's table (each
# section's own screen first, then the keys other features add to it).
from .registry import (
    ALL,
    BY_ID,
    CAPACITY,
    CODE,
    DURABLE,
    EDIT,
    EVENTS,
    TUNE,
    FLEET,
    FUNCTION,
    FUNCTIONS,
    GLOBAL,
    INVOKE,
    LOGS,
    MONITORING,
    NAVIGATION,
    RELEASES,
    SECTION_ORDER,
    SECTIONS,
    every_binding,
    key,
)
from .app import (
    ALWAYS_IN_FOOTER,
    APP_BINDINGS,
    CONFIRM_BINDINGS,
    COPIED_BINDINGS,
    HELP_BINDINGS,
    PICKER_BINDINGS,
    PROMPT_BINDINGS,
)
from .functions import (
    FILTER_BINDINGS,
    FUNCTION_LIST_BINDINGS,
    FUNCTION_LIST_METRICS_BINDINGS,
    FUNCTION_TABLE_BINDINGS,
)
from .function import (
    FIELD_DETAIL_BINDINGS,
    FIELD_TABLE_BINDINGS,
    FUNCTION_BINDINGS,
    QUALIFIER_TABLE_BINDINGS,
    RAW_JSON_BINDINGS,
)
from .release import (
    ALIASES_TABLE_BINDINGS,
    RELEASE_CONFIRM_BINDINGS,
    RELEASE_FORM_BINDINGS,
    SHIFT_BINDINGS,
    SHIFT_CHOICE_BINDINGS,
    VERSIONS_TABLE_BINDINGS,
)
from .invoke import (
    EVENT_LIBRARY_BINDINGS,
    EVENT_LIST_BINDINGS,
    INVOKE_BINDINGS,
    INVOKE_COMMAND_BINDINGS,
    INVOKE_DIALOG_BINDINGS,
    INVOKE_RESULT_BINDINGS,
)
from .edit import (
    EDIT_BINDINGS,
    EDIT_CONFIRM_BINDINGS,
    FUNCTION_EDIT_BINDINGS,
    FUNCTION_LIST_EDIT_BINDINGS,
)
from .logs import (
    LOGS_BINDINGS,
)
from .durable import (
    EXECUTION_BINDINGS,
    EXECUTIONS_BINDINGS,
    EXECUTIONS_TABLE_BINDINGS,
    FUNCTION_DURABLE_BINDINGS,
    STOP_CONFIRM_BINDINGS,
    TIMELINE_TABLE_BINDINGS,
)
from .capacity import (
    CAPACITY_BINDINGS,
    CAPACITY_TABLE_BINDINGS,
    FUNCTION_LIST_CAPACITY_BINDINGS,
    PROVIDER_VERSIONS_BINDINGS,
)
from .monitor import (
    FUNCTION_MONITOR_BINDINGS,
    MONITOR_BINDINGS,
)
from .code import (
    CODE_BINDINGS,
    CODE_VIEWER_BINDINGS,
    DEPLOY_BINDINGS,
    DEPLOY_CONFIRM_BINDINGS,
    DIFF_BINDINGS,
    DIFF_PICK_BINDINGS,
    FUNCTION_CODE_BINDINGS,
)
from .fleet import (
    FLEET_BINDINGS,
    FLEET_CHOICE_BINDINGS,
    FLEET_SUMMARY_BINDINGS,
    FLEET_TABLE_BINDINGS,
    FUNCTION_LIST_FLEET_BINDINGS,
)
from .tune import (
    FUNCTION_TUNE_BINDINGS,
    TUNE_FORM_BINDINGS,
    TUNE_NOTICE_BINDINGS,
    TUNE_RUN_BINDINGS,
    TUNE_TABLE_BINDINGS,
)
from .navigation import (
    LOG_VIEW_BINDINGS,
    TABLE_BINDINGS,
)
from .hints import KEY_NAMES, bound, every_key, hint, key_hint, key_label, key_word
# isort: on

__all__ = [
    "ALIASES_TABLE_BINDINGS",
    "ALL",
    "ALWAYS_IN_FOOTER",
    "APP_BINDINGS",
    "BY_ID",
    "CAPACITY",
    "CAPACITY_BINDINGS",
    "CAPACITY_TABLE_BINDINGS",
    "CODE",
    "CODE_BINDINGS",
    "CODE_VIEWER_BINDINGS",
    "CONFIRM_BINDINGS",
    "COPIED_BINDINGS",
    "DEPLOY_BINDINGS",
    "DEPLOY_CONFIRM_BINDINGS",
    "DIFF_BINDINGS",
    "DIFF_PICK_BINDINGS",
    "DURABLE",
    "EDIT",
    "EDIT_BINDINGS",
    "EDIT_CONFIRM_BINDINGS",
    "EVENTS",
    "EVENT_LIBRARY_BINDINGS",
    "EVENT_LIST_BINDINGS",
    "EXECUTIONS_BINDINGS",
    "EXECUTIONS_TABLE_BINDINGS",
    "EXECUTION_BINDINGS",
    "FIELD_DETAIL_BINDINGS",
    "FIELD_TABLE_BINDINGS",
    "FILTER_BINDINGS",
    "FLEET",
    "FLEET_BINDINGS",
    "FLEET_CHOICE_BINDINGS",
    "FLEET_SUMMARY_BINDINGS",
    "FLEET_TABLE_BINDINGS",
    "FUNCTION",
    "FUNCTIONS",
    "FUNCTION_BINDINGS",
    "FUNCTION_CODE_BINDINGS",
    "FUNCTION_DURABLE_BINDINGS",
    "FUNCTION_EDIT_BINDINGS",
    "FUNCTION_LIST_BINDINGS",
    "FUNCTION_LIST_CAPACITY_BINDINGS",
    "FUNCTION_LIST_EDIT_BINDINGS",
    "FUNCTION_LIST_FLEET_BINDINGS",
    "FUNCTION_LIST_METRICS_BINDINGS",
    "FUNCTION_MONITOR_BINDINGS",
    "FUNCTION_TABLE_BINDINGS",
    "FUNCTION_TUNE_BINDINGS",
    "GLOBAL",
    "HELP_BINDINGS",
    "INVOKE",
    "INVOKE_BINDINGS",
    "INVOKE_COMMAND_BINDINGS",
    "INVOKE_DIALOG_BINDINGS",
    "INVOKE_RESULT_BINDINGS",
    "KEY_NAMES",
    "LOGS",
    "LOGS_BINDINGS",
    "LOG_VIEW_BINDINGS",
    "MONITORING",
    "MONITOR_BINDINGS",
    "NAVIGATION",
    "PICKER_BINDINGS",
    "PROMPT_BINDINGS",
    "PROVIDER_VERSIONS_BINDINGS",
    "QUALIFIER_TABLE_BINDINGS",
    "RAW_JSON_BINDINGS",
    "RELEASES",
    "RELEASE_CONFIRM_BINDINGS",
    "RELEASE_FORM_BINDINGS",
    "SECTIONS",
    "SECTION_ORDER",
    "SHIFT_BINDINGS",
    "SHIFT_CHOICE_BINDINGS",
    "STOP_CONFIRM_BINDINGS",
    "TABLE_BINDINGS",
    "TIMELINE_TABLE_BINDINGS",
    "TUNE",
    "TUNE_FORM_BINDINGS",
    "TUNE_NOTICE_BINDINGS",
    "TUNE_RUN_BINDINGS",
    "TUNE_TABLE_BINDINGS",
    "VERSIONS_TABLE_BINDINGS",
    "bound",
    "every_binding",
    "every_key",
    "hint",
    "key",
    "key_hint",
    "key_label",
    "key_word",
]
