"""The user's config file: ``config.toml`` in the config directory, every key optional.

Read once at start-up. A problem (bad TOML, an unknown key, a value of the wrong kind) never
stops the app: the key keeps its default and the problem is reported with the file and line,
so the user can fix it. README's "Configuration" section documents every key; ``EXAMPLE`` is
that documentation's source and is checked against ``Config`` by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from . import paths

FILE_NAME = "config.toml"

#: Every key, with its default and meaning (README shows this text).
EXAMPLE = """\
# lambdatui configuration: every key is optional.

[aws]
# profile = "dev"            # used when neither --profile nor AWS_PROFILE is set
# region = "eu-west-1"       # used when no flag, variable or profile names a region
login_command = "aws sso login --profile {profile}"   # offered when a session expires

[ui]
theme = "auto"               # any Textual theme (ctrl+p → "theme" lists them; remembered);
                             # "auto": textual-dark, or ansi-dark (the terminal's own
                             # palette) where only 16 colours work (TERM=screen)
mouse = true                 # false: no mouse reporting (copy text with the terminal)
clipboard = "osc52"          # "show": also show what y copies, for terminals without OSC 52
timezone = "local"           # timestamps: "local", "UTC" or a zone like "Europe/Berlin"

[safety]
production_pattern = "prod"  # a regex: profiles/accounts matching it get a banner and typed
                             # confirmation before any change (case-insensitive)

[logs]
buffer_lines = 50000         # lines kept per log view; older ones are dropped with a marker
history_minutes = 10         # a log view opens with the lines of these last minutes, then
                             # follows; 0: only lines logged after it opens

[events]
# directory = "~/lambda-events"   # where saved test events live (default: the data dir)

[code]
# exclude = ["tests/", "*.md"]   # left out of a folder packed for a deploy, besides .git/,
                             # __pycache__/, *.pyc and .DS_Store ("name/": a folder anywhere;
                             # otherwise a file's name or its path in the folder)
cache_mb = 512               # downloaded packages kept by hash (viewing, diffs, undo of a deploy)

[fleet]
# profiles = ["dev", "prod"]  # the fleet view's profiles (default: every profile)
# regions = ["eu-west-1", "us-east-1"]   # its regions (default: the account's enabled
                             # regions where account:ListRegions is allowed, else Lambda's)
concurrency = 8              # (profile, region) pairs listed at the same time (1 to 64)

