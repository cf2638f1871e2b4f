"""Command line: AWS-CLI-style flags, then the TUI or a twin. Imports the UI only on the TUI path.

``lambdatui [flags]`` runs the TUI; ``lambdatui COMMAND …`` runs a command-line twin of one of
its actions (``lambdatui.twins``), which shares the same target flags and never loads Textual.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

from . import __version__, twins

#: typing's own constant without importing typing (~5 ms): ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from .aws.first_pages import FirstPages
    from .aws.target import Target
    from .store.config import Config

#: Exit status for a usage/configuration error (argparse's own convention).
EXIT_USAGE = 2

#: Python's thread switch interval (its default), and the shorter one until the first frame.
SWITCH_INTERVAL = 0.005
STARTUP_SWITCH_INTERVAL = 0.001


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv`` naming a command, only that command's module is loaded (the
    others get a bare entry), so a twin starts as fast as it can. Without one, the commands'
    modules are loaded for ``--help`` only (their one-line help); the TUI needs none."""
    import argparse  # here: `lambdatui --version` needs no parser

    from .twins._common import add_target_flags

    parser = argparse.ArgumentParser(
        formatter_class=help_formatter(),
        prog="lambdatui",
        description="A keyboard-first terminal UI for AWS Lambda.",
        epilog=(
            "Environment: AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, "
            "AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_LOGS, AWS_CA_BUNDLE, as the AWS CLI. "
            "'lambdatui COMMAND --help' describes a command."
        ),
    )
    add_target_flags(parser)
    parser.add_argument(
        "--demo", action="store_true", help="run on an embedded, seeded demo account (no AWS)"
    )
    parser.add_argument(
        "--no-mouse",
        action="store_true",
        help="no mouse reporting (select and copy text with the terminal); config: ui.mouse",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="write a debug log (AWS calls, secrets redacted) to a private file; path printed",
    )
    parser.add_argument("--version", action="version", version=f"lambdatui {__version__}")
    commands = twins.names()
    if commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
        chosen = next((arg for arg in (argv or ()) if arg in commands), None)
        described = chosen is not None or any(arg in ("-h", "--help") for arg in argv or ())
        if not described:
            # No argument is a command's name, so no command's parser can be used (argparse
            # matches them exactly): only their names are wanted (an unknown COMMAND's message
            # lists them). A parser each was ~3 ms of the TUI's start, before its first frame.
            choices: dict[str, object] = sub.choices  # type: ignore[assignment]
            choices.update(dict.fromkeys(commands))
            return parser
        for name in commands:
            if name != chosen and chosen is not None:
                sub.add_parser(name, formatter_class=parser.formatter_class)
                continue
            module = importlib.import_module(twins.module_name(name))
            command = sub.add_parser(
                name,
                help=module.HELP,
                description=module.HELP,
                formatter_class=parser.formatter_class,
            )
            if name == chosen:  # the top-level --help lists the commands' one-line help only
                add_target_flags(command, suppress=True)
                module.configure(command)
    return parser


#: The TUI's own flags as `build_parser` (with ``twins._common.add_target_flags``) defines
#: them, by destination: those that take a value, and the switches (`plain_ui_args`).
_VALUE_FLAGS = {"--profile": "profile", "--region": "region", "--endpoint-url": "endpoint_url"}
_SWITCHES = {
    "--read-only": "read_only",
    "--demo": "demo",
    "--no-mouse": "no_mouse",
    "--debug": "debug",
}


