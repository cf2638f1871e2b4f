"""The config file: every documented key read, every problem reported with file and line."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from lambdatui.store import config
from lambdatui.store.config import Config, load


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load(tmp_path / "config.toml") == (Config(), [])


def test_the_default_location_is_the_platform_config_dir(isolated_env) -> None:  # type: ignore[no-untyped-def]
    expected = Path(os.environ["XDG_CONFIG_HOME"]) / "lambdatui" / "config.toml"
    assert config.config_path() == expected


def test_every_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
[aws]
profile = "dev"
region = "eu-west-1"
[ui]
theme = "gruvbox"
mouse = false
timezone = "UTC"
[safety]
production_pattern = "prd|live"
[logs]
buffer_lines = 2000
[events]
directory = "~/ev"
[keys]
"function.copy" = "c"
"""
    )
    cfg, problems = load(path)
    assert problems == []
    assert cfg == Config(
        profile="dev",
        region="eu-west-1",
        theme="gruvbox",
        mouse=False,
        timezone="UTC",
        production_pattern="prd|live",
        log_buffer_lines=2000,
        events_directory=Path("~/ev").expanduser(),
        keys={"function.copy": "c"},
    )


def test_the_documented_example_is_valid_and_names_every_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and "=" in line else line
        for line in config.EXAMPLE.splitlines()
    )
    path.write_text(uncommented)
    cfg, problems = load(path)
    assert problems == []
    tomllib.loads(uncommented)
    documented = {key for (_table, key) in config._KEYS} | {"keys"}
    for table, content in tomllib.loads(uncommented).items():
        assert table == "keys" or set(content) <= documented, table
    assert cfg.profile == "dev" and cfg.keys == {"function.copy": "c"}
    # every setting of Config appears in the example
    assert {name for name, _kind in config._KEYS.values()} | {"keys"} == set(config.field_names())


def test_bad_toml_is_reported_with_its_line_and_defaults_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[ui]\nmouse = false\ntheme = "unterminated\n')
    cfg, problems = load(path)
    assert cfg == Config()
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:3: not valid TOML")


def test_wrong_values_are_reported_by_line_and_the_rest_still_applies(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "[ui]\nmouse = 'no'\ntheme = 'nord'\n[logs]\nbuffer_lines = 5\n"
        "[safety]\nproduction_pattern = '('\n[ui2]\nx = 1\n[keys]\n'app.quit' = 3\n"
    )
    cfg, problems = load(path)
    assert cfg.theme == "nord" and cfg.mouse is True and cfg.log_buffer_lines == 50_000
    messages = [str(p) for p in problems]
    assert messages == [
        f"{path}:2: [ui] mouse must be true or false",
        f"{path}:5: [logs] buffer_lines must be between 1000 and 5000000",
        f"{path}:7: [safety] production_pattern is not a valid regular expression: "
        "missing ), unterminated subpattern at position 0",
        f"{path}:9: unknown key 'x' in [ui2]",
        f"{path}:11: [keys] app.quit must be a key name",
    ]


def test_a_top_level_value_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("\ntheme = 'nord'\n")
    _cfg, problems = load(path)
    assert [str(p) for p in problems] == [f"{path}:2: 'theme' is not a table"]


def test_readme_documents_every_key_verbatim() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert config.EXAMPLE in readme


def test_the_code_keys_exclusions_and_the_cache_cap(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[code]\nexclude = ["tests/", " *.md "]\ncache_mb = 64\n')
    cfg, problems = load(path)
    assert problems == []
    assert (cfg.code_exclude, cfg.code_cache_mb) == (("tests/", "*.md"), 64)
    path.write_text('[code]\nexclude = "tests/"\ncache_mb = 0\n')
    cfg, problems = load(path)
    assert [p.message for p in problems] == [
        "[code] exclude must be a list of strings",
        "[code] cache_mb must be between 1 and 1048576 (1 TB)",
    ]
    assert (cfg.code_exclude, cfg.code_cache_mb) == ((), 512)
    path.write_text("[code]\nexclude = [1]\n")
    assert [p.message for p in load(path)[1]] == ["[code] exclude must be a list of strings"]