[keys]
# "function.copy" = "c"      # binding id = key(s); ids are listed in README and the ? screen
"""


class ConfigProblem(NamedTuple):
    """Something in the file that was not used, and where it is. (A NamedTuple: defined in
    ~0.1 ms, where a frozen dataclass takes ~0.6, on every start.)"""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Config:
    profile: str | None = None
    region: str | None = None
    login_command: str = "aws sso login --profile {profile}"
    theme: str = "auto"
    mouse: bool = True
    clipboard: str = "osc52"
    timezone: str = "local"
    production_pattern: str = "prod"
    log_buffer_lines: int = 50_000
    log_history_minutes: int = 10
    events_directory: Path | None = None
    code_exclude: tuple[str, ...] = ()
    code_cache_mb: int = 512
    fleet_profiles: tuple[str, ...] = ()
    fleet_regions: tuple[str, ...] = ()
    fleet_concurrency: int = 8
    keys: dict[str, str] = field(default_factory=dict)


#: (table, key) → (Config field, accepted type)
_KEYS: dict[tuple[str, str], tuple[str, type]] = {
    ("aws", "profile"): ("profile", str),
    ("aws", "region"): ("region", str),
    ("aws", "login_command"): ("login_command", str),
    ("ui", "theme"): ("theme", str),
    ("ui", "mouse"): ("mouse", bool),
    ("ui", "clipboard"): ("clipboard", str),
    ("ui", "timezone"): ("timezone", str),
    ("safety", "production_pattern"): ("production_pattern", str),
    ("logs", "buffer_lines"): ("log_buffer_lines", int),
    ("logs", "history_minutes"): ("log_history_minutes", int),
    ("events", "directory"): ("events_directory", str),
    ("code", "exclude"): ("code_exclude", list),
    ("code", "cache_mb"): ("code_cache_mb", int),
    ("fleet", "profiles"): ("fleet_profiles", list),
    ("fleet", "regions"): ("fleet_regions", list),
    ("fleet", "concurrency"): ("fleet_concurrency", int),
}
_TYPE_NAMES = {
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    list: "a list of strings",
}


def config_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _line_of(text: str, table: str, key: str | None) -> int | None:
    """The line of ``[table]`` (or of ``key`` inside it), for messages; None if not found."""
    current = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip().strip('"')
            if key is None and current == table:
                return number
            continue
        if key is not None and current == table:
            name = line.split("=", 1)[0].strip().strip('"').strip("'")
            if "=" in line and name == key:
                return number
    return None


def _check(table: str, key: str, value: Any) -> tuple[str, Any] | str:
    """The Config field and value for ``[table] key = value``, or why it can't be used."""
    spec = _KEYS.get((table, key))
    if spec is None:
        return f"unknown key '{key}' in [{table}]"
    name, kind = spec
    if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
        return f"[{table}] {key} must be {_TYPE_NAMES[kind]}"
    if name == "log_buffer_lines" and not 1_000 <= int(str(value)) <= 5_000_000:
        return f"[{table}] {key} must be between 1000 and 5000000"
    if name == "log_history_minutes" and not 0 <= int(str(value)) <= 1_440:
        return f"[{table}] {key} must be between 0 and 1440 (a day)"
    if name == "clipboard" and value not in ("osc52", "show"):
        return f'[{table}] {key} must be "osc52" or "show"'
    if name == "code_exclude" and isinstance(value, list):
        if not all(isinstance(item, str) and item.strip() for item in value):
            return f"[{table}] {key} must be a list of strings"
        return name, tuple(str(item).strip() for item in value)
    if name in ("fleet_profiles", "fleet_regions") and isinstance(value, list):
        if not all(isinstance(item, str) and item.strip() for item in value):
            return f"[{table}] {key} must be a list of strings"
        return name, tuple(str(item).strip() for item in value)
    if name == "fleet_concurrency" and not 1 <= int(str(value)) <= 64:
        return f"[{table}] {key} must be between 1 and 64"
    if name == "code_cache_mb" and not 1 <= int(str(value)) <= 1_048_576:
        return f"[{table}] {key} must be between 1 and 1048576 (1 TB)"
    if name == "events_directory":
        return name, Path(str(value)).expanduser()
    if name == "production_pattern":
        try:
            re.compile(str(value))
        except re.error as exc:
            return f"[{table}] {key} is not a valid regular expression: {exc}"
    return name, value


def load(path: Path | None = None) -> tuple[Config, list[ConfigProblem]]:
    """The config from ``path`` (default: the config dir's file); a missing file is no error."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), [ConfigProblem(path, None, f"cannot be read: {exc}")]
    import tomllib  # only when there is a file: every start-up reads this module

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return Config(), [ConfigProblem(path, line, f"not valid TOML: {message}")]
    values: dict[str, Any] = {}
    problems: list[ConfigProblem] = []
    for table, content in data.items():
        if not isinstance(content, dict):
            problems.append(
                ConfigProblem(path, _line_of(text, "", table), f"'{table}' is not a table")
            )
            continue
        for key, value in content.items():
            if table == "keys":
                if isinstance(value, str) and value.strip():
                    values.setdefault("keys", {})[key] = value.strip()
                else:
                    problems.append(
                        ConfigProblem(
                            path, _line_of(text, table, key), f"[keys] {key} must be a key name"
                        )
                    )
                continue
            checked = _check(table, key, value)
            if isinstance(checked, str):
                problems.append(ConfigProblem(path, _line_of(text, table, key), checked))
            else:
                values[checked[0]] = checked[1]
    return replace(Config(), **values), problems


def field_names() -> list[str]:
    return [f.name for f in fields(Config)]