def plain_ui_args(given: Sequence[str]) -> argparse.Namespace | None:
    """The TUI's command line read without argparse, when it is only the TUI's own flags, each
    once and whole (``--region NAME``, ``--read-only``): importing argparse and building its
    parser is ~2.6 ms of a warm start's first frame. None for anything else (a command,
    ``--flag=value``, an abbreviation, ``--help``, a mistake), which argparse reads and
    explains. tests/cli/test_plain_args.py holds the two readings equal."""
    from types import SimpleNamespace

    values: dict[str, object] = dict.fromkeys(_VALUE_FLAGS.values())
    values.update(dict.fromkeys(_SWITCHES.values(), False))
    seen: set[str] = set()
    tokens = iter(given)
    for token in tokens:
        if token in seen:
            return None
        seen.add(token)
        if token in _SWITCHES:
            values[_SWITCHES[token]] = True
            continue
        value = next(tokens, None) if token in _VALUE_FLAGS else None
        if value is None or value.startswith("-"):
            return None
        values[_VALUE_FLAGS[token]] = value
    return SimpleNamespace(**values, command=None)  # type: ignore[return-value]


def help_formatter() -> Callable[..., argparse.HelpFormatter]:
    """argparse's formatter at the width it would pick itself (COLUMNS, else the terminal's,
    else 80; less 2), found without ``shutil``: argparse imports it (and bz2, lzma) for that
    alone, ~5 ms of ``--help``."""
    import argparse
    from functools import partial

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns
        except (ValueError, OSError):
            columns = 80
    return partial(argparse.HelpFormatter, width=max(columns, 1) - 2)


def apply_config_environment(config: object) -> list[str]:
    """Settings that act through the process: the saved-events folder and the time zone."""
    problems: list[str] = []
    events_dir = getattr(config, "events_directory", None)
    if events_dir is not None and not os.environ.get("LAMBDATUI_EVENTS_DIR"):
        os.environ["LAMBDATUI_EVENTS_DIR"] = str(events_dir)
    zone = str(getattr(config, "timezone", "local"))
    if zone.lower() not in ("local", "utc"):
        import time
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problems.append(f"[ui] timezone '{zone}' is not a known time zone; using local time")
        else:
            os.environ["TZ"] = zone
            time.tzset()
    return problems


def run_twin(run: Callable[..., int], args: argparse.Namespace, target: object) -> int:
    """Run a twin; a reader that stops early (``| head -c 10``, ``| true``) ends it quietly.

    What the twin did stands (an invocation ran, an event was saved): the reader had all it
    wanted, so the exit status is 0 and nothing is printed, no traceback and no "Exception
    ignored" when Python flushes stdout on the way out.
    """
    try:
        status = int(run(args, target))
        sys.stdout.flush()  # here, where a closed pipe can still be caught
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return twins.EXIT_OK
    return status


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    if given == ["--version"]:  # as fast as Python itself: no parser to build
        print(f"lambdatui {__version__}")
        return 0
    # Start-up makes a few hundred thousand objects (modules, classes, CSS rules) and no
    # garbage worth a collection: the cyclic collector would walk them again and again, ~80 ms
    # of a ~450 ms start. It is back on for a command (below) and, for the UI, once its first
    # frame is on the terminal (LambdaTUI._first_frame_shown), which freezes what start-up made.
    gc.disable()
    # Textual hands each frame to a writer thread, which must then get the GIL from this one:
    # at Python's 5 ms switch interval the first frame waited up to that long behind the
    # work that follows it. Back to 5 ms with the collector.
    sys.setswitchinterval(STARTUP_SWITCH_INTERVAL)
    from .list_ahead import start_early

    early = start_early(given)  # the list's first page, on the other core, from now on
    try:
        return _main(given, early)
    finally:
        if early is not None:
            early.close()  # not wanted, or a quit before the list was whole
        gc.enable()
        sys.setswitchinterval(SWITCH_INTERVAL)


def _target(args: argparse.Namespace, config: Config) -> Target:
    from .aws.target import resolve_target

    return resolve_target(
        profile=args.profile,
        region=args.region,
        endpoint_url=args.endpoint_url,
        read_only=args.read_only,
        default_profile=config.profile,
        default_region=config.region,
    )


