"""One execution environment's private copy of a function's code, imported in isolation.

The function's own modules (everything in its zip) are loaded by a private importer into the
sandbox's own module table: never into ``sys.modules``, never via ``sys.path``, so two functions
that both ship an ``app.py`` cannot see each other. Every private module gets its own builtins,
whose ``__import__`` goes through that importer and whose ``print`` writes to the current
invocation's log. Modules outside the zip (the standard library, installed packages) are the
host's, shared, as a runtime's preinstalled packages would be, with two exceptions that a Lambda
process has to itself:

* ``import os`` gives a view of ``os`` whose ``environ`` and ``getenv`` hold the function's own
  environment (its variables plus Lambda's reserved ones) instead of the host process's;
* ``import logging`` gives a view of ``logging`` with the sandbox's own logger hierarchy. Its root
  logger carries the runtime's handler, writing to the current invocation's log, at the level the
  runtime sets (WARNING in Text format, the ApplicationLogLevel in JSON). Nothing the handler
  logs or configures reaches the host's loggers.

Limits of doing this in-process: ``importlib.import_module`` and ``sys.stdout.write`` reach the
host's import system and stdout, and a handler thread that overruns cannot be stopped.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib.util
import io
import logging
import os
import shutil
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any, Protocol

TASK_ROOT = "/var/task"


class InitError(Exception):
    """The handler could not be loaded; carries the error as the runtime reports it."""

    def __init__(self, error_type: str, message: str, stack: list[str] | None = None) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack = stack or []


class CodeCache:
    """Function code unzipped once per CodeSha256, under one private temporary directory."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._dirs: dict[str, Path] = {}
        self._lock = threading.Lock()

    def directory(self, code_sha256: str, zip_bytes: bytes) -> Path:
        with self._lock:
            if code_sha256 in self._dirs:
                return self._dirs[code_sha256]
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="lambdatui-demo-code-"))
            target = self._root / f"{len(self._dirs):05d}"
            target.mkdir()
            _extract(zip_bytes, target)
            self._dirs[code_sha256] = target
            return target

    def clear(self) -> None:
        with self._lock:
            root, self._root = self._root, None
            self._dirs.clear()
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


def _extract(zip_bytes: bytes, target: Path) -> None:
    """Unzip, refusing members that would land outside ``target``. Code that is not a zip
    leaves the directory empty, so loading the handler fails as Lambda's would."""
    if not zipfile.is_zipfile(io.BytesIO(zip_bytes)):
        return
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        for info in archive.infolist():
            member = PurePosixPath(info.filename)
            if member.is_absolute() or ".." in member.parts:
                continue
            archive.extract(info, target)


class _OsView(ModuleType):
    """``os`` as the function sees it: the real module, but its own environment."""

    def __init__(self, environ: dict[str, str]) -> None:
        super().__init__("os", os.__doc__)
        self.environ = environ

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def getenv(self, key: str, default: str | None = None) -> str | None:
        return self.environ.get(key, default)


class LogTarget(Protocol):
    """Where the sandbox's output goes: the current invocation's log."""

    def write(self, text: str) -> None: ...

    def record(self, record: logging.LogRecord, formatter: logging.Formatter | None) -> None: ...


class _Discard:
    def write(self, text: str) -> None:
        pass

    def record(self, record: logging.LogRecord, formatter: logging.Formatter | None) -> None:
        pass


class _RuntimeLogHandler(logging.Handler):
    """The handler Lambda's runtime puts on the root logger: records go to the invocation log."""

    def __init__(self, sandbox: Sandbox) -> None:
        super().__init__()
        self.sandbox = sandbox
        self.custom_format = False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.sandbox.sink.record(record, self.formatter if self.custom_format else None)
        except Exception:
            self.handleError(record)


class _LoggingView(ModuleType):
    """``logging`` as the function sees it: the real module with a private logger hierarchy."""

    def __init__(self, sandbox: Sandbox, root_level: int) -> None:
        super().__init__("logging", logging.__doc__)
        self.root = logging.RootLogger(root_level)
        self.handler = _RuntimeLogHandler(sandbox)
        self.root.addHandler(self.handler)
        self.manager = logging.Manager(self.root)

    def __getattr__(self, name: str) -> Any:
        return getattr(logging, name)

    def getLogger(self, name: str | None = None) -> logging.Logger:
        if not name or name == "root":
            return self.root
        return self.manager.getLogger(name)

    def basicConfig(self, **kwargs: Any) -> None:
        """A no-op unless ``force=True``, because the runtime's handler is already there."""
        if not kwargs.get("force"):
            return
        if "format" in kwargs or "datefmt" in kwargs:
            style = kwargs.get("style", "%")
            fmt = kwargs.get("format", logging.BASIC_FORMAT if style == "%" else None)
            self.handler.setFormatter(logging.Formatter(fmt, kwargs.get("datefmt"), style))
            self.handler.custom_format = True
        if kwargs.get("level") is not None:
            self.root.setLevel(kwargs["level"])

    def disable(self, level: int = logging.CRITICAL) -> None:
        self.manager.disable = level
        self.manager._clear_cache()  # type: ignore[attr-defined]

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        self.root.log(level, msg, *args, **kwargs)

    def debug(self, msg: object, *args: Any, **kwargs: Any) -> None:
        self.root.debug(msg, *args, **kwargs)

    def info(self, msg: object, *args: Any, **kwargs: Any) -> None:
        self.root.info(msg, *args, **kwargs)

    def warning(self, msg: object, *args: Any, **kwargs: Any) -> None:
        self.root.warning(msg, *args, **kwargs)

    warn = warning

    def error(self, msg: object, *args: Any, **kwargs: Any) -> None:
        self.root.error(msg, *args, **kwargs)

    def exception(self, msg: object, *args: Any, exc_info: Any = True, **kwargs: Any) -> None:
        self.root.error(msg, *args, exc_info=exc_info, **kwargs)

    def critical(self, msg: object, *args: Any, **kwargs: Any) -> None:
        self.root.critical(msg, *args, **kwargs)

    fatal = critical


