"""Command-line twins of the TUI's actions: ``lambdatui invoke|events|logs|set …``.

Each module here is one subcommand, found by name (no list to keep in step): it has ``HELP``
(one line for ``--help``), ``configure(parser)`` to add its arguments, and
``run(args, target) -> int`` returning the exit status. A twin that can work without AWS
(local files only) sets ``TARGET_OPTIONAL = True`` and gets ``target=None`` when no region
is configured anywhere. Twins never import Textual: they
must start fast, and they run where no terminal UI can (scripts, CI, pipes).

Exit statuses shared by every twin: 0 success, 1 refused/aborted or a function error, 2 a
usage or AWS error, reported as one line on stderr.
"""

from __future__ import annotations

import pkgutil

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


def names() -> list[str]:
    """The subcommands, from the modules of this package (``_private`` ones excluded)."""
    return sorted(
        info.name.replace("_", "-").rstrip("-")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    )


def module_name(command: str) -> str:
    """The module of ``command``: 'set' → 'lambdatui.twins.set_' (a trailing underscore keeps
    builtins' names free; other underscores are dashes on the command line)."""
    for info in pkgutil.iter_modules(__path__):
        if info.name.replace("_", "-").rstrip("-") == command:
            return f"{__name__}.{info.name}"
    raise KeyError(command)