def ui_target(given: list[str]) -> Target | None:
    """The target the UI looks at for the command line ``given``, as ``main`` resolves it;
    None when it has none (a usage error, no region). For the start-up child."""
    from .store import config as config_file

    try:
        args = plain_ui_args(given) or build_parser(given).parse_args(given)
        return _target(args, config_file.load()[0])
    except (SystemExit, Exception):  # the app itself will say what is wrong
        return None


def _main(given: list[str], early: FirstPages | None) -> int:
    args = plain_ui_args(given) or build_parser(given).parse_args(given)
    if getattr(args, "command", None) is not None:
        gc.enable()  # a command may run long (logs --follow): it collects as usual
        sys.setswitchinterval(SWITCH_INTERVAL)
    from .aws.target import NoRegionError
    from .store import config as config_file

    config, found = config_file.load()
    problems: list[config_file.ConfigProblem | str] = list(found)
    problems += apply_config_environment(config)
    command = getattr(args, "command", None)
    if command is not None:
        for problem in problems:
            print(f"lambdatui: warning: {problem}", file=sys.stderr)
    if args.debug:
        from .debuglog import start_debug_log

        print(f"lambdatui: debug log: {start_debug_log()}", file=sys.stderr)
    demo = None
    if args.demo and command is None:
        from .demo.launch import prepare_demo  # moto itself loads in the account's process

        demo = prepare_demo()
        demo.spawn()  # moto, the server and the seeding on the other core from now on
        args.profile, args.region, args.endpoint_url = None, demo.region, demo.endpoint_url
    try:
        target = _target(args, config)
    except NoRegionError as exc:
        twin = importlib.import_module(twins.module_name(command)) if command else None
        if twin is None or not getattr(twin, "TARGET_OPTIONAL", False):
            print(f"lambdatui: {exc}", file=sys.stderr)
            return EXIT_USAGE
        args.config = config  # a twin that works on local files alone (e.g. saved events)
        return run_twin(twin.run, args, None)
    if command is not None:
        args.config = config  # the twins' settings (e.g. the production pattern)
        return run_twin(importlib.import_module(twins.module_name(command)).run, args, target)
    if demo is not None:
        demo.cache_first_screen(target.cache_key)  # painted while the account starts
    gateway = None
    from .aws.target import needs_prompt

    if needs_prompt(target.profile):  # before the UI: the MFA prompt must not be hidden by it
        from .aws.credentials import resolve_interactively
        from .aws.errors import GatewayError
        from .aws.gateway import Gateway

        print(f"lambdatui: profile '{target.profile_label}' asks for an MFA code", file=sys.stderr)
        try:
            gateway = Gateway(target, resolve_interactively(target.profile))
        except GatewayError as exc:
            print(f"lambdatui: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except (KeyboardInterrupt, EOFError):
            return 130
    from functools import partial

    first_pages = None
    if gateway is None and demo is None and not args.debug:
        from .store.cache import cache_file

        if not cache_file(target.cache_key).exists():
            # the list's pages on the other core while this process starts the UI; with a
            # cached list to paint first, the refresh can wait for the SDK (it would only
            # compete with that paint)
            from .aws.first_pages import spawn

            first_pages, early = early or spawn(target), None
            if first_pages is not None:
                first_pages.expected_key = target.cache_key
    from .ui.app import LambdaTUI

    app = LambdaTUI(
        target,
        gateway=gateway,
        demo=demo is not None,
        startup=partial(demo.start, finish_in_background=True) if demo else None,
        config=config,
        config_problems=problems,
        first_pages=first_pages,
    )
    if early is not None:
        early.close()  # a cached list, the demo, --debug or an MFA prompt: not wanted
    try:
        app.run(mouse=config.mouse and not args.no_mouse)
    finally:
        if first_pages is not None:
            first_pages.close()  # a quit before the list was whole
        if demo is not None:
            demo.stop()
    return app.return_code or 0


def entry() -> None:  # pragma: no cover - console script shim
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
