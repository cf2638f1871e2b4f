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

import os

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


def _modules() -> dict[str, str]:
    """Command name → module name, from the files of this package (``_private`` ones excluded).

    A listing of the folder, not ``pkgutil.iter_modules``: that imports ``inspect`` (~10 ms),
    and ``lambdatui --version``/``--help`` must start about as fast as Python itself.
    """
    found: dict[str, str] = {}
    for folder in __path__:
        for entry in os.listdir(folder):
            stem, _, suffix = entry.partition(".")
            if suffix == "py" and not stem.startswith("_") and stem.isidentifier():
                found[stem.replace("_", "-").rstrip("-")] = f"{__name__}.{stem}"
    return found


def names() -> list[str]:
    """The subcommands, one per module of this package."""
    return sorted(_modules())


def module_name(command: str) -> str:
    """The module of ``command``: 'set' → 'lambdatui.twins.set_' (a trailing underscore keeps
    builtins' names free; other underscores are dashes on the command line)."""
    return _modules()[command]
