"""``lambdatui code``: a function's deployed package from the command line, as the Code pane.

    lambdatui code FUNCTION[:QUALIFIER] ls [--json]
    lambdatui code FUNCTION[:QUALIFIER] cat PATH
    lambdatui code FUNCTION[:QUALIFIER] get -o DIR|FILE.zip
    lambdatui code FUNCTION diff A B

The package is downloaded from GetFunction's link once, checked against the CodeSha256 Lambda
reports, and kept in the package cache by that hash (a version, an alias and $LATEST with the
same code share it), so the next command on it makes no download.

``ls`` lists the files (path, size); ``--json``: one ``{"path": …, "size": …}`` per line, the
path as the archive has it. ``cat`` writes one file's bytes to stdout as they are; on a terminal
text is shown with escape sequences made harmless, and a binary file is refused (redirect it).
``get -o FILE.zip`` writes the package itself; ``-o DIR`` writes its files under DIR, never
outside it (an entry that would leave it, or a link, is skipped and reported). ``diff A B``
compares two qualifiers of the function ($LATEST, a version, an alias): the files added,
removed and changed, then a unified diff of each.

Exit 0; an unknown function, a missing path, an image function or a package that does not
match its hash: one line on stderr and exit 2. Names from the package are printed sanitised.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_OK
from ._common import add_target_flags, fail, run_with_gateway
from .logs import split_function

#: typing's own constant without importing typing: ``--help`` starts as fast as Python
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from ..aws.gateway import Gateway
    from ..aws.target import Target
    from ..code.archive import Package

HELP = "list, print, download or compare a function's deployed code package"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "function", metavar="FUNCTION[:QUALIFIER]", help="name or ARN[:version|alias]"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(
            name, help=text, description=text, formatter_class=parser.formatter_class
        )
        add_target_flags(sub, suppress=True)
        return sub

    ls = action("ls", "list the package's files: path and size")
    ls.add_argument("--json", action="store_true", help='one {"path", "size"} object per line')
    cat = action("cat", "write one file of the package to stdout")
    cat.add_argument("path", metavar="PATH", help="the file's path in the package")
    get = action("get", "save the package (FILE.zip) or its files (DIR)")
    get.add_argument(
        "-o", "--output", required=True, metavar="DIR|FILE.zip", help="where to write it"
    )
    diff = action("diff", "compare the packages of two qualifiers ($LATEST, version, alias)")
    diff.add_argument("a", metavar="A", help="the old side")
    diff.add_argument("b", metavar="B", help="the new side")


def run(args: argparse.Namespace, target: Target) -> int:
    from ._code import Refused, cache_for, deployed_package

    name, qualifier = split_function(args.function)
    if not name:
        return fail("code: name a function")
    if args.action == "diff" and qualifier:
        return fail("code: diff compares two qualifiers: give FUNCTION alone, then A and B")
    cache = cache_for(args)

    async def work(gateway: Gateway) -> int:
        from ..code.archive import ArchiveError, Package

        try:
            if args.action == "diff":
                return await _diff(gateway, name, args.a, args.b)
            _info, path = await deployed_package(gateway, cache, name, qualifier)
            if args.action == "get":
                return _get(path, args.output)
            with Package(path) as package:
                if args.action == "ls":
                    return _ls(package, args.json)
                return _cat(package, args.path)
        except (Refused, ArchiveError) as exc:
            return fail(f"code: {exc}")
        except OSError as exc:  # the cache or the destination: a full disk, a missing folder
            return fail(f"code: {exc.strerror or exc}: {exc.filename or ''}")

    async def _diff(gateway: Gateway, name: str, a: str, b: str) -> int:
        from ..code.archive import Package

        old_info, old_path = await deployed_package(gateway, cache, name, a)
        new_info, new_path = await deployed_package(gateway, cache, name, b)
        with Package(old_path) as old, Package(new_path) as new:
            _print_diff(name, (a, old_info.sha256, old), (b, new_info.sha256, new))
        return EXIT_OK

    try:
        return run_with_gateway(target, work)
    except BrokenPipeError:  # `| head`: the reader has all it wanted
        return EXIT_OK if sys.stdout.closed else EXIT_ERROR


def _ls(package: Package, as_json: bool) -> int:
    from ..cells import cell_len, pad
    from ..sanitize import one_line

    out = sys.stdout
    files = package.files
    if as_json:
        import json

        for entry in files:
            out.write(json.dumps({"path": entry.name, "size": entry.size}) + "\n")
        return EXIT_OK
    names = [one_line(entry.name) for entry in files]
    width = min(max((cell_len(n) for n in names), default=0), 80)
    digits = max((len(f"{e.size}") for e in files), default=1)
    for shown, entry in zip(names, files, strict=True):
        out.write(f"{pad(shown, width)}  {entry.size:>{digits}}\n")
    return EXIT_OK


def _cat(package: Package, path: str) -> int:
    from ..code.archive import ArchiveError
    from ..sanitize import one_line

    entry = package.entry(path)  # ArchiveError: no such file
    if entry.is_dir:
        raise ArchiveError(f"{one_line(path)!r} is a folder")
    sys.stdout.flush()
    if not sys.stdout.isatty():  # a pipe or a file: the bytes as they are
        for chunk in package.chunks(entry.name):
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return EXIT_OK
    kind = package.kind(entry.name)
    if not kind.is_text:
        raise ArchiveError(
            f"{entry.display!r} is {kind.label} ({entry.size:,} bytes): not written to a "
            "terminal; redirect stdout to a file (or use get)"
        )
    import codecs

    from ..sanitize import clean

    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    for chunk in package.chunks(entry.name):
        sys.stdout.write(clean(decoder.decode(chunk)))
    sys.stdout.write(clean(decoder.decode(b"", final=True)))
    return EXIT_OK


def _get(path: Path, output: str) -> int:
    from pathlib import Path

    from ..code.archive import Package
    from ..code.extract import extract
    from ..sanitize import one_line

    dest = Path(output).expanduser()
    if dest.suffix.lower() == ".zip":
        if dest.exists():
            return fail(f"code: {one_line(output)} exists already; nothing written")
        import os
        import shutil

        tmp = dest.with_name(f".{dest.name}.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, dest)
        from ..code.pack import lambda_sha256

        data = dest.read_bytes()
        print(f"{one_line(output)}: {len(data):,} bytes, SHA-256 {lambda_sha256(data)}")
        return EXIT_OK
    with Package(path) as package:
        done = extract(package, dest)
    for shown, why in done.skipped:
        print(f"lambdatui: code: skipped {shown!r}: {why}", file=sys.stderr)
    print(f"{one_line(output)}: {len(done.written)} files written")
    return EXIT_OK


def _print_diff(name: str, old: tuple[str, str, Package], new: tuple[str, str, Package]) -> None:
    from ..code.diff import compare_packages, unified
    from ..sanitize import clean, one_line
    from ._code import print_summary

    (a, a_sha, a_package), (b, b_sha, b_package) = old, new
    out = sys.stdout
    out.write(one_line(f"{name}: {a} ({a_sha}) → {b} ({b_sha})") + "\n")
    changes = compare_packages(a_package, b_package)
    print_summary(changes)
    for path in (*changes.removed, *changes.added, *changes.changed):
        out.write("\n")
        old_side = a_package if path not in changes.added else None
        new_side = b_package if path not in changes.removed else None
        for line in unified(old_side, new_side, path):
            out.write(clean(line).replace("\n", " ") + "\n")
