"""Where lambdatui keeps its files. The only module that knows directories.

``LAMBDATUI_HOME`` moves everything under one folder (tests, portable installs); otherwise
platformdirs picks the user's config, data and cache directories.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "lambdatui"


def _home() -> Path | None:
    value = os.environ.get("LAMBDATUI_HOME")
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    home = _home()
    if home:
        return home / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def events_dir() -> Path:
    """Where saved test events live: ``LAMBDATUI_EVENTS_DIR`` (set from the config file's
    ``events.directory``), else the data dir's ``events/``."""
    value = os.environ.get("LAMBDATUI_EVENTS_DIR")
    return Path(value).expanduser() if value else data_dir() / "events"


def log_dir() -> Path:
    home = _home()
    if home:
        return home / "log"
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)
