"""The command line's entry: parse, run one command, turn its errors into exit codes.

Exit codes: 0 ok, 1 a bug, 2 bad input, 3 a library problem, 4 ``verify`` found a problem.
``--json`` prints one JSON document on stdout. Each command lives in its own module of this
package and registers itself in `build_parser`; a command opens the library, makes one service
call (or one read) and prints.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.cli import (
    annex,
    backups,
    coverage,
    filing,
    find,
    holidays,
    matter_file,
    matters,
    originals,
    paper,
    people,
    retention,
    screening,
    signing,
    voiding,
    window,
    withdrawing,
)
from desktop_app.cli.common import Handler
from desktop_app.cli.find import run_search
from desktop_app.errors import EXIT_OK, EXIT_PROBLEM, UserError
from desktop_app.logs import setup_logging
from desktop_app.paths import LibraryPaths, resolve_data_dir
from desktop_app.storage.errors import user_error

DESCRIPTION = "Compliance Desk: export-control matters, their correspondence and their memos."
COMMANDS = (
    window,
    matters,
    coverage,
    filing,
    paper,
    holidays,
    annex,
    matter_file,
    find,
    backups,
    retention,
    screening,
    people,
    originals,
    voiding,
    withdrawing,
    signing,
)

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = _parse(build_parser(), argv)
    try:
        paths = LibraryPaths(resolve_data_dir(args.data_dir, portable=args.portable))
    except UserError as exc:
        print(f"compliance-desk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    try:
        code = _run(args, paths)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`export CASE | head`): what is left of the output goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return code


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line; for ``search``, a word like ``-draft`` is an exclusion.

    argparse reads ``-draft`` as an option it does not know; for a search it is a query word.
    """
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "handler", None) is run_search and all(_excluding(e) for e in extra):
        args.query = [*args.query, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _excluding(word: str) -> bool:
    return word.startswith("-") and not word.startswith("--") and len(word) > 1


def _refused(args: argparse.Namespace, error: UserError) -> int:
    """Say why on standard error and, for ``--json``, as JSON on standard output too."""
    print(f"compliance-desk: {error.message}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"error": error.message, "exit_code": error.exit_code}))
    return error.exit_code


def _run(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Run the parsed command on the library in ``paths``; errors become exit codes."""
    handler: Handler = args.handler
    try:
        setup_logging(paths)
        return handler(args, paths)
    except UserError as exc:
        return _refused(args, exc)
    except sqlite3.Error as exc:
        known = user_error(exc, paths.database)
        if known is None:
            raise
        return _refused(args, known)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error, nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        log.exception("unexpected error in %s", args.command)
        print(
            "compliance-desk: an unexpected error occurred; details are in the log "
            f"folder {paths.logs}.",
            file=sys.stderr,
        )
        return EXIT_PROBLEM


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="compliance-desk", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"compliance-desk {__version__}")
    parser.add_argument("--data-dir", help="the library folder (default: per-user data folder)")
    parser.add_argument(
        "--portable",
        action="store_true",
        help="keep the library in data/ beside the packaged program (as portable.txt there does)",
    )
    parser.set_defaults(handler=window.run_gui, command="gui")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser
