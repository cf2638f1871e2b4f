"""Command line: AWS-CLI-style flags, then the TUI. Imports the UI only on the TUI path."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__

#: Exit status for a usage/configuration error (argparse's own convention).
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lambdatui",
        description="A keyboard-first terminal UI for AWS Lambda.",
        epilog=(
            "Environment: AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, "
            "AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_LOGS, AWS_CA_BUNDLE, as the AWS CLI."
        ),
    )
    parser.add_argument("--profile", metavar="NAME", help="AWS profile (default: AWS_PROFILE)")
    parser.add_argument(
        "--region", metavar="NAME", help="AWS region (default: AWS_REGION, AWS_DEFAULT_REGION)"
    )
    parser.add_argument(
        "--endpoint-url",
        metavar="URL",
        help="send every AWS call to URL (LocalStack, moto); default: AWS_ENDPOINT_URL*",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="refuse every call that changes the account"
    )
    parser.add_argument(
        "--demo", action="store_true", help="run on an embedded, seeded demo account (no AWS)"
    )
    parser.add_argument("--version", action="version", version=f"lambdatui {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .aws.target import NoRegionError, resolve_target

    demo = None
    if args.demo:
        from .demo.launch import prepare_demo  # moto itself loads later, in a worker thread

        demo = prepare_demo()
        args.profile, args.region, args.endpoint_url = None, demo.region, demo.endpoint_url
    try:
        target = resolve_target(
            profile=args.profile,
            region=args.region,
            endpoint_url=args.endpoint_url,
            read_only=args.read_only,
        )
    except NoRegionError as exc:
        print(f"lambdatui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from .ui.app import LambdaTUI

    app = LambdaTUI(target, demo=demo is not None, startup=demo.start if demo else None)
    try:
        app.run()
    finally:
        if demo is not None:
            demo.stop()
    return app.return_code or 0


def entry() -> None:  # pragma: no cover - console script shim
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