class Sandbox:
    """The private modules of one execution environment."""

    def __init__(
        self,
        code_dir: Path,
        environ: dict[str, str] | None = None,
        root_log_level: int = logging.WARNING,
    ) -> None:
        self.code_dir = code_dir
        self.sink: LogTarget = _Discard()
        self.os_view = _OsView(dict(environ or {}))
        self.logging_view = _LoggingView(self, root_log_level)
        self.modules: dict[str, ModuleType] = {}
        self._local: dict[str, bool] = {}
        self.builtins: dict[str, Any] = dict(vars(builtins))
        self.builtins["__import__"] = self._import
        self.builtins["print"] = self._print

    def load_handler(self, handler: str) -> Callable[..., Any]:
        """'app.handler' or 'pkg/mod.handler' → the handler function, or InitError."""
        module_path, _, attr = handler.rpartition(".")
        if not module_path or not attr:
            raise InitError(
                "Runtime.MalformedHandlerName",
                f"Bad handler '{handler}': not enough values to unpack (expected 2, got 1)",
            )
        module_name = module_path.replace("/", ".")
        try:
            module = self._load(module_name)
        except ModuleNotFoundError as exc:
            raise InitError(
                "Runtime.ImportModuleError", f"Unable to import module '{module_name}': {exc}"
            ) from exc
        except SyntaxError as exc:
            where = f"({Path(exc.filename or '').name}, line {exc.lineno})"
            raise InitError(
                "Runtime.UserCodeSyntaxError",
                f"Syntax error in module '{module_name}': {exc.msg} {where}",
            ) from exc
        except Exception as exc:
            raise InitError(type(exc).__name__, str(exc), self.stack(exc)) from exc
        function = getattr(module, attr, None)
        if not callable(function):
            raise InitError(
                "Runtime.HandlerNotFound", f"Handler '{attr}' missing on module '{module_name}'"
            )
        return function  # type: ignore[no-any-return]

    def stack(self, exc: BaseException) -> list[str]:
        """The traceback frames of the function's own code, with paths as Lambda shows them."""
        import traceback

        root = str(self.code_dir)
        frames = [
            frame
            for frame in traceback.extract_tb(exc.__traceback__)
            if frame.filename.startswith(root)
        ]
        formatted = traceback.format_list(frames)
        return [line.replace(root, TASK_ROOT) for line in formatted]

    # -- The private importer -------------------------------------------------------------------

    def _locate(self, name: str, search: list[str]) -> tuple[Path, bool] | None:
        for folder in search:
            package = Path(folder) / name / "__init__.py"
            if package.is_file():
                return package, True
            module = Path(folder) / f"{name}.py"
            if module.is_file():
                return module, False
        return None

    def _is_local(self, top: str) -> bool:
        if top not in self._local:
            self._local[top] = self._locate(top, [str(self.code_dir)]) is not None
        return self._local[top]

    def _load(self, name: str) -> ModuleType:
        if name in self.modules:
            return self.modules[name]
        parent_name, _, child = name.rpartition(".")
        parent = self._load(parent_name) if parent_name else None
        search = list(getattr(parent, "__path__", [])) if parent else [str(self.code_dir)]
        found = self._locate(child, search)
        if found is None:
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        path, is_package = found
        spec = importlib.util.spec_from_file_location(
            name, path, submodule_search_locations=[str(path.parent)] if is_package else None
        )
        if spec is None or spec.loader is None:
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        module = importlib.util.module_from_spec(spec)
        module.__dict__["__builtins__"] = self.builtins
        self.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            self.modules.pop(name, None)
            raise
        if parent is not None:
            setattr(parent, child, module)
        return module

    def _import(
        self,
        name: str,
        globals: dict[str, Any] | None = None,
        locals: dict[str, Any] | None = None,
        fromlist: tuple[str, ...] | list[str] | None = (),
        level: int = 0,
    ) -> ModuleType:
        absolute = name
        if level > 0:
            package = str((globals or {}).get("__package__") or "")
            if not package:
                raise ImportError("attempted relative import with no known parent package")
            base = package.rsplit(".", level - 1)[0] if level > 1 else package
            absolute = f"{base}.{name}" if name else base
        if not self._is_local(absolute.partition(".")[0]):
            found = builtins.__import__(name, globals, locals, fromlist or (), level)
            if found is os:
                return self.os_view
            return self.logging_view if found is logging else found
        module = self._load(absolute)
        if fromlist:
            for item in fromlist:
                if item != "*" and not hasattr(module, item) and hasattr(module, "__path__"):
                    # A name that is neither: the import statement raises "cannot import name".
                    with contextlib.suppress(ModuleNotFoundError):
                        self._load(f"{absolute}.{item}")
            return module
        return self.modules[absolute.partition(".")[0]]

    def _print(
        self,
        *args: Any,
        sep: str | None = " ",
        end: str | None = "\n",
        file: Any = None,
        flush: bool = False,
    ) -> None:
        if file is None or file is sys.stdout or file is sys.stderr:
            text = (" " if sep is None else sep).join(str(arg) for arg in args)
            self.sink.write(text + ("\n" if end is None else end))
        else:
            builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
