"""``import``: file documents on a matter, one outcome per file."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from desktop_app.cli import textout
from desktop_app.cli.common import add_command, print_json, terminal_progress
from desktop_app.cli.opening import open_for_writing
from desktop_app.core.documents import Direction, Filing, Outcome
from desktop_app.core.serialize import to_plain
from desktop_app.errors import EXIT_BAD_INPUT, EXIT_LIBRARY, EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``import``."""
    imp = add_command(sub, "import", run_import, "file documents on a matter", json_flag=True)
    imp.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    imp.add_argument("paths", metavar="PATH", nargs="+", type=Path, help="files or folders")
    imp.add_argument(
        "--direction",
        choices=[d.value for d in Direction],
        default=Direction.UNKNOWN.value,
        help="which way the documents travelled (their attachments too; default: unknown)",
    )


def run_import(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """File documents on a matter; one outcome per file; exit 2 if any was quarantined."""
    from desktop_app.importing import import_files  # noqa: PLC0415 - readers load on demand

    library = open_for_writing(paths)
    try:
        outcomes = import_files(
            library,
            args.case,
            args.paths,
            getpass.getuser(),
            terminal_progress(),
            filing=Filing(direction=Direction(args.direction)),
        )
    finally:
        library.close()
    if args.json:
        print_json([to_plain(o) for o in outcomes])
    else:
        print(textout.outcomes_text(outcomes))
    if any(o.outcome is Outcome.FAILED for o in outcomes):
        return EXIT_LIBRARY
    refused = any(o.outcome in (Outcome.QUARANTINED, Outcome.NOT_READ) for o in outcomes)
    return EXIT_BAD_INPUT if refused else EXIT_OK
